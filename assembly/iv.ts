// WebAssembly kernel (twin: src/kernel/iv.ts): Black-Scholes-Merton implied volatility for a batch, by "Let's Be Rational" (lbr.ts).
import { normalisedImpliedVolatility, normalisedImpliedVolatilityFromPoints } from './lbr';
import { BRANCH_LOWER_MIDDLE, BRANCH_UPPER_MIDDLE, classifyPair, middleBranchPair } from './lbr-simd';
import { expf64, logf64 } from './math';

// IV_STATUS of src/engine/abi.ts (repeated as literals so both twins read the same).
const STATUS_OK = 0;
const STATUS_BELOW_INTRINSIC = 1;
const STATUS_ABOVE_UPPER_BOUND = 2;
const STATUS_EXPIRED = 3;
const STATUS_INVALID_INPUT = 4;

/** 4 ulp: F = S e^{(r-q)T} and price / e^{-rT} each carry up to about 2 ulp of rounding */
const INTRINSIC_SLACK = 8.881784197001252e-16;

// Loop fission (wasm.md section 0: small loops over a 256-element block): stage 1 maps a block of options to
// normalised coordinates two at a time in f64x2 lanes (math.ts's expf64/logf64), writing them to the scratch;
// stage 2 solves them: the options to solve (0 < beta < bMax, x < 0) are listed, their first two points of "Let's
// Be Rational" are computed two at a time (lbr-simd.ts classifyPair), the middle-branch options (86% on the moderate
// domain) are listed again and solved two at a time (middleBranchPair), everything else by the scalar solver.
// Each lane does the scalar solver's operations in its order, so the result does not depend on the path.
const BLOCK = 256;
const S_BETA: usize = 0; // scratch layout: BLOCK f64 each of beta, x, bMax, sqrt(T) and the status
const S_X: usize = BLOCK << 3;
const S_BMAX: usize = 2 * BLOCK << 3;
const S_SQRT_T: usize = 3 * BLOCK << 3;
const S_STATUS: usize = 4 * BLOCK << 3;
const S_PAD: usize = 5 * BLOCK << 3; // 7 x 2 lanes: an odd last option, copied into both lanes of a pair
const S_SC: usize = 6 * BLOCK << 3; // BLOCK f64 each of classifyPair's s_c, b_c, s2, b2, E2 and the branch
const S_BC: usize = 7 * BLOCK << 3;
const S_S2: usize = 8 * BLOCK << 3;
const S_B2: usize = 9 * BLOCK << 3;
const S_E2: usize = 10 * BLOCK << 3;
const S_BRANCH: usize = 11 * BLOCK << 3;
const S_LIST: usize = 12 * BLOCK << 3; // BLOCK u32: options to solve
const S_LIST_MIDDLE: usize = 13 * BLOCK << 3; // BLOCK u32: options in a middle branch
const S_PAIR: usize = 14 * BLOCK << 3; // 5 x 2 lanes: classifyPair's output
const S_LIST_CODY: usize = 15 * BLOCK << 3; // BLOCK u32: middle-branch options whose bracket lies above 2 tau
const S_COUNTS: usize = 16 * BLOCK << 3; // 3 u32: listMiddleBlock's group sizes
/** 2 tau: below s = 2 tau every b evaluation takes lbr.ts's small-t expansion (Jaeckel 2015's tau = 2 DBL_EPSILON^(1/16)). */
const TWO_TAU = 2 * 0.21022410381342865;
const HALF_TWO_TAU_SQUARED = 0.5 * TWO_TAU * TWO_TAU; // sqrt(2|x|) < 2 tau for |x| below this

// @ts-ignore: decorator
@inline function sp(v: f64): v128 { return f64x2.splat(v); }

// @ts-ignore: decorator
@inline function isFinitePair(v: v128): v128 {
  return f64x2.eq(f64x2.sub(v, v), sp(0)); // false for NaN and +-Infinity
}

/**
 * Two options per call (lanes): validation, the BSM -> Black mapping, F = S e^{(r-q)T}, undiscounted price =
 * price / e^{-rT}, then the normalised out-of-the-money call: beta = time value / sqrt(F K), x = ln(F/K) <= 0,
 * bMax = sqrt(min(F, K) / max(F, K)) = e^{x/2}. Writes beta, x, bMax, sqrt(T) and the status (0 = solve) to the
 * scratch at pOut. Every lane computes everything; the status picks (invalid, expired, below, above, solve).
 */
