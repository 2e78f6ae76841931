// WebAssembly kernel (twin: src/kernel/iv.ts): Black-Scholes-Merton implied volatility for a batch, by "Let's Be Rational" (lbr.ts).
import { normalisedImpliedVolatility, normalisedImpliedVolatilityFromPoints } from './lbr';
import { B_REGIONS, bRegion, BRANCH_LOWER_MIDDLE, BRANCH_LOWEST, BRANCH_UPPER_MIDDLE, centralPointPair, middleGuessPair, householderPointPair, lowestGuessPair, lowestHouseholderStepPair, lowestPointPair, middleHouseholderStepPair, normalisedBlackCallOtmPair, secondPointPair } from './lbr-simd';
import { expAny, logf64 } from './math';

// IV_STATUS of src/engine/abi.ts (repeated as literals so both twins read the same).
const STATUS_OK = 0;
const STATUS_BELOW_INTRINSIC = 1;
const STATUS_ABOVE_UPPER_BOUND = 2;
const STATUS_EXPIRED = 3;
const STATUS_INVALID_INPUT = 4;

/** 4 ulp: F = S e^{(r-q)T} and price / e^{-rT} each carry up to about 2 ulp of rounding */
const INTRINSIC_SLACK = 8.881784197001252e-16;

// Loop fission (wasm.md section 0: small loops over a 256-element block): stage 1 maps a block of options to
// normalised coordinates two at a time in f64x2 lanes (math.ts's expAny/logf64), writing them to the scratch;
// stage 2 solves them by "Let's Be Rational" (lbr.ts), two at a time where the branches allow (lbr-simd.ts): the
// options to solve (0 < beta < bMax, x < 0) are listed, their central and second points computed two at a time, the
// middle-branch options (86% on issue 4's moderate domain) listed again and solved two at a time (initial guesses,
// reordered by the region in which b is evaluated there, then each Householder step over the list), the lowest branch's
// Householder steps two at a time from its scalar initial guess; the highest branch and everything else by the scalar
// solver. Each lane does the scalar solver's operations in its order, so the result does not depend on the path taken.
const BLOCK = 256;
// Scratch layout, BLOCK f64 each unless said otherwise. Per option of the block (index j):
const S_BETA: usize = 0; // beta, x, bMax, sqrt(T) and the status (stage 1)
const S_X: usize = BLOCK << 3;
const S_BMAX: usize = 2 * BLOCK << 3;
const S_SQRT_T: usize = 3 * BLOCK << 3;
const S_STATUS: usize = 4 * BLOCK << 3;
const S_PAD: usize = 5 * BLOCK << 3; // 7 x 2 lanes: an odd last option, copied into both lanes of a pair
// Per position k of the solve list (pairs at byte k << 3; an odd count's last entry is repeated at position n):
const L_INDEX: usize = 6 * BLOCK << 3; // BLOCK u32: the option j at position k
const L_BETA: usize = 7 * BLOCK << 3;
const L_X: usize = 8 * BLOCK << 3;
const L_BMAX: usize = 9 * BLOCK << 3;
const L_SC: usize = 10 * BLOCK << 3; // central point s_c, b_c
const L_BC: usize = 11 * BLOCK << 3;
const L_S2: usize = 12 * BLOCK << 3; // second point s2, b2, E2 and the branch
const L_B2: usize = 13 * BLOCK << 3;
const L_E2: usize = 14 * BLOCK << 3;
const L_BRANCH: usize = 15 * BLOCK << 3;
// The middle-branch positions k (BLOCK u32), then per entry i of that list (pairs at byte i << 3): the initial guess
// s, its bracket [sLeft, sRight], beta, x, bMax and the b-region at the guess (BLOCK u32); bRegion's counts (u32 each).
const M_LIST: usize = 16 * BLOCK << 3;
const G_S: usize = 17 * BLOCK << 3;
const G_SLEFT: usize = 18 * BLOCK << 3;
const G_SRIGHT: usize = 19 * BLOCK << 3;
const G_BETA: usize = 20 * BLOCK << 3;
const G_X: usize = 21 * BLOCK << 3;
const G_BMAX: usize = 22 * BLOCK << 3;
const G_REGION: usize = 23 * BLOCK << 3;
const M_COUNTS: usize = 24 * BLOCK << 3;
// The same, reordered by b-region (pairs at byte i << 3), with the iterate's last step ds and the option j (BLOCK u32).
const P_S: usize = 25 * BLOCK << 3;
const P_SLEFT: usize = 26 * BLOCK << 3;
const P_SRIGHT: usize = 27 * BLOCK << 3;
const P_BETA: usize = 28 * BLOCK << 3;
const P_X: usize = 29 * BLOCK << 3;
const P_BMAX: usize = 30 * BLOCK << 3;
const P_DS: usize = 31 * BLOCK << 3;
const P_INDEX: usize = 32 * BLOCK << 3;
// Per entry i of the lowest-branch list (pairs at byte i << 3): the iterate s (from the initial guess), its bracket's
// right end s_l, beta, x, bMax, ln beta, the last step ds and the option j (BLOCK u32); the list's size (u32); b_l.
const Q_S: usize = 33 * BLOCK << 3;
const Q_SRIGHT: usize = 34 * BLOCK << 3;
const Q_BETA: usize = 35 * BLOCK << 3;
const Q_X: usize = 36 * BLOCK << 3;
const Q_BMAX: usize = 37 * BLOCK << 3;
const Q_LN_BETA: usize = 38 * BLOCK << 3;
const Q_DS: usize = 39 * BLOCK << 3;
const Q_INDEX: usize = 40 * BLOCK << 3;
const Q_COUNT: usize = 41 * BLOCK << 3;
// Per entry i of the reordered middle-branch list: h, t, E and b at the iterate of the current Householder step.
const P_H: usize = 42 * BLOCK << 3;
const P_T: usize = 43 * BLOCK << 3;
const P_E: usize = 44 * BLOCK << 3;
const P_B: usize = 45 * BLOCK << 3;
const Q_BL: usize = 46 * BLOCK << 3;
const Q_BX: usize = 47 * BLOCK << 3; // b/vega at the iterate (lowestPointPair)
const P_RS: usize = 48 * BLOCK << 3; // 1/s at the middle-branch iterate (householderPointPair)
/** lbr.ts's Householder iterations after the rational guess (Jaeckel 2015) and its initial step. */
const MAX_ITERATIONS = 2;
const DBL_MAX = 1.7976931348623157e308;

