// Twin of assembly/iv.ts: Black-Scholes-Merton implied volatility for a batch, by "Let's Be Rational" (lbr.ts).
import type { Heap } from '../engine/abi.js';
import { normalisedImpliedVolatility, normalisedImpliedVolatilityFromPoints } from './lbr.js';
import { B_REGIONS, bRegion, BRANCH_LOWER_MIDDLE, BRANCH_LOWEST, BRANCH_UPPER_MIDDLE, centralPointPair, middleGuessPair, householderPointPair, lowestGuessPair, lowestHouseholderStepPair, lowestPointPair, middleHouseholderStepPair, normalisedBlackCallOtmPair, secondPointPair } from './lbr-simd.js';
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
// scratch; stage 2 solves them by "Let's Be Rational" (lbr.ts) in the wasm twin's stages: the options to solve
// (0 < beta < bMax, x < 0) are listed, their central and second points computed (there two at a time, here lane by
// lane: lbr-simd.ts), the middle-branch options listed again and solved (initial guesses, reordered by the region in
// which b is evaluated there, then each Householder step over the list), the lowest branch's Householder steps from
// its scalar initial guess; the highest branch and everything else by the scalar solver. Each lane does the scalar solver's operations in its order, so the result
// does not depend on the path taken.
const BLOCK = 256;
// Scratch layout (in f64), BLOCK f64 each unless said otherwise. Per option of the block (index j):
const S_BETA = 0; // beta, x, bMax, sqrt(T) and the status (stage 1)
const S_X = BLOCK;
const S_BMAX = 2 * BLOCK;
const S_SQRT_T = 3 * BLOCK;
const S_STATUS = 4 * BLOCK;
// Per position k of the solve list (pairs at k, k + 1; an odd count's last entry is repeated at position n):
const L_INDEX = 6 * BLOCK; // BLOCK u32: the option j at position k
const L_BETA = 7 * BLOCK;
const L_X = 8 * BLOCK;
const L_BMAX = 9 * BLOCK;
const L_SC = 10 * BLOCK; // central point s_c, b_c
const L_BC = 11 * BLOCK;
const L_S2 = 12 * BLOCK; // second point s2, b2, E2 and the branch
const L_B2 = 13 * BLOCK;
const L_E2 = 14 * BLOCK;
const L_BRANCH = 15 * BLOCK;
// The middle-branch positions k (BLOCK u32), then per entry i of that list (pairs at i, i + 1): the initial guess s,
// its bracket [sLeft, sRight], beta, x, bMax and the b-region at the guess (BLOCK u32); bRegion's counts (u32 each).
const M_LIST = 16 * BLOCK;
const G_S = 17 * BLOCK;
const G_SLEFT = 18 * BLOCK;
const G_SRIGHT = 19 * BLOCK;
const G_BETA = 20 * BLOCK;
const G_X = 21 * BLOCK;
const G_BMAX = 22 * BLOCK;
const G_REGION = 23 * BLOCK;
const M_COUNTS = 24 * BLOCK;
// The same, reordered by b-region (pairs at i, i + 1), with the iterate's last step ds and the option j (BLOCK u32).
const P_S = 25 * BLOCK;
const P_SLEFT = 26 * BLOCK;
const P_SRIGHT = 27 * BLOCK;
const P_BETA = 28 * BLOCK;
const P_X = 29 * BLOCK;
const P_BMAX = 30 * BLOCK;
const P_DS = 31 * BLOCK;
const P_INDEX = 32 * BLOCK;
// Per entry i of the lowest-branch list (pairs at i, i + 1): the iterate s (from the initial guess), its bracket's
// right end s_l, beta, x, bMax, ln beta, the last step ds and the option j (BLOCK u32); the list's size (u32); b_l.
const Q_S = 33 * BLOCK;
const Q_SRIGHT = 34 * BLOCK;
const Q_BETA = 35 * BLOCK;
const Q_X = 36 * BLOCK;
const Q_BMAX = 37 * BLOCK;
const Q_LN_BETA = 38 * BLOCK;
const Q_DS = 39 * BLOCK;
const Q_INDEX = 40 * BLOCK;
const Q_COUNT = 41 * BLOCK;
// Per entry i of the reordered middle-branch list: h, t, E and b at the iterate of the current Householder step.
const P_H = 42 * BLOCK;
const P_T = 43 * BLOCK;
const P_E = 44 * BLOCK;
const P_B = 45 * BLOCK;
const Q_BL = 46 * BLOCK;
const Q_BX = 47 * BLOCK; // b/vega at the iterate (lowestPointPair)
const P_RS = 48 * BLOCK; // 1/s at the middle-branch iterate (householderPointPair)
/** lbr.ts's Householder iterations after the rational guess (Jaeckel 2015) and its initial step. */
const MAX_ITERATIONS = 2;
const DBL_MAX = 1.7976931348623157e308;

