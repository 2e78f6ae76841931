// WebAssembly kernel (twin: src/kernel/lbr-simd.ts): "Let's Be Rational" (lbr.ts) for two options at a time in
// f64x2 lanes: the central and second points, the middle branches' guess and Householder steps, the lowest branch's
// Householder steps. Every lane performs lbr.ts's scalar operations in lbr.ts's order (branches become
// selects; a region no lane needs is skipped), so each lane's result is bit for bit the scalar solver's.
// Peter Jaeckel, "Let's Be Rational", Wilmott 2015 (75) 40-53; Cody's functions as in normal.ts (Cody 1969, CALERF).
import { expAny, logf64 } from './math';
import { DBL_EPSILON, DBL_MAX, DBL_MIN, HALF_LN_TWO_PI, ONE_OVER_SQRT_PI, ONE_OVER_SQRT_TWO, ONE_OVER_SQRT_TWO_PI,
  PI_OVER_SIX, SQRT_ONE_OVER_THREE, SQRT_PI_OVER_TWO, SQRT_THREE, SQRT_THREE_OVER_THIRD_ROOT_TWO_PI, TWO_PI,
  TWO_PI_OVER_SQRT_TWENTY_SEVEN } from './constants';
import { ASYMPTOTIC_EXPANSION_THRESHOLD, asymptoticExpansionOfNormalisedBlackCallOverVega, MAX_RATIONAL_CUBIC_CONTROL,
  MIN_RATIONAL_CUBIC_CONTROL, SMALL_T_EXPANSION_THRESHOLD } from './lbr';
import { ERFCX_CELLS } from './erfcx-cells';
import { SECOND_POINT_CELL_STEP, SECOND_POINT_CELLS, SECOND_POINT_CELLS_MAX, SECOND_POINT_CELLS_PER_UNIT } from './second-point-cells';
import { A0, A1, A2, A3, A4, B0, B1, B2, B3, C0, C1, C2, C3, C4, C5, C6, C7, C8, CODY_THRESHOLD, CODY_XBIG, CONST1,
  CONST2, D0, D1, D2, D3, D4, D5, D6, D7, ERFCX_CELL_STEP, ERFCX_CELLS_MAX, ERFCX_CELLS_PER_UNIT, erfcx, IA0, IA1,
  IA2, IA3, IA4, IA5, IA6, IA7, IB1, IB2, IB3, IB4, IB5, IB6, IB7, IC0, IC1, IC2, IC3, IC4, IC5, IC6, IC7, ID1,
  ID2, ID3, ID4, ID5, ID6, ID7, IE0, IE1, IE2, IE3, IE4, IE5, IE6, IE7, IF1, IF2, IF3, IF4, IF5, IF6, IF7,
  inverseNormCdf, NORM_CDF_ASYMPTOTIC_THRESHOLD, normCdf, P0, P1, P2, P3, P4, P5, Q0, Q1, Q2, Q3, Q4,
  ROUNDING_SHIFT, SPLIT1, SPLIT2 } from './normal';

/** Branch codes of secondPointPair (lbr.ts normalisedImpliedVolatility's four branches). */
export const BRANCH_LOWEST = 0;
export const BRANCH_LOWER_MIDDLE = 1;
export const BRANCH_UPPER_MIDDLE = 2;
export const BRANCH_HIGHEST = 3;

// @ts-ignore: decorator
@inline function sp(v: f64): v128 { return f64x2.splat(v); }
// @ts-ignore: decorator
@inline function add(a: v128, b: v128): v128 { return f64x2.add(a, b); }
// @ts-ignore: decorator
@inline function sub(a: v128, b: v128): v128 { return f64x2.sub(a, b); }
// @ts-ignore: decorator
@inline function mul(a: v128, b: v128): v128 { return f64x2.mul(a, b); }
// @ts-ignore: decorator
@inline function div(a: v128, b: v128): v128 { return f64x2.div(a, b); }
// @ts-ignore: decorator
@inline function sel(ifTrue: v128, ifFalse: v128, mask: v128): v128 { return v128.bitselect(ifTrue, ifFalse, mask); }

// The splatted scalars of this file (same reason as the tables above).
const K_ONE: usize = 0;
const K_HALF: usize = 16;
const K_ONE_OVER_SQRT_TWO_PI: usize = 32;
const K_TWO: usize = 48;
const K_MIN_RCC: usize = 64;
const K_CODY: usize = 80;
const K_NEG_ONE_OVER_SQRT_TWO: usize = 96;
const K_NEG_DBL_MAX: usize = 112;
const K_MAX_RCC: usize = 128;
const K_DBL_MIN: usize = 144;
const K_FOUR: usize = 160;
const K_THREE: usize = 176;
const K_NEG_CODY: usize = 192;
const K_NEG_HALF: usize = 208;
const K_SQRT_PI_OVER_TWO: usize = 224;
const K_TAU: usize = 240;
const K_TAU_PLUS_ETA: usize = 256;
const K_ONE_OVER_SQRT_PI: usize = 272;
const K_DBL_EPSILON: usize = 288;
const K_UPPER_MIDDLE: usize = 304;
const K_LOWEST: usize = 320;
const K_LOWER_MIDDLE: usize = 336;
const K_HIGHEST: usize = 352;
const K_ETA: usize = 368;
const K_SIX: usize = 384;
const K_QUARTER: usize = 400;
const K_ZERO_POINT_ZERO: usize = 416;
const K_HALF_LN_TWO_PI: usize = 432;
const K_NEG_HALF_LN_TWO_PI: usize = 448;
const K_EIGHTH: usize = 464;
const K_SQRT_ONE_OVER_THREE: usize = 480;
const K_PI_OVER_SIX: usize = 496;
const K_EIGHT: usize = 512;
const K_EIGHT_SQRT_THREE: usize = 528;
const K_TWO_PI: usize = 544;
const K_TWO_PI_OVER_SQRT_TWENTY_SEVEN: usize = 560;
const K_SQRT_THREE: usize = 576;
const K_SIXTEEN: usize = 592;
const K_CODY_XBIG: usize = 608;
const K_NEG_TEN: usize = 624;
const K_ONE_OVER_SQRT_TWO: usize = 640;
const K_ERFCX_CELLS_PER_UNIT: usize = 656;
const K_ERFCX_CELL_STEP: usize = 672;
const K_ROUNDING_SHIFT: usize = 688;
const K_ONE_SIXTH: usize = 704;
const K_SIXTEENTH: usize = 720;
const K_SECOND_POINT_CELLS_MAX: usize = 736;
const K_SECOND_POINT_CELLS_PER_UNIT: usize = 752;
const K_SECOND_POINT_CELL_STEP: usize = 768;
const KTAB: usize = memory.data<f64>([
  1, 1,
  0.5, 0.5,
  ONE_OVER_SQRT_TWO_PI, ONE_OVER_SQRT_TWO_PI,
  2, 2,
  MIN_RATIONAL_CUBIC_CONTROL, MIN_RATIONAL_CUBIC_CONTROL,
  CODY_THRESHOLD, CODY_THRESHOLD,
  -ONE_OVER_SQRT_TWO, -ONE_OVER_SQRT_TWO,
  -DBL_MAX, -DBL_MAX,
  MAX_RATIONAL_CUBIC_CONTROL, MAX_RATIONAL_CUBIC_CONTROL,
  DBL_MIN, DBL_MIN,
  4, 4,
  3, 3,
  -CODY_THRESHOLD, -CODY_THRESHOLD,
  -0.5, -0.5,
  SQRT_PI_OVER_TWO, SQRT_PI_OVER_TWO,
  SMALL_T_EXPANSION_THRESHOLD, SMALL_T_EXPANSION_THRESHOLD,
  SMALL_T_EXPANSION_THRESHOLD + ASYMPTOTIC_EXPANSION_THRESHOLD, SMALL_T_EXPANSION_THRESHOLD + ASYMPTOTIC_EXPANSION_THRESHOLD,
  ONE_OVER_SQRT_PI, ONE_OVER_SQRT_PI,
  DBL_EPSILON, DBL_EPSILON,
  BRANCH_UPPER_MIDDLE, BRANCH_UPPER_MIDDLE,
  BRANCH_LOWEST, BRANCH_LOWEST,
  BRANCH_LOWER_MIDDLE, BRANCH_LOWER_MIDDLE,
  BRANCH_HIGHEST, BRANCH_HIGHEST,
  ASYMPTOTIC_EXPANSION_THRESHOLD, ASYMPTOTIC_EXPANSION_THRESHOLD,
  6, 6,
  0.25, 0.25,
  0.0, 0.0,
  HALF_LN_TWO_PI, HALF_LN_TWO_PI,
  -HALF_LN_TWO_PI, -HALF_LN_TWO_PI,
  0.125, 0.125,
  SQRT_ONE_OVER_THREE, SQRT_ONE_OVER_THREE,
  PI_OVER_SIX, PI_OVER_SIX,
  8, 8,
  8 * SQRT_THREE, 8 * SQRT_THREE,
  TWO_PI, TWO_PI,
  TWO_PI_OVER_SQRT_TWENTY_SEVEN, TWO_PI_OVER_SQRT_TWENTY_SEVEN,
  SQRT_THREE, SQRT_THREE,
  16, 16,
  CODY_XBIG, CODY_XBIG,
  NORM_CDF_ASYMPTOTIC_THRESHOLD, NORM_CDF_ASYMPTOTIC_THRESHOLD,
  ONE_OVER_SQRT_TWO, ONE_OVER_SQRT_TWO,
  ERFCX_CELLS_PER_UNIT, ERFCX_CELLS_PER_UNIT,
  ERFCX_CELL_STEP, ERFCX_CELL_STEP,
  ROUNDING_SHIFT, ROUNDING_SHIFT,
  1.0 / 6.0, 1.0 / 6.0,
  0.0625, 0.0625,
  SECOND_POINT_CELLS_MAX, SECOND_POINT_CELLS_MAX,
  SECOND_POINT_CELLS_PER_UNIT, SECOND_POINT_CELLS_PER_UNIT,
  SECOND_POINT_CELL_STEP, SECOND_POINT_CELL_STEP,
], 64);
// @ts-ignore: decorator
@inline function kc(offset: usize): v128 { return v128.load(KTAB + offset); }

