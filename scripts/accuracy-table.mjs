// Measured accuracy table for the README: for each greek and backend, the worst ratio error / tolerance over every
// row of test/fixtures/bsm-greeks.csv (tolerance 1e-12 |ref| + 1e-12 scale, DESIGN.md section 2; <= 1 passes),
// plus the worst plain relative error where |ref| >= 1e-6 scale. Runs the built package: `npm run build` first.
// Usage: node scripts/accuracy-table.mjs
import { readFileSync } from 'node:fs';
import { createEngine, GREEKS } from '../dist/index.js';

const lines = readFileSync(new URL('../test/fixtures/bsm-greeks.csv', import.meta.url), 'utf8').trim().split('\n');
const head = lines[0].split(',');
const rows = lines.slice(1).map((l) => l.split(','));
const col = (name) => {
  const j = head.indexOf(name);
  return Float64Array.from(rows, (r) => (name === 'type' ? (r[j] === 'call' ? 1 : -1) : Number(r[j])));
};
const input = { type: col('type'), spot: col('S'), strike: col('K'), time: col('T'), vol: col('sigma'), rate: col('r'), dividend: col('q') };

const results = {};
for (const backend of ['wasm', 'js']) {
  const engine = await createEngine({ backend });
  const out = engine.greeks(input, { greeks: GREEKS });
  results[backend] = {};
  for (const g of GREEKS) {
    const ref = col(g);
    const scale = col(`scale_${g}`);
    let worst = 0;
    let worstRel = 0;
    for (let i = 0; i < rows.length; i++) {
      const err = Math.abs(out[g][i] - ref[i]);
      const ratio = err / (1e-12 * Math.abs(ref[i]) + 1e-12 * scale[i]);
      worst = Number.isNaN(ratio) ? Infinity : Math.max(worst, ratio);
      if (Math.abs(ref[i]) >= 1e-6 * scale[i]) worstRel = Math.max(worstRel, err / Math.abs(ref[i]));
    }
    results[backend][g] = { worst, worstRel };
  }
}

const fmt = (x) => (x === 0 ? '0' : x.toExponential(1));
console.log(`Accuracy on test/fixtures/bsm-greeks.csv (${rows.length} rows, 60-digit references), node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log('worst error / tolerance (must be <= 1); in brackets the worst relative error where |ref| >= 1e-6 scale\n');
console.log('| greek | wasm | js |');
console.log('|---|---:|---:|');
for (const g of GREEKS) {
  const w = results.wasm[g];
  const j = results.js[g];
  console.log(`| ${g} | ${fmt(w.worst)} (${fmt(w.worstRel)}) | ${fmt(j.worst)} (${fmt(j.worstRel)}) |`);
}
