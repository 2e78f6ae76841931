// Quick throughput probe for tuning the greeks kernel (the formal suite is `npm run bench`).
// Runs, in one process and interleaved: the plain-JS baseline (shared/tools/plain-js-baseline.cjs, loaded, not
// copied) and one or more builds of the kernel with inputs and outputs already in wasm memory. Random domain of
// issue 3. Prints medians (M options/s from process CPU time, single thread) and ratios to plain JS measured in the
// same run (W1 and W2 only: the baseline has no all-17 loop); with two or more builds also the speed ratio of each
// build to the first (per case, median of per-rep ratios; the builds' runs of a case follow each other) and the
// largest difference between their outputs (in units of the first build's value).
// With --surface it also runs greeksGrid (log(S/K) per strike, discount factors per expiry hoisted) on the same grid.
// Usage: node scripts/kernel-speed.mjs [reps=9] [n=1000000] [--surface] [--wasm=a.wasm,b.wasm,...] (default build/kernel.wasm)
import { createRequire } from 'node:module';
import { loadKernel } from './wasm-kernel.mjs';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const REPS = Number(args[0] ?? 9);
const N = Number(args[1] ?? 1_000_000);
const SURFACE = process.argv.includes('--surface');
const WASM_ARG = process.argv.find((a) => a.startsWith('--wasm='));
const FILES = WASM_ARG ? WASM_ARG.slice(7).split(',') : [new URL('../build/kernel.wasm', import.meta.url).pathname];
const BASELINE = process.env.PLAIN_JS_BASELINE ?? new URL('../../shared/tools/plain-js-baseline.cjs', import.meta.url).pathname; // ../shared beside the repo
const plain = createRequire(import.meta.url)(BASELINE);

// Deterministic inputs (mulberry32), the issue-3 domain: S U(50,150), K = S U(0.5,1.5), T 1 hour..3 years,
// vol 5%..150%, r 0..8%, q 0..4%, half calls.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GREEKS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'epsilon', 'vanna', 'charm', 'vomma', 'veta', 'speed', 'zomma', 'color', 'ultima', 'dualDelta', 'dualGamma'];
const W1 = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'];
const n = N;
const NK = 4000, NT = 50; // --surface grid: strikes x expiries

const rand = rng(20240501);
const jsIn = { S: new Float64Array(n), K: new Float64Array(n), T: new Float64Array(n), sigma: new Float64Array(n), r: new Float64Array(n), q: new Float64Array(n), isCall: new Uint8Array(n) };
function fillRandom() {
  for (let i = 0; i < n; i++) {
    const S = 50 + 100 * rand();
    jsIn.S[i] = S;
    jsIn.K[i] = S * (0.5 + rand());
    jsIn.T[i] = 1 / 8760 + (3 - 1 / 8760) * rand();
    jsIn.sigma[i] = 0.05 + 1.45 * rand();
    jsIn.r[i] = 0.08 * rand();
    jsIn.q[i] = 0.04 * rand();
    jsIn.isCall[i] = i & 1;
  }
}
// Surface: one spot, 4000 strikes x 50 expiries (0.01..2 y), a smile vol(k, T) = 0.18 + 0.3 k^2 / sqrt(T) - 0.1 k
function fillSurface() {
  const S = 7000;
  let i = 0;
  for (let e = 0; e < NT; e++) {
    const T = 0.01 + (2 - 0.01) * (e / 49) ** 2;
    for (let s = 0; s < NK; s++, i++) {
      const K = 3500 + (s * 7000) / 3999;
      const k = Math.log(K / S);
      jsIn.S[i] = S;
      jsIn.K[i] = K;
      jsIn.T[i] = T;
      jsIn.sigma[i] = 0.18 + (0.3 * k * k) / Math.sqrt(T) - 0.1 * k;
      jsIn.r[i] = 0.043;
      jsIn.q[i] = 0.013;
      jsIn.isCall[i] = K >= S ? 1 : 0;
    }
  }
}
if (SURFACE && n !== NK * NT) throw new Error('--surface needs n = 200000');
SURFACE ? fillSurface() : fillRandom();

