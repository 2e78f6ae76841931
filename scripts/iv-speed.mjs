// Quick throughput probe for tuning the implied-volatility kernel (the formal suite is `npm run bench`).
// Interleaves, in one process: the plain-JS safeguarded Newton baseline (bench/baselines/newton-iv.mjs) and
// one or more builds of the kernel (wasm files given on the command line), inputs already in wasm memory.
// Moderate domain of issue 4 (bench/workloads.mjs ivOptions). Prints median M vols/s and ratios to Newton
// measured in the same round, plus the worst err/tol against the true vols.
// Usage: node scripts/iv-speed.mjs [--rounds=15] [--n=20000] [--wall] build/kernel.wasm [other.wasm ...]
import { newtonImpliedVol } from '../bench/baselines/newton-iv.mjs';
import * as plain from '../bench/baselines/plain-js.mjs';
import { ivOptions } from '../bench/workloads.mjs';
import { loadKernel } from './wasm-kernel.mjs';

const opt = Object.fromEntries(process.argv.slice(2).filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')));
const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const ROUNDS = Number(opt.rounds ?? 15), N = Number(opt.n ?? 20000);
const inp = ivOptions(N, plain.price);
const FIELDS = ['type', 'price', 'spot', 'strike', 'time', 'rate', 'dividend'];

async function load(file) {
  const { ex, mem, alloc, f64 } = await loadKernel(file);
  const p = Object.fromEntries(FIELDS.map((f) => [f, alloc(8 * N)]));
  const pVol = alloc(8 * N), pStatus = alloc(N), pScratch = alloc(1 << 18);
  for (const f of FIELDS) f64(p[f], N).set(inp[f]);
  const run = () => ex.impliedVol(N, p.type, p.price, p.spot, p.strike, p.time, p.rate, p.dividend, pVol, pStatus, pScratch);
  return { name: file, run, vol: () => f64(pVol, N) };
}

const out = new Float64Array(N);
const newton = { name: 'newton', run() { for (let i = 0; i < N; i++) out[i] = newtonImpliedVol(inp.type[i], inp.price[i], inp.spot[i], inp.strike[i], inp.time[i], inp.rate[i], inp.dividend[i]); }, vol: () => out };
const variants = [newton, ...(await Promise.all(files.map(load)))];
// CPU time of this process (user + system) by default: on a loaded shared machine wall time counts the time the
// scheduler gives to others; --wall for wall time.
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
const clock = opt.wall !== undefined ? () => performance.now() : cpuMs;
const time = (v) => { const t0 = clock(); v.run(); return clock() - t0; };
for (const v of variants) for (let w = 0; w < 5; w++) time(v);
const samples = variants.map(() => []);
for (let r = 0; r < ROUNDS; r++) {
  const order = r & 1 ? [...variants.keys()].reverse() : [...variants.keys()];
  for (const k of order) samples[k].push(time(variants[k]));
}
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
for (let k = 0; k < variants.length; k++) {
  const v = variants[k], vol = v.vol();
  let worst = 0;
  for (let i = 0; i < N; i++) {
    const e = Math.abs(vol[i] - inp.trueVol[i]) / inp.trueVol[i];
    if (Number.isFinite(e) && e > worst) worst = e;
  }
  const ms = med(samples[k]);
  const ratios = samples[k].map((s, r) => samples[0][r] / s);
  const q = [...ratios].sort((a, b) => a - b);
  const rel = k > 1 ? ` vs #1 ${(med(samples[1].map((s, r) => s / samples[k][r]))).toFixed(3)}x` : '';
  console.log(`${v.name.padEnd(28)} ${(N / ms / 1e3).toFixed(2)} M/s  ${(1e6 * ms / N).toFixed(0)} ns  x Newton ${med(ratios).toFixed(2)} [${q[0].toFixed(2)}..${q[q.length - 1].toFixed(2)}]${rel}  max rel err ${worst.toExponential(1)}`);
}