// @ts-ignore: decorator
@inline function sp(v: f64): v128 { return f64x2.splat(v); }

// @ts-ignore: decorator
@inline function isFinitePair(v: v128): v128 {
  return f64x2.eq(f64x2.sub(v, v), sp(0)); // false for NaN and +-Infinity
}

/**
 * Stage 1, first loop (split from preparePair so that each loop keeps fewer constants live: wasm.md loop fission), two
 * options per call (lanes): validation, F = S e^{(r-q)T} and the undiscounted price = price / e^{-rT}, written to the
 * scratch at pOut in preparePair's slots (price at S_BETA, F at S_X, the validity mask at S_STATUS).
 */
function forwardPair(pType: usize, pPrice: usize, pS: usize, pK: usize, pT: usize, pR: usize, pQ: usize, pOut: usize): void {
  const type = v128.load(pType), price = v128.load(pPrice), S = v128.load(pS), K = v128.load(pK);
  const T = v128.load(pT), r = v128.load(pR), q = v128.load(pQ);
  const valid = v128.and(v128.and(v128.and(v128.or(f64x2.eq(type, sp(1)), f64x2.eq(type, sp(-1))), isFinitePair(price)),
    v128.and(v128.and(isFinitePair(S), isFinitePair(K)), v128.and(isFinitePair(T), isFinitePair(r)))),
    v128.and(v128.and(isFinitePair(q), f64x2.gt(S, sp(0))), v128.and(f64x2.gt(K, sp(0)), f64x2.ge(T, sp(0)))));
  const discount = expAny(f64x2.mul(f64x2.neg(r), T));
  const F = f64x2.mul(S, expAny(f64x2.mul(f64x2.sub(r, q), T)));
  v128.store(pOut, f64x2.div(price, discount), S_BETA);
  v128.store(pOut, F, S_X);
  v128.store(pOut, valid, S_STATUS);
}

