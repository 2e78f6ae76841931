// Child process of the fresh-memory section (bench/sections/alloc.mjs). At one n, interleaved rounds of four of the
// greeks variants (bench/variants.mjs): the plain-JS loop into preallocated arrays (the baseline), the same loop
// returning fresh arrays, engine.greeks allocating its outputs, engine.greeks into preallocated `out` arrays; W1 and
// W2. Each variant runs once untimed first (compilation, and the first touch of arrays allocated once). Prints one
// JSON line: per variant the median ms per call and the minor page faults per call. The parent runs it under
// different glibc malloc settings (environment), which a process cannot change for itself once started.
import { createEngine } from '../dist/index.js';
import { stats } from './measure.mjs';
import { greeksVariants } from './variants.mjs';
import { prefix, randomOptions } from './workloads.mjs';

const IDS = ['plain-js', 'plain-js-alloc', 'wasm-call', 'wasm-call-out'];
const [n, rounds] = process.argv.slice(2).map(Number);
const engine = await createEngine({ backend: 'wasm' });
const inp = prefix(randomOptions(1e6), n);
const variants = [];
for (const w of ['W1', 'W2']) {
  for (const v of greeksVariants(w, { wasm: engine }, { npm: false }).filter((x) => IDS.includes(x.id))) {
    const inst = v.make(inp, 1);
    inst.fn();
    variants.push({ workload: w, id: v.id, label: v.label, inst, ms: [], faults: 0 });
  }
}
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < variants.length; k++) {
    const v = variants[(k + r) % variants.length]; // rotated order each round
    const f0 = process.resourceUsage().minorPageFault, t0 = performance.now();
    v.inst.fn();
    v.ms.push(performance.now() - t0);
    v.faults += process.resourceUsage().minorPageFault - f0;
  }
}
console.log(JSON.stringify({
  n, rounds, sink: variants.every((v) => Number.isFinite(v.inst.sink.sum)),
  rows: variants.map((v) => ({ workload: v.workload, variant: v.id, label: v.label, medianMs: stats(v.ms).median, minMs: Math.min(...v.ms), faultsPerCall: v.faults / rounds })),
}));
