// The implementations compared on the greeks workloads (W1, W2, all 17, surface). Each variant's setup runs outside
// the timed code and returns { fn, sink, outputs(), teardown(), options, note }: fn does `reps` calls and adds a
// few outputs of each to its sink; outputs() returns what the last call wrote (for the agreement check).
import { createRequire } from 'node:module';
import * as plain from './baselines/plain-js.mjs';
import { makeSink } from './measure.mjs';
import { SURFACE, withoutDividend } from './workloads.mjs';

const require = createRequire(import.meta.url);

export const W1_GREEKS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'];
export const ALL_GREEKS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'epsilon', 'vanna', 'charm',
  'vomma', 'veta', 'speed', 'zomma', 'color', 'ultima', 'dualDelta', 'dualGamma'];

export const WORKLOADS = {
  W1: { greeks: W1_GREEKS, label: 'W1: price, delta, gamma, vega, theta, rho', plain: plain.w1 },
  W2: { greeks: ['gamma'], label: 'W2: gamma only', plain: plain.w2 },
  all17: { greeks: ALL_GREEKS, label: 'all 17 quantities', plain: plain.all17 },
};

const INPUTS = ['type', 'spot', 'strike', 'time', 'vol', 'rate', 'dividend'];
const alloc = (greeks, n) => Object.fromEntries(greeks.map((g) => [g, new Float64Array(n)]));

/** Every input as a full array (the plain loop and the zero-copy batch index arrays; the engine call broadcasts). */
export function expand(inp) {
  const out = { n: inp.n };
  for (const k of INPUTS) {
    out[k] = typeof inp[k] === 'number' ? new Float64Array(inp.n).fill(inp[k]) : inp[k];
  }
  return out;
}

function engineBatch(engine, greeks, inp, reps) {
  const n = inp.n;
  const b = engine.batch(n, greeks);
  const full = expand(inp);
  for (const k of INPUTS) b[k].set(full[k]);
  const sink = makeSink(), g0 = greeks[0];
  return {
    sink,
    fn() {
      for (let r = 0; r < reps; r++) {
        b.run();
        sink.add(b.out[g0], n);
      }
    },
    outputs: () => b.out,
    teardown: () => b.free(),
  };
}

/** A variant whose every rep calls `call()`, which returns fresh outputs; the first greek feeds the checksum. */
function freshEachCall(call, g0, n, reps) {
  const sink = makeSink();
  let last;
  return {
    sink,
    fn() {
      for (let r = 0; r < reps; r++) {
        last = call();
        sink.add(last[g0], n);
      }
    },
    outputs: () => last ?? call(),
  };
}

function engineCall(engine, greeks, inp, reps) {
  const fields = {}, opts = { greeks };
  for (const k of INPUTS) fields[k] = inp[k];
  // the ordinary call: allocates its outputs, copies through the arena
  return freshEachCall(() => engine.greeks(fields, opts), greeks[0], inp.n, reps);
}

// engine.greeks writing into output arrays the caller allocated once (inputs still staged through the arena):
// between the allocating call and the zero-copy batch, it shows what output allocation costs.
function engineCallInto(engine, greeks, inp, reps) {
  const n = inp.n, fields = {};
  for (const k of INPUTS) fields[k] = inp[k];
  const out = alloc(greeks, n), opts = { greeks, out }, sink = makeSink(), g0 = greeks[0];
  return {
    sink,
    fn() {
      for (let r = 0; r < reps; r++) {
        engine.greeks(fields, opts);
        sink.add(out[g0], n);
      }
    },
    outputs: () => out,
  };
}

// engine.greeksGrid on the surface: per-strike log(S/K) and per-expiry sqrt(T) and discount factors computed once.
function engineGrid(engine, greeks, inp, reps) {
  const nK = SURFACE.strikes, nT = SURFACE.expiries; // the surface is expiry-major: row = expiry * nK + strike
  const time = Float64Array.from({ length: nT }, (_, t) => inp.time[t * nK]);
  const fields = { spot: inp.spot, type: inp.type.subarray(0, nK), strike: inp.strike.subarray(0, nK), time, vol: inp.vol, rate: inp.rate, dividend: inp.dividend };
  const opts = { greeks };
  return freshEachCall(() => engine.greeksGrid(fields, opts), greeks[0], inp.n, reps);
}

// The same plain-JS loop written as a function that returns fresh output arrays, like engine.greeks does: the
// like-for-like partner of the allocating engine call (fresh 8 MB arrays cost page faults on this machine).
function plainLoopAlloc(kernel, greeks, inp, reps) {
  const n = inp.n, full = expand(inp);
  const call = () => {
    const out = alloc(greeks, n);
    kernel(full, out, n);
    return out;
  };
  return freshEachCall(call, greeks[0], n, reps);
}

function plainLoop(kernel, greeks, inp, reps) {
  const n = inp.n, full = expand(inp), out = alloc(greeks, n); // the workload's kernel writes exactly these
  const sink = makeSink(), g0 = greeks[0];
  return {
    sink,
    fn() {
      for (let r = 0; r < reps; r++) {
        kernel(full, out, n);
        sink.add(out[g0], n);
      }
    },
    outputs: () => out,
  };
}

