// Checks the plain-JS baseline (all 17 quantities, and W1/W2 on the same rows) against the 60-digit reference
// values, so the bench compares against a correct loop. Prints, per greek, how many rows meet the tolerance rule
// |x - ref| <= 1e-12 |ref| + 1e-12 scale and the worst error / tolerance. Exit code 1 if any greek misses by more
// than 1e4 x the tolerance (1e-8 relative to scale: a wrong formula misses by O(1), a closed form loses at most a
// few digits to cancellation on the extreme hand-picked rows).
// Usage: node bench/baselines/verify.mjs [path/to/bsm-greeks.csv]
import { readFileSync } from 'node:fs';
import { all17, w1, w2 } from './plain-js.mjs';

const GREEKS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'epsilon', 'vanna', 'charm',
  'vomma', 'veta', 'speed', 'zomma', 'color', 'ultima', 'dualDelta', 'dualGamma'];
const W1 = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'];
const GROSS = 1e4; // see the header comment

const file = process.argv[2] ?? new URL('../../test/fixtures/bsm-greeks.csv', import.meta.url);
let text;
try {
  text = readFileSync(file, 'utf8');
} catch (e) {
  console.error(`cannot read ${file} (${e.message}); pass the path of bsm-greeks.csv`);
  process.exit(2);
}
const lines = text.trim().split('\n');
const head = lines[0].split(',');
const col = (name) => head.indexOf(name);
const rows = lines.slice(1).map((l) => l.split(','));
const n = rows.length;
const f64 = (name) => Float64Array.from(rows, (r) => Number(r[col(name)]));
const inp = {
  type: Float64Array.from(rows, (r) => (r[col('type')] === 'call' ? 1 : -1)),
  spot: f64('S'), strike: f64('K'), time: f64('T'), vol: f64('sigma'), rate: f64('r'), dividend: f64('q'),
};
const alloc = (names) => Object.fromEntries(names.map((g) => [g, new Float64Array(n)]));
const o17 = alloc(GREEKS), o1 = alloc(W1), o2 = alloc(['gamma']);
all17(inp, o17, n);
w1(inp, o1, n);
w2(inp, o2, n);

let bad = false;
const report = (label, name, got) => {
  const ref = f64(name), scale = f64(`scale_${name}`);
  let ok = 0, worst = 0, worstRow = -1, skipped = 0;
  for (let i = 0; i < n; i++) {
    if (inp.time[i] === 0) { skipped++; continue; } // the baseline has no T = 0 limit
    const tol = 1e-12 * Math.abs(ref[i]) + 1e-12 * scale[i];
    const ratio = Math.abs(got[i] - ref[i]) / tol;
    if (ratio <= 1) ok++;
    if (!(ratio <= worst)) { worst = ratio; worstRow = i; }
  }
  if (!(worst <= GROSS)) bad = true;
  console.log(`${label.padEnd(6)} ${name.padEnd(10)} within rule ${ok}/${n - skipped}  worst err/tol ${worst.toPrecision(3)} (row id ${rows[worstRow]?.[0]})`);
};
for (const g of GREEKS) report('all17', g, o17[g]);
for (const g of W1) report('W1', g, o1[g]);
report('W2', 'gamma', o2.gamma);
if (bad) {
  console.log(`FAIL: some greek misses the reference by more than ${GROSS} x the tolerance`);
  process.exit(1);
}
