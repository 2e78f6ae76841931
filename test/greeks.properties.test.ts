// Properties of the greeks kernel (fast-check, fixed seeds): the wasm kernel equals its TS twin bit for bit,
// finance identities (put-call parity, call gamma = put gamma, dualGamma K^2 = gamma S^2), bounds and
// monotonicity, every greek against finite differences of a lower one, and batch = sub-batch for odd lengths.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, GREEKS, type GreekName } from '../src/index.js';
import type { Engine } from '../src/engine/engine.js';

type Opt = { type: number; S: number; K: number; T: number; sigma: number; r: number; q: number };
type Out = Record<GreekName, Float64Array>;

function run(engine: Engine, opts: readonly Opt[], greeks: readonly GreekName[] = GREEKS): Out {
  const col = (k: keyof Opt) => Float64Array.from(opts, (o) => o[k]);
  return engine.greeks(
    { type: col('type'), spot: col('S'), strike: col('K'), time: col('T'), vol: col('sigma'), rate: col('r'), dividend: col('q') },
    { greeks },
  ) as Out;
}

const f = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const logU = (min: number, max: number) => f(Math.log(min), Math.log(max)).map(Math.exp);

/** Wide domain: S 0.01..1e6, K/S 0.01..100, T 1 second..50 years, sigma 0.1%..1000%, r -5%..20%, q 0..20%. */
const wideOpt = fc.record({
  type: fc.constantFrom(1, -1),
  S: logU(0.01, 1e6),
  K: logU(0.01, 100),
  T: logU(1 / 31_536_000, 50),
  sigma: logU(0.001, 10),
  r: f(-0.05, 0.2),
  q: f(0, 0.2),
}).map((o) => ({ ...o, K: o.S * o.K }));

/** Moderate domain where finite differences are well conditioned. */
const modOpt = fc.record({
  type: fc.constantFrom(1, -1),
  S: f(50, 150),
  K: f(0.7, 1.4),
  T: f(0.1, 2),
  sigma: f(0.1, 0.6),
  r: f(0, 0.08),
  q: f(0, 0.04),
}).map((o) => ({ ...o, K: o.S * o.K }));

const RUNS = { seed: 20261125, numRuns: 200 };