function preparePair(pType: usize, pPrice: usize, pS: usize, pK: usize, pT: usize, pR: usize, pQ: usize, pOut: usize): void {
  const type = v128.load(pType), price = v128.load(pPrice), S = v128.load(pS), K = v128.load(pK);
  const T = v128.load(pT), r = v128.load(pR), q = v128.load(pQ);
  const valid = v128.and(v128.and(v128.and(v128.or(f64x2.eq(type, sp(1)), f64x2.eq(type, sp(-1))), isFinitePair(price)),
    v128.and(v128.and(isFinitePair(S), isFinitePair(K)), v128.and(isFinitePair(T), isFinitePair(r)))),
    v128.and(v128.and(isFinitePair(q), f64x2.gt(S, sp(0))), v128.and(f64x2.gt(K, sp(0)), f64x2.ge(T, sp(0)))));
  const discount = expf64(f64x2.mul(f64x2.neg(r), T));
  const F = f64x2.mul(S, expf64(f64x2.mul(f64x2.sub(r, q), T)));
  let p = f64x2.div(price, discount);
  let theta = type;
  const intrinsic = f64x2.max(f64x2.mul(theta, f64x2.sub(F, K)), sp(0));
  // A price within the rounding of the mapping (F, price/D: a few ulp of max(F, K)) below intrinsic value is
  // intrinsic value (vol 0); below that it is arbitrage.
  const below = f64x2.lt(p, f64x2.sub(intrinsic, f64x2.mul(sp(INTRINSIC_SLACK), f64x2.max(F, K))));
  const above = f64x2.ge(p, v128.bitselect(K, F, f64x2.lt(theta, sp(0))));
  let x = logf64(f64x2.div(F, K));
  // In the money: keep the time value and switch to the out-of-the-money option (put-call parity).
  const itm = f64x2.gt(f64x2.mul(theta, x), sp(0));
  p = v128.bitselect(f64x2.max(f64x2.sub(p, intrinsic), sp(0)), p, itm);
  theta = v128.bitselect(f64x2.neg(theta), theta, itm);
  // An out-of-the-money put at x is the out-of-the-money call at -x (reciprocal-strike symmetry of b).
  x = v128.bitselect(f64x2.neg(x), x, f64x2.lt(theta, sp(0)));
  v128.store(pOut + S_BETA, f64x2.div(p, f64x2.mul(f64x2.sqrt(F), f64x2.sqrt(K))));
  v128.store(pOut + S_X, x);
  v128.store(pOut + S_BMAX, f64x2.sqrt(f64x2.div(f64x2.min(F, K), f64x2.max(F, K))));
  v128.store(pOut + S_SQRT_T, f64x2.sqrt(T));
  let status = v128.bitselect(sp(STATUS_ABOVE_UPPER_BOUND), sp(STATUS_OK), above);
  status = v128.bitselect(sp(STATUS_BELOW_INTRINSIC), status, below);
  status = v128.bitselect(sp(STATUS_EXPIRED), status, f64x2.eq(T, sp(0)));
  status = v128.bitselect(status, sp(STATUS_INVALID_INPUT), valid);
  v128.store(pOut + S_STATUS, status);
}

/** Stage 1 over m <= BLOCK options; an odd last option is copied into both lanes of a padding pair. */
function prepareBlock(m: i32, pType: usize, pPrice: usize, pS: usize, pK: usize, pT: usize, pR: usize, pQ: usize, pScratch: usize): void {
  let j = 0;
  for (; j + 2 <= m; j += 2) {
    const o = <usize>j << 3;
    preparePair(pType + o, pPrice + o, pS + o, pK + o, pT + o, pR + o, pQ + o, pScratch + o);
  }
  if (j < m) {
    const o = <usize>j << 3, pad = pScratch + S_PAD;
    v128.store(pad, v128.load64_splat(pType + o));
    v128.store(pad, v128.load64_splat(pPrice + o), 16);
    v128.store(pad, v128.load64_splat(pS + o), 32);
    v128.store(pad, v128.load64_splat(pK + o), 48);
    v128.store(pad, v128.load64_splat(pT + o), 64);
    v128.store(pad, v128.load64_splat(pR + o), 80);
    v128.store(pad, v128.load64_splat(pQ + o), 96);
    preparePair(pad, pad + 16, pad + 32, pad + 48, pad + 64, pad + 80, pad + 96, pScratch + o);
  }
}

