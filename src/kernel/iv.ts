// Twin of assembly/iv.ts: Black-Scholes-Merton implied volatility for a batch, by "Let's Be Rational" (lbr.ts).
import type { Heap } from '../engine/abi.js';
import { normalisedImpliedVolatility } from './lbr.js';
// The wasm twin's f64x2 expf64/logf64 lanes, one at a time: scalarmath.ts has the same algorithm (bit-identical).
import { exp as expf64, log as logf64 } from './scalarmath.js';

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

// Loop fission as in the wasm twin: stage 1 maps a block of options to normalised coordinates (there two at a
// time in f64x2 lanes; here one lane at a time, same operations: math.ts's expf64/logf64), writing them to the
// scratch; stage 2 runs the scalar solver on each prepared option.
const BLOCK = 256;
const S_BETA = 0; // scratch layout (in f64): BLOCK each of beta, x, bMax, sqrt(T) and the status
const S_X = BLOCK;
const S_BMAX = 2 * BLOCK;
const S_SQRT_T = 3 * BLOCK;
const S_STATUS = 4 * BLOCK;

/**
 * One option (one lane of the wasm preparePair): validation, the BSM -> Black mapping, F = S e^{(r-q)T},
 * undiscounted price = price / e^{-rT}, then the normalised out-of-the-money call: beta = time value / sqrt(F K),
 * x = ln(F/K) <= 0, bMax = sqrt(min(F, K) / max(F, K)) = e^{x/2}. Writes beta, x, bMax, sqrt(T) and the status
 * (0 = solve) to the scratch at f64 index iOut. Everything is computed; the status picks (invalid, expired,
 * below, above, solve).
 */
function prepareOne(f64: Float64Array, type: number, price: number, S: number, K: number, T: number, r: number, q: number, iOut: number): void {
  const valid = (type == 1 || type == -1) && isFiniteNumber(price) && isFiniteNumber(S) && isFiniteNumber(K) &&
    isFiniteNumber(T) && isFiniteNumber(r) && isFiniteNumber(q) && S > 0 && K > 0 && T >= 0;
  const discount = expf64(-r * T);
  const F = S * expf64((r - q) * T);
  let p = price / discount;
  let theta = type;
  const intrinsic = Math.max(theta * (F - K), 0);
  // A price within the rounding of the mapping (F, price/D: a few ulp of max(F, K)) below intrinsic value is
  // intrinsic value (vol 0); below that it is arbitrage.
  const below = p < intrinsic - INTRINSIC_SLACK * Math.max(F, K);
  const above = p >= (theta < 0 ? K : F);
  let x = logf64(F / K);
  // In the money: keep the time value and switch to the out-of-the-money option (put-call parity).
  const itm = theta * x > 0;
  p = itm ? Math.max(p - intrinsic, 0) : p;
  theta = itm ? -theta : theta;
  // An out-of-the-money put at x is the out-of-the-money call at -x (reciprocal-strike symmetry of b).
  x = theta < 0 ? -x : x;
  f64[iOut + S_BETA] = p / (Math.sqrt(F) * Math.sqrt(K));
  f64[iOut + S_X] = x;
  f64[iOut + S_BMAX] = Math.sqrt(Math.min(F, K) / Math.max(F, K));
  f64[iOut + S_SQRT_T] = Math.sqrt(T);
  let status = above ? STATUS_ABOVE_UPPER_BOUND : STATUS_OK;
  status = below ? STATUS_BELOW_INTRINSIC : status;
  status = T == 0 ? STATUS_EXPIRED : status;
  status = valid ? status : STATUS_INVALID_INPUT;
  f64[iOut + S_STATUS] = status;
}

/** Stage 1 over m <= BLOCK options (f64 indices of the inputs and the scratch). */
function prepareBlock(f64: Float64Array, m: number, iType: number, iPrice: number, iS: number, iK: number, iT: number, iR: number, iQ: number, iScratch: number): void {
  for (let j = 0; j < m; j++) {
    prepareOne(f64, f64[iType + j]!, f64[iPrice + j]!, f64[iS + j]!, f64[iK + j]!, f64[iT + j]!, f64[iR + j]!, f64[iQ + j]!, iScratch + j);
  }
}

/** Stage 2: the scalar solver on each prepared option; sigma = s / sqrt(T). */
function solveBlock(heap: Heap, m: number, iVol: number, pStatus: number, iScratch: number): void {
  const f64 = heap.f64, u8 = heap.u8;
  for (let j = 0; j < m; j++) {
    const so = iScratch + j;
    let status = f64[so + S_STATUS]!;
    let v = NaN;
    if (status == STATUS_OK) {
      const s = normalisedImpliedVolatility(f64[so + S_BETA]!, f64[so + S_X]!, f64[so + S_BMAX]!);
      if (s == Infinity) status = STATUS_ABOVE_UPPER_BOUND;
      else v = s / f64[so + S_SQRT_T]!;
    }
    f64[iVol + j] = v;
    u8[pStatus + j] = status;
  }
}

/** Batch kernel, ABI of src/engine/abi.ts: impliedVol(n, pType, pPrice, pS, pK, pT, pR, pQ, pVol, pStatus, pScratch). */
export function impliedVol(heap: Heap, n: number, pType: number, pPrice: number, pS: number, pK: number, pT: number, pR: number, pQ: number, pVol: number, pStatus: number, pScratch: number): void {
  const iType = pType >> 3, iPrice = pPrice >> 3, iS = pS >> 3, iK = pK >> 3, iT = pT >> 3, iR = pR >> 3, iQ = pQ >> 3, iVol = pVol >> 3;
  const iScratch = pScratch >> 3;
  for (let i = 0; i < n; i += BLOCK) {
    const m = Math.min(BLOCK, n - i);
    prepareBlock(heap.f64, m, iType + i, iPrice + i, iS + i, iK + i, iT + i, iR + i, iQ + i, iScratch);
    solveBlock(heap, m, iVol + i, pStatus + i, iScratch);
  }
}