/**
 * Stage 1, first loop: one option (one lane of the wasm forwardPair): validation, F = S e^{(r-q)T} and the
 * undiscounted price = price / e^{-rT}, written to the scratch at f64 index iOut (price at S_BETA, F at S_X, 1 = valid
 * at S_STATUS).
 */
function forwardOne(f64: Float64Array, type: number, price: number, S: number, K: number, T: number, r: number, q: number, iOut: number): void {
  const valid = (type == 1 || type == -1) && isFiniteNumber(price) && isFiniteNumber(S) && isFiniteNumber(K) &&
    isFiniteNumber(T) && isFiniteNumber(r) && isFiniteNumber(q) && S > 0 && K > 0 && T >= 0;
  const discount = expf64(-r * T);
  const F = S * expf64((r - q) * T);
  f64[iOut + S_BETA] = price / discount;
  f64[iOut + S_X] = F;
  f64[iOut + S_STATUS] = valid ? 1 : 0;
}

/**
 * Stage 1, second loop: one option (one lane of the wasm preparePair): the normalised out-of-the-money call from
 * forwardOne's price, F and validity: beta = time value / sqrt(F K), x = ln(F/K) <= 0, bMax = sqrt(min(F, K) / max(F, K))
 * = e^{x/2}. Writes beta, x, bMax, sqrt(T) and the status (0 = solve) to the scratch at f64 index iOut. Everything is
 * computed; the status picks (invalid, expired, below, above, solve).
 */
function prepareOne(f64: Float64Array, type: number, K: number, T: number, iOut: number): void {
  let p = f64[iOut + S_BETA]!;
  const F = f64[iOut + S_X]!, valid = f64[iOut + S_STATUS]! == 1;
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
    forwardOne(f64, f64[iType + j]!, f64[iPrice + j]!, f64[iS + j]!, f64[iK + j]!, f64[iT + j]!, f64[iR + j]!, f64[iQ + j]!, iScratch + j);
  }
  for (let j = 0; j < m; j++) prepareOne(f64, f64[iType + j]!, f64[iK + j]!, f64[iT + j]!, iScratch + j);
}

/** One option by the scalar solver (lbr.ts); sigma = s / sqrt(T). */
function solveOne(heap: Heap, j: number, iVol: number, pStatus: number, iScratch: number): void {
  const f64 = heap.f64, so = iScratch + j;
  let status = f64[so + S_STATUS]!;
  let v = NaN;
  if (status == STATUS_OK) {
    const s = normalisedImpliedVolatility(f64[so + S_BETA]!, f64[so + S_X]!, f64[so + S_BMAX]!);
    if (s == Infinity) status = STATUS_ABOVE_UPPER_BOUND;
    else v = s / f64[so + S_SQRT_T]!;
  }
  f64[iVol + j] = v;
  heap.u8[pStatus + j] = status;
}

/** u32 index of entry k of the u32 list at f64 offset `list` of the scratch. */
function u32At(iScratch: number, list: number, k: number): number {
  return 2 * (iScratch + list) + k;
}

/**
 * Stage 2a: list the options for the pair solver (status ok, 0 < beta < bMax, x < 0) and copy their beta, x, bMax in
 * list order; the rest by the scalar solver. Returns the list's size.
 */