/** One option by the scalar solver (lbr.ts); sigma = s / sqrt(T). */
function solveOne(j: i32, pVol: usize, pStatus: usize, pScratch: usize): void {
  const so = pScratch + (<usize>j << 3);
  let status = <i32>load<f64>(so + S_STATUS);
  let v: f64 = NaN;
  if (status == STATUS_OK) {
    const s = normalisedImpliedVolatility(load<f64>(so + S_BETA), load<f64>(so + S_X), load<f64>(so + S_BMAX));
    if (s == Infinity) status = STATUS_ABOVE_UPPER_BOUND;
    else v = s / load<f64>(so + S_SQRT_T);
  }
  store<f64>(pVol + (<usize>j << 3), v);
  store<u8>(pStatus + <usize>j, <u8>status);
}

// @ts-ignore: decorator
@inline function gather(p: usize, o0: usize, o1: usize): v128 {
  return v128.load64_lane(p + o1, v128.load64_zero(p + o0), 1);
}

/**
 * Stage 2a: list the options for the pair solver (status ok, 0 < beta < bMax, x < 0), those with s_c = sqrt(2|x|)
 * below 2 tau first (b_c by the small-t expansion) and the others after them (b_c by Cody's functions), so a pair
 * rarely needs both; the rest by the scalar solver.
 */
function listBlock(m: i32, pVol: usize, pStatus: usize, pScratch: usize): i32 {
  let nSmall = 0, nOther = 0;
  for (let j = 0; j < m; j++) {
    const so = pScratch + (<usize>j << 3);
    const beta = load<f64>(so + S_BETA), x = load<f64>(so + S_X);
    if (<i32>load<f64>(so + S_STATUS) == STATUS_OK && beta > 0 && beta < load<f64>(so + S_BMAX) && x < 0) {
      if (x > -HALF_TWO_TAU_SQUARED) {
        store<u32>(pScratch + S_LIST + (<usize>nSmall << 2), j);
        nSmall++;
      } else {
        store<u32>(pScratch + S_LIST_CODY + (<usize>nOther << 2), j);
        nOther++;
      }
    } else {
      solveOne(j, pVol, pStatus, pScratch);
    }
  }
  memory.copy(pScratch + S_LIST + (<usize>nSmall << 2), pScratch + S_LIST_CODY, <usize>nOther << 2);
  return nSmall + nOther;
}

/** Stage 2b: classifyPair over the listed options two at a time (an odd last one in both lanes). */
function classifyBlock(n: i32, pScratch: usize): void {
  for (let k = 0; k < n; k += 2) {
    const o0 = <usize>load<u32>(pScratch + S_LIST + (<usize>k << 2)) << 3;
    const o1 = k + 1 < n ? <usize>load<u32>(pScratch + S_LIST + (<usize>(k + 1) << 2)) << 3 : o0;
    const pair = pScratch + S_PAIR;
    const branch = classifyPair(gather(pScratch + S_BETA, o0, o1), gather(pScratch + S_X, o0, o1), gather(pScratch + S_BMAX, o0, o1), pair);
    for (let lane = 0; lane < 2; lane++) {
      const o = lane == 0 ? o0 : o1, l = <usize>lane << 3;
      store<f64>(pScratch + S_SC + o, load<f64>(pair + l));
      store<f64>(pScratch + S_BC + o, load<f64>(pair + l, 16));
      store<f64>(pScratch + S_S2 + o, load<f64>(pair + l, 32));
      store<f64>(pScratch + S_B2 + o, load<f64>(pair + l, 48));
      store<f64>(pScratch + S_E2 + o, load<f64>(pair + l, 64));
    }
    v128.store64_lane(pScratch + S_BRANCH + o0, branch, 0);
    v128.store64_lane(pScratch + S_BRANCH + o1, branch, 1);
  }
}

/**
 * Stage 2c: list the middle-branch options in three groups by their bracket [sLeft, sRight] (the Householder iterates
 * stay in it): all below 2 tau (every b by the small-t expansion), all above (Cody's functions, or the asymptotic
 * expansion), across; so a pair rarely needs both evaluations. The lowest and highest branches go to the scalar solver
 * from classifyPair's points. The groups' counts go to counts[0..2]; the across group reuses S_LIST (it is written
 * behind the read position).
 */
