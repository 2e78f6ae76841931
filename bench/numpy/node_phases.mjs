// Phase times of what `gammawall gex FILE --json` does, in one fresh Node process (cold, as the CLI runs):
// the same library calls as src/cli/gex.ts (readChain, createEngine, analyzeChain with profilePoints 801, the
// JSON of JSON_REPORT_KEYS), timed with performance.now(), for the breakdown beside gex_numpy.py --timings.
// Usage: node bench/numpy/node_phases.mjs FILE [DIST]   (DIST: a built dist/, default this repository's dist/)
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [file, dist = new URL('../../dist', import.meta.url).pathname] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/numpy/node_phases.mjs FILE [DIST]\n');
  process.exit(2);
}
const t0 = performance.now();
const lib = await import(pathToFileURL(resolve(dist, 'index.js')).href);
const t1 = performance.now();
const text = await readFile(file, 'utf8');
const chain = lib.readChain(text, { source: file });
const t2 = performance.now();
const engine = await lib.createEngine();
const t3 = performance.now();
const report = lib.analyzeChain(engine, chain, { profilePoints: 801 });
const t4 = performance.now();
const out = {};
for (const k of lib.JSON_REPORT_KEYS) out[k] = report[k];
const json = JSON.stringify(out);
const t5 = performance.now();
if (json.length === 0) throw new Error('empty report');
const ms = (a, b) => (b - a).toFixed(1);
process.stderr.write(`import ${ms(t0, t1)} ms, read+parse ${ms(t1, t2)} ms, engine ${ms(t2, t3)} ms, ` +
  `analyze ${ms(t3, t4)} ms, json ${ms(t4, t5)} ms; total ${ms(t0, t5)} ms (process start to import: ` +
  `${t0.toFixed(1)} ms)\n`);