/** One kernel build in its own instance, inputs copied in once; returns its timed cases and its output views. */
async function kernel(file) {
  const { ex, mem, alloc, f64 } = await loadKernel(file);
  const p = { type: alloc(8 * n), S: alloc(8 * n), K: alloc(8 * n), T: alloc(8 * n), vol: alloc(8 * n), r: alloc(8 * n), q: alloc(8 * n) };
  const pOutArr = Object.fromEntries(GREEKS.map((g) => [g, alloc(8 * n)]));
  const pTable = alloc(4 * 17);
  const pScratch = alloc(1 << 18);
  const g = SURFACE ? { type: alloc(8 * NK), K: alloc(8 * NK), T: alloc(8 * NT), r: alloc(8 * NT), q: alloc(8 * NT) } : null;
  const vw = (ptr, len = n) => f64(ptr, len); // after the last alloc: no growth below
  vw(p.S).set(jsIn.S); vw(p.K).set(jsIn.K); vw(p.T).set(jsIn.T); vw(p.vol).set(jsIn.sigma);
  vw(p.r).set(jsIn.r); vw(p.q).set(jsIn.q);
  const t = vw(p.type);
  for (let i = 0; i < n; i++) t[i] = jsIn.isCall[i] ? 1 : -1;
  if (SURFACE) { // grid entry: per-strike and per-expiry arrays, vols = the same matrix (row = expiry)
    vw(g.type, NK).set(t.subarray(0, NK));
    vw(g.K, NK).set(jsIn.K.subarray(0, NK));
    for (let e = 0; e < NT; e++) {
      vw(g.T, NT)[e] = jsIn.T[e * NK];
      vw(g.r, NT)[e] = jsIn.r[e * NK];
      vw(g.q, NT)[e] = jsIn.q[e * NK];
    }
  }
  const table = (list) => GREEKS.map((name) => (list.includes(name) ? pOutArr[name] : 0));
  const flat = (list) => {
    const ptrs = table(list);
    return () => {
      new Uint32Array(mem.buffer, pTable, 17).set(ptrs); // the output table of this case (shared slot)
      ex.greeks(n, p.type, p.S, p.K, p.T, p.vol, p.r, p.q, pTable, pScratch);
    };
  };
  const grid = (list) => {
    const ptrs = table(list);
    return () => {
      new Uint32Array(mem.buffer, pTable, 17).set(ptrs);
      ex.greeksGrid(NK, NT, jsIn.S[0], g.type, g.K, g.T, g.r, g.q, p.vol, pTable, pScratch);
    };
  };
  const cases = { W1: flat(W1), 'W2 (gamma)': flat(['gamma']), 'all 17': flat(GREEKS) };
  if (SURFACE) Object.assign(cases, { 'grid W1': grid(W1), 'grid W2 (gamma)': grid(['gamma']), 'grid all 17': grid(GREEKS) });
  return { cases, out: (name) => vw(pOutArr[name]) };
}

const builds = [];
for (const f of FILES) builds.push(await kernel(f));
const jsOut = Object.fromEntries(W1.map((name) => [name, new Float64Array(n)]));
const cases = { 'plain JS W1': () => plain.w1(jsIn, jsOut, 0, n), 'plain JS W2': () => plain.w2(jsIn, jsOut, 0, n) };
const label = (b, k) => (builds.length > 1 ? `wasm[${b}] ${k}` : `wasm ${k}`);
for (const k of Object.keys(builds[0].cases)) builds.forEach((bd, b) => { cases[label(b, k)] = bd.cases[k]; }); // a case's builds side by side
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const f of Object.values(cases)) f(); // warm-up
for (let rep = 0; rep < REPS; rep++) {
  const order = Object.entries(cases);
  if (rep & 1) order.reverse(); // alternate the order: no build always runs right after the same neighbour
  for (const [k, f] of order) {
    const c0 = process.cpuUsage(); // CPU time of this process: far less noisy than wall time on a shared machine
    f();
    const c = process.cpuUsage(c0);
    times[k].push((c.user + c.system) / 1e6);
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const mops = (k) => n / med(times[k]) / 1e6;
const base = { W1: mops('plain JS W1'), W2: mops('plain JS W2') };
console.log(`${SURFACE ? 'surface 4000 x 50' : 'random'} n=${n}, ${REPS} reps, node ${process.version}; builds: ${FILES.map((f, b) => `[${b}] ${f}`).join(', ')}`);
console.log(`| case | M options/s (median) | min | max | vs plain JS | CPU ms per call |${builds.length > 1 ? ' vs [0] |' : ''}`);
console.log(`|---|---:|---:|---:|---:|---:|${builds.length > 1 ? '---:|' : ''}`);
for (const k of Object.keys(cases)) {
  const ts = times[k];
  const ref = k.includes('W2') ? base.W2 : k.includes('W1') ? base.W1 : NaN; // no all-17 baseline
  const m = k.match(/^wasm\[(\d+)\] (.*)$/);
  // speed ratio to build [0]: the median over reps of that rep's ratio (the two ran next to each other, so drifts of
  // the machine's speed during the run cancel)
  const vs0 = m && m[1] !== '0' ? ` ${med(ts.map((t, r) => times[label(0, m[2])][r] / t)).toFixed(3)} |` : builds.length > 1 ? ' |' : '';
  console.log(`| ${k} | ${mops(k).toFixed(1)} | ${(n / Math.max(...ts) / 1e6).toFixed(1)} | ${(n / Math.min(...ts) / 1e6).toFixed(1)} | ${Number.isNaN(ref) ? '—' : `${(mops(k) / ref).toFixed(2)}x`} | ${(med(ts) * 1e3).toFixed(2)} |${vs0}`);
}
// Output agreement with build [0] (after the all-17 case, the last flat call of each build: every output is fresh).
if (builds.length > 1) {
  for (const bd of builds) bd.cases['all 17']();
  for (let b = 1; b < builds.length; b++) {
    const diffs = GREEKS.map((name) => {
      const a = builds[0].out(name), c = builds[b].out(name);
      let worst = 0, nbits = 0;
      for (let i = 0; i < n; i++) {
        if (Object.is(a[i], c[i])) continue;
        nbits++;
        worst = Math.max(worst, Math.abs(a[i] - c[i]) / Math.max(Math.abs(a[i]), 1e-300));
      }
      return `${name} ${nbits ? `${nbits} differ, max rel ${worst.toExponential(1)}` : 'identical'}`;
    });
    console.log(`[${b}] vs [0]: ${diffs.join('; ')}`);
  }
}
