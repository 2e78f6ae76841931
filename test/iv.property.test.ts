// Properties of the implied-volatility solver over the whole domain (fast-check, fixed seeds):
// round trip price(iv(price)) = price, monotonicity in price, and agreement of the wasm and TS backends.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IV_STATUS } from '../src/engine/abi.js';
import { EPS, backends, bsmPrice, bsmVega, priceConditionInSK, type IvBackend, type IvRows } from './iv.helpers.js';

const all = await backends();
const [wasm, js] = all;
const SEED = 20261125;

interface Opt { type: number; S: number; K: number; T: number; r: number; q: number; sigma: number }

const logUniform = (lo: number, hi: number) =>
  fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true }).map((u) => Math.exp(u));

/** Domain of issue 4: T from one minute to 30 years, vol 0.1% to 1,000%, K/S from e^-1.5 to e^1.5 (deep ITM/OTM). */
const optionArb: fc.Arbitrary<Opt> = fc.record({
  type: fc.constantFrom(1, -1),
  S: logUniform(1, 10000),
  k: fc.double({ min: -1.5, max: 1.5, noNaN: true }),
  T: logUniform(1 / (365 * 24 * 60), 30),
  r: fc.double({ min: -0.01, max: 0.1, noNaN: true }),
  q: fc.double({ min: 0, max: 0.08, noNaN: true }),
  sigma: logUniform(0.001, 10),
}).map(({ k, ...o }) => ({ ...o, K: o.S * Math.exp(k) }));

function rowsOf(opts: Opt[], prices: number[]): IvRows {
  return {
    type: opts.map((o) => o.type), price: prices, S: opts.map((o) => o.S), K: opts.map((o) => o.K),
    T: opts.map((o) => o.T), r: opts.map((o) => o.r), q: opts.map((o) => o.q),
  };
}

const priceOf = (o: Opt, sigma = o.sigma) => bsmPrice(o.type, o.S, o.K, o.T, o.r, o.q, sigma);
/** Upper no-arbitrage bound of the price as the kernel computes it (discounted forward for calls, K e^{-rT} for puts). */
const upperBound = (o: Opt) => Math.exp(-o.r * o.T) * (o.type > 0 ? o.S * Math.exp((o.r - o.q) * o.T) : o.K);

describe.each(all)('round trip on the $name backend', (backend: IvBackend) => {
  // Criterion: where the price's elasticity in vol E = sigma vega / P is at most 100, reproduce P to 1e-13
  // relative. Above that, vol's own last bit moves the price by E ulp, so the bound scales as 1e-13 P E / 100
  // (this covers the "negligible vega" cases too: there E is tiny and the 1e-13 bound holds outright).
  const ROUND_TRIP_REL = 1e-13;
  const ELASTICITY_LIMIT = 100;
  it('price(iv(price)) reproduces the price', () => {
    let strict = 0;
    fc.assert(
      fc.property(fc.array(optionArb, { minLength: 50, maxLength: 100 }), (opts) => {
        const prices = opts.map((o) => priceOf(o));
        const out = backend.impliedVol(rowsOf(opts, prices));
        opts.forEach((o, i) => {
          const p = prices[i];
          if (out.status[i] === IV_STATUS.aboveUpperBound) {
            // Only possible when the price rounded onto the bound itself (vol in the hundreds of percent).
            expect(p).toBeGreaterThanOrEqual(upperBound(o) * (1 - 4 * EPS));
            return;
          }
          expect(out.status[i]).toBe(IV_STATUS.ok);
          const E = p > 0 ? (o.sigma * bsmVega(o.S, o.K, o.T, o.r, o.q, o.sigma)) / p : 0;
          if (E <= ELASTICITY_LIMIT) strict++;
          // The wasm kernel's forward comes from musl's exp, this helper's from V8's: one ulp apart, they are two
          // slightly different options, which moves the price by its condition in S and K (kappa_SK) ulp.
          const crossExp = backend.name === 'wasm' && p > 0 ? 4 * EPS * priceConditionInSK(o.type, o.S, o.K, o.T, o.r, o.q, o.sigma, p) * p : 0;
          const tol = ROUND_TRIP_REL * p * Math.max(1, E / ELASTICITY_LIMIT) + crossExp; // 0 for an underflowed price of 0
          const back = priceOf(o, out.vol[i]);
          if (!(Math.abs(back - p) <= tol)) {
            throw new Error(`${JSON.stringify(o)}: price ${p} -> vol ${out.vol[i]} -> price ${back}, tol ${tol}, E ${E}`);
          }
        });
      }),
      { seed: SEED, numRuns: 150 },
    );
    expect(strict).toBeGreaterThan(5000); // most of the domain is checked at the full 1e-13
  });

  it('iv is monotone in price', () => {
    fc.assert(
      fc.property(optionArb, logUniform(0.001, 10), (o, sigma2) => {
        const [pa, pb] = [priceOf(o), priceOf(o, sigma2)].sort((a, b) => a - b);
        const out = backend.impliedVol(rowsOf([o, o], [pa, pb]));
        if (out.status[1] !== IV_STATUS.ok) return; // the higher price rounded onto the upper bound
        expect(out.status[0]).toBe(IV_STATUS.ok);
        expect(out.vol[0]).toBeLessThanOrEqual(out.vol[1]);
      }),
      { seed: SEED + 1, numRuns: 3000 },
    );
  });

  it('iv is monotone over a fine price ladder (adjacent prices 1e-9 apart in relative terms)', () => {
    fc.assert(
      fc.property(optionArb, (o) => {
        const p0 = priceOf(o), lo = Math.max(0, p0 * (1 - 1e-8));
        const prices = Array.from({ length: 21 }, (_, j) => lo + (p0 * 2e-8 * j) / 20);
        const out = backend.impliedVol(rowsOf(prices.map(() => o), prices));
        for (let j = 1; j < prices.length; j++) {
          if (out.status[j] !== IV_STATUS.ok || out.status[j - 1] !== IV_STATUS.ok) continue;
          expect(out.vol[j]).toBeGreaterThanOrEqual(out.vol[j - 1]);
        }
      }),
      { seed: SEED + 2, numRuns: 500 },
    );
  });
});

