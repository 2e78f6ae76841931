// Test-side reference for the GEX tests: BSM price, gamma, vanna and charm written out independently of the
// engine (expected values are computed from these, never from the code under test).

const SQRT_2PI = Math.sqrt(2 * Math.PI);
export const npdf = (x: number) => Math.exp(-0.5 * x * x) / SQRT_2PI;

/** Normal CDF by Simpson integration of the density from 0 (test-only; about 1e-13 absolute for |x| < 10). */
export function ncdf(x: number): number {
  const steps = 2000, h = x / steps;
  let s = npdf(0) + npdf(x);
  for (let i = 1; i < steps; i++) s += (i % 2 ? 4 : 2) * npdf(i * h);
  return 0.5 + (s * h) / 3;
}

export interface Bsm { type: number; S: number; K: number; T: number; v: number; r: number; q: number }

export function d1d2({ S, K, T, v, r, q }: Bsm) {
  const sd = v * Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q + 0.5 * v * v) * T) / sd;
  return { d1, d2: d1 - sd, sd };
}
export function refGamma(o: Bsm): number {
  const { d1, sd } = d1d2(o);
  return Math.exp(-o.q * o.T) * npdf(d1) / (o.S * sd);
}
export function refVanna(o: Bsm): number {
  const { d1, d2 } = d1d2(o);
  return -Math.exp(-o.q * o.T) * npdf(d1) * d2 / o.v;
}
/** charm = -dDelta/dT (Haug, The Complete Guide to Option Pricing Formulas, 2nd ed., 2.2.x "DdeltaDtime"). */
export function refCharm(o: Bsm): number {
  const { d1, d2, sd } = d1d2(o);
  const eq = Math.exp(-o.q * o.T);
  const common = eq * npdf(d1) * (2 * (o.r - o.q) * o.T - d2 * sd) / (2 * o.T * sd);
  return o.type > 0 ? o.q * eq * ncdf(d1) - common : -o.q * eq * ncdf(-d1) - common;
}
export function refPrice(o: Bsm): number {
  const { d1, d2 } = d1d2(o);
  const F = o.S * Math.exp(-o.q * o.T), D = o.K * Math.exp(-o.r * o.T);
  return o.type > 0 ? F * ncdf(d1) - D * ncdf(d2) : D * ncdf(-d2) - F * ncdf(-d1);
}