// Every splatted constant of the polynomials below, in order of use, each twice (one v128 per coefficient): a v128.load
// is one instruction where V8 rebuilds a v128.const with three in every iteration (wasm.md section 1).
const TAB_AB: usize = memory.data<f64>([
  A4, A4, A0, A0, A1, A1, A2, A2,
  A3, A3, B0, B0, B1, B1, B2, B2,
  B3, B3,
], 64);
const TAB_CD: usize = memory.data<f64>([
  C8, C8, C0, C0, C1, C1, C2, C2,
  C3, C3, C4, C4, C5, C5, C6, C6,
  C7, C7, D0, D0, D1, D1, D2, D2,
  D3, D3, D4, D4, D5, D5, D6, D6,
  D7, D7,
], 64);
const TAB_PQ: usize = memory.data<f64>([
  P5, P5, P0, P0, P1, P1, P2, P2,
  P3, P3, P4, P4, Q0, Q0, Q1, Q1,
  Q2, Q2, Q3, Q3, Q4, Q4,
], 64);
const TAB_A: usize = memory.data<f64>([
  -1.0 / 6.0, -1.0 / 6.0, -7.0 / 120.0, -7.0 / 120.0,
  -1.0 / 120.0, -1.0 / 120.0, -57.0 / 5040.0, -57.0 / 5040.0,
  -18.0 / 5040.0, -18.0 / 5040.0, -1.0 / 5040.0, -1.0 / 5040.0,
  -561.0 / 362880.0, -561.0 / 362880.0, -285.0 / 362880.0, -285.0 / 362880.0,
  -33.0 / 362880.0, -33.0 / 362880.0, -1.0 / 362880.0, -1.0 / 362880.0,
  -6555.0 / 39916800.0, -6555.0 / 39916800.0, -4680.0 / 39916800.0, -4680.0 / 39916800.0,
  -840.0 / 39916800.0, -840.0 / 39916800.0, -52.0 / 39916800.0, -52.0 / 39916800.0,
  -1.0 / 39916800.0, -1.0 / 39916800.0, -89055.0 / 6227020800.0, -89055.0 / 6227020800.0,
  -82845.0 / 6227020800.0, -82845.0 / 6227020800.0, -20370.0 / 6227020800.0, -20370.0 / 6227020800.0,
  -1926.0 / 6227020800.0, -1926.0 / 6227020800.0, -75.0 / 6227020800.0, -75.0 / 6227020800.0,
  -1.0 / 6227020800.0, -1.0 / 6227020800.0,
], 64);
const TAB_B: usize = memory.data<f64>([
  1, 1, 3.0 / 6.0, 3.0 / 6.0,
  1.0 / 6.0, 1.0 / 6.0, 15.0 / 120.0, 15.0 / 120.0,
  10.0 / 120.0, 10.0 / 120.0, 1.0 / 120.0, 1.0 / 120.0,
  105.0 / 5040.0, 105.0 / 5040.0, 105.0 / 5040.0, 105.0 / 5040.0,
  21.0 / 5040.0, 21.0 / 5040.0, 1.0 / 5040.0, 1.0 / 5040.0,
  945.0 / 362880.0, 945.0 / 362880.0, 1260.0 / 362880.0, 1260.0 / 362880.0,
  378.0 / 362880.0, 378.0 / 362880.0, 36.0 / 362880.0, 36.0 / 362880.0,
  1.0 / 362880.0, 1.0 / 362880.0, 10395.0 / 39916800.0, 10395.0 / 39916800.0,
  17325.0 / 39916800.0, 17325.0 / 39916800.0, 6930.0 / 39916800.0, 6930.0 / 39916800.0,
  990.0 / 39916800.0, 990.0 / 39916800.0, 55.0 / 39916800.0, 55.0 / 39916800.0,
  1.0 / 39916800.0, 1.0 / 39916800.0, 135135.0 / 6227020800.0, 135135.0 / 6227020800.0,
  270270.0 / 6227020800.0, 270270.0 / 6227020800.0, 135135.0 / 6227020800.0, 135135.0 / 6227020800.0,
  25740.0 / 6227020800.0, 25740.0 / 6227020800.0, 2145.0 / 6227020800.0, 2145.0 / 6227020800.0,
  78.0 / 6227020800.0, 78.0 / 6227020800.0, 1.0 / 6227020800.0, 1.0 / 6227020800.0,
], 64);
// @ts-ignore: decorator
@inline function kab(i: usize): v128 { return v128.load(TAB_AB + (i << 4)); }
// @ts-ignore: decorator
@inline function kcd(i: usize): v128 { return v128.load(TAB_CD + (i << 4)); }
// @ts-ignore: decorator
@inline function kpq(i: usize): v128 { return v128.load(TAB_PQ + (i << 4)); }
// @ts-ignore: decorator
@inline function ka(i: usize): v128 { return v128.load(TAB_A + (i << 4)); }
// @ts-ignore: decorator
@inline function kb(i: usize): v128 { return v128.load(TAB_B + (i << 4)); }

function abPair(z: v128): v128 {
  return div(add(mul(add(mul(add(mul(add(mul(kab(0), z), kab(1)), z), kab(2)), z), kab(3)), z), kab(4)), add(mul(add(mul(add(mul(add(z, kab(5)), z), kab(6)), z), kab(7)), z), kab(8)));
}

function cdPair(y: v128): v128 {
  return div(add(mul(add(mul(add(mul(add(mul(add(mul(add(mul(add(mul(add(mul(kcd(0), y), kcd(1)), y), kcd(2)), y), kcd(3)), y), kcd(4)), y), kcd(5)), y), kcd(6)), y), kcd(7)), y), kcd(8)), add(mul(add(mul(add(mul(add(mul(add(mul(add(mul(add(mul(add(y, kcd(9)), y), kcd(10)), y), kcd(11)), y), kcd(12)), y), kcd(13)), y), kcd(14)), y), kcd(15)), y), kcd(16)));
}