function listBlock(heap: Heap, m: number, iVol: number, pStatus: number, iScratch: number): number {
  const f64 = heap.f64, u32 = heap.u32;
  let n = 0;
  for (let j = 0; j < m; j++) {
    const so = iScratch + j;
    const beta = f64[so + S_BETA]!, x = f64[so + S_X]!;
    if (f64[so + S_STATUS]! == STATUS_OK && beta > 0 && beta < f64[so + S_BMAX]! && x < 0) {
      u32[u32At(iScratch, L_INDEX, n)] = j;
      n++;
    } else {
      solveOne(heap, j, iVol, pStatus, iScratch);
    }
  }
  for (let k = 0; k < n; k++) {
    const so = iScratch + u32[u32At(iScratch, L_INDEX, k)]!, sk = iScratch + k;
    f64[sk + L_BETA] = f64[so + S_BETA]!;
    f64[sk + L_X] = f64[so + S_X]!;
    f64[sk + L_BMAX] = f64[so + S_BMAX]!;
  }
  if (n & 1) {
    const from = iScratch + n - 1, to = iScratch + n;
    f64[to + L_BETA] = f64[from + L_BETA]!;
    f64[to + L_X] = f64[from + L_X]!;
    f64[to + L_BMAX] = f64[from + L_BMAX]!;
  }
  return n;
}

/** Stage 2b: the central points (centralPointPair) of the listed options, two lanes at a time. */
function centralPointBlock(f64: Float64Array, n: number, iScratch: number): void {
  for (let k = 0; k < n; k += 2) {
    for (let lane = 0; lane < 2; lane++) {
      const p = iScratch + k + lane;
      centralPointPair(f64, f64[p + L_X]!, f64[p + L_BMAX]!, p + L_SC, p + L_BC);
    }
  }
}

/** Stage 2c: the second points and branches (secondPointPair) of the listed options, two lanes at a time. */
function secondPointBlock(f64: Float64Array, n: number, iScratch: number): void {
  for (let k = 0; k < n; k += 2) {
    for (let lane = 0; lane < 2; lane++) {
      const p = iScratch + k + lane;
      f64[p + L_BRANCH] = secondPointPair(f64, f64[p + L_BETA]!, f64[p + L_X]!, f64[p + L_BMAX]!, f64[p + L_SC]!, f64[p + L_BC]!,
        p + L_S2, p + L_B2, p + L_E2);
    }
  }
}

/**
 * Stage 2d: list the middle-branch positions and the lowest-branch options; the highest branch by the scalar solver
 * from the points already computed.
 */
function listMiddleBlock(heap: Heap, n: number, iVol: number, pStatus: number, iScratch: number): number {
  const f64 = heap.f64, u32 = heap.u32;
  let nm = 0, nl = 0;
  for (let k = 0; k < n; k++) {
    const sk = iScratch + k;
    const branch = f64[sk + L_BRANCH]!;
    if (branch == BRANCH_LOWER_MIDDLE || branch == BRANCH_UPPER_MIDDLE) {
      u32[u32At(iScratch, M_LIST, nm)] = k;
      nm++;
    } else {
      const j = u32[u32At(iScratch, L_INDEX, k)]!;
      const beta = f64[sk + L_BETA]!, x = f64[sk + L_X]!, bMax = f64[sk + L_BMAX]!;
      const s2 = f64[sk + L_S2]!;
      if (branch == BRANCH_LOWEST) {
        const ql = iScratch + nl;
        f64[ql + Q_SRIGHT] = s2;
        f64[ql + Q_BL] = f64[sk + L_B2]!;
        f64[ql + Q_BETA] = beta;
        f64[ql + Q_X] = x;
        f64[ql + Q_BMAX] = bMax;
        f64[ql + Q_DS] = -DBL_MAX;
        u32[u32At(iScratch, Q_INDEX, nl)] = j;
        nl++;
      } else {
        // highest branch (status ok; 0 < beta < bMax, so s is finite)
        const s = normalisedImpliedVolatilityFromPoints(beta, x, bMax, f64[sk + L_SC]!, f64[sk + L_BC]!, s2, f64[sk + L_B2]!, f64[sk + L_E2]!);
        f64[iVol + j] = s / f64[iScratch + j + S_SQRT_T]!;
        heap.u8[pStatus + j] = STATUS_OK;
      }
    }
  }
  if (nl & 1) {
    const from = iScratch + nl - 1, to = iScratch + nl;
    for (const a of [Q_SRIGHT, Q_BL, Q_BETA, Q_X, Q_BMAX, Q_DS]) f64[to + a] = f64[from + a]!;
  }
  u32[u32At(iScratch, Q_COUNT, 0)] = nl;
  return nm;
}

/**
 * Stage 2h: the lowest branch two lanes at a time: the initial guesses (lowestGuessPair) and ln beta, each Householder
 * step over all pairs in two loops (b/vega: lowestPointPair; the step: lowestHouseholderStepPair), then sigma = s / sqrt(T).
 */