function listMiddleBlock(n: i32, pVol: usize, pStatus: usize, pScratch: usize): void {
  let nSmall = 0, nAcross = 0, nCody = 0;
  for (let k = 0; k < n; k++) {
    const j = load<u32>(pScratch + S_LIST + (<usize>k << 2));
    const o = <usize>j << 3;
    const branch = <i32>load<f64>(pScratch + S_BRANCH + o);
    if (branch == BRANCH_LOWER_MIDDLE || branch == BRANCH_UPPER_MIDDLE) {
      const sc = load<f64>(pScratch + S_SC + o), s2 = load<f64>(pScratch + S_S2 + o);
      if (max(sc, s2) < TWO_TAU) {
        store<u32>(pScratch + S_LIST_MIDDLE + (<usize>nSmall << 2), j);
        nSmall++;
      } else if (min(sc, s2) >= TWO_TAU) {
        store<u32>(pScratch + S_LIST_CODY + (<usize>nCody << 2), j);
        nCody++;
      } else {
        store<u32>(pScratch + S_LIST + (<usize>nAcross << 2), j);
        nAcross++;
      }
    } else {
      // lowest or highest branch: the scalar solver from classifyPair's points (status ok; 0 < beta < bMax, so s is finite)
      const s = normalisedImpliedVolatilityFromPoints(load<f64>(pScratch + S_BETA + o), load<f64>(pScratch + S_X + o), load<f64>(pScratch + S_BMAX + o),
        load<f64>(pScratch + S_SC + o), load<f64>(pScratch + S_BC + o), load<f64>(pScratch + S_S2 + o), load<f64>(pScratch + S_B2 + o), load<f64>(pScratch + S_E2 + o));
      store<f64>(pVol + o, s / load<f64>(pScratch + S_SQRT_T + o));
      store<u8>(pStatus + <usize>j, STATUS_OK);
    }
  }
  store<u32>(pScratch + S_COUNTS, nSmall);
  store<u32>(pScratch + S_COUNTS, nAcross, 4);
  store<u32>(pScratch + S_COUNTS, nCody, 8);
}

/** Stage 2d: middleBranchPair over a list of middle-branch options two at a time; sigma = s / sqrt(T). */
function solveMiddleBlock(nm: i32, pList: usize, pVol: usize, pStatus: usize, pScratch: usize): void {
  for (let k = 0; k < nm; k += 2) {
    const j0 = load<u32>(pList + (<usize>k << 2));
    const j1 = k + 1 < nm ? load<u32>(pList + (<usize>(k + 1) << 2)) : j0;
    const o0 = <usize>j0 << 3, o1 = <usize>j1 << 3;
    const lower = f64x2.eq(gather(pScratch + S_BRANCH, o0, o1), sp(BRANCH_LOWER_MIDDLE));
    const s = middleBranchPair(gather(pScratch + S_BETA, o0, o1), gather(pScratch + S_X, o0, o1), gather(pScratch + S_BMAX, o0, o1),
      gather(pScratch + S_SC, o0, o1), gather(pScratch + S_BC, o0, o1), gather(pScratch + S_S2, o0, o1),
      gather(pScratch + S_B2, o0, o1), gather(pScratch + S_E2, o0, o1), lower);
    const v = f64x2.div(s, gather(pScratch + S_SQRT_T, o0, o1));
    v128.store64_lane(pVol + o0, v, 0);
    v128.store64_lane(pVol + o1, v, 1);
    store<u8>(pStatus + <usize>j0, STATUS_OK);
    store<u8>(pStatus + <usize>j1, STATUS_OK);
  }
}

/** Stage 2: stages 2a-2d. */
function solveBlock(m: i32, pVol: usize, pStatus: usize, pScratch: usize): void {
  const n = listBlock(m, pVol, pStatus, pScratch);
  classifyBlock(n, pScratch);
  listMiddleBlock(n, pVol, pStatus, pScratch);
  solveMiddleBlock(<i32>load<u32>(pScratch + S_COUNTS), pScratch + S_LIST_MIDDLE, pVol, pStatus, pScratch);
  solveMiddleBlock(<i32>load<u32>(pScratch + S_COUNTS, 4), pScratch + S_LIST, pVol, pStatus, pScratch);
  solveMiddleBlock(<i32>load<u32>(pScratch + S_COUNTS, 8), pScratch + S_LIST_CODY, pVol, pStatus, pScratch);
}

/** Batch kernel, ABI of src/engine/abi.ts: impliedVol(n, pType, pPrice, pS, pK, pT, pR, pQ, pVol, pStatus, pScratch). */
export function impliedVol(n: i32, pType: usize, pPrice: usize, pS: usize, pK: usize, pT: usize, pR: usize, pQ: usize, pVol: usize, pStatus: usize, pScratch: usize): void {
  for (let i = 0; i < n; i += BLOCK) {
    const m = min(BLOCK, n - i), o = <usize>i << 3;
    prepareBlock(m, pType + o, pPrice + o, pS + o, pK + o, pT + o, pR + o, pQ + o, pScratch);
    solveBlock(m, pVol + o, pStatus + <usize>i, pScratch);
  }
}