/**
 * Stage 1, second loop, two options per call (lanes): from forwardPair's price, F and validity, the normalised
 * out-of-the-money call: beta = time value / sqrt(F K), x = ln(F/K) <= 0, bMax = sqrt(min(F, K) / max(F, K)) = e^{x/2}.
 * Writes beta, x, bMax, sqrt(T) and the status (0 = solve) to the scratch at pOut. Every lane computes everything;
 * the status picks (invalid, expired, below, above, solve).
 */
function preparePair(pType: usize, pK: usize, pT: usize, pOut: usize): void {
  const type = v128.load(pType), K = v128.load(pK), T = v128.load(pT);
  let p = v128.load(pOut, S_BETA);
  const F = v128.load(pOut, S_X), valid = v128.load(pOut, S_STATUS);
  let theta = type;
  // pmax/pmin (one instruction each; V8's max/min take about 7, wasm.md) give max/min's values for the operands of a
  // valid lane (F, K > 0; at F = K only the sign of a zero intrinsic value differs, which changes no comparison)
  const intrinsic = f64x2.pmax(f64x2.mul(theta, f64x2.sub(F, K)), sp(0));
  // A price within the rounding of the mapping (F, price/D: a few ulp of max(F, K)) below intrinsic value is
  // intrinsic value (vol 0); below that it is arbitrage.
  const below = f64x2.lt(p, f64x2.sub(intrinsic, f64x2.mul(sp(INTRINSIC_SLACK), f64x2.pmax(F, K))));
  const above = f64x2.ge(p, v128.bitselect(K, F, f64x2.lt(theta, sp(0))));
  let x = logf64(f64x2.div(F, K));
  // In the money: keep the time value and switch to the out-of-the-money option (put-call parity).
  const itm = f64x2.gt(f64x2.mul(theta, x), sp(0));
  p = v128.bitselect(f64x2.pmax(f64x2.sub(p, intrinsic), sp(0)), p, itm);
  theta = v128.bitselect(f64x2.neg(theta), theta, itm);
  // An out-of-the-money put at x is the out-of-the-money call at -x (reciprocal-strike symmetry of b).
  x = v128.bitselect(f64x2.neg(x), x, f64x2.lt(theta, sp(0)));
  v128.store(pOut, f64x2.div(p, f64x2.mul(f64x2.sqrt(F), f64x2.sqrt(K))), S_BETA);
  v128.store(pOut, x, S_X);
  v128.store(pOut, f64x2.sqrt(f64x2.div(f64x2.pmin(F, K), f64x2.pmax(F, K))), S_BMAX);
  v128.store(pOut, f64x2.sqrt(T), S_SQRT_T);
  let status = v128.bitselect(sp(STATUS_ABOVE_UPPER_BOUND), sp(STATUS_OK), above);
  status = v128.bitselect(sp(STATUS_BELOW_INTRINSIC), status, below);
  status = v128.bitselect(sp(STATUS_EXPIRED), status, f64x2.eq(T, sp(0)));
  status = v128.bitselect(status, sp(STATUS_INVALID_INPUT), valid);
  v128.store(pOut, status, S_STATUS);
}

/** Stage 1 over m <= BLOCK options; an odd last option is copied into both lanes of a padding pair. */
function prepareBlock(m: i32, pType: usize, pPrice: usize, pS: usize, pK: usize, pT: usize, pR: usize, pQ: usize, pScratch: usize): void {
  let j = 0;
  for (; j + 2 <= m; j += 2) {
    const o = <usize>j << 3;
    forwardPair(pType + o, pPrice + o, pS + o, pK + o, pT + o, pR + o, pQ + o, pScratch + o);
  }
  const pad = pScratch + S_PAD;
  if (j < m) {
    const o = <usize>j << 3;
    v128.store(pad, v128.load64_splat(pType + o));
    v128.store(pad, v128.load64_splat(pPrice + o), 16);
    v128.store(pad, v128.load64_splat(pS + o), 32);
    v128.store(pad, v128.load64_splat(pK + o), 48);
    v128.store(pad, v128.load64_splat(pT + o), 64);
    v128.store(pad, v128.load64_splat(pR + o), 80);
    v128.store(pad, v128.load64_splat(pQ + o), 96);
    forwardPair(pad, pad + 16, pad + 32, pad + 48, pad + 64, pad + 80, pad + 96, pScratch + o);
  }
  for (j = 0; j + 2 <= m; j += 2) {
    const o = <usize>j << 3;
    preparePair(pType + o, pK + o, pT + o, pScratch + o);
  }
  if (j < m) preparePair(pad, pad + 48, pad + 64, pScratch + (<usize>j << 3));
}