// @uqee/black-scholes 1.0.7: one object per option; default 'single' precision (A&S 26.2.17 CDF), no dividend.
// Its theta is dV/dT, so it is negated to the DESIGN.md convention (-dV/dT); its other greeks are natural units.
function uqee(greeks, inp, reps) {
  const { BlackScholes } = require('@uqee/black-scholes');
  const bs = new BlackScholes();
  const n = inp.n, full = expand(inp), out = alloc(greeks, n), sink = makeSink();
  const { type, spot, strike, time, vol, rate } = full;
  const gammaOnly = greeks.length === 1;
  const arg = { rate: 0, sigma: 0, strike: 0, time: 0, type: 'call', underlying: 0 };
  return {
    sink,
    fn() {
      for (let r = 0; r < reps; r++) {
        for (let i = 0; i < n; i++) {
          arg.rate = rate[i]; arg.sigma = vol[i]; arg.strike = strike[i]; arg.time = time[i];
          arg.type = type[i] > 0 ? 'call' : 'put'; arg.underlying = spot[i];
          const o = bs.option(arg);
          out.gamma[i] = o.gamma;
          if (!gammaOnly) {
            out.price[i] = o.price; out.delta[i] = o.delta; out.vega[i] = o.vega; out.theta[i] = -o.theta; out.rho[i] = o.rho;
          }
        }
        sink.add(out[greeks[0]], n);
      }
    },
    outputs: () => out,
  };
}

// greeks 1.0.0 (with its dependency black-scholes 1.1.0 for the price): one function call per greek, no dividend.
// Its defaults are desk units (vega per 1%, theta per day, rho per 1%): scale 1 / x100 give natural units.
function npmGreeks(greeks, inp, reps) {
  const g = require('greeks');
  const bs = createRequire(require.resolve('greeks'))('black-scholes');
  const n = inp.n, full = expand(inp), out = alloc(greeks, n), sink = makeSink();
  const { type, spot, strike, time, vol, rate } = full;
  const gammaOnly = greeks.length === 1;
  return {
    sink,
    fn() {
      for (let r = 0; r < reps; r++) {
        for (let i = 0; i < n; i++) {
          const s = spot[i], k = strike[i], t = time[i], v = vol[i], rr = rate[i];
          out.gamma[i] = g.getGamma(s, k, t, v, rr);
          if (!gammaOnly) {
            const cp = type[i] > 0 ? 'call' : 'put';
            out.price[i] = bs.blackScholes(s, k, t, v, rr, cp);
            out.delta[i] = g.getDelta(s, k, t, v, rr, cp);
            out.vega[i] = g.getVega(s, k, t, v, rr) * 100;
            out.theta[i] = g.getTheta(s, k, t, v, rr, cp, 1);
            out.rho[i] = g.getRho(s, k, t, v, rr, cp, 1);
          }
        }
        sink.add(out[greeks[0]], n);
      }
    },
    outputs: () => out,
  };
}

/**
 * The variants for a greeks workload. `engines` = { wasm, js } (either may be an { error } placeholder).
 * Each entry: { id, label, noDividend?, maxOptions?, make(inp, reps) }.
 */
export function greeksVariants(wl, engines, { npm = true } = {}) {
  const { greeks, plain: kernel } = WORKLOADS[wl] ?? wl;
  const v = [
    { id: 'wasm-batch', label: 'wasm zero-copy (engine.batch)', engine: engines.wasm, make: (inp, reps) => engineBatch(engines.wasm, greeks, inp, reps) },
    { id: 'wasm-call', label: 'wasm engine.greeks (allocating)', engine: engines.wasm, make: (inp, reps) => engineCall(engines.wasm, greeks, inp, reps) },
    { id: 'wasm-call-out', label: 'wasm engine.greeks (preallocated out)', engine: engines.wasm, make: (inp, reps) => engineCallInto(engines.wasm, greeks, inp, reps) },
    { id: 'js-call', label: 'js backend engine.greeks', engine: engines.js, make: (inp, reps) => engineCall(engines.js, greeks, inp, reps) },
    { id: 'plain-js', label: 'plain JS loop (baseline)', make: (inp, reps) => plainLoop(kernel, greeks, inp, reps) },
    { id: 'plain-js-alloc', label: 'plain JS loop returning fresh arrays', make: (inp, reps) => plainLoopAlloc(kernel, greeks, inp, reps) },
  ];
  if (npm && (wl === 'W1' || wl === 'W2')) {
    v.push({ id: 'npm-uqee', label: '@uqee/black-scholes 1.0.7', noDividend: true, make: (inp, reps) => uqee(greeks, inp, reps) });
    // greeks W1 runs at about 27 k options/s (shared/notes/perf.md): timed on a prefix, throughput scaled
    v.push({ id: 'npm-greeks', label: 'greeks 1.0.0', noDividend: true, maxOptions: wl === 'W1' ? 1000 : undefined, make: (inp, reps) => npmGreeks(greeks, inp, reps) });
  }
  return v;
}

/** The surface variants: the greeks variants plus the grid entry point. */
export function surfaceVariants(wl, engines) {
  const v = greeksVariants(wl, engines, { npm: false });
  v.splice(1, 0, { id: 'wasm-grid', label: 'wasm engine.greeksGrid (allocating)', engine: engines.wasm, make: (inp, reps) => engineGrid(engines.wasm, wl.greeks, inp, reps) });
  return v;
}

/** The inputs a variant sees: q = 0 for the packages without a dividend yield. */
export function inputsFor(variant, inp) {
  return variant.noDividend ? withoutDividend(expand(inp)) : inp;
}