function pqPair(z: v128): v128 {
  return div(mul(z, add(mul(add(mul(add(mul(add(mul(add(mul(kpq(0), z), kpq(1)), z), kpq(2)), z), kpq(3)), z), kpq(4)), z), kpq(5))), add(mul(add(mul(add(mul(add(mul(add(z, kpq(6)), z), kpq(7)), z), kpq(8)), z), kpq(9)), z), kpq(10)));
}

/** normal.ts erfcxAboveThreshold per lane (y >= 0.46875): cd for y <= 4, the P/Q form beyond (only if a lane needs it). */
function erfcxAboveThresholdPair(y: v128): v128 {
  const big = f64x2.gt(y, kc(K_FOUR));
  let r = cdPair(y);
  if (v128.any_true(big)) r = sel(div(sub(kc(K_ONE_OVER_SQRT_PI), pqPair(div(kc(K_ONE), mul(y, y)))), y), r, big);
  return r;
}

/** Coefficient pairs of two table cells: (lane 0 from a, lane 1 from b), the even (c_2k) or odd (c_2k+1) member. */
// @ts-ignore: decorator
@inline function evens(a: v128, b: v128): v128 { return v128.shuffle<f64>(a, b, 0, 2); }
// @ts-ignore: decorator
@inline function odds(a: v128, b: v128): v128 { return v128.shuffle<f64>(a, b, 1, 3); }

/**
 * normal.ts erfcxNonNegative per lane, or with oneMinus normal.ts oneMinusErfcxNonNegative ((1 - c0) - t Q(t)): cell
 * j = round(32 y) of ERFCX_CELLS (a 64-byte row per lane, loaded as 4 pairs), c0 + t Q(t) with Q by Estrin's scheme in
 * the scalar order; Cody's P/Q form beyond 4 and the scalar erfcx for y < 0 (neither occurs in the middle branches),
 * each only if a lane needs it. The index clamp keeps NaN and y < 0 in the table.
 */
// @ts-ignore: decorator
@inline function erfcxCellsPair(y: v128, oneMinus: bool): v128 {
  const kd = add(mul(f64x2.pmin(kc(K_FOUR), f64x2.pmax(sp(0), y)), kc(K_ERFCX_CELLS_PER_UNIT)), kc(K_ROUNDING_SHIFT));
  const t = sub(y, mul(sub(kd, kc(K_ROUNDING_SHIFT)), kc(K_ERFCX_CELL_STEP)));
  const p0 = ERFCX_CELLS + (<usize>i32x4.extract_lane(kd, 0) << 6), p1 = ERFCX_CELLS + (<usize>i32x4.extract_lane(kd, 2) << 6);
  const a0 = v128.load(p0), b0 = v128.load(p1); // (c0, c1)
  const a1 = v128.load(p0, 16), b1 = v128.load(p1, 16); // (c2, c3)
  const a2 = v128.load(p0, 32), b2 = v128.load(p1, 32); // (c4, c5)
  const a3 = v128.load(p0, 48), b3 = v128.load(p1, 48); // (c6, c7)
  const t2 = mul(t, t), t4 = mul(t2, t2);
  const q = add(add(add(odds(a0, b0), mul(evens(a1, b1), t)), mul(add(odds(a1, b1), mul(evens(a2, b2), t)), t2)),
    mul(t4, add(add(odds(a2, b2), mul(evens(a3, b3), t)), mul(odds(a3, b3), t2))));
  let r = oneMinus ? sub(sub(kc(K_ONE), evens(a0, b0)), mul(t, q)) : add(evens(a0, b0), mul(t, q));
  // one test for both rare cases (y > 4, y < 0: ERFCX_CELLS's range is [0, 4])
  const big = f64x2.gt(y, kc(K_FOUR)), negative = f64x2.lt(y, sp(0));
  if (v128.any_true(v128.or(big, negative))) {
    if (v128.any_true(big)) {
      const e = div(sub(kc(K_ONE_OVER_SQRT_PI), pqPair(div(kc(K_ONE), mul(y, y)))), y);
      r = sel(oneMinus ? sub(kc(K_ONE), e) : e, r, big);
    }
    if (v128.any_true(negative)) {
      const e0 = erfcx(f64x2.extract_lane(y, 0)), e1 = erfcx(f64x2.extract_lane(y, 1));
      r = f64x2.replace_lane(r, 0, oneMinus ? 1 - e0 : e0);
      r = f64x2.replace_lane(r, 1, oneMinus ? 1 - e1 : e1);
    }
  }
  return r;
}

function erfcxNonNegativePair(y: v128): v128 { return erfcxCellsPair(y, false); }

function oneMinusErfcxNonNegativePair(y: v128): v128 { return erfcxCellsPair(y, true); }

/** lbr.ts smallTExpansionOfNormalisedBlackCallOverVega per lane (Jaeckel 2015, regrouped as 2t (A + a B)). */
function smallTExpansionPair(h: v128, t: v128): v128 {
  const w = mul(t, t), h2 = mul(h, h), w2 = mul(w, w), h4 = mul(h2, h2);
  // A and B: lbr.ts's Estrin expressions, transcribed operation for operation.
  const A = mul(w, add(add(ka(0), mul(w, add(ka(1), mul(h2, ka(2))))), mul(w2, add(add(add(add(ka(3), mul(h2, ka(4))), mul(h4, ka(5))), mul(w, add(add(ka(6), mul(h2, ka(7))), mul(h4, add(ka(8), mul(h2, ka(9))))))), mul(w2, add(add(add(ka(10), mul(h2, ka(11))), mul(h4, add(add(ka(12), mul(h2, ka(13))), mul(h4, ka(14))))), mul(w, add(add(ka(15), mul(h2, ka(16))), mul(h4, add(add(ka(17), mul(h2, ka(18))), mul(h4, add(ka(19), mul(h2, ka(20))))))))))))));
  const B = add(add(kb(0), mul(w, add(kb(1), mul(h2, kb(2))))), mul(w2, add(add(add(add(kb(3), mul(h2, kb(4))), mul(h4, kb(5))), mul(w, add(add(kb(6), mul(h2, kb(7))), mul(h4, add(kb(8), mul(h2, kb(9))))))), mul(w2, add(add(add(add(kb(10), mul(h2, kb(11))), mul(h4, add(add(kb(12), mul(h2, kb(13))), mul(h4, kb(14))))), mul(w, add(add(kb(15), mul(h2, kb(16))), mul(h4, add(add(kb(17), mul(h2, kb(18))), mul(h4, add(kb(19), mul(h2, kb(20))))))))), mul(w2, add(add(kb(21), mul(h2, kb(22))), mul(h4, add(add(kb(23), mul(h2, kb(24))), mul(h4, add(add(kb(25), mul(h2, kb(26))), mul(h4, kb(27)))))))))))));
  const a = add(kc(K_ONE), mul(mul(h, kc(K_SQRT_PI_OVER_TWO)), erfcxNonNegativePair(mul(kc(K_NEG_ONE_OVER_SQRT_TWO), h))));
  return f64x2.abs(f64x2.pmax(mul(mul(kc(K_TWO), t), add(A, mul(a, B))), sp(0))); // = abs(max(., 0)), NaN kept (pmax: one instruction)
}

/** lbr.ts smallTExpansionToThirdOrder per lane (the middle branches' first Householder step). */
function smallTExpansionToThirdOrderPair(h: v128, t: v128): v128 {
  const w = mul(t, t), h2 = mul(h, h);
  const A = mul(w, add(ka(0), mul(w, add(add(ka(1), mul(h2, ka(2))), mul(w, add(ka(3), mul(h2, add(ka(4), mul(h2, ka(5))))))))));
  const B = add(kb(0), mul(w, add(add(kb(1), mul(h2, kb(2))), mul(w, add(add(kb(3), mul(h2, add(kb(4), mul(h2, kb(5))))), mul(w, add(kb(6), mul(h2, add(kb(7), mul(h2, add(kb(8), mul(h2, kb(9)))))))))))));
  const a = add(kc(K_ONE), mul(mul(h, kc(K_SQRT_PI_OVER_TWO)), erfcxNonNegativePair(mul(kc(K_NEG_ONE_OVER_SQRT_TWO), h))));
  return f64x2.abs(f64x2.pmax(mul(mul(kc(K_TWO), t), add(A, mul(a, B))), sp(0))); // = abs(max(., 0)), NaN kept (pmax: one instruction)
}

