// Implied volatility on the issue-4 moderate domain: engine.impliedVol (wasm and js) against the plain-JS
// safeguarded Newton baseline, timed in the same run. Accuracy uses the DESIGN.md section 2 rule
// |sigma_hat - sigma| <= 1e-12 sigma (1 + cond), cond = price / (sigma vega), on rows whose price is above the
// discounted intrinsic value in double precision (below it the vol is not identifiable and NaN is right).
import { newtonImpliedVol } from '../baselines/newton-iv.mjs';
import * as plain from '../baselines/plain-js.mjs';
import { attachResults, makeFiniteSink, repsFor, runGroup } from '../measure.mjs';
import { ivOptions } from '../workloads.mjs';

const INV_SQRT_2PI = 0.3989422804014327;

function conditioning(inp) {
  const { n, type, price, spot: S, strike: K, time: T, rate: r, dividend: q, trueVol: v } = inp;
  const cond = new Float64Array(n), identifiable = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const sst = v[i] * Math.sqrt(T[i]);
    const d1 = (Math.log(S[i] / K[i]) + (r[i] - q[i] + 0.5 * v[i] * v[i]) * T[i]) / sst;
    const Dq = Math.exp(-q[i] * T[i]), Dr = Math.exp(-r[i] * T[i]);
    const vega = S[i] * Dq * Math.exp(-0.5 * d1 * d1) * INV_SQRT_2PI * Math.sqrt(T[i]);
    cond[i] = price[i] / (v[i] * vega);
    identifiable[i] = price[i] > Math.max(0, type[i] * (S[i] * Dq - K[i] * Dr)) ? 1 : 0;
  }
  return { cond, identifiable };
}

function accuracy(vol, inp, c) {
  let within = 0, rows = 0, nan = 0, worst = 0;
  for (let i = 0; i < inp.n; i++) {
    if (!c.identifiable[i]) continue;
    rows++;
    if (Number.isNaN(vol[i])) { nan++; continue; }
    const ratio = Math.abs(vol[i] - inp.trueVol[i]) / (1e-12 * inp.trueVol[i] * (1 + c.cond[i]));
    if (ratio <= 1) within++;
    if (!(ratio <= worst)) worst = ratio;
  }
  return { rowsChecked: rows, withinRule: within, nanRows: nan, worstErrOverTol: worst };
}

/** engine.impliedVol on the batch; with `preallocated`, into output arrays allocated once (options.out). */
function engineIv(engine, inp, reps, preallocated = false) {
  const { n, type, price, spot, strike, time, rate, dividend } = inp;
  const fields = { type, price, spot, strike, time, rate, dividend };
  const options = preallocated ? { out: { vol: new Float64Array(n), status: new Uint8Array(n) } } : {};
  const sink = makeFiniteSink(); // NaN is a legitimate IV output (unidentifiable rows)
  let last;
  return {
    sink,
    fn() {
      for (let r = 0; r < reps; r++) {
        last = engine.impliedVol(fields, options);
        sink.add(last.vol, n);
      }
    },
    outputs: () => last.vol,
  };
}

/** engine.impliedVolBatch: inputs, vol and status in engine memory, solved in place (the zero-copy path). */
function engineIvBatch(engine, inp, reps) {
  const b = engine.impliedVolBatch(inp.n);
  for (const f of ['type', 'price', 'spot', 'strike', 'time', 'rate', 'dividend']) b[f].set(inp[f]);
  const sink = makeFiniteSink();
  return {
    sink,
    fn() {
      for (let r = 0; r < reps; r++) {
        b.run();
        sink.add(b.vol, inp.n);
      }
    },
    outputs: () => b.vol,
  };
}

/**
 * The Newton baseline over the batch, into one output array allocated once, or with `fresh` into a new array per call
 * as engine.impliedVol without `out` does (then paying the same page faults for fresh memory).
 */
function newton(inp, reps, fresh = false) {
  const { n, type, price, spot, strike, time, rate, dividend } = inp;
  const sink = makeFiniteSink();
  let vol = new Float64Array(n);
  return {
    sink,
    fn() {
      for (let r = 0; r < reps; r++) {
        if (fresh) vol = new Float64Array(n);
        for (let i = 0; i < n; i++) vol[i] = newtonImpliedVol(type[i], price[i], spot[i], strike[i], time[i], rate[i], dividend[i]);
        sink.add(vol, n);
      }
    },
    outputs: () => vol,
  };
}

export async function ivSection(engines, cfg, log) {
  const n = cfg.ivSize;
  const inp = ivOptions(n, plain.price);
  const c = conditioning(inp);
  const variants = [
    { id: 'wasm-iv', label: 'wasm engine.impliedVol (allocating)', engine: engines.wasm, make: (r) => engineIv(engines.wasm, inp, r) },
    { id: 'wasm-iv-out', label: 'wasm engine.impliedVol (preallocated out)', engine: engines.wasm, make: (r) => engineIv(engines.wasm, inp, r, true) },
    { id: 'wasm-iv-zero', label: 'wasm zero-copy (engine.impliedVolBatch)', engine: engines.wasm, make: (r) => engineIvBatch(engines.wasm, inp, r) },
    { id: 'js-iv', label: 'js backend engine.impliedVol', engine: engines.js, make: (r) => engineIv(engines.js, inp, r) },
    { id: 'newton-iv', label: 'plain-JS safeguarded Newton (baseline)', make: (r) => newton(inp, r) },
    { id: 'newton-iv-fresh', label: 'plain-JS safeguarded Newton, fresh output array per call', make: (r) => newton(inp, r, true) },
  ];
  const rows = [], tasks = [];
  const reps = repsFor(n, cfg.minOptionsPerSample / 10); // IV costs about 10x a W1 option
  for (const v of variants) {
    const row = { section: 'iv', workload: 'implied vol', n, variant: v.id, label: v.label, repsPerSample: reps };
    rows.push(row);
    if (v.engine?.error) { row.error = `engine unavailable: ${v.engine.error}`; continue; }
    try {
      const inst = v.make(reps);
      inst.fn();
      row.check = accuracy(inst.outputs(), inp, c);
      tasks.push({ id: v.id, options: n, reps, fn: inst.fn, sink: inst.sink });
    } catch (e) {
      row.error = String(e?.message ?? e);
    }
  }
  const res = await runGroup(tasks, cfg);
  attachResults(rows, res, 'newton-iv', 'vsBaseline');
  attachResults(rows, res, 'newton-iv-fresh', 'vsFreshBaseline');
  log?.(rows);
  return rows;
}