function lowestBlock(heap: Heap, nl: number, iVol: number, pStatus: number, iScratch: number): void {
  const f64 = heap.f64, u32 = heap.u32;
  for (let i = 0; i < nl; i += 2) {
    for (let lane = 0; lane < 2; lane++) {
      const p = iScratch + i + lane, beta = f64[p + Q_BETA]!;
      f64[p + Q_S] = lowestGuessPair(beta, f64[p + Q_X]!, f64[p + Q_SRIGHT]!, f64[p + Q_BL]!);
      f64[p + Q_LN_BETA] = logf64(beta);
    }
  }
  for (let iterations = 0; iterations < MAX_ITERATIONS; ++iterations) {
    for (let i = 0; i < nl; i += 2) {
      for (let lane = 0; lane < 2; lane++) {
        const p = iScratch + i + lane;
        lowestPointPair(f64, f64[p + Q_X]!, f64[p + Q_BMAX]!, p + Q_S, p + Q_DS, p + Q_BX, iterations == 0);
      }
    }
    for (let i = 0; i < nl; i += 2) {
      for (let lane = 0; lane < 2; lane++) {
        const p = iScratch + i + lane;
        lowestHouseholderStepPair(f64, f64[p + Q_BETA]!, f64[p + Q_X]!, f64[p + Q_LN_BETA]!, f64[p + Q_SRIGHT]!, f64[p + Q_BX]!, p + Q_S, p + Q_DS);
      }
    }
  }
  for (let i = 0; i < nl; i++) {
    const j = u32[u32At(iScratch, Q_INDEX, i)]!;
    f64[iVol + j] = f64[iScratch + Q_S + i]! / f64[iScratch + j + S_SQRT_T]!;
    heap.u8[pStatus + j] = STATUS_OK;
  }
}

/** Stage 2e: the initial guesses (middleGuessPair) of the middle-branch positions, two lanes at a time (an odd last one in both lanes). */
function middleGuessBlock(heap: Heap, nm: number, iScratch: number): void {
  const f64 = heap.f64, u32 = heap.u32;
  for (let i = 0; i < nm; i += 2) {
    for (let lane = 0; lane < 2; lane++) {
      const sk = iScratch + u32[u32At(iScratch, M_LIST, i + lane < nm ? i + lane : i)]!, p = iScratch + i + lane;
      const beta = f64[sk + L_BETA]!, x = f64[sk + L_X]!, bMax = f64[sk + L_BMAX]!;
      const lower = f64[sk + L_BRANCH]! == BRANCH_LOWER_MIDDLE;
      middleGuessPair(f64, beta, x, bMax, f64[sk + L_SC]!, f64[sk + L_BC]!, f64[sk + L_S2]!, f64[sk + L_B2]!, f64[sk + L_E2]!, lower,
        p + G_S, p + G_SLEFT, p + G_SRIGHT);
      f64[p + G_BETA] = beta;
      f64[p + G_X] = x;
      f64[p + G_BMAX] = bMax;
    }
  }
}

/**
 * Stage 2f: reorder the guesses by the b-region at the guess (bRegion; a counting sort), so that the two lanes of a
 * Householder pair mostly evaluate b the same way (the iterates stay close to the guess).
 */
