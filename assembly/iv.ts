// WebAssembly kernel (twin: src/kernel/iv.ts): Black-Scholes-Merton implied volatility for a batch, by "Let's Be Rational" (lbr.ts).
import { normalisedImpliedVolatility } from './lbr';

// IV_STATUS of src/engine/abi.ts (repeated as literals so both twins read the same).
const STATUS_OK: u8 = 0;
const STATUS_BELOW_INTRINSIC = 1;
const STATUS_ABOVE_UPPER_BOUND = 2;
const STATUS_EXPIRED = 3;
const STATUS_INVALID_INPUT = 4;

/** 4 ulp: F = S e^{(r-q)T} and price / e^{-rT} each carry up to about 2 ulp of rounding */
const INTRINSIC_SLACK = 8.881784197001252e-16;

function isFiniteNumber(v: f64): bool {
  return v - v == 0; // false for NaN and +-Infinity
}

/**
 * Implied volatility of one option: writes sigma to vol[i] (NaN unless ok) and returns the status.
 * Maps BSM to Black on the forward, F = S e^{(r-q)T}, undiscounted price = price / e^{-rT}, then to the
 * normalised out-of-the-money call: beta = time value / sqrt(F K), x = ln(F/K) <= 0; sigma = s / sqrt(T).
 */
export function impliedVolOne(type: f64, price: f64, S: f64, K: f64, T: f64, r: f64, q: f64): f64 {
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
export function impliedVol(n: i32, pType: usize, pPrice: usize, pS: usize, pK: usize, pT: usize, pR: usize, pQ: usize, pVol: usize, pStatus: usize, pScratch: usize): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const v = impliedVolOne(load<f64>(pType + o), load<f64>(pPrice + o), load<f64>(pS + o), load<f64>(pK + o), load<f64>(pT + o), load<f64>(pR + o), load<f64>(pQ + o));
    // Statuses travel as negative numbers; a volatility is >= 0 (0 when the price equals intrinsic value).
    if (v >= 0) {
      store<f64>(pVol + o, v);
      store<u8>(pStatus + <usize>i, STATUS_OK);
    } else {
      store<f64>(pVol + o, NaN);
      store<u8>(pStatus + <usize>i, <u8>(<i32>(-v)));
    }
  }
}