describe('wasm kernel equals its TypeScript twin', () => {
  let wasm: Engine;
  let js: Engine;
  beforeAll(async () => {
    wasm = await createEngine({ backend: 'wasm' });
    js = await createEngine({ backend: 'js' });
  });

  // Same polynomials and operation order, IEEE f64 without FMA in both: identical bits (NaN compared as NaN).
  it('bit-identical on all 17 values over a wide domain, odd and even batch lengths', () => {
    fc.assert(
      fc.property(fc.array(wideOpt, { minLength: 1, maxLength: 41 }), (opts) => {
        const a = run(wasm, opts);
        const b = run(js, opts);
        for (const g of GREEKS) {
          for (let i = 0; i < opts.length; i++) {
            if (!Object.is(a[g][i], b[g][i])) {
              throw new Error(`${g}[${i}] ${JSON.stringify(opts[i])}: wasm ${a[g][i]} js ${b[g][i]}`);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('bit-identical with degenerate and invalid rows mixed in', () => {
    const special = fc.record({
      type: fc.constantFrom(1, -1, 0, NaN),
      S: fc.constantFrom(100, 0, -1, NaN, Infinity, 5e-324),
      K: fc.constantFrom(100, 95, 0, NaN, 1e-300),
      T: fc.constantFrom(0, 1e-310, 1e-12, 0.5, -1, NaN),
      sigma: fc.constantFrom(0, 1e-320, 1e-8, 0.3, 50, -0.1),
      r: fc.constantFrom(0, 0.05, -0.02, Infinity),
      q: fc.constantFrom(0, 0.03, NaN),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(wideOpt, special), { minLength: 1, maxLength: 33 }), (opts) => {
        const a = run(wasm, opts);
        const b = run(js, opts);
        for (const g of GREEKS) {
          for (let i = 0; i < opts.length; i++) {
            if (!Object.is(a[g][i], b[g][i])) throw new Error(`${g}[${i}] ${JSON.stringify(opts[i])}: wasm ${a[g][i]} js ${b[g][i]}`);
          }
        }
      }),
      RUNS,
    );
  });
});

describe.each(['wasm', 'js'] as const)('properties (%s)', (backend) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ backend });
  });

  // Each price carries a few ulps of S e^{-qT} + K e^{-rT}; 1e-13 of that bounds the parity residual.
  it('put-call parity: C - P = S e^{-qT} - K e^{-rT}', () => {
    fc.assert(
      fc.property(wideOpt, (o) => {
        const out = run(engine, [{ ...o, type: 1 }, { ...o, type: -1 }], ['price']);
        const fwd = o.S * Math.exp(-o.q * o.T) - o.K * Math.exp(-o.r * o.T);
        const size = o.S * Math.exp(-o.q * o.T) + o.K * Math.exp(-o.r * o.T);
        expect(Math.abs(out.price[0]! - out.price[1]! - fwd)).toBeLessThanOrEqual(1e-13 * size);
      }),
      RUNS,
    );
  });

  it('call and put share gamma, vega, vanna, vomma, veta, speed, zomma, color, ultima, dualGamma exactly', () => {
    fc.assert(
      fc.property(wideOpt, (o) => {
        const out = run(engine, [{ ...o, type: 1 }, { ...o, type: -1 }]);
        for (const g of ['gamma', 'vega', 'vanna', 'vomma', 'veta', 'speed', 'zomma', 'color', 'ultima', 'dualGamma'] as const) {
          expect(out[g][0], g).toBe(out[g][1]);
        }
      }),
      RUNS,
    );
  });

  // Both sides are e^{-qT} n(d1) S^2 / (S sigma sqrt T) up to a few roundings: 1e-14 relative.
  it('dualGamma K^2 = gamma S^2', () => {
    fc.assert(
      fc.property(wideOpt, (o) => {
        const out = run(engine, [o], ['gamma', 'dualGamma']);
        const a = out.dualGamma[0]! * o.K * o.K;
        const b = out.gamma[0]! * o.S * o.S;
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-14 * Math.abs(b) + 1e-300);
      }),
      RUNS,
    );
  });

  it('no-arbitrage bounds on price and delta; gamma, vega, dualGamma >= 0', () => {
    fc.assert(
      fc.property(wideOpt, (o) => {
        const out = run(engine, [o]);
        const Dq = Math.exp(-o.q * o.T);
        const Dr = Math.exp(-o.r * o.T);
        const ulps = 1e-13 * (o.S * Dq + o.K * Dr); // rounding allowance, as for parity
        const [lo, hi] = o.type > 0 ? [Math.max(o.S * Dq - o.K * Dr, 0), o.S * Dq] : [Math.max(o.K * Dr - o.S * Dq, 0), o.K * Dr];
        expect(out.price[0]!).toBeGreaterThanOrEqual(lo - ulps);
        expect(out.price[0]!).toBeLessThanOrEqual(hi + ulps);
        const d = out.delta[0]!;
        if (o.type > 0) expect(d >= 0 && d <= Dq * (1 + 1e-15)).toBe(true);
        else expect(d <= 0 && d >= -Dq * (1 + 1e-15)).toBe(true);
        expect(out.gamma[0]!).toBeGreaterThanOrEqual(0);
        expect(out.vega[0]!).toBeGreaterThanOrEqual(0);
        expect(out.dualGamma[0]!).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  // Monotone up to rounding: a far out-of-the-money price is S e^{-qT} N(w d1) - K e^{-rT} N(w d2), a difference
  // carrying a few ulps of S + K, so steps smaller than 1e-13 (S + K) may go either way.
  it('monotone: call price rises with S and sigma and falls with K; put falls with S, rises with K and sigma', () => {
    fc.assert(
      fc.property(modOpt, (o) => {
        const ladder = (k: 'S' | 'K' | 'sigma') => [0.9, 0.95, 1, 1.05, 1.1].map((m) => ({ ...o, [k]: o[k] * m }));
        const ulps = 1e-13 * 1.1 * (o.S + o.K);
        for (const [k, callUp] of [['S', true], ['K', false], ['sigma', true]] as const) {
          const p = run(engine, ladder(k), ['price']).price;
          const up = o.type > 0 ? callUp : k !== 'S';
          for (let i = 1; i < 5; i++) {
            expect(up ? p[i]! >= p[i - 1]! - ulps : p[i]! <= p[i - 1]! + ulps, `${k} ${o.type}: ${p[i - 1]} -> ${p[i]}`).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  // Central differences with relative step h = 1e-4: truncation ~ h^2 f''' / 6 relative to f', which deep in or
  // out of the money grows like d1^2 (high sigma-derivatives are polynomials in d1, d2), and rounding ~ 1e-16 |f| / h.
  // 3e-5 of the magnitude of the values involved covers both here; a wrong formula is off by O(1).
  it('every greek matches a central finite difference of the price or of a lower greek', () => {
    const H = 1e-4;
    const checks: Array<[GreekName, GreekName, keyof Opt, number]> = [
      // [greek, of, variable, sign]: greek = sign * d(of)/d(variable)
      ['delta', 'price', 'S', 1], ['gamma', 'delta', 'S', 1], ['speed', 'gamma', 'S', 1],
      ['vega', 'price', 'sigma', 1], ['vomma', 'vega', 'sigma', 1], ['ultima', 'vomma', 'sigma', 1],
      ['vanna', 'delta', 'sigma', 1], ['zomma', 'gamma', 'sigma', 1],
      ['theta', 'price', 'T', -1], ['charm', 'delta', 'T', -1], ['veta', 'vega', 'T', -1], ['color', 'gamma', 'T', -1],
      ['rho', 'price', 'r', 1], ['epsilon', 'price', 'q', 1],
      ['dualDelta', 'price', 'K', 1], ['dualGamma', 'dualDelta', 'K', 1],
    ];
    fc.assert(
      fc.property(modOpt, (o) => {
        const at = run(engine, [o]);
        for (const [g, of, v, sign] of checks) {
          const h = v === 'r' || v === 'q' ? H : H * o[v];
          const pm = run(engine, [{ ...o, [v]: o[v] + h }, { ...o, [v]: o[v] - h }], [of]);
          const fd = (sign * (pm[of][0]! - pm[of][1]!)) / (2 * h);
          const a = at[g][0]!;
          const mag = Math.max(Math.abs(a), Math.abs(at[of][0]!) / (v === 'r' || v === 'q' ? 1 : o[v]), 1e-8);
          if (!(Math.abs(a - fd) <= 3e-5 * mag)) throw new Error(`${g} vs d${of}/d${v} at ${JSON.stringify(o)}: analytic ${a} fd ${fd}`);
        }
      }),
      { ...RUNS, numRuns: 100 },
    );
  });

  it('batch equals sub-batches for every length and offset around the block (64) and chunk (4096) sizes', () => {
    const rand = fc.sample(fc.array(modOpt, { minLength: 4200, maxLength: 4200 }), { seed: 7, numRuns: 1 })[0]!;
    const whole = run(engine, rand);
    for (const [from, len] of [[0, 1], [1, 2], [3, 3], [0, 63], [1, 64], [2, 65], [3, 127], [5, 129], [0, 255], [2, 257], [11, 4097], [0, 4200]] as const) {
      const part = run(engine, rand.slice(from, from + len));
      for (const g of GREEKS) {
        for (let i = 0; i < len; i++) {
          if (!Object.is(part[g][i], whole[g][from + i])) throw new Error(`${g} at ${from}+${i} of ${len}: ${part[g][i]} vs ${whole[g][from + i]}`);
        }
      }
    }
  });

  it('computing a subset of greeks gives the same values as computing all 17', () => {
    fc.assert(
      fc.property(fc.array(wideOpt, { minLength: 1, maxLength: 9 }), fc.subarray([...GREEKS], { minLength: 1 }), (opts, subset) => {
        const all = run(engine, opts);
        const some = run(engine, opts, subset);
        expect(Object.keys(some).sort()).toEqual([...subset].sort());
        for (const g of subset) for (let i = 0; i < opts.length; i++) expect(Object.is(some[g][i], all[g][i]), g).toBe(true);
      }),
      RUNS,
    );
  });
});

// The grid entry (one spot, strikes x expiries, log(S/K) per strike and discount factors per expiry hoisted) gives
// exactly the values of the flat kernel for the same options: bit for bit, limits and NaN rows included.
describe.each(['wasm', 'js'] as const)('greeksGrid equals greeks on the expanded surface (%s)', (backend) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ backend });
  });

  it('random surfaces with odd sizes, invalid and limit cells', () => {
    const cell = fc.record({ K: logU(20, 500), V: fc.oneof(logU(0.01, 3), fc.constantFrom(0, -0.1, NaN)), W: fc.constantFrom(1, -1, 1, -1, 0) });
    const expiry = fc.record({ T: fc.oneof(logU(1e-6, 10), fc.constantFrom(0, -1)), r: f(-0.02, 0.1), q: f(0, 0.05) });
    fc.assert(
      fc.property(logU(50, 200), fc.array(cell, { minLength: 1, maxLength: 150 }), fc.array(expiry, { minLength: 1, maxLength: 5 }), (spot, strikes, expiries) => {
        const nK = strikes.length;
        const nT = expiries.length;
        const raw = engine.raw;
        const n = nK * nT;
        const pType = raw.alloc(8 * nK), pK = raw.alloc(8 * nK), pT = raw.alloc(8 * nT), pR = raw.alloc(8 * nT), pQ = raw.alloc(8 * nT);
        const pVol = raw.alloc(8 * n), pOut = raw.alloc(4 * 17);
        const outs = GREEKS.map(() => raw.alloc(8 * n));
        let h = raw.heap();
        strikes.forEach((c, k) => { h.f64[(pType >> 3) + k] = c.W; h.f64[(pK >> 3) + k] = c.K; });
        expiries.forEach((e, t) => { h.f64[(pT >> 3) + t] = e.T; h.f64[(pR >> 3) + t] = e.r; h.f64[(pQ >> 3) + t] = e.q; });
        for (let t = 0; t < nT; t++) for (let k = 0; k < nK; k++) h.f64[(pVol >> 3) + t * nK + k] = strikes[(k + t) % nK]!.V;
        outs.forEach((p, j) => (h.u32[(pOut >> 2) + j] = p));
        raw.exports.greeksGrid!(nK, nT, spot, pType, pK, pT, pR, pQ, pVol, pOut, raw.scratch);
        h = raw.heap();
        const grid = outs.map((p) => Float64Array.from(h.f64.subarray(p >> 3, (p >> 3) + n)));
        const flat = engine.greeks({
          type: Float64Array.from({ length: n }, (_, i) => strikes[i % nK]!.W),
          spot,
          strike: Float64Array.from({ length: n }, (_, i) => strikes[i % nK]!.K),
          time: Float64Array.from({ length: n }, (_, i) => expiries[Math.floor(i / nK)]!.T),
          vol: Float64Array.from(h.f64.subarray(pVol >> 3, (pVol >> 3) + n)),
          rate: Float64Array.from({ length: n }, (_, i) => expiries[Math.floor(i / nK)]!.r),
          dividend: Float64Array.from({ length: n }, (_, i) => expiries[Math.floor(i / nK)]!.q),
        });
        for (const p of [pType, pK, pT, pR, pQ, pVol, pOut, ...outs]) raw.free(p);
        GREEKS.forEach((g, j) => {
          for (let i = 0; i < n; i++) {
            if (!Object.is(grid[j]![i], flat[g][i])) throw new Error(`${g}[${i}] (strike ${i % nK}, expiry ${Math.floor(i / nK)}): grid ${grid[j]![i]} flat ${flat[g][i]}`);
          }
        });
      }),
      { ...RUNS, numRuns: 60 },
    );
  });
});