/** One option by the scalar solver (lbr.ts); sigma = s / sqrt(T). */
function solveOne(j: i32, pVol: usize, pStatus: usize, pScratch: usize): void {
  const so = pScratch + (<usize>j << 3);
  let status = <i32>load<f64>(so, S_STATUS);
  let v: f64 = NaN;
  if (status == STATUS_OK) {
    const s = normalisedImpliedVolatility(load<f64>(so, S_BETA), load<f64>(so, S_X), load<f64>(so, S_BMAX));
    if (s == Infinity) status = STATUS_ABOVE_UPPER_BOUND;
    else v = s / load<f64>(so, S_SQRT_T);
  }
  store<f64>(pVol + (<usize>j << 3), v);
  store<u8>(pStatus + <usize>j, <u8>status);
}

// Two options' values of one scratch array (its offset F as the loads' immediate): v128.load64_lane(q1, v128.load64_zero(q0, F), 1, F)
// with q0, q1 = pScratch + 8 j0, pScratch + 8 j1 (AssemblyScript takes load offsets only as literal constants).

// @ts-ignore: decorator
@inline function copyF64(p: usize, from: usize, to: usize): void {
  store<f64>(p + to, load<f64>(p + from));
}

/**
 * Stage 2a: list the options for the pair solver (status ok, 0 < beta < bMax, x < 0) and copy their beta, x, bMax in
 * list order; the rest by the scalar solver. Returns the list's size.
 */
function listBlock(m: i32, pVol: usize, pStatus: usize, pScratch: usize): i32 {
  let n = 0;
  for (let j = 0; j < m; j++) {
    const so = pScratch + (<usize>j << 3);
    const beta = load<f64>(so, S_BETA), x = load<f64>(so, S_X);
    if (<i32>load<f64>(so, S_STATUS) == STATUS_OK && beta > 0 && beta < load<f64>(so, S_BMAX) && x < 0) {
      store<u32>(pScratch + (<usize>n << 2), j, L_INDEX);
      n++;
    } else {
      solveOne(j, pVol, pStatus, pScratch);
    }
  }
  for (let k = 0; k < n; k++) {
    const o = <usize>load<u32>(pScratch + (<usize>k << 2), L_INDEX) << 3, ok = <usize>k << 3;
    store<f64>(pScratch + ok, load<f64>(pScratch + o, S_BETA), L_BETA);
    store<f64>(pScratch + ok, load<f64>(pScratch + o, S_X), L_X);
    store<f64>(pScratch + ok, load<f64>(pScratch + o, S_BMAX), L_BMAX);
  }
  if (n & 1) {
    const from = <usize>(n - 1) << 3, to = <usize>n << 3;
    copyF64(pScratch + L_BETA, from, to);
    copyF64(pScratch + L_X, from, to);
    copyF64(pScratch + L_BMAX, from, to);
  }
  return n;
}

/** Stage 2b: the central points (centralPointPair) of the listed options, two at a time. */
function centralPointBlock(n: i32, pScratch: usize): void {
  for (let k = 0; k < n; k += 2) {
    const p = pScratch + (<usize>k << 3);
    centralPointPair(v128.load(p, L_X), v128.load(p, L_BMAX), p + L_SC, p + L_BC);
  }
}

/** Stage 2c: the second points and branches (secondPointPair) of the listed options, two at a time. */
function secondPointBlock(n: i32, pScratch: usize): void {
  for (let k = 0; k < n; k += 2) {
    const p = pScratch + (<usize>k << 3);
    v128.store(p, secondPointPair(v128.load(p, L_BETA), v128.load(p, L_X), v128.load(p, L_BMAX),
      v128.load(p, L_SC), v128.load(p, L_BC), p + L_S2, p + L_B2, p + L_E2), L_BRANCH);
  }
}

/**
 * Stage 2d: list the middle-branch positions and the lowest-branch options; the highest branch by the scalar solver
 * from the points already computed.
 */