/** lbr.ts normalisedBlackCallUsingCodysFunctions per lane (Jaeckel 2017): 2b = e^{x/2} erfc(q1) - e^{-x/2} erfc(q2) from erfcx. */
function codyPair(h: v128, t: v128, bMax: v128, E: v128): v128 {
  const q1 = mul(kc(K_NEG_ONE_OVER_SQRT_TWO), add(h, t)), q2 = mul(kc(K_NEG_ONE_OVER_SQRT_TWO), sub(h, t));
  const r1 = mul(E, erfcxNonNegativePair(f64x2.abs(q1)));
  const a = sel(sub(mul(kc(K_TWO), bMax), r1), r1, f64x2.lt(q1, sp(0)));
  const c = mul(E, erfcxNonNegativePair(q2));
  return f64x2.abs(f64x2.pmax(mul(kc(K_HALF), sub(a, c)), sp(0))); // = abs(max(., 0)), NaN kept (pmax: one instruction)
}

/** lbr.ts normalisedBlackCallOtm per lane: asymptotic expansion (per lane, scalar: never in the moderate domain),
 *  small-t expansion (to w^3 if thirdOrder), Cody's functions; each region evaluated only when a lane is in it (Jaeckel 2015, 2017). */
// @ts-ignore: decorator
@inline export function normalisedBlackCallOtmPair(h: v128, t: v128, bMax: v128, E: v128, thirdOrder: bool = false): v128 {
  const asym = v128.and(f64x2.lt(h, kc(K_ETA)),
    f64x2.lt(add(h, t), kc(K_TAU_PLUS_ETA)));
  const smallT = v128.andnot(f64x2.lt(t, kc(K_TAU)), asym);
  const cody = v128.not(v128.or(asym, smallT));
  let r = sp(0);
  if (v128.any_true(smallT)) {
    r = sel(mul(thirdOrder ? smallTExpansionToThirdOrderPair(h, t) : smallTExpansionPair(h, t), mul(kc(K_ONE_OVER_SQRT_TWO_PI), E)), r, smallT);
  }
  if (v128.any_true(cody)) r = sel(codyPair(h, t, bMax, E), r, cody);
  if (v128.any_true(asym)) {
    if (i64x2.extract_lane(asym, 0) != 0) {
      r = f64x2.replace_lane(r, 0, asymptoticExpansionOfNormalisedBlackCallOverVega(f64x2.extract_lane(h, 0), f64x2.extract_lane(t, 0)) * (ONE_OVER_SQRT_TWO_PI * f64x2.extract_lane(E, 0)));
    }
    if (i64x2.extract_lane(asym, 1) != 0) {
      r = f64x2.replace_lane(r, 1, asymptoticExpansionOfNormalisedBlackCallOverVega(f64x2.extract_lane(h, 1), f64x2.extract_lane(t, 1)) * (ONE_OVER_SQRT_TWO_PI * f64x2.extract_lane(E, 1)));
    }
  }
  return r;
}

/** Number of bRegion's classes. */
export const B_REGIONS = 5;

/**
 * The region in which normalisedBlackCallOtmPair evaluates b at h = x/s, t = s/2, for grouping options so that both lanes
 * of a pair take the same one: 0 small-t expansion with erfcx from the table, 1 small-t expansion with Cody's P/Q form,
 * 2 erfcx formulation with both arguments in the table, 3 erfcx formulation needing the P/Q form, 4 asymptotic expansion.
 * The tests on h are multiplied through by s > 0 (no division): the same class but within rounding of a boundary, which
 * changes only the grouping (each lane still evaluates b in its own region), never a result.
 */
export function bRegion(x: f64, s: f64): i32 {
  const t = 0.5 * s, ts = t * s;
  if (x < ASYMPTOTIC_EXPANSION_THRESHOLD * s && x + ts < (SMALL_T_EXPANSION_THRESHOLD + ASYMPTOTIC_EXPANSION_THRESHOLD) * s) return 4;
  if (t < SMALL_T_EXPANSION_THRESHOLD) return -ONE_OVER_SQRT_TWO * x <= ERFCX_CELLS_MAX * s ? 0 : 1;
  return Math.abs(-ONE_OVER_SQRT_TWO * (x + ts)) <= ERFCX_CELLS_MAX * s && -ONE_OVER_SQRT_TWO * (x - ts) <= ERFCX_CELLS_MAX * s ? 2 : 3;
}

/**
 * The central point of lbr.ts normalisedImpliedVolatility per lane, x < 0: s_c = sqrt(2|x|), the inflection point of b
 * in s, and b_c = b(s_c) = bMax (1 - erfcx(s_c/sqrt2))/2 (lbr.ts; Jaeckel 2015). Stores sc and bc at pSc, pBc.
 */
// @ts-ignore: decorator
@inline export function centralPointPair(x: v128, bMax: v128, pSc: usize, pBc: usize): void {
  const sc = f64x2.sqrt(f64x2.abs(mul(kc(K_TWO), x)));
  v128.store(pSc, sc);
  v128.store(pBc, mul(mul(kc(K_HALF), bMax), oneMinusErfcxNonNegativePair(mul(kc(K_ONE_OVER_SQRT_TWO), sc)))); // lbr.ts: b_c = bMax (1 - erfcx(s_c/sqrt2))/2
}

/**
 * One option's row of SECOND_POINT_CELLS at p with t splatted: (b2/(bMax s2), E2/bMax), lbr.ts secondPointCell for both
 * functions at once (each 16-byte load holds coefficient k of both), c0 + t Q(t) with Q by Estrin's scheme.
 */
// @ts-ignore: decorator
@inline function secondPointRowPair(p: usize, t: v128): v128 {
  const t2 = mul(t, t), t4 = mul(t2, t2);
  const q = add(add(add(v128.load(p, 16), mul(v128.load(p, 32), t)), mul(add(v128.load(p, 48), mul(v128.load(p, 64), t)), t2)),
    mul(t4, add(add(v128.load(p, 80), mul(v128.load(p, 96), t)), mul(v128.load(p, 112), t2))));
  return add(v128.load(p), mul(t, q));
}

/**
 * The second point of lbr.ts normalisedImpliedVolatility per lane, 0 < beta < bMax: the tangent at s_c meets b = 0 at
 * s_l (beta < b_c) or b = bmax at s_u (Jaeckel 2015); s2 with b2 = b(s2) and E2 = exp(-(h^2 + t^2)/2) at s2.
 * Stores s2, b2, E2 at pS2, pB2, pE2 and returns the branch code per lane (as f64).
 */
