// Child process of the fresh-memory section (bench/sections/alloc.mjs). At one n, interleaved rounds of: the
// plain-JS loop into preallocated arrays (the baseline), the same loop returning fresh arrays, engine.greeks
// allocating its outputs, and engine.greeks into preallocated `out` arrays; W1 and W2. Prints one JSON line:
// per variant the median ms per call and the minor page faults per call. The parent runs it under different
// glibc malloc settings (environment), which a process cannot change for itself once started.
import { createEngine } from '../dist/index.js';
import * as plain from './baselines/plain-js.mjs';
import { prefix, randomOptions } from './workloads.mjs';

const [n, rounds] = process.argv.slice(2).map(Number);
const WORKLOADS = { W1: ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'], W2: ['gamma'] };
const engine = await createEngine({ backend: 'wasm' });
const inp = prefix(randomOptions(1e6), n);
const fresh = (names) => Object.fromEntries(names.map((g) => [g, new Float64Array(n)]));
let sink = 0;
const variants = [];
for (const [w, names] of Object.entries(WORKLOADS)) {
  const kernel = plain[w.toLowerCase()], pre = fresh(names), preOut = fresh(names);
  variants.push(
    { workload: w, id: 'plain-js', run: () => { kernel(inp, pre, n); return pre; } },
    { workload: w, id: 'plain-js-alloc', run: () => { const o = fresh(names); kernel(inp, o, n); return o; } },
    { workload: w, id: 'wasm-call', run: () => engine.greeks(inp, { greeks: names }) },
    { workload: w, id: 'wasm-call-out', run: () => engine.greeks(inp, { greeks: names, out: preOut }) },
  );
}
const ms = variants.map(() => []), faults = variants.map(() => 0);
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < variants.length; k++) {
    const v = variants[(k + r) % variants.length], j = variants.indexOf(v); // rotated order each round
    const f0 = process.resourceUsage().minorPageFault, t0 = performance.now();
    const o = v.run();
    ms[j].push(performance.now() - t0);
    faults[j] += process.resourceUsage().minorPageFault - f0;
    sink += o.gamma[n >> 1];
  }
}
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
console.log(JSON.stringify({
  n, rounds, sink: Number.isFinite(sink),
  rows: variants.map((v, j) => ({ workload: v.workload, variant: v.id, medianMs: median(ms[j]), minMs: Math.min(...ms[j]), faultsPerCall: faults[j] / rounds })),
}));