function listMiddleBlock(n: i32, pVol: usize, pStatus: usize, pScratch: usize): i32 {
  let nm = 0, nl = 0;
  for (let k = 0; k < n; k++) {
    const ok = <usize>k << 3;
    const branch = <i32>load<f64>(pScratch + ok, L_BRANCH);
    if (branch == BRANCH_LOWER_MIDDLE || branch == BRANCH_UPPER_MIDDLE) {
      store<u32>(pScratch + (<usize>nm << 2), k, M_LIST);
      nm++;
    } else {
      const j = <usize>load<u32>(pScratch + (<usize>k << 2), L_INDEX);
      const beta = load<f64>(pScratch + ok, L_BETA), x = load<f64>(pScratch + ok, L_X), bMax = load<f64>(pScratch + ok, L_BMAX);
      const s2 = load<f64>(pScratch + ok, L_S2);
      if (branch == BRANCH_LOWEST) {
        const ol = <usize>nl << 3;
        store<f64>(pScratch + ol, s2, Q_SRIGHT);
        store<f64>(pScratch + ol, load<f64>(pScratch + ok, L_B2), Q_BL);
        store<f64>(pScratch + ol, beta, Q_BETA);
        store<f64>(pScratch + ol, x, Q_X);
        store<f64>(pScratch + ol, bMax, Q_BMAX);
        store<f64>(pScratch + ol, -DBL_MAX, Q_DS);
        store<u32>(pScratch + (<usize>nl << 2), <u32>j, Q_INDEX);
        nl++;
      } else {
        // highest branch (status ok; 0 < beta < bMax, so s is finite)
        const s = normalisedImpliedVolatilityFromPoints(beta, x, bMax, load<f64>(pScratch + ok, L_SC), load<f64>(pScratch + ok, L_BC), s2,
          load<f64>(pScratch + ok, L_B2), load<f64>(pScratch + ok, L_E2));
        store<f64>(pVol + (j << 3), s / load<f64>(pScratch + (j << 3), S_SQRT_T));
        store<u8>(pStatus + j, STATUS_OK);
      }
    }
  }
  if (nl & 1) {
    const from = <usize>(nl - 1) << 3, to = <usize>nl << 3;
    copyF64(pScratch + Q_SRIGHT, from, to);
    copyF64(pScratch + Q_BL, from, to);
    copyF64(pScratch + Q_BETA, from, to);
    copyF64(pScratch + Q_X, from, to);
    copyF64(pScratch + Q_BMAX, from, to);
    copyF64(pScratch + Q_DS, from, to);
  }
  store<u32>(pScratch, nl, Q_COUNT);
  return nm;
}

/**
 * Stage 2h: the lowest branch two at a time: the initial guesses (lowestGuessPair) and ln beta, each Householder step
 * over all pairs in two loops (b/vega: lowestPointPair; the step: lowestHouseholderStepPair), then sigma = s / sqrt(T).
 */
function lowestBlock(nl: i32, pVol: usize, pStatus: usize, pScratch: usize): void {
  for (let i = 0; i < nl; i += 2) {
    const p = pScratch + (<usize>i << 3), beta = v128.load(p, Q_BETA);
    v128.store(p, lowestGuessPair(beta, v128.load(p, Q_X), v128.load(p, Q_SRIGHT), v128.load(p, Q_BL)), Q_S);
    v128.store(p, logf64(beta), Q_LN_BETA);
  }
  for (let iterations = 0; iterations < MAX_ITERATIONS; ++iterations) {
    for (let i = 0; i < nl; i += 2) {
      const p = pScratch + (<usize>i << 3);
      lowestPointPair(v128.load(p, Q_X), v128.load(p, Q_BMAX), p + Q_S, p + Q_DS, p + Q_BX, iterations == 0);
    }
    for (let i = 0; i < nl; i += 2) {
      const p = pScratch + (<usize>i << 3);
      lowestHouseholderStepPair(v128.load(p, Q_BETA), v128.load(p, Q_X), v128.load(p, Q_LN_BETA), v128.load(p, Q_SRIGHT), v128.load(p, Q_BX), p + Q_S, p + Q_DS);
    }
  }
  for (let i = 0; i < nl; i++) {
    const j = <usize>load<u32>(pScratch + (<usize>i << 2), Q_INDEX);
    store<f64>(pVol + (j << 3), load<f64>(pScratch + (<usize>i << 3), Q_S) / load<f64>(pScratch + (j << 3), S_SQRT_T));
    store<u8>(pStatus + j, STATUS_OK);
  }
}

