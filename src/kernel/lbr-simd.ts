// Twin of assembly/lbr-simd.ts: the parts of "Let's Be Rational" (lbr.ts) that the wasm kernel runs for two options
// at a time in f64x2 lanes (central and second points, the middle branches' guess and Householder steps, the lowest
// branch's Householder steps), here one lane at a time (as src/kernel/math.ts is assembly/math.ts's lanes): same
// function names, the lane selects as conditionals, lbr.ts's scalar operations in lbr.ts's order, so each result is
// bit for bit the scalar solver's and the wasm lane's.
// Peter Jaeckel, "Let's Be Rational", Wilmott 2015 (75) 40-53; Cody's functions as in normal.ts (Cody 1969, CALERF).
import { exp as expf64, log as logf64 } from './scalarmath.js';
import { DBL_EPSILON, DBL_MAX, DBL_MIN, HALF_LN_TWO_PI, ONE_OVER_SQRT_TWO, ONE_OVER_SQRT_TWO_PI, ONE_SIXTH, PI_OVER_SIX,
  SQRT_ONE_OVER_THREE, SQRT_THREE, SQRT_THREE_OVER_THIRD_ROOT_TWO_PI, TWO_PI, TWO_PI_OVER_SQRT_TWENTY_SEVEN } from './constants.js';
import { ASYMPTOTIC_EXPANSION_THRESHOLD, asymptoticExpansionOfNormalisedBlackCallOverVega, MAX_RATIONAL_CUBIC_CONTROL,
  MIN_RATIONAL_CUBIC_CONTROL, normalisedBlackCallUsingCodysFunctions, SMALL_T_EXPANSION_THRESHOLD,
  secondPointCell, smallTExpansionOfNormalisedBlackCallOverVega, smallTExpansionToThirdOrder, stdMax, stdMin } from './lbr.js';
import { SECOND_POINT_CELLS_MAX } from './second-point-cells.js';
import { ab, CODY_THRESHOLD, CODY_XBIG, ERFCX_CELLS_MAX, erfcxAboveThreshold, inverseNormCdf,
  NORM_CDF_ASYMPTOTIC_THRESHOLD, normCdf, oneMinusErfcxNonNegative } from './normal.js';

/** Branch codes of secondPointPair (lbr.ts normalisedImpliedVolatility's four branches). */
export const BRANCH_LOWEST = 0;
export const BRANCH_LOWER_MIDDLE = 1;
export const BRANCH_UPPER_MIDDLE = 2;
export const BRANCH_HIGHEST = 3;

// Per lane, the wasm kernel's Cody pair functions and erfcx cells evaluate normal.ts's scalar expressions term for
// term (same coefficients, same order), so here they are normal.ts's functions themselves.
const abPair = ab;
const erfcxAboveThresholdPair = erfcxAboveThreshold;

// The wasm kernel's lanes of these three evaluate lbr.ts's scalar expressions term for term, so per lane they are
// lbr.ts's functions themselves.
/** lbr.ts smallTExpansionOfNormalisedBlackCallOverVega (Jaeckel 2015, regrouped as 2t (A + a B)). */
const smallTExpansionPair = smallTExpansionOfNormalisedBlackCallOverVega;
/** lbr.ts smallTExpansionToThirdOrder (the middle branches' first Householder step). */
const smallTExpansionToThirdOrderPair = smallTExpansionToThirdOrder;
/** lbr.ts normalisedBlackCallUsingCodysFunctions (Jaeckel 2017): 2b = e^{x/2} erfc(q1) - e^{-x/2} erfc(q2) from erfcx. */
const codyPair = normalisedBlackCallUsingCodysFunctions;