// @ts-ignore: decorator
@inline export function secondPointPair(beta: v128, x: v128, bMax: v128, sc: v128, bc: v128, pS2: usize, pB2: usize, pE2: usize): v128 {
  const vc = mul(kc(K_ONE_OVER_SQRT_TWO_PI), bMax);
  const lower = f64x2.lt(beta, bc);
  const rvc = div(kc(K_ONE), vc); // lbr.ts: one division for s_l and s_u
  const sl = sub(sc, mul(bc, rvc));
  const su = sel(add(sc, mul(sub(bMax, bc), rvc)), sc, f64x2.gt(vc, kc(K_DBL_MIN)));
  const s2 = sel(sl, su, lower);
  // lbr.ts: b2 and E2 from the table in u = s_c/sqrt2 <= 4 (secondPointCell per lane), beyond it evaluated at s2
  const u = mul(kc(K_ONE_OVER_SQRT_TWO), sc);
  const kd = add(mul(f64x2.pmin(u, kc(K_SECOND_POINT_CELLS_MAX)), kc(K_SECOND_POINT_CELLS_PER_UNIT)), kc(K_ROUNDING_SHIFT));
  const t = sub(u, mul(sub(kd, kc(K_ROUNDING_SHIFT)), kc(K_SECOND_POINT_CELL_STEP)));
  // row 2 j + side: cell j (the low bits of kd) at 256 bytes, side 0 (s_l) in a lower lane, else 1 (128 bytes)
  const p0 = SECOND_POINT_CELLS + (<usize>(i32x4.extract_lane(kd, 0) << 8) | <usize>(~i32x4.extract_lane(lower, 0) & 128));
  const p1 = SECOND_POINT_CELLS + (<usize>(i32x4.extract_lane(kd, 2) << 8) | <usize>(~i32x4.extract_lane(lower, 2) & 128));
  const r0 = secondPointRowPair(p0, v128.shuffle<f64>(t, t, 0, 0)), r1 = secondPointRowPair(p1, v128.shuffle<f64>(t, t, 1, 1));
  let b2 = mul(mul(bMax, s2), evens(r0, r1)), E2 = mul(bMax, odds(r0, r1));
  const beyond = v128.not(f64x2.le(u, kc(K_SECOND_POINT_CELLS_MAX)));
  if (v128.any_true(beyond)) {
    const h2 = div(x, s2), t2 = mul(kc(K_HALF), s2), E = expAny(mul(kc(K_NEG_HALF), add(mul(h2, h2), mul(t2, t2))));
    E2 = sel(E, E2, beyond);
    b2 = sel(normalisedBlackCallOtmPair(h2, t2, bMax, E, true), b2, beyond); // lbr.ts: to w^3 in the small-t region
  }
  v128.store(pS2, s2);
  v128.store(pB2, b2);
  v128.store(pE2, E2);
  const lowerBranch = sel(kc(K_LOWEST), kc(K_LOWER_MIDDLE), f64x2.lt(beta, b2));
  const upperBranch = sel(kc(K_UPPER_MIDDLE), kc(K_HIGHEST), f64x2.le(beta, b2));
  return sel(lowerBranch, upperBranch, lower);
}

// @ts-ignore: decorator
@inline function isZeroPair(v: v128): v128 { return f64x2.lt(f64x2.abs(v), kc(K_DBL_MIN)); }

/** lbr.ts minimumRationalCubicControlParameter per lane with preferShapePreservation = false. */
function minimumRationalCubicControlParameterPair(dl: v128, dr: v128, s: v128): v128 {
  const monotonic = v128.and(f64x2.ge(mul(dl, s), sp(0)), f64x2.ge(mul(dr, s), sp(0)));
  const convex = v128.and(f64x2.le(dl, s), f64x2.le(s, dr)), concave = v128.and(f64x2.ge(dl, s), f64x2.ge(s, dr));
  const drMinusDl = sub(dr, dl), drMinusS = sub(dr, s), sMinusDl = sub(s, dl);
  const r1 = sel(div(add(dr, dl), s), kc(K_NEG_DBL_MAX), v128.andnot(monotonic, isZeroPair(s)));
  const r2 = sel(div(f64x2.abs(drMinusDl), f64x2.pmin(f64x2.abs(drMinusS), f64x2.abs(sMinusDl))), kc(K_NEG_DBL_MAX),
    v128.andnot(v128.or(convex, concave), v128.or(isZeroPair(sMinusDl), isZeroPair(drMinusS))));
  const r = f64x2.pmax(kc(K_MIN_RCC), f64x2.pmax(r1, r2));
  return sel(r, kc(K_MIN_RCC), v128.or(monotonic, v128.or(convex, concave)));
}

/**
 * The initial guess of lbr.ts's middle branches per lane, from centralPointPair's and secondPointPair's points (lower = the lane is in the lower
 * middle branch): rational cubic of s in b between (b2, s2) and (b_c, s_c), slopes 1/vega, zero curvature at b_c
 * (control parameter of Delbourgo-Gregory 1985 as in lbr.ts). Stores s and its bracket [sLeft, sRight] at pS, pSLeft, pSRight.
 */
// @ts-ignore: decorator
@inline export function middleGuessPair(beta: v128, x: v128, bMax: v128, sc: v128, bc: v128, s2: v128, b2: v128, E2: v128, lower: v128, pS: usize, pSLeft: usize, pSRight: usize): void {
  const vc = mul(kc(K_ONE_OVER_SQRT_TWO_PI), bMax), v2 = mul(kc(K_ONE_OVER_SQRT_TWO_PI), E2);
  const xl = sel(b2, bc, lower), xr = sel(bc, b2, lower), yl = sel(s2, sc, lower), yr = sel(sc, s2, lower);
  const rv2 = div(kc(K_ONE), v2), rvc = div(kc(K_ONE), vc);
  const dl = sel(rv2, rvc, lower), dr = sel(rvc, rv2, lower);
  // controlParameterToFitSecondDerivativeAt{Right,Left}Side with second derivative 0; 1/hx once (lbr.ts multiplies by 1/h)
  const hx = sub(xr, xl), rhx = div(kc(K_ONE), hx), numerator = add(mul(mul(kc(K_HALF), hx), kc(K_ZERO_POINT_ZERO)), sub(dr, dl));
  const slope = mul(sub(yr, yl), rhx);
  const denominator = sel(sub(dr, slope), sub(slope, dl), lower);
  let r = sel(sel(kc(K_MAX_RCC), kc(K_MIN_RCC), f64x2.gt(numerator, sp(0))),
    div(numerator, denominator), isZeroPair(denominator));
  r = sel(sp(0), r, isZeroPair(numerator));
  r = f64x2.pmax(r, minimumRationalCubicControlParameterPair(dl, dr, slope)); // lbr.ts's (yr - yl) * (1 / (xr - xl)): the same value
  // rationalCubicInterpolation(beta, xl, xr, yl, yr, dl, dr, r)
  const tt = mul(sub(beta, xl), rhx);
  const omt = sub(kc(K_ONE), tt), t2 = mul(tt, tt), omt2 = mul(omt, omt);
  const cubic = div(add(add(add(mul(mul(yr, t2), tt), mul(mul(sub(mul(r, yr), mul(hx, dr)), t2), omt)),
    mul(mul(add(mul(r, yl), mul(hx, dl)), tt), omt2)), mul(mul(yl, omt2), omt)),
    add(kc(K_ONE), mul(mul(sub(r, kc(K_THREE)), tt), omt)));
  const linear = add(mul(yr, tt), mul(yl, sub(kc(K_ONE), tt)));
  let s = sel(cubic, linear, v128.not(f64x2.ge(r, kc(K_MAX_RCC))));
  s = sel(mul(kc(K_HALF), add(yl, yr)), s, f64x2.le(f64x2.abs(hx), sp(0)));
  v128.store(pS, s);
  v128.store(pSLeft, yl);
  v128.store(pSRight, yr);
}

/** The point of a Householder step per lane: h = x (1/s), t = s/2, E = exp(-(h^2 + t^2)/2) and 1/s at the iterate s, stored at pH, pT, pE, pRs. */
// @ts-ignore: decorator
@inline export function householderPointPair(x: v128, s: v128, pH: usize, pT: usize, pE: usize, pRs: usize): void {
  const rs = div(kc(K_ONE), s), h = mul(x, rs), t = mul(kc(K_HALF), s); // lbr.ts: one division for h and the step's h/s
  v128.store(pRs, rs);
  v128.store(pH, h);
  v128.store(pT, t);
  v128.store(pE, expAny(mul(kc(K_NEG_HALF), add(mul(h, h), mul(t, t)))));
}

/**
 * One Householder(3) step of lbr.ts's middle branches per lane on g(s) = b(s) - beta (Jaeckel 2015), given h, 1/s, E and
 * b = b(s) at the iterate (householderPointPair, normalisedBlackCallOtmPair), for lanes with |ds| > DBL_EPSILON s
 * (lbr.ts's loop condition; the others keep s and ds). Reads and writes s and ds at pS, pDs.
 */