/** Stage 2e: the initial guesses (middleGuessPair) of the middle-branch positions two at a time (an odd last one in both lanes). */
function middleGuessBlock(nm: i32, pScratch: usize): void {
  for (let i = 0; i < nm; i += 2) {
    const o0 = <usize>load<u32>(pScratch + (<usize>i << 2), M_LIST) << 3;
    const o1 = i + 1 < nm ? <usize>load<u32>(pScratch + (<usize>(i + 1) << 2), M_LIST) << 3 : o0;
    const p = pScratch + (<usize>i << 3), q0 = pScratch + o0, q1 = pScratch + o1;
    const beta = v128.load64_lane(q1, v128.load64_zero(q0, L_BETA), 1, L_BETA);
    const x = v128.load64_lane(q1, v128.load64_zero(q0, L_X), 1, L_X);
    const bMax = v128.load64_lane(q1, v128.load64_zero(q0, L_BMAX), 1, L_BMAX);
    const lower = f64x2.eq(v128.load64_lane(q1, v128.load64_zero(q0, L_BRANCH), 1, L_BRANCH), sp(BRANCH_LOWER_MIDDLE));
    middleGuessPair(beta, x, bMax, v128.load64_lane(q1, v128.load64_zero(q0, L_SC), 1, L_SC), v128.load64_lane(q1, v128.load64_zero(q0, L_BC), 1, L_BC), v128.load64_lane(q1, v128.load64_zero(q0, L_S2), 1, L_S2),
      v128.load64_lane(q1, v128.load64_zero(q0, L_B2), 1, L_B2), v128.load64_lane(q1, v128.load64_zero(q0, L_E2), 1, L_E2), lower, p + G_S, p + G_SLEFT, p + G_SRIGHT);
    v128.store(p, beta, G_BETA);
    v128.store(p, x, G_X);
    v128.store(p, bMax, G_BMAX);
  }
}

/**
 * Stage 2f: reorder the guesses by the b-region at the guess (bRegion; a counting sort), so that the two lanes of a
 * Householder pair mostly evaluate b the same way (the iterates stay close to the guess).
 */
function sortByRegionBlock(nm: i32, pScratch: usize): void {
  for (let r = 0; r < B_REGIONS; r++) store<u32>(pScratch + (<usize>r << 2), 0, M_COUNTS);
  for (let i = 0; i < nm; i++) {
    const oi = <usize>i << 3, s = load<f64>(pScratch + oi, G_S);
    const region = bRegion(load<f64>(pScratch + oi, G_X), s);
    store<u32>(pScratch + (<usize>i << 2), region, G_REGION);
    const pc = pScratch + M_COUNTS + (<usize>region << 2);
    store<u32>(pc, load<u32>(pc) + 1);
  }
  let start: u32 = 0;
  for (let r = 0; r < B_REGIONS; r++) {
    const pc = pScratch + M_COUNTS + (<usize>r << 2), c = load<u32>(pc);
    store<u32>(pc, start);
    start += c;
  }
  for (let i = 0; i < nm; i++) {
    const pc = pScratch + M_COUNTS + (<usize>load<u32>(pScratch + (<usize>i << 2), G_REGION) << 2), d = load<u32>(pc);
    store<u32>(pc, d + 1);
    const oi = <usize>i << 3, od = <usize>d << 3;
    store<f64>(pScratch + od, load<f64>(pScratch + oi, G_S), P_S);
    store<f64>(pScratch + od, load<f64>(pScratch + oi, G_SLEFT), P_SLEFT);
    store<f64>(pScratch + od, load<f64>(pScratch + oi, G_SRIGHT), P_SRIGHT);
    store<f64>(pScratch + od, load<f64>(pScratch + oi, G_BETA), P_BETA);
    store<f64>(pScratch + od, load<f64>(pScratch + oi, G_X), P_X);
    store<f64>(pScratch + od, load<f64>(pScratch + oi, G_BMAX), P_BMAX);
    store<f64>(pScratch + od, -DBL_MAX, P_DS);
    store<u32>(pScratch + (<usize>d << 2), load<u32>(pScratch + (<usize>load<u32>(pScratch + (<usize>i << 2), M_LIST) << 2), L_INDEX), P_INDEX);
  }
  if (nm & 1) {
    const from = <usize>(nm - 1) << 3, to = <usize>nm << 3;
    copyF64(pScratch + P_S, from, to);
    copyF64(pScratch + P_SLEFT, from, to);
    copyF64(pScratch + P_SRIGHT, from, to);
    copyF64(pScratch + P_BETA, from, to);
    copyF64(pScratch + P_X, from, to);
    copyF64(pScratch + P_BMAX, from, to);
    copyF64(pScratch + P_DS, from, to);
  }
}