/** lbr.ts normalisedBlackCallOtm: asymptotic expansion, small-t expansion, Cody's functions (Jaeckel 2015, 2017). */
export function normalisedBlackCallOtmPair(h: number, t: number, bMax: number, E: number, thirdOrder = false): number {
  const asym = h < ASYMPTOTIC_EXPANSION_THRESHOLD && h + t < SMALL_T_EXPANSION_THRESHOLD + ASYMPTOTIC_EXPANSION_THRESHOLD;
  const smallT = t < SMALL_T_EXPANSION_THRESHOLD && !asym;
  if (smallT) return (thirdOrder ? smallTExpansionToThirdOrderPair(h, t) : smallTExpansionPair(h, t)) * (ONE_OVER_SQRT_TWO_PI * E);
  if (!asym) return codyPair(h, t, bMax, E);
  return asymptoticExpansionOfNormalisedBlackCallOverVega(h, t) * (ONE_OVER_SQRT_TWO_PI * E);
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
export function bRegion(x: number, s: number): number {
  const t = 0.5 * s, ts = t * s;
  if (x < ASYMPTOTIC_EXPANSION_THRESHOLD * s && x + ts < (SMALL_T_EXPANSION_THRESHOLD + ASYMPTOTIC_EXPANSION_THRESHOLD) * s) return 4;
  if (t < SMALL_T_EXPANSION_THRESHOLD) return -ONE_OVER_SQRT_TWO * x <= ERFCX_CELLS_MAX * s ? 0 : 1;
  return Math.abs(-ONE_OVER_SQRT_TWO * (x + ts)) <= ERFCX_CELLS_MAX * s && -ONE_OVER_SQRT_TWO * (x - ts) <= ERFCX_CELLS_MAX * s ? 2 : 3;
}

/**
 * The central point of lbr.ts normalisedImpliedVolatility, x < 0: s_c = sqrt(2|x|), the inflection point of b in s, and
 * b_c = b(s_c) = bMax (1 - erfcx(s_c/sqrt2))/2 (lbr.ts; Jaeckel 2015). Stores sc and bc at f64[iSc], f64[iBc].
 */
export function centralPointPair(f64: Float64Array, x: number, bMax: number, iSc: number, iBc: number): void {
  const sc = Math.sqrt(Math.abs(2 * x));
  f64[iSc] = sc;
  f64[iBc] = 0.5 * bMax * oneMinusErfcxNonNegative(ONE_OVER_SQRT_TWO * sc); // lbr.ts: b_c = bMax (1 - erfcx(s_c/sqrt2))/2
}

/**
 * The second point of lbr.ts normalisedImpliedVolatility, 0 < beta < bMax: the tangent at s_c meets b = 0 at s_l
 * (beta < b_c) or b = bmax at s_u (Jaeckel 2015); s2 with b2 = b(s2) and E2 = exp(-(h^2 + t^2)/2) at s2.
 * Stores s2, b2, E2 at f64[iS2], f64[iB2], f64[iE2] and returns the branch code.
 */
export function secondPointPair(f64: Float64Array, beta: number, x: number, bMax: number, sc: number, bc: number, iS2: number, iB2: number, iE2: number): number {
  const vc = ONE_OVER_SQRT_TWO_PI * bMax;
  const lower = beta < bc;
  const rvc = 1 / vc; // lbr.ts: one division for s_l and s_u
  const sl = sc - bc * rvc;
  const su = vc > DBL_MIN ? sc + (bMax - bc) * rvc : sc;
  const s2 = lower ? sl : su;
  // lbr.ts: b2 and E2 from the table in u = s_c/sqrt2 <= 4 (secondPointCell), beyond it evaluated at s2
  const u = ONE_OVER_SQRT_TWO * sc;
  let b2: number, E2: number;
  if (u <= SECOND_POINT_CELLS_MAX) {
    const side = lower ? 0 : 1;
    b2 = bMax * s2 * secondPointCell(u, side, 0);
    E2 = bMax * secondPointCell(u, side, 1);
  } else {
    const h2 = x / s2, t2 = 0.5 * s2;
    E2 = expf64(-0.5 * (h2 * h2 + t2 * t2));
    b2 = normalisedBlackCallOtmPair(h2, t2, bMax, E2, true); // lbr.ts: to w^3 in the small-t region
  }
  f64[iS2] = s2;
  f64[iB2] = b2;
  f64[iE2] = E2;
  const lowerBranch = beta < b2 ? BRANCH_LOWEST : BRANCH_LOWER_MIDDLE;
  const upperBranch = beta <= b2 ? BRANCH_UPPER_MIDDLE : BRANCH_HIGHEST;
  return lower ? lowerBranch : upperBranch;
}

function isZeroPair(v: number): boolean {
  return Math.abs(v) < DBL_MIN;
}

/** lbr.ts minimumRationalCubicControlParameter with preferShapePreservation = false. */
function minimumRationalCubicControlParameterPair(dl: number, dr: number, s: number): number {
  const monotonic = dl * s >= 0 && dr * s >= 0;
  const convex = dl <= s && s <= dr, concave = dl >= s && s >= dr;
  const drMinusDl = dr - dl, drMinusS = dr - s, sMinusDl = s - dl;
  const r1 = monotonic && !isZeroPair(s) ? (dr + dl) / s : -DBL_MAX;
  const r2 = (convex || concave) && !(isZeroPair(sMinusDl) || isZeroPair(drMinusS)) ?
    Math.abs(drMinusDl) / stdMin(Math.abs(drMinusS), Math.abs(sMinusDl)) : -DBL_MAX;
  const r = stdMax(MIN_RATIONAL_CUBIC_CONTROL, stdMax(r1, r2));
  return monotonic || convex || concave ? r : MIN_RATIONAL_CUBIC_CONTROL;
}

/**
 * The initial guess of lbr.ts's middle branches, from centralPointPair's and secondPointPair's points (lower = in the
 * lower middle branch): rational cubic of s in b between (b2, s2) and (b_c, s_c), slopes 1/vega, zero curvature at b_c
 * (control parameter of Delbourgo-Gregory 1985 as in lbr.ts). Stores s and its bracket [sLeft, sRight] at f64[iS],
 * f64[iSLeft], f64[iSRight].
 */
export function middleGuessPair(f64: Float64Array, beta: number, x: number, bMax: number, sc: number, bc: number, s2: number, b2: number, E2: number, lower: boolean, iS: number, iSLeft: number, iSRight: number): void {
  const vc = ONE_OVER_SQRT_TWO_PI * bMax, v2 = ONE_OVER_SQRT_TWO_PI * E2;
  const xl = lower ? b2 : bc, xr = lower ? bc : b2, yl = lower ? s2 : sc, yr = lower ? sc : s2;
  const rv2 = 1 / v2, rvc = 1 / vc;
  const dl = lower ? rv2 : rvc, dr = lower ? rvc : rv2;
  // controlParameterToFitSecondDerivativeAt{Right,Left}Side with second derivative 0; 1/hx once (lbr.ts multiplies by 1/h)
  const hx = xr - xl, rhx = 1 / hx, numerator = 0.5 * hx * 0.0 + (dr - dl);
  const slope = (yr - yl) * rhx;
  const denominator = lower ? dr - slope : slope - dl;
  let r = isZeroPair(denominator) ? (numerator > 0 ? MAX_RATIONAL_CUBIC_CONTROL : MIN_RATIONAL_CUBIC_CONTROL) : numerator / denominator;
  r = isZeroPair(numerator) ? 0 : r;
  r = stdMax(r, minimumRationalCubicControlParameterPair(dl, dr, slope)); // lbr.ts's (yr - yl) * (1 / (xr - xl)): the same value
  // rationalCubicInterpolation(beta, xl, xr, yl, yr, dl, dr, r)
  const tt = (beta - xl) * rhx;
  const omt = 1 - tt, t2 = tt * tt, omt2 = omt * omt;
  const cubic = (yr * t2 * tt + (r * yr - hx * dr) * t2 * omt + (r * yl + hx * dl) * tt * omt2 + yl * omt2 * omt) / (1 + (r - 3) * tt * omt);
  const linear = yr * tt + yl * (1 - tt);
  let s = !(r >= MAX_RATIONAL_CUBIC_CONTROL) ? cubic : linear;
  s = Math.abs(hx) <= 0 ? 0.5 * (yl + yr) : s;
  f64[iS] = s;
  f64[iSLeft] = yl;
  f64[iSRight] = yr;
}

/** The point of a Householder step: h = x (1/s), t = s/2, E = exp(-(h^2 + t^2)/2) and 1/s at the iterate s, stored at f64[iH], f64[iT], f64[iE], f64[iRs]. */
export function householderPointPair(f64: Float64Array, x: number, s: number, iH: number, iT: number, iE: number, iRs: number): void {
  const rs = 1 / s, h = x * rs, t = 0.5 * s; // lbr.ts: one division for h and the step's h/s
  f64[iRs] = rs;
  f64[iH] = h;
  f64[iT] = t;
  f64[iE] = expf64(-0.5 * (h * h + t * t));
}

/**
 * One Householder(3) step of lbr.ts's middle branches on g(s) = b(s) - beta (Jaeckel 2015), given h, 1/s, E and b = b(s) at
 * the iterate (householderPointPair, normalisedBlackCallOtmPair), if |ds| > DBL_EPSILON s (lbr.ts's loop condition;
 * otherwise s and ds stay). Reads and writes s and ds at f64[iS], f64[iDs].
 */
export function middleHouseholderStepPair(f64: Float64Array, beta: number, h: number, rs: number, E: number, b: number, sLeft: number, sRight: number, iS: number, iDs: number): void {
  const s = f64[iS]!, ds = f64[iDs]!;
  const active = Math.abs(ds) > DBL_EPSILON * s;
  if (!active) return;
  const bp = ONE_OVER_SQRT_TWO_PI * E;
  const rbp = 1 / bp, hs = h * rs; // lbr.ts: 1/bp off b's chain, 1/s from the point
  const nu = (beta - b) * rbp, hh2 = h * hs - s / 4;
  const hh3 = hh2 * hh2 - 3 * hs * hs - 0.25;
  const step = nu * ((1 + 0.5 * hh2 * nu) / (1 + nu * (hh2 + hh3 * ONE_SIXTH * nu)));
  const sNew = Math.max(sLeft, Math.min(sRight, s + step));
  f64[iDs] = sNew - s;
  f64[iS] = sNew;
}

/** lbr.ts normalisedBlackCallOverVega: b/vega for x <= 0 without underflow where vega underflows (Jaeckel 2015). */
function normalisedBlackCallOverVegaPair(x: number, s: number, bMax: number, thirdOrder: boolean): number {
  if (s <= 0) return 0;
  const h = x / s, t = 0.5 * s;
  const asym = h < ASYMPTOTIC_EXPANSION_THRESHOLD && h + t < SMALL_T_EXPANSION_THRESHOLD + ASYMPTOTIC_EXPANSION_THRESHOLD;
  const smallT = t < SMALL_T_EXPANSION_THRESHOLD && !asym;
  if (smallT) return thirdOrder ? smallTExpansionToThirdOrderPair(h, t) : smallTExpansionPair(h, t);
  if (asym) return asymptoticExpansionOfNormalisedBlackCallOverVega(h, t);
  const halfSumOfSquares = 0.5 * (h * h + t * t);
  return codyPair(h, t, bMax, expf64(-halfSumOfSquares)) * expf64(HALF_LN_TWO_PI + halfSumOfSquares);
}

/** lbr.ts lnNormalisedVega: ln of the normalised vega, without the exponential. */
function lnNormalisedVegaPair(x: number, s: number): number {
  if (Math.abs(x) <= 0) return -HALF_LN_TWO_PI - 0.125 * (s * s);
  if (s <= 0) return -DBL_MAX;
  const h = x / s, t = 0.5 * s;
  return -HALF_LN_TWO_PI - 0.5 * (h * h + t * t);
}

/**
 * The lowest branch's b/vega (lbr.ts normalisedBlackCallOverVega) at the iterate s at f64[iS] if |ds| > DBL_EPSILON s,
 * stored at f64[iBx] for lowestHouseholderStepPair (the wasm twin runs them as two loops).
 */
export function lowestPointPair(f64: Float64Array, x: number, bMax: number, iS: number, iDs: number, iBx: number, thirdOrder: boolean): void {
  const s = f64[iS]!, ds = f64[iDs]!;
  if (Math.abs(ds) > DBL_EPSILON * s) f64[iBx] = normalisedBlackCallOverVegaPair(x, s, bMax, thirdOrder);
}

/**
 * One Householder(3) step of lbr.ts's lowest branch on g(s) = 1/ln b(s) - 1/ln beta (Jaeckel 2015), given bx = b/vega at
 * the iterate (lowestPointPair), within [DBL_MIN, sRight], if |ds| > DBL_EPSILON s. Reads and writes s, ds at f64[iS], f64[iDs].
 */
export function lowestHouseholderStepPair(f64: Float64Array, beta: number, x: number, lnBeta: number, sRight: number, bx: number, iS: number, iDs: number): void {
  const s = f64[iS]!, ds = f64[iDs]!;
  const active = Math.abs(ds) > DBL_EPSILON * s;
  if (!active) return;
  const lnB = logf64(bx) + lnNormalisedVegaPair(x, s), bpob = 1 / bx;
  const rs = 1 / s, h = x * rs, bHh2 = h * (h * rs) - s / 4, nu = (lnBeta - lnB) * lnB * (bx / lnBeta); // lbr.ts: reciprocals off lnB's chain
  const lambda = 1 / lnB, otlambda = 1 + 2 * lambda, hh2 = bHh2 - bpob * otlambda;
  const hs = h * rs, c = 3 * hs * hs;
  const bHh3 = bHh2 * bHh2 - c - 0.25, mu = 6 * lambda * (1 + lambda);
  const hh3 = bHh3 + bpob * bpob * (2 + mu) - bHh2 * bpob * 3 * otlambda;
  const step = nu * ((1 + 0.5 * hh2 * nu) / (1 + nu * (hh2 + hh3 * ONE_SIXTH * nu)));
  const sNew = Math.max(DBL_MIN, Math.min(sRight, s + step));
  f64[iDs] = sNew - s;
  f64[iS] = sNew;
}

/** normal.ts normCdf(-z) for z >= 0: 0.5 erfc(z/sqrt2) by Cody's forms (CALERF); below -10 (z > 10) the A&S 26.2.12 series (normCdf). */
function normCdfOfNegativePair(z: number): number {
  if (-z <= NORM_CDF_ASYMPTOTIC_THRESHOLD) return normCdf(-z);
  const w = z * ONE_OVER_SQRT_TWO, y = Math.abs(w);
  const inner = y <= CODY_THRESHOLD;
  if (inner) return 0.5 * (1 - w * abPair(y * y));
  // erfcx(y) exp(-y^2), exp(-y^2) with y^2 split as in CALERF (normal.ts expOfNegativeSquare); 0 beyond XBIG
  const yt = Math.trunc(y * 16) * 0.0625; // normal.ts's /16: the same value (a power of 2), as in the wasm twin
  const ens = expf64(-yt * yt) * expf64(-(y - yt) * (y + yt));
  const e = y >= CODY_XBIG ? 0 : erfcxAboveThresholdPair(y) * ens;
  return 0.5 * (w < 0 ? 2 - e : e);
}

/** lbr.ts minimumRationalCubicControlParameter with preferShapePreservation = true. */
function minimumRationalCubicControlParameterPreferShapePair(dl: number, dr: number, s: number): number {
  const monotonic = dl * s >= 0 && dr * s >= 0;
  const convex = dl <= s && s <= dr, concave = dl >= s && s >= dr;
  const convexOrConcave = convex || concave;
  const drMinusDl = dr - dl, drMinusS = dr - s, sMinusDl = s - dl;
  const r1 = monotonic ? (isZeroPair(s) ? MAX_RATIONAL_CUBIC_CONTROL : (dr + dl) / s) : -DBL_MAX;
  const r2Shape = isZeroPair(sMinusDl) || isZeroPair(drMinusS) ? MAX_RATIONAL_CUBIC_CONTROL :
    Math.abs(drMinusDl) / stdMin(Math.abs(drMinusS), Math.abs(sMinusDl));
  const r2 = convexOrConcave ? r2Shape : monotonic ? MAX_RATIONAL_CUBIC_CONTROL : -DBL_MAX;
  const r = stdMax(MIN_RATIONAL_CUBIC_CONTROL, stdMax(r1, r2));
  return monotonic || convexOrConcave ? r : MIN_RATIONAL_CUBIC_CONTROL;
}

/**
 * lbr.ts lowestBranchGuess: rational cubic in the lower map f_l(b) = 2pi|x|/sqrt27 Phi(-|x|/(sqrt3 s))^3 through (0, 0)
 * and (b_l, f_l(b_l)) (Jaeckel 2015), inverted.
 */
export function lowestGuessPair(beta: number, x: number, sl: number, bl: number): number {
  const ax = Math.abs(x), z = SQRT_ONE_OVER_THREE * ax / sl, y = z * z, s2 = sl * sl;
  const Phi = normCdfOfNegativePair(z), phi = ONE_OVER_SQRT_TWO_PI * expf64(-0.5 * z * z);
  const fpp = PI_OVER_SIX * y / (s2 * sl) * Phi * (8 * SQRT_THREE * sl * ax + (3 * s2 * (s2 - 8) - 8 * x * x) * Phi / phi) * expf64(2 * y + 0.25 * s2);
  const Phi2 = Phi * Phi;
  const fp = TWO_PI * y * Phi2 * expf64(y + 0.125 * sl * sl);
  const fl = TWO_PI_OVER_SQRT_TWENTY_SEVEN * ax * (Phi2 * Phi);
  // convexControlParameterToFitSecondDerivativeAtRightSide(0, bl, 0, fl, 1, fp, fpp, true)
  const hx = bl - 0, rhx = 1 / hx, numerator = 0.5 * hx * fpp + (fp - 1);
  const slope = (fl - 0) * rhx, denominator = fp - slope; // 1/hx once (lbr.ts multiplies by 1/h)
  let r = isZeroPair(denominator) ? (numerator > 0 ? MAX_RATIONAL_CUBIC_CONTROL : MIN_RATIONAL_CUBIC_CONTROL) : numerator / denominator;
  r = isZeroPair(numerator) ? 0 : r;
  r = stdMax(r, minimumRationalCubicControlParameterPreferShapePair(1, fp, slope));
  // rationalCubicInterpolation(beta, 0, bl, 0, fl, 1, fp, r)
  const tt = (beta - 0) * rhx;
  const omt = 1 - tt, t2 = tt * tt, omt2 = omt * omt;
  const cubic = (fl * t2 * tt + (r * fl - hx * fp) * t2 * omt + (r * 0 + hx * 1) * tt * omt2 + 0 * omt2 * omt) / (1 + (r - 3) * tt * omt);
  const linear = fl * tt + 0 * (1 - tt);
  let f = !(r >= MAX_RATIONAL_CUBIC_CONTROL) ? cubic : linear;
  f = Math.abs(hx) <= 0 ? 0.5 * (0 + fl) : f;
  // Roundoff for extreme |x|: quadratic through f(0) = 0, f'(0) = 1 and f(b_l) instead.
  const tq = beta / bl;
  f = f > 0 ? f : (fl * tq + bl * (1 - tq)) * tq;
  // Inverse lower map: s = |x| / (sqrt3 |Phi^-1((sqrt27 f / (2 pi |x|))^(1/3))|).
  // cbrt(f)/cbrt(ax) as cbrt(f/ax): one cube root (f/ax <= ~1.2; normal unless f < ~1e-305): an ulp or two in the initial
  // guess only, which the two Householder(3) steps (quartic convergence) remove
  return f <= 0 ? 0 : Math.abs(x / (SQRT_THREE * inverseNormCdf(SQRT_THREE_OVER_THIRD_ROOT_TWO_PI * Math.cbrt(f / ax))));
}