// @ts-ignore: decorator
@inline export function middleHouseholderStepPair(beta: v128, h: v128, rs: v128, E: v128, b: v128, sLeft: v128, sRight: v128, pS: usize, pDs: usize): void {
  const s = v128.load(pS), ds = v128.load(pDs);
  const active = f64x2.gt(f64x2.abs(ds), mul(kc(K_DBL_EPSILON), s));
  const bp = mul(kc(K_ONE_OVER_SQRT_TWO_PI), E);
  // s/4 (lbr.ts, the twin) as s * 0.25: the same value (a power of 2), a multiplication instead of a division on the chain
  // lbr.ts: 1/bp off b's chain (1/s from the point), multiplications after it (a few ulp in the factors)
  const rbp = div(kc(K_ONE), bp), hs = mul(h, rs);
  const nu = mul(sub(beta, b), rbp), hh2 = sub(mul(h, hs), mul(s, kc(K_QUARTER)));
  const hh3 = sub(sub(mul(hh2, hh2), mul(mul(kc(K_THREE), hs), hs)), kc(K_QUARTER));
  const step = mul(nu, div(add(kc(K_ONE), mul(mul(kc(K_HALF), hh2), nu)), add(kc(K_ONE), mul(nu, add(hh2, mul(mul(hh3, kc(K_ONE_SIXTH)), nu))))));
  // lbr.ts takeStep: max(sLeft, min(sRight, s + step)); pmin/pmax (one instruction each, wasm.md) give the same for
  // positive bounds, and a NaN iterate stays NaN as it is the first operand
  const sNew = f64x2.pmax(f64x2.pmin(add(s, step), sRight), sLeft);
  v128.store(pDs, sel(sub(sNew, s), ds, active));
  v128.store(pS, sel(sNew, s, active));
}

/** lbr.ts normalisedBlackCallOverVega per lane: b/vega for x <= 0 without underflow where vega underflows (Jaeckel 2015; to w^3 if thirdOrder). */
function normalisedBlackCallOverVegaPair(x: v128, s: v128, bMax: v128, thirdOrder: bool): v128 {
  const h = div(x, s), t = mul(kc(K_HALF), s);
  const asym = v128.and(f64x2.lt(h, kc(K_ETA)), f64x2.lt(add(h, t), kc(K_TAU_PLUS_ETA)));
  const smallT = v128.andnot(f64x2.lt(t, kc(K_TAU)), asym);
  const cody = v128.not(v128.or(asym, smallT));
  let r = sp(0);
  if (v128.any_true(smallT)) r = sel(thirdOrder ? smallTExpansionToThirdOrderPair(h, t) : smallTExpansionPair(h, t), r, smallT);
  if (v128.any_true(cody)) {
    const halfSumOfSquares = mul(kc(K_HALF), add(mul(h, h), mul(t, t)));
    r = sel(mul(codyPair(h, t, bMax, expAny(f64x2.neg(halfSumOfSquares))), expAny(add(kc(K_HALF_LN_TWO_PI), halfSumOfSquares))), r, cody);
  }
  if (v128.any_true(asym)) {
    if (i64x2.extract_lane(asym, 0) != 0) {
      r = f64x2.replace_lane(r, 0, asymptoticExpansionOfNormalisedBlackCallOverVega(f64x2.extract_lane(h, 0), f64x2.extract_lane(t, 0)));
    }
    if (i64x2.extract_lane(asym, 1) != 0) {
      r = f64x2.replace_lane(r, 1, asymptoticExpansionOfNormalisedBlackCallOverVega(f64x2.extract_lane(h, 1), f64x2.extract_lane(t, 1)));
    }
  }
  return sel(sp(0), r, f64x2.le(s, sp(0)));
}

/** lbr.ts lnNormalisedVega per lane: ln of the normalised vega, without the exponential. */
// @ts-ignore: decorator
@inline function lnNormalisedVegaPair(x: v128, s: v128): v128 {
  const h = div(x, s), t = mul(kc(K_HALF), s);
  let r = sub(kc(K_NEG_HALF_LN_TWO_PI), mul(kc(K_HALF), add(mul(h, h), mul(t, t))));
  r = sel(kc(K_NEG_DBL_MAX), r, f64x2.le(s, sp(0)));
  return sel(sub(kc(K_NEG_HALF_LN_TWO_PI), mul(kc(K_EIGHTH), mul(s, s))), r, f64x2.le(f64x2.abs(x), sp(0)));
}

/**
 * The lowest branch's b/vega (lbr.ts normalisedBlackCallOverVega) per lane at the iterate s, for lanes with |ds| > DBL_EPSILON s
 * (computed for both if either is): stored at pBx for lowestHouseholderStepPair (a loop of its own: wasm.md loop fission).
 */
// @ts-ignore: decorator
@inline export function lowestPointPair(x: v128, bMax: v128, pS: usize, pDs: usize, pBx: usize, thirdOrder: bool): void {
  const s = v128.load(pS), ds = v128.load(pDs);
  if (v128.any_true(f64x2.gt(f64x2.abs(ds), mul(kc(K_DBL_EPSILON), s)))) v128.store(pBx, normalisedBlackCallOverVegaPair(x, s, bMax, thirdOrder));
}

/**
 * One Householder(3) step of lbr.ts's lowest branch per lane on g(s) = 1/ln b(s) - 1/ln beta (Jaeckel 2015), given
 * bx = b/vega at the iterate (lowestPointPair), within [DBL_MIN, sRight], for lanes with |ds| > DBL_EPSILON s (the others
 * keep s and ds). Reads and writes s, ds at pS, pDs.
 */
// @ts-ignore: decorator
@inline export function lowestHouseholderStepPair(beta: v128, x: v128, lnBeta: v128, sRight: v128, bx: v128, pS: usize, pDs: usize): void {
  const s = v128.load(pS), ds = v128.load(pDs);
  const active = f64x2.gt(f64x2.abs(ds), mul(kc(K_DBL_EPSILON), s));
  if (!v128.any_true(active)) return;
  const lnB = add(logf64(bx), lnNormalisedVegaPair(x, s)), bpob = div(kc(K_ONE), bx);
  // lbr.ts: 1/s and bx/lnBeta off lnB's chain (three divisions fewer per step; a few ulp in nu and the factors)
  const rs = div(kc(K_ONE), s), h = mul(x, rs), bHh2 = sub(mul(h, mul(h, rs)), mul(s, kc(K_QUARTER))), nu = mul(mul(sub(lnBeta, lnB), lnB), div(bx, lnBeta));
  const lambda = div(kc(K_ONE), lnB), otlambda = add(kc(K_ONE), mul(kc(K_TWO), lambda)), hh2 = sub(bHh2, mul(bpob, otlambda));
  const hs = mul(h, rs), c = mul(mul(kc(K_THREE), hs), hs);
  const bHh3 = sub(sub(mul(bHh2, bHh2), c), kc(K_QUARTER)), mu = mul(mul(kc(K_SIX), lambda), add(kc(K_ONE), lambda));
  const hh3 = sub(add(bHh3, mul(mul(bpob, bpob), add(kc(K_TWO), mu))), mul(mul(mul(bHh2, bpob), kc(K_THREE)), otlambda));
  const step = mul(nu, div(add(kc(K_ONE), mul(mul(kc(K_HALF), hh2), nu)), add(kc(K_ONE), mul(nu, add(hh2, mul(mul(hh3, kc(K_ONE_SIXTH)), nu))))));
  const sNew = f64x2.pmax(f64x2.pmin(add(s, step), sRight), kc(K_DBL_MIN)); // max(DBL_MIN, min(sRight, s + step)), as above
  v128.store(pDs, sel(sub(sNew, s), ds, active));
  v128.store(pS, sel(sNew, s, active));
}

