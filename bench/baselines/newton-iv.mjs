// The plain-JS implied-volatility baseline of issue 4: safeguarded Newton on the BSM price, starting at
// sigma = 0.3, falling back to bisection whenever a Newton step leaves the current bracket, stopping when a step
// changes sigma by at most 1e-12 relative. Prices by the plain-JS Cody-erfc closed form (plain-js.mjs).
import { ncdf } from './plain-js.mjs';

const INV_SQRT_2PI = 0.3989422804014327; // 1/sqrt(2 pi)
const START = 0.3;
const REL_STOP = 1e-12;
const MAX_ITER = 100; // bisection halves the bracket each step, so 100 steps exhaust double precision

/** One option: implied vol, or NaN when the price is outside the no-arbitrage bounds or there is no convergence. */
export function newtonImpliedVol(type, price, S, K, T, r, q) {
  const Dq = Math.exp(-q * T), Dr = Math.exp(-r * T);
  const lower = Math.max(0, type * (S * Dq - K * Dr)); // discounted intrinsic value on the forward
  const upper = type > 0 ? S * Dq : K * Dr;
  if (!(price > lower && price < upper) || !(T > 0)) return NaN;
  const sqT = Math.sqrt(T), lnSK = Math.log(S / K);
  let lo = 0, hi = Infinity, sig = START;
  for (let it = 0; it < MAX_ITER; it++) {
    const sst = sig * sqT;
    const d1 = (lnSK + (r - q + 0.5 * sig * sig) * T) / sst;
    const d2 = d1 - sst;
    const f = type * (S * Dq * ncdf(type * d1) - K * Dr * ncdf(type * d2)) - price;
    if (f === 0) return sig;
    if (f > 0) hi = sig; // the price increases with sigma
    else lo = sig;
    const vega = S * Dq * Math.exp(-0.5 * d1 * d1) * INV_SQRT_2PI * sqT;
    let next = sig - f / vega;
    if (!(next > lo && next < hi)) next = hi === Infinity ? 2 * sig : 0.5 * (lo + hi); // bisection fallback
    if (Math.abs(next - sig) <= REL_STOP * next) return next;
    sig = next;
  }
  return NaN;
}