function sortByRegionBlock(heap: Heap, nm: number, iScratch: number): void {
  const f64 = heap.f64, u32 = heap.u32;
  for (let r = 0; r < B_REGIONS; r++) u32[u32At(iScratch, M_COUNTS, r)] = 0;
  for (let i = 0; i < nm; i++) {
    const s = f64[iScratch + G_S + i]!;
    const region = bRegion(f64[iScratch + G_X + i]!, s);
    u32[u32At(iScratch, G_REGION, i)] = region;
    u32[u32At(iScratch, M_COUNTS, region)]++;
  }
  let start = 0;
  for (let r = 0; r < B_REGIONS; r++) {
    const c = u32[u32At(iScratch, M_COUNTS, r)]!;
    u32[u32At(iScratch, M_COUNTS, r)] = start;
    start += c;
  }
  for (let i = 0; i < nm; i++) {
    const pc = u32At(iScratch, M_COUNTS, u32[u32At(iScratch, G_REGION, i)]!), d = u32[pc]!;
    u32[pc] = d + 1;
    const gi = iScratch + i, pd = iScratch + d;
    f64[pd + P_S] = f64[gi + G_S]!;
    f64[pd + P_SLEFT] = f64[gi + G_SLEFT]!;
    f64[pd + P_SRIGHT] = f64[gi + G_SRIGHT]!;
    f64[pd + P_BETA] = f64[gi + G_BETA]!;
    f64[pd + P_X] = f64[gi + G_X]!;
    f64[pd + P_BMAX] = f64[gi + G_BMAX]!;
    f64[pd + P_DS] = -DBL_MAX;
    u32[u32At(iScratch, P_INDEX, d)] = u32[u32At(iScratch, L_INDEX, u32[u32At(iScratch, M_LIST, i)]!)]!;
  }
  if (nm & 1) {
    const from = iScratch + nm - 1, to = iScratch + nm;
    for (const a of [P_S, P_SLEFT, P_SRIGHT, P_BETA, P_X, P_BMAX, P_DS]) f64[to + a] = f64[from + a]!;
  }
}

/**
 * Stage 2g: each Householder step over all pairs in three small loops (the point h, t, E; b there, the small-t expansion
 * to w^3 only in the first step (lbr.ts); the step), as in
 * the wasm twin; then sigma = s / sqrt(T).
 */
function middleStepsBlock(heap: Heap, nm: number, iVol: number, pStatus: number, iScratch: number): void {
  const f64 = heap.f64, u32 = heap.u32;
  for (let iterations = 0; iterations < MAX_ITERATIONS; ++iterations) {
    for (let i = 0; i < nm; i += 2) {
      for (let lane = 0; lane < 2; lane++) {
        const p = iScratch + i + lane;
        householderPointPair(f64, f64[p + P_X]!, f64[p + P_S]!, p + P_H, p + P_T, p + P_E, p + P_RS);
      }
    }
    for (let i = 0; i < nm; i += 2) {
      for (let lane = 0; lane < 2; lane++) {
        const p = iScratch + i + lane;
        f64[p + P_B] = normalisedBlackCallOtmPair(f64[p + P_H]!, f64[p + P_T]!, f64[p + P_BMAX]!, f64[p + P_E]!, iterations == 0);
      }
    }
    for (let i = 0; i < nm; i += 2) {
      for (let lane = 0; lane < 2; lane++) {
        const p = iScratch + i + lane;
        middleHouseholderStepPair(f64, f64[p + P_BETA]!, f64[p + P_H]!, f64[p + P_RS]!, f64[p + P_E]!, f64[p + P_B]!, f64[p + P_SLEFT]!, f64[p + P_SRIGHT]!,
          p + P_S, p + P_DS);
      }
    }
  }
  // sigma = s / sqrt(T) two at a time as in the wasm twin (an odd last option's padding lane is its copy, stored twice)
  for (let i = 0; i < nm; i += 2) {
    const j0 = u32[u32At(iScratch, P_INDEX, i)]!;
    const j1 = i + 1 < nm ? u32[u32At(iScratch, P_INDEX, i + 1)]! : j0;
    const vol0 = f64[iScratch + P_S + i]! / f64[iScratch + j0 + S_SQRT_T]!, vol1 = f64[iScratch + P_S + i + 1]! / f64[iScratch + j1 + S_SQRT_T]!;
    f64[iVol + j0] = vol0;
    f64[iVol + j1] = vol1;
    heap.u8[pStatus + j0] = STATUS_OK;
    heap.u8[pStatus + j1] = STATUS_OK;
  }
}

/** Stage 2: stages 2a-2h. */
function solveBlock(heap: Heap, m: number, iVol: number, pStatus: number, iScratch: number): void {
  const n = listBlock(heap, m, iVol, pStatus, iScratch);
  centralPointBlock(heap.f64, n, iScratch);
  secondPointBlock(heap.f64, n, iScratch);
  const nm = listMiddleBlock(heap, n, iVol, pStatus, iScratch);
  middleGuessBlock(heap, nm, iScratch);
  sortByRegionBlock(heap, nm, iScratch);
  middleStepsBlock(heap, nm, iVol, pStatus, iScratch);
  lowestBlock(heap, heap.u32[u32At(iScratch, Q_COUNT, 0)]!, iVol, pStatus, iScratch);
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