/** normal.ts normCdf(-z) per lane for z >= 0: 0.5 erfc(z/sqrt2) by Cody's forms (CALERF); below -10 (z > 10) the scalar A&S 26.2.12 series per lane. */
function normCdfOfNegativePair(z: v128): v128 {
  const w = mul(z, kc(K_ONE_OVER_SQRT_TWO)), y = f64x2.abs(w);
  const inner = f64x2.le(y, kc(K_CODY));
  let e = sp(0);
  if (!i64x2.all_true(inner)) {
    // erfcx(y) exp(-y^2), exp(-y^2) with y^2 split as in CALERF (normal.ts expOfNegativeSquare); 0 beyond XBIG
    // normal.ts's /16 as * (1/16): the same value (a power of 2, integer operand), a multiplication instead of a division
    const yt = mul(f64x2.trunc(mul(y, kc(K_SIXTEEN))), kc(K_SIXTEENTH));
    const ens = mul(expAny(mul(f64x2.neg(yt), yt)), expAny(mul(f64x2.neg(sub(y, yt)), add(y, yt))));
    e = sel(sp(0), mul(erfcxAboveThresholdPair(y), ens), f64x2.ge(y, kc(K_CODY_XBIG)));
    e = sel(sub(kc(K_TWO), e), e, f64x2.lt(w, sp(0)));
  }
  if (v128.any_true(inner)) e = sel(sub(kc(K_ONE), mul(w, abPair(mul(y, y)))), e, inner);
  let r = mul(kc(K_HALF), e);
  const tail = f64x2.le(f64x2.neg(z), kc(K_NEG_TEN));
  if (v128.any_true(tail)) {
    if (i64x2.extract_lane(tail, 0) != 0) r = f64x2.replace_lane(r, 0, normCdf(-f64x2.extract_lane(z, 0)));
    if (i64x2.extract_lane(tail, 1) != 0) r = f64x2.replace_lane(r, 1, normCdf(-f64x2.extract_lane(z, 1)));
  }
  return r;
}

/** lbr.ts minimumRationalCubicControlParameter per lane with preferShapePreservation = true. */
function minimumRationalCubicControlParameterPreferShapePair(dl: v128, dr: v128, s: v128): v128 {
  const monotonic = v128.and(f64x2.ge(mul(dl, s), sp(0)), f64x2.ge(mul(dr, s), sp(0)));
  const convex = v128.and(f64x2.le(dl, s), f64x2.le(s, dr)), concave = v128.and(f64x2.ge(dl, s), f64x2.ge(s, dr));
  const convexOrConcave = v128.or(convex, concave);
  const drMinusDl = sub(dr, dl), drMinusS = sub(dr, s), sMinusDl = sub(s, dl);
  const r1 = sel(sel(kc(K_MAX_RCC), div(add(dr, dl), s), isZeroPair(s)), kc(K_NEG_DBL_MAX), monotonic);
  const r2Shape = sel(kc(K_MAX_RCC), div(f64x2.abs(drMinusDl), f64x2.pmin(f64x2.abs(drMinusS), f64x2.abs(sMinusDl))),
    v128.or(isZeroPair(sMinusDl), isZeroPair(drMinusS)));
  const r2 = sel(r2Shape, sel(kc(K_MAX_RCC), kc(K_NEG_DBL_MAX), monotonic), convexOrConcave);
  const r = f64x2.pmax(kc(K_MIN_RCC), f64x2.pmax(r1, r2));
  return sel(r, kc(K_MIN_RCC), v128.or(monotonic, convexOrConcave));
}

// normal.ts inverseNormCdf's AS241 coefficients (Wichura 1988), each rational's numerator c7..c0 and denominator d7..d1,
// then its split points; NativeMath.cbrt's constants (musl / FreeBSD s_cbrt.c). One v128 per value, as above.
const I_A: usize = 0, I_B: usize = 8, I_C: usize = 15, I_D: usize = 23, I_E: usize = 30, I_F: usize = 38;
const I_SPLIT1: usize = 45, I_CONST1: usize = 46, I_SPLIT2: usize = 47, I_CONST2: usize = 48;
const I_CBRT_P0: usize = 49, I_CBRT_P1: usize = 50, I_CBRT_P2: usize = 51, I_CBRT_P3: usize = 52, I_CBRT_P4: usize = 53;
const I_CBRT_B1: usize = 54, I_THIRD: usize = 55, I_SQRT_THREE_OVER_THIRD_ROOT_TWO_PI: usize = 56, I_DBL_MAX: usize = 57;
const TAB_INV: usize = memory.data<f64>([
  IA7, IA7, IA6, IA6, IA5, IA5, IA4, IA4, IA3, IA3, IA2, IA2, IA1, IA1, IA0, IA0,
  IB7, IB7, IB6, IB6, IB5, IB5, IB4, IB4, IB3, IB3, IB2, IB2, IB1, IB1,
  IC7, IC7, IC6, IC6, IC5, IC5, IC4, IC4, IC3, IC3, IC2, IC2, IC1, IC1, IC0, IC0,
  ID7, ID7, ID6, ID6, ID5, ID5, ID4, ID4, ID3, ID3, ID2, ID2, ID1, ID1,
  IE7, IE7, IE6, IE6, IE5, IE5, IE4, IE4, IE3, IE3, IE2, IE2, IE1, IE1, IE0, IE0,
  IF7, IF7, IF6, IF6, IF5, IF5, IF4, IF4, IF3, IF3, IF2, IF2, IF1, IF1,
  SPLIT1, SPLIT1, CONST1, CONST1, SPLIT2, SPLIT2, CONST2, CONST2,
  1.87595182427177009643, 1.87595182427177009643, -1.88497979543377169875, -1.88497979543377169875,
  1.621429720105354466140, 1.621429720105354466140, -0.758397934778766047437, -0.758397934778766047437,
  0.145996192886612446982, 0.145996192886612446982, 715094163.0, 715094163.0,
  1.0 / 3.0, 1.0 / 3.0, SQRT_THREE_OVER_THIRD_ROOT_TWO_PI, SQRT_THREE_OVER_THIRD_ROOT_TWO_PI,
  DBL_MAX, DBL_MAX,
], 64);
/** NativeMath.cbrt's rounding of t to 23 bits: (bits + 2^31) & ~(2^30 - 1). */
const TAB_CBRT_BITS: usize = memory.data<u64>([0x80000000, 0x80000000, 0xFFFFFFFFC0000000, 0xFFFFFFFFC0000000], 64);
// @ts-ignore: decorator
@inline function ki(i: usize): v128 { return v128.load(TAB_INV + (i << 4)); }

/** Degree-7 numerator of an AS241 rational from TAB_INV at i, normal.ts's Horner order. */
// @ts-ignore: decorator
@inline function invNumerator(r: v128, i: usize): v128 {
  return add(mul(add(mul(add(mul(add(mul(add(mul(add(mul(add(mul(ki(i), r), ki(i + 1)), r), ki(i + 2)), r), ki(i + 3)), r), ki(i + 4)), r), ki(i + 5)), r), ki(i + 6)), r), ki(i + 7));
}

/** Its denominator d7..d1 and 1, the same order. */
// @ts-ignore: decorator
@inline function invDenominator(r: v128, i: usize): v128 {
  return add(mul(add(mul(add(mul(add(mul(add(mul(add(mul(add(mul(ki(i), r), ki(i + 1)), r), ki(i + 2)), r), ki(i + 3)), r), ki(i + 4)), r), ki(i + 5)), r), ki(i + 6)), r), kc(K_ONE));
}

/**
 * normal.ts inverseNormCdf (AS241) per lane for 0 < u < 1, in its operation order (log: logf64, the lanes of scalarmath.ts's log):
 * the central rational for |u - 1/2| <= 0.425, the tails' two rationals in r = sqrt(-log min(u, 1-u)) otherwise, each only if
 * a lane needs it. Lanes outside (0, 1) by the scalar function.
 */
