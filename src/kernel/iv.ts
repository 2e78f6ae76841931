// Twin of assembly/iv.ts: Black-Scholes-Merton implied volatility for a batch, by "Let's Be Rational" (lbr.ts).
import type { Heap } from '../engine/abi.js';
import { normalisedImpliedVolatility } from './lbr.js';

// IV_STATUS of src/engine/abi.ts (repeated as literals so both twins read the same).
const STATUS_OK = 0;
const STATUS_BELOW_INTRINSIC = 1;
const STATUS_ABOVE_UPPER_BOUND = 2;
const STATUS_EXPIRED = 3;
const STATUS_INVALID_INPUT = 4;

/** 4 ulp: F = S e^{(r-q)T} and price / e^{-rT} each carry up to about 2 ulp of rounding */
const INTRINSIC_SLACK = 8.881784197001252e-16;

function isFiniteNumber(v: number): boolean {
  return v - v == 0; // false for NaN and +-Infinity
}

/**
 * Implied volatility of one option: writes sigma to vol[i] (NaN unless ok) and returns the status.
 * Maps BSM to Black on the forward, F = S e^{(r-q)T}, undiscounted price = price / e^{-rT}, then to the
 * normalised out-of-the-money call: beta = time value / sqrt(F K), x = ln(F/K) <= 0; sigma = s / sqrt(T).
 */
export function impliedVolOne(type: number, price: number, S: number, K: number, T: number, r: number, q: number): number {
  if (!(type == 1 || type == -1) || !isFiniteNumber(price) || !isFiniteNumber(S) || !isFiniteNumber(K) ||
    !isFiniteNumber(T) || !isFiniteNumber(r) || !isFiniteNumber(q) || !(S > 0) || !(K > 0) || !(T >= 0)) {
    return -STATUS_INVALID_INPUT;
  }
  if (T == 0) return -STATUS_EXPIRED;
  const discount = Math.exp(-r * T);
  const F = S * Math.exp((r - q) * T);
  let p = price / discount;
  let theta = type;
  const intrinsic = Math.max(theta * (F - K), 0.0);
  // A price within the rounding of the mapping (F, price/D: a few ulp of max(F, K)) below intrinsic value is
  // intrinsic value (vol 0); below that it is arbitrage.
  if (p < intrinsic - INTRINSIC_SLACK * Math.max(F, K)) return -STATUS_BELOW_INTRINSIC;
  if (p >= (theta < 0 ? K : F)) return -STATUS_ABOVE_UPPER_BOUND;
  let x = Math.log(F / K);
  // In the money: keep the time value and switch to the out-of-the-money option (put-call parity).
  if (theta * x > 0) {
    p = Math.max(p - intrinsic, 0.0);
    theta = -theta;
  }
  // An out-of-the-money put at x is the out-of-the-money call at -x (reciprocal-strike symmetry of b).
  if (theta < 0) x = -x;
  const s = normalisedImpliedVolatility(p / (Math.sqrt(F) * Math.sqrt(K)), x);
  if (s == Infinity) return -STATUS_ABOVE_UPPER_BOUND;
  return s / Math.sqrt(T);
}

/** Batch kernel, ABI of src/engine/abi.ts: impliedVol(n, pType, pPrice, pS, pK, pT, pR, pQ, pVol, pStatus, pScratch). */
export function impliedVol(heap: Heap, n: number, pType: number, pPrice: number, pS: number, pK: number, pT: number, pR: number, pQ: number, pVol: number, pStatus: number, pScratch: number): void {
  const f64 = heap.f64, u8 = heap.u8;
  const iType = pType >> 3, iPrice = pPrice >> 3, iS = pS >> 3, iK = pK >> 3, iT = pT >> 3, iR = pR >> 3, iQ = pQ >> 3, iVol = pVol >> 3;
  for (let i = 0; i < n; i++) {
    const v = impliedVolOne(f64[iType + i], f64[iPrice + i], f64[iS + i], f64[iK + i], f64[iT + i], f64[iR + i], f64[iQ + i]);
    // Statuses travel as negative numbers; a volatility is >= 0 (0 when the price equals intrinsic value).
    if (v >= 0) {
      f64[iVol + i] = v;
      u8[pStatus + i] = STATUS_OK;
    } else {
      f64[iVol + i] = NaN;
      u8[pStatus + i] = -v;
    }
  }
}