describe('wasm and TS backends agree', () => {
  // Both twins run the same operations; only Math.exp/log differ (musl vs V8) in the last bit. One ulp in the
  // forward or discount moves the vol by about cond (1 + kappa_SK) ulp, cond = P/(sigma vega), kappa_SK = the
  // price's condition in S and K, so: |wasm - ts| <= 1e-14 sigma (1 + cond (1 + kappa_SK)).
  const AGREE_REL = 1e-14;
  it('same statuses (except prices on the upper bound), and vols within 1e-14 relative times the conditioning', () => {
    let identical = 0, total = 0, edge = 0;
    fc.assert(
      fc.property(fc.array(optionArb, { minLength: 50, maxLength: 100 }), (opts) => {
        const prices = opts.map((o) => priceOf(o));
        const rows = rowsOf(opts, prices);
        const a = wasm.impliedVol(rows), b = js.impliedVol(rows);
        opts.forEach((o, i) => {
          if (a.status[i] !== b.status[i]) {
            // Only a price that rounded onto the upper bound may be classified differently (its last bit decides).
            const bound = upperBound(o);
            if (!(Math.abs(prices[i] - bound) <= 4 * EPS * bound)) {
              throw new Error(`${JSON.stringify(o)} price ${prices[i]}: wasm status ${a.status[i]}, ts status ${b.status[i]}`);
            }
            edge++;
            return;
          }
          if (a.status[i] !== IV_STATUS.ok) return;
          total++;
          if (a.vol[i] === b.vol[i]) { identical++; return; }
          const cond = prices[i] / (o.sigma * bsmVega(o.S, o.K, o.T, o.r, o.q, o.sigma));
          const kappa = priceConditionInSK(o.type, o.S, o.K, o.T, o.r, o.q, o.sigma, prices[i]);
          const tol = AGREE_REL * Math.max(a.vol[i], b.vol[i]) * (1 + cond * (1 + kappa)); // max: one may be 0 where vega underflows
          if (!(Math.abs(a.vol[i] - b.vol[i]) <= tol)) {
            throw new Error(`${JSON.stringify(o)} price ${prices[i]}: wasm ${a.vol[i]} ts ${b.vol[i]}, tol ${tol}`);
          }
        });
      }),
      { seed: SEED + 3, numRuns: 150 },
    );
    console.log(`[iv] wasm vs ts: ${identical} of ${total} vols bit-identical; ${edge} statuses differ at the upper bound`);
    expect(total).toBeGreaterThan(5000);
  });
});