function inverseNormCdfPair(u: v128): v128 {
  if (!i64x2.all_true(v128.and(f64x2.gt(u, sp(0)), f64x2.lt(u, kc(K_ONE))))) {
    return f64x2.replace_lane(f64x2.splat(inverseNormCdf(f64x2.extract_lane(u, 0))), 1, inverseNormCdf(f64x2.extract_lane(u, 1)));
  }
  const q = sub(u, kc(K_HALF));
  const central = f64x2.le(f64x2.abs(q), ki(I_SPLIT1));
  let res = sp(0);
  if (v128.any_true(central)) {
    const r = sub(ki(I_CONST1), mul(q, q));
    res = div(mul(q, invNumerator(r, I_A)), invDenominator(r, I_B));
  }
  const tail = v128.not(central);
  if (v128.any_true(tail)) {
    const negative = f64x2.lt(q, sp(0));
    const r = f64x2.sqrt(f64x2.neg(logf64(sel(u, sub(kc(K_ONE), u), negative))));
    const near = f64x2.lt(r, ki(I_SPLIT2));
    let ret = sp(0);
    if (v128.any_true(v128.and(tail, near))) {
      const rc = sub(r, ki(I_CONST2));
      ret = div(invNumerator(rc, I_C), invDenominator(rc, I_D));
    }
    if (v128.any_true(v128.andnot(tail, near))) {
      const re = sub(r, ki(I_SPLIT2));
      ret = sel(ret, div(invNumerator(re, I_E), invDenominator(re, I_F)), near);
    }
    res = sel(res, sel(f64x2.neg(ret), ret, negative), central);
  }
  return res;
}

/**
 * NativeMath.cbrt (musl's port of FreeBSD s_cbrt.c, the algorithm of V8's Math.cbrt too) per lane for normal x > 0: the
 * high word hx/3 + B1 as the first guess, with hx/3 = floor((hx + 1/2) * (1/3)) in f64 (exact: hx < 2^31, so the product's
 * error is below 2^-21 and (hx + 1/2)/3 is at least 1/6 from an integer); the polynomial to 23 bits, t rounded to 23 bits,
 * one Newton step. Other lanes (0, subnormal, negative, NaN, Infinity) by NativeMath.cbrt.
 */
function cbrtPair(x: v128): v128 {
  if (!i64x2.all_true(v128.and(f64x2.ge(x, kc(K_DBL_MIN)), f64x2.le(x, ki(I_DBL_MAX))))) {
    return f64x2.replace_lane(f64x2.splat(Math.cbrt(f64x2.extract_lane(x, 0))), 1, Math.cbrt(f64x2.extract_lane(x, 1)));
  }
  const hx = f64x2.convert_low_i32x4_u(v128.shuffle<i32>(x, x, 1, 3, 1, 3)); // the high words
  const third = f64x2.floor(mul(add(hx, kc(K_HALF)), ki(I_THIRD)));
  const w = i32x4.trunc_sat_f64x2_u_zero(add(third, ki(I_CBRT_B1))); // (hx/3 + B1, same, 0, 0)
  let t = v128.shuffle<i32>(w, w, 2, 0, 3, 1); // high words hx/3 + B1, low words 0 (lanes 2, 3 of w are 0)
  let r = mul(mul(t, t), div(t, x));
  t = mul(t, add(add(ki(I_CBRT_P0), mul(r, add(ki(I_CBRT_P1), mul(r, ki(I_CBRT_P2))))), mul(mul(mul(r, r), r), add(ki(I_CBRT_P3), mul(r, ki(I_CBRT_P4))))));
  t = v128.and(i64x2.add(t, v128.load(TAB_CBRT_BITS)), v128.load(TAB_CBRT_BITS, 16));
  const s = mul(t, t);
  r = div(x, s);
  r = div(sub(r, t), add(mul(kc(K_TWO), t), r));
  return add(t, mul(t, r));
}

/**
 * lbr.ts lowestBranchGuess per lane: rational cubic in the lower map f_l(b) = 2pi|x|/sqrt27 Phi(-|x|/(sqrt3 s))^3 through
 * (0, 0) and (b_l, f_l(b_l)) (Jaeckel 2015), inverted (cbrtPair, inverseNormCdfPair).
 */
// @ts-ignore: decorator
@inline export function lowestGuessPair(beta: v128, x: v128, sl: v128, bl: v128): v128 {
  const ax = f64x2.abs(x), z = div(mul(kc(K_SQRT_ONE_OVER_THREE), ax), sl), y = mul(z, z), s2 = mul(sl, sl);
  const Phi = normCdfOfNegativePair(z), phi = mul(kc(K_ONE_OVER_SQRT_TWO_PI), expAny(mul(mul(kc(K_NEG_HALF), z), z)));
  const fpp = mul(mul(mul(div(mul(kc(K_PI_OVER_SIX), y), mul(s2, sl)), Phi),
    add(mul(mul(kc(K_EIGHT_SQRT_THREE), sl), ax), div(mul(sub(mul(mul(kc(K_THREE), s2), sub(s2, kc(K_EIGHT))), mul(mul(kc(K_EIGHT), x), x)), Phi), phi))),
    expAny(add(mul(kc(K_TWO), y), mul(kc(K_QUARTER), s2))));
  const Phi2 = mul(Phi, Phi);
  const fp = mul(mul(mul(kc(K_TWO_PI), y), Phi2), expAny(add(y, mul(mul(kc(K_EIGHTH), sl), sl))));
  const fl = mul(mul(kc(K_TWO_PI_OVER_SQRT_TWENTY_SEVEN), ax), mul(Phi2, Phi));
  // convexControlParameterToFitSecondDerivativeAtRightSide(0, bl, 0, fl, 1, fp, fpp, true)
  const zero = sp(0), one = kc(K_ONE);
  const hx = sub(bl, zero), rhx = div(one, hx), numerator = add(mul(mul(kc(K_HALF), hx), fpp), sub(fp, one));
  const slope = mul(sub(fl, zero), rhx), denominator = sub(fp, slope); // 1/hx once (lbr.ts multiplies by 1/h)
  let r = sel(sel(kc(K_MAX_RCC), kc(K_MIN_RCC), f64x2.gt(numerator, sp(0))), div(numerator, denominator), isZeroPair(denominator));
  r = sel(sp(0), r, isZeroPair(numerator));
  r = f64x2.pmax(r, minimumRationalCubicControlParameterPreferShapePair(one, fp, slope));
  // rationalCubicInterpolation(beta, 0, bl, 0, fl, 1, fp, r)
  const tt = mul(sub(beta, zero), rhx);
  const omt = sub(one, tt), t2 = mul(tt, tt), omt2 = mul(omt, omt);
  const cubic = div(add(add(add(mul(mul(fl, t2), tt), mul(mul(sub(mul(r, fl), mul(hx, fp)), t2), omt)),
    mul(mul(add(mul(r, zero), mul(hx, one)), tt), omt2)), mul(mul(zero, omt2), omt)),
    add(one, mul(mul(sub(r, kc(K_THREE)), tt), omt)));
  const linear = add(mul(fl, tt), mul(zero, sub(one, tt)));
  let f = sel(cubic, linear, v128.not(f64x2.ge(r, kc(K_MAX_RCC))));
  f = sel(mul(kc(K_HALF), add(zero, fl)), f, f64x2.le(f64x2.abs(hx), sp(0)));
  // Roundoff for extreme |x|: quadratic through f(0) = 0, f'(0) = 1 and f(b_l) instead.
  const tq = div(beta, bl);
  f = sel(f, mul(add(mul(fl, tq), mul(bl, sub(one, tq))), tq), f64x2.gt(f, sp(0)));
  // Inverse lower map: s = |x| / (sqrt3 |Phi^-1((sqrt27 f / (2 pi |x|))^(1/3))|).
  // lbr.ts: cbrt(f)/cbrt(ax) as cbrt(f/ax): one cube root (f/ax <= ~1.2; normal unless f < ~1e-305): an ulp or two in the initial
  // guess only, which the two Householder(3) steps (quartic convergence) remove
  const q = inverseNormCdfPair(mul(ki(I_SQRT_THREE_OVER_THIRD_ROOT_TWO_PI), cbrtPair(div(f, ax))));
  return sel(sp(0), f64x2.abs(div(x, mul(kc(K_SQRT_THREE), q))), f64x2.le(f, sp(0)));
}