/**
 * Stage 2g: each Householder step over all pairs in three small loops (the point h, t, E; b there, the small-t expansion
 * to w^3 only in the first step (lbr.ts); the step), so that
 * the pairs' long dependency chains overlap; then sigma = s / sqrt(T).
 */
function middleStepsBlock(nm: i32, pVol: usize, pStatus: usize, pScratch: usize): void {
  for (let iterations = 0; iterations < MAX_ITERATIONS; ++iterations) {
    for (let i = 0; i < nm; i += 2) {
      const p = pScratch + (<usize>i << 3);
      householderPointPair(v128.load(p, P_X), v128.load(p, P_S), p + P_H, p + P_T, p + P_E, p + P_RS);
    }
    for (let i = 0; i < nm; i += 2) {
      const p = pScratch + (<usize>i << 3);
      v128.store(p, normalisedBlackCallOtmPair(v128.load(p, P_H), v128.load(p, P_T), v128.load(p, P_BMAX), v128.load(p, P_E), iterations == 0), P_B);
    }
    for (let i = 0; i < nm; i += 2) {
      const p = pScratch + (<usize>i << 3);
      middleHouseholderStepPair(v128.load(p, P_BETA), v128.load(p, P_H), v128.load(p, P_RS), v128.load(p, P_E), v128.load(p, P_B), v128.load(p, P_SLEFT),
        v128.load(p, P_SRIGHT), p + P_S, p + P_DS);
    }
  }
  // sigma = s / sqrt(T) two at a time (one f64x2 division; an odd last option's padding lane is its copy, stored twice)
  for (let i = 0; i < nm; i += 2) {
    const j0 = <usize>load<u32>(pScratch + (<usize>i << 2), P_INDEX);
    const j1 = i + 1 < nm ? <usize>load<u32>(pScratch + (<usize>(i + 1) << 2), P_INDEX) : j0;
    const q0 = pScratch + (j0 << 3), q1 = pScratch + (j1 << 3);
    const vol = f64x2.div(v128.load(pScratch + (<usize>i << 3), P_S), v128.load64_lane(q1, v128.load64_zero(q0, S_SQRT_T), 1, S_SQRT_T));
    store<f64>(pVol + (j0 << 3), f64x2.extract_lane(vol, 0));
    store<f64>(pVol + (j1 << 3), f64x2.extract_lane(vol, 1));
    store<u8>(pStatus + j0, STATUS_OK);
    store<u8>(pStatus + j1, STATUS_OK);
  }
}

/** Stage 2: stages 2a-2h. */
function solveBlock(m: i32, pVol: usize, pStatus: usize, pScratch: usize): void {
  const n = listBlock(m, pVol, pStatus, pScratch);
  centralPointBlock(n, pScratch);
  secondPointBlock(n, pScratch);
  const nm = listMiddleBlock(n, pVol, pStatus, pScratch);
  middleGuessBlock(nm, pScratch);
  sortByRegionBlock(nm, pScratch);
  middleStepsBlock(nm, pVol, pStatus, pScratch);
  lowestBlock(<i32>load<u32>(pScratch, Q_COUNT), pVol, pStatus, pScratch);
}

/** Batch kernel, ABI of src/engine/abi.ts: impliedVol(n, pType, pPrice, pS, pK, pT, pR, pQ, pVol, pStatus, pScratch). */
export function impliedVol(n: i32, pType: usize, pPrice: usize, pS: usize, pK: usize, pT: usize, pR: usize, pQ: usize, pVol: usize, pStatus: usize, pScratch: usize): void {
  for (let i = 0; i < n; i += BLOCK) {
    const m = min(BLOCK, n - i), o = <usize>i << 3;
    prepareBlock(m, pType + o, pPrice + o, pS + o, pK + o, pT + o, pR + o, pQ + o, pScratch);
    solveBlock(m, pVol + o, pStatus + <usize>i, pScratch);
  }
}
