// Every implied-volatility status code in its own named test, both backends: a failed row is NaN, never a number.
import { describe, expect, it } from 'vitest';
import { IV_STATUS } from '../src/engine/abi.js';
import { backends, bsmPrice, bsmVega, one, type IvBackend, type IvRows } from './iv.helpers.js';

const all = await backends();

function solve(backend: IvBackend, rows: IvRows): { vol: number; status: number } {
  const out = backend.impliedVol(rows);
  return { vol: out.vol[0], status: out.status[0] };
}

// A representative option: S 100, K 110 (call OTM, put ITM), half a year, r 3%, q 1%.
const S = 100, K = 110, T = 0.5, r = 0.03, q = 0.01;
const F = S * Math.exp((r - q) * T), D = Math.exp(-r * T);

describe.each(all)('statuses on the $name backend', (backend) => {
  it('ok: a fair price gives its volatility back', () => {
    const price = bsmPrice(1, S, K, T, r, q, 0.25);
    const got = solve(backend, one(1, price, S, K, T, r, q));
    expect(got.status).toBe(IV_STATUS.ok);
    expect(Math.abs(got.vol - 0.25)).toBeLessThan(1e-14);
  });

  it('ok with vol 0: an out-of-the-money price of exactly 0 (sigma = 0 is the exact preimage)', () => {
    expect(solve(backend, one(1, 0, S, K, T, r, q))).toEqual({ vol: 0, status: IV_STATUS.ok });
  });

  it('belowIntrinsic: an in-the-money put below its discounted intrinsic value', () => {
    const intrinsic = D * (K - F);
    expect(solve(backend, one(-1, intrinsic * (1 - 1e-9), S, K, T, r, q))).toEqual({ vol: NaN, status: IV_STATUS.belowIntrinsic });
  });

  it('belowIntrinsic: an in-the-money call below its discounted intrinsic value', () => {
    const intrinsic = D * (F - 90);
    expect(solve(backend, one(1, intrinsic - 0.01, S, 90, T, r, q))).toEqual({ vol: NaN, status: IV_STATUS.belowIntrinsic });
  });

  it('belowIntrinsic: a negative price', () => {
    expect(solve(backend, one(1, -0.01, S, K, T, r, q))).toEqual({ vol: NaN, status: IV_STATUS.belowIntrinsic });
    expect(solve(backend, one(-1, -1e-300, S, K, T, r, q))).toEqual({ vol: NaN, status: IV_STATUS.belowIntrinsic });
  });

  it('aboveUpperBound: a call priced at or above S e^{-qT}', () => {
    const bound = D * F; // S e^{-qT} via the forward, as the kernel computes it
    expect(solve(backend, one(1, bound, S, K, T, r, q))).toEqual({ vol: NaN, status: IV_STATUS.aboveUpperBound });
    expect(solve(backend, one(1, S, S, K, T, r, q))).toEqual({ vol: NaN, status: IV_STATUS.aboveUpperBound });
  });

  it('aboveUpperBound: a put priced at or above K e^{-rT}', () => {
    expect(solve(backend, one(-1, K * D * (1 + 1e-12), S, K, T, r, q))).toEqual({ vol: NaN, status: IV_STATUS.aboveUpperBound });
    expect(solve(backend, one(-1, K, S, K, T, r, q))).toEqual({ vol: NaN, status: IV_STATUS.aboveUpperBound });
  });

  it('ok just below the upper bound: 1,000% vol for a year still solves', () => {
    const price = bsmPrice(1, S, K, 1, r, q, 10);
    const got = solve(backend, one(1, price, S, K, 1, r, q));
    expect(got.status).toBe(IV_STATUS.ok);
    // The reference rule 1e-12 sigma (1 + cond): here cond = price / (sigma vega) is about 1e4.
    const cond = price / (10 * bsmVega(S, K, 1, r, q, 10));
    expect(cond).toBeGreaterThan(1e3);
    expect(Math.abs(got.vol - 10)).toBeLessThan(1e-12 * 10 * (1 + cond));
  });

  it('expired: T = 0, whatever the price', () => {
    expect(solve(backend, one(1, 1, S, K, 0, r, q))).toEqual({ vol: NaN, status: IV_STATUS.expired });
    expect(solve(backend, one(-1, 10, S, K, 0, r, q))).toEqual({ vol: NaN, status: IV_STATUS.expired });
  });

  const invalid: Array<[string, IvRows]> = [
    ['type 0', one(0, 1, S, K, T, r, q)],
    ['type 2', one(2, 1, S, K, T, r, q)],
    ['type NaN', one(NaN, 1, S, K, T, r, q)],
    ['price NaN', one(1, NaN, S, K, T, r, q)],
    ['price +Infinity', one(1, Infinity, S, K, T, r, q)],
    ['S 0', one(1, 1, 0, K, T, r, q)],
    ['S negative', one(1, 1, -100, K, T, r, q)],
    ['S NaN', one(1, 1, NaN, K, T, r, q)],
    ['S +Infinity', one(1, 1, Infinity, K, T, r, q)],
    ['K 0', one(1, 1, S, 0, T, r, q)],
    ['K negative', one(1, 1, S, -110, T, r, q)],
    ['K NaN', one(1, 1, S, NaN, T, r, q)],
    ['T negative', one(1, 1, S, K, -0.5, r, q)],
    ['T NaN', one(1, 1, S, K, NaN, r, q)],
    ['T +Infinity', one(1, 1, S, K, Infinity, r, q)],
    ['r NaN', one(1, 1, S, K, T, NaN, q)],
    ['r -Infinity', one(1, 1, S, K, T, -Infinity, q)],
    ['q NaN', one(1, 1, S, K, T, r, NaN)],
    ['q +Infinity', one(1, 1, S, K, T, r, Infinity)],
  ];
  it.each(invalid)('invalidInput: %s', (_name, rows) => {
    expect(solve(backend, rows)).toEqual({ vol: NaN, status: IV_STATUS.invalidInput });
  });

  it('a batch mixes statuses row by row without contaminating neighbours', () => {
    const good = bsmPrice(-1, S, K, T, r, q, 0.4);
    const rows: IvRows = {
      type: [-1, -1, 1, -1, 5],
      price: [good, -1, 1, good, good],
      S: [S, S, S, S, S],
      K: [K, K, K, K, K],
      T: [T, T, 0, T, T],
      r: [r, r, r, r, r],
      q: [q, q, q, q, q],
    };
    const out = backend.impliedVol(rows);
    expect(Array.from(out.status)).toEqual([IV_STATUS.ok, IV_STATUS.belowIntrinsic, IV_STATUS.expired, IV_STATUS.ok, IV_STATUS.invalidInput]);
    expect(Math.abs(out.vol[0] - 0.4)).toBeLessThan(1e-13);
    expect(out.vol[3]).toBe(out.vol[0]);
    expect([out.vol[1], out.vol[2], out.vol[4]]).toEqual([NaN, NaN, NaN]);
  });
});
