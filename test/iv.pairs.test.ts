// The pair path of the implied-volatility kernel (lbr-simd.ts: central and second points, guesses and Householder
// steps of the middle and lowest branches; two options at a time in the wasm kernel) against the scalar solver
// (lbr.ts), and the two backends against each other on whole batches that take every path (fast-check, fixed seeds).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IV_STATUS } from '../src/engine/abi.js';
import { normalisedBlackCall, normalisedImpliedVolatility } from '../src/kernel/lbr.js';
import { log } from '../src/kernel/scalarmath.js';
import {
  BRANCH_LOWER_MIDDLE, BRANCH_LOWEST, BRANCH_UPPER_MIDDLE, centralPointPair, householderPointPair, lowestGuessPair, lowestHouseholderStepPair, lowestPointPair,
  middleGuessPair, middleHouseholderStepPair, normalisedBlackCallOtmPair, secondPointPair,
} from '../src/kernel/lbr-simd.js';
import { backends, bsmPrice } from './iv.helpers.js';

const [wasm, js] = await backends();
const SEED = 20261126;
const DBL_MAX = 1.7976931348623157e308;

const logUniform = (lo: number, hi: number) =>
  fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true }).map((u) => Math.exp(u));

describe('pair path = scalar solver, bit for bit', () => {
  it('lowest and middle branches: every lane gives normalisedImpliedVolatility\'s s exactly', () => {
    let lowest = 0, middle = 0, total = 0;
    fc.assert(
      fc.property(fc.double({ min: -20, max: -1e-12, noNaN: true }), logUniform(1e-4, 60), (x, s) => {
        const bMax = Math.exp(0.5 * x), beta = normalisedBlackCall(x, s);
        if (!(beta > 0 && beta < bMax)) return;
        total++;
        const f = new Float64Array(14); // sc, bc, s2, b2, E2, s, sLeft, sRight, ds, h, t, E, b/vega, 1/s
        centralPointPair(f, x, bMax, 0, 1);
        const branch = secondPointPair(f, beta, x, bMax, f[0]!, f[1]!, 2, 3, 4);
        f[8] = -DBL_MAX;
        if (branch == BRANCH_LOWEST) {
          lowest++;
          f[5] = lowestGuessPair(beta, x, f[2]!, f[3]!);
          for (let i = 0; i < 2; i++) {
            lowestPointPair(f, x, bMax, 5, 8, 12, i == 0);
            lowestHouseholderStepPair(f, beta, x, log(beta), f[2]!, f[12]!, 5, 8);
          }
        } else if (branch == BRANCH_LOWER_MIDDLE || branch == BRANCH_UPPER_MIDDLE) {
          middle++;
          middleGuessPair(f, beta, x, bMax, f[0]!, f[1]!, f[2]!, f[3]!, f[4]!, branch == BRANCH_LOWER_MIDDLE, 5, 6, 7);
          for (let i = 0; i < 2; i++) {
            householderPointPair(f, x, f[5]!, 9, 10, 11, 13);
            middleHouseholderStepPair(f, beta, f[9]!, f[13]!, f[11]!, normalisedBlackCallOtmPair(f[9]!, f[10]!, bMax, f[11]!, i == 0), f[6]!, f[7]!, 5, 8);
          }
        } else {
          return; // the highest branch stays with the scalar solver
        }
        const expected = normalisedImpliedVolatility(beta, x, bMax);
        if (!Object.is(f[5], expected)) throw new Error(`x ${x} s ${s}: pair path ${f[5]}, scalar ${expected}`);
      }),
      { seed: SEED, numRuns: 20000 },
    );
    console.log(`[iv] pair path: of ${total} solvable draws, ${middle} in a middle branch, ${lowest} in the lowest`);
    expect(middle).toBeGreaterThan(5000);
    expect(lowest).toBeGreaterThan(500);
  });
});

describe('wasm and TS backends, whole batches', () => {
  // Issue 4's domain (T one minute to 30 years, vol 0.1% to 1,000%, K/S e^-1.5 to e^1.5) mixed with its moderate
  // domain (K/S within e^+-0.2, T 0.02 to 1 y, vol 10-70%, where most options take the pair path), in batches of
  // 1 to 700 rows (odd counts, more than one 256-row block) so every pairing and padding case occurs.
  const optionArb = fc.oneof(
    fc.record({
      type: fc.constantFrom(1, -1), S: logUniform(1, 10000), k: fc.double({ min: -1.5, max: 1.5, noNaN: true }),
      T: logUniform(1 / (365 * 24 * 60), 30), r: fc.double({ min: -0.01, max: 0.1, noNaN: true }),
      q: fc.double({ min: 0, max: 0.08, noNaN: true }), sigma: logUniform(0.001, 10),
    }),
    fc.record({
      type: fc.constantFrom(1, -1), S: fc.double({ min: 50, max: 150, noNaN: true }), k: fc.double({ min: -0.2, max: 0.2, noNaN: true }),
      T: fc.double({ min: 0.02, max: 1, noNaN: true }), r: fc.double({ min: 0, max: 0.08, noNaN: true }),
      q: fc.double({ min: 0, max: 0.04, noNaN: true }), sigma: fc.double({ min: 0.1, max: 0.7, noNaN: true }),
    }),
  ).map(({ k, ...o }) => ({ ...o, K: o.S * Math.exp(k) }));
  it('same status and the same vol bit for bit on every row', () => {
    let solved = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 700 }).chain((n) => fc.array(optionArb, { minLength: n, maxLength: n })), (opts) => {
        const rows = {
          type: opts.map((o) => o.type), price: opts.map((o) => bsmPrice(o.type, o.S, o.K, o.T, o.r, o.q, o.sigma)),
          S: opts.map((o) => o.S), K: opts.map((o) => o.K), T: opts.map((o) => o.T), r: opts.map((o) => o.r), q: opts.map((o) => o.q),
        };
        const a = wasm!.impliedVol(rows), b = js!.impliedVol(rows);
        opts.forEach((o, i) => {
          if (a.status[i] !== b.status[i] || !Object.is(a.vol[i], b.vol[i])) {
            throw new Error(`${JSON.stringify(o)} row ${i} of ${opts.length}: wasm ${a.vol[i]} (${a.status[i]}), ts ${b.vol[i]} (${b.status[i]})`);
          }
          if (a.status[i] === IV_STATUS.ok) solved++;
        });
      }),
      { seed: SEED + 1, numRuns: 60 },
    );
    expect(solved).toBeGreaterThan(10000);
  });
});
