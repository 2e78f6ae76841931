// Twin of assembly/lbr.ts: Peter Jaeckel, "Let's Be Rational", Wilmott 2015 (75) 40-53, with the revisions of his
// reference implementation (2017 optimal use of Cody's functions; 2023-24: b/vega in the lowest branch, the
// cancellation-free complement bmax - b in the highest branch, the second point's b as a function of x alone).
// Written here from that mathematics.
// Normalised coordinates: x = ln(F/K), s = sigma sqrt(T), b(x, s) = Black(F, K, sigma, T) / sqrt(F K).
import { exp, log } from './scalarmath.js';
import { DBL_EPSILON, DBL_MAX, DBL_MIN, HALF_LN_TWO_PI, ONE_OVER_SQRT_TWO, ONE_OVER_SQRT_TWO_PI, ONE_SIXTH, PI_OVER_SIX,
  SQRT_ONE_OVER_THREE, SQRT_PI_OVER_TWO, SQRT_THREE, SQRT_THREE_OVER_THIRD_ROOT_TWO_PI, TWO_PI,
  TWO_PI_OVER_SQRT_TWENTY_SEVEN } from './constants.js';
import { erfcx, erfcxNonNegative, normCdf, oneMinusErfcxNonNegative, normPdf, inverseNormCdf, ROUNDING_SHIFT } from './normal.js';
import { SECOND_POINT_CELL_STEP, SECOND_POINT_CELLS, SECOND_POINT_CELLS_MAX, SECOND_POINT_CELLS_PER_UNIT } from './second-point-cells.js';

const FOURTH_ROOT_DBL_EPSILON = 1.220703125e-4; // 2^-13
const SQRT_DBL_MAX = 1.3407807929942596e154;
/** eta: below h = x/s = -10 the asymptotic expansion of b is used (Jaeckel 2015). */
export const ASYMPTOTIC_EXPANSION_THRESHOLD = -10.0;
/** tau = 2 DBL_EPSILON^(1/16): below t = s/2 = tau the small-t expansion of b is used (Jaeckel 2015). */
export const SMALL_T_EXPANSION_THRESHOLD = 0.21022410381342865;
/** Rational cubic control parameter bounds (Jaeckel 2015): r > -1, and r this large is linear. */
export const MIN_RATIONAL_CUBIC_CONTROL = -0.9999999850988388; // -(1 - sqrt(DBL_EPSILON))
export const MAX_RATIONAL_CUBIC_CONTROL = 4.056481920730334e31; // 2 / DBL_EPSILON^2
/** Householder iterations after the rational guess (Jaeckel 2015: two suffice for full precision). */
const MAX_ITERATIONS = 2;

/** Normalised intrinsic value of a call, (e^{x/2} - e^{-x/2})^+, with a Taylor series near x = 0 to avoid cancellation. */
export function normalisedIntrinsicCall(x: number): number {
  if (x <= 0) return 0;
  const x2 = x * x;
  // 2 sinh(x/2) series: the factor 98 ~ (92897280)^(1/4) keeps the last term below DBL_EPSILON (Jaeckel).
  if (x2 < 98 * FOURTH_ROOT_DBL_EPSILON) {
    return x * (1 + x2 * ((1.0 / 24.0) + x2 * ((1.0 / 1920.0) + x2 * ((1.0 / 322560.0) + (1.0 / 92897280.0) * x2))));
  }
  const bMax = exp(0.5 * x);
  return bMax - 1 / bMax;
}

/** ln of the normalised vega, without the exponential (so it cannot underflow). */
export function lnNormalisedVega(x: number, s: number): number {
  if (Math.abs(x) <= 0) return -HALF_LN_TWO_PI - 0.125 * (s * s);
  if (s <= 0) return -DBL_MAX;
  const h = x / s, t = 0.5 * s;
  return -HALF_LN_TWO_PI - 0.5 * (h * h + t * t);
}

/**
 * b/vega for h < -10 from the asymptotic expansion of Phi (A&S 26.2.12) in q = (h/r)^2, e = (t/h)^2, r = (h+t)(h-t):
 * Jaeckel 2015, 17th order, relative accuracy 1.64e-16.
 */
export function asymptoticExpansionOfNormalisedBlackCallOverVega(h: number, t: number): number {
  const e = (t / h) * (t / h), r = (h + t) * (h - t), q = (h / r) * (h / r);
  const sum = (2.0 + q * (-6.0E0 - 2.0 * e + 3.0 * q * (1.0E1 + e * (2.0E1 + 2.0 * e) + 5.0 * q * (-1.4E1 + e * (-7.0E1 + e * (-4.2E1 - 2.0 * e)) + 7.0 * q * (1.8E1 + e * (1.68E2 + e * (2.52E2 + e * (7.2E1 + 2.0 * e))) + 9.0 * q * (-2.2E1 + e * (-3.3E2 + e * (-9.24E2 + e * (-6.6E2 + e * (-1.1E2 - 2.0 * e)))) + 1.1E1 * q * (2.6E1 + e * (5.72E2 + e * (2.574E3 + e * (3.432E3 + e * (1.43E3 + e * (1.56E2 + 2.0 * e))))) + 1.3E1 * q * (-3.0E1 + e * (-9.1E2 + e * (-6.006E3 + e * (-1.287E4 + e * (-1.001E4 + e * (-2.73E3 + e * (-2.1E2 - 2.0 * e)))))) + 1.5E1 * q * (3.4E1 + e * (1.36E3 + e * (1.2376E4 + e * (3.8896E4 + e * (4.862E4 + e * (2.4752E4 + e * (4.76E3 + e * (2.72E2 + 2.0 * e))))))) + 1.7E1 * q * (-3.8E1 + e * (-1.938E3 + e * (-2.3256E4 + e * (-1.00776E5 + e * (-1.84756E5 + e * (-1.51164E5 + e * (-5.4264E4 + e * (-7.752E3 + e * (-3.42E2 - 2.0 * e)))))))) + 1.9E1 * q * (4.2E1 + e * (2.66E3 + e * (4.0698E4 + e * (2.3256E5 + e * (5.8786E5 + e * (7.05432E5 + e * (4.0698E5 + e * (1.08528E5 + e * (1.197E4 + e * (4.2E2 + 2.0 * e))))))))) + 2.1E1 * q * (-4.6E1 + e * (-3.542E3 + e * (-6.7298E4 + e * (-4.90314E5 + e * (-1.63438E6 + e * (-2.704156E6 + e * (-2.288132E6 + e * (-9.80628E5 + e * (-2.01894E5 + e * (-1.771E4 + e * (-5.06E2 - 2.0 * e)))))))))) + 2.3E1 * q * (5.0E1 + e * (4.6E3 + e * (1.0626E5 + e * (9.614E5 + e * (4.08595E6 + e * (8.9148E6 + e * (1.04006E7 + e * (6.53752E6 + e * (2.16315E6 + e * (3.542E5 + e * (2.53E4 + e * (6.0E2 + 2.0 * e))))))))))) + 2.5E1 * q * (-5.4E1 + e * (-5.85E3 + e * (-1.6146E5 + e * (-1.77606E6 + e * (-9.37365E6 + e * (-2.607579E7 + e * (-4.01166E7 + e * (-3.476772E7 + e * (-1.687257E7 + e * (-4.44015E6 + e * (-5.9202E5 + e * (-3.51E4 + e * (-7.02E2 - 2.0 * e)))))))))))) + 2.7E1 * q * (5.8E1 + e * (7.308E3 + e * (2.3751E5 + e * (3.12156E6 + e * (2.003001E7 + e * (6.919458E7 + e * (1.3572783E8 + e * (1.5511752E8 + e * (1.0379187E8 + e * (4.006002E7 + e * (8.58429E6 + e * (9.5004E5 + e * (4.7502E4 + e * (8.12E2 + 2.0 * e))))))))))))) + 2.9E1 * q * (-6.2E1 + e * (-8.99E3 + e * (-3.39822E5 + e * (-5.25915E6 + e * (-4.032015E7 + e * (-1.6934463E8 + e * (-4.1250615E8 + e * (-6.0108039E8 + e * (-5.3036505E8 + e * (-2.8224105E8 + e * (-8.870433E7 + e * (-1.577745E7 + e * (-1.472562E6 + e * (-6.293E4 + e * (-9.3E2 - 2.0 * e)))))))))))))) + 3.1E1 * q * (6.6E1 + e * (1.0912E4 + e * (4.74672E5 + e * (8.544096E6 + e * (7.71342E7 + e * (3.8707344E8 + e * (1.14633288E9 + e * (2.07431664E9 + e * (2.33360622E9 + e * (1.6376184E9 + e * (7.0963464E8 + e * (1.8512208E8 + e * (2.7768312E7 + e * (2.215136E6 + e * (8.184E4 + e * (1.056E3 + 2.0 * e))))))))))))))) + 3.3E1 * (-7.0E1 + e * (-1.309E4 + e * (-6.49264E5 + e * (-1.344904E7 + e * (-1.4121492E8 + e * (-8.344518E8 + e * (-2.9526756E9 + e * (-6.49588632E9 + e * (-9.0751353E9 + e * (-8.1198579E9 + e * (-4.6399188E9 + e * (-1.6689036E9 + e * (-3.67158792E8 + e * (-4.707164E7 + e * (-3.24632E6 + e * (-1.0472E5 + e * (-1.19E3 - 2.0 * e))))))))))))))))) * q)))))))))))))))));
  return Math.abs(Math.max((t / r) * sum, 0.0));
}

/**
 * b/vega for t = s/2 < tau, h <= 0: Taylor expansion of Y(h+t) - Y(h-t), Y = Phi/phi, to 12th order in t
 * (Jaeckel 2015), with a = 1 + h Y(h), Y(h) = sqrt(pi/2) erfcx(-h/sqrt 2). The series, 2t [a + sum_k w^k c_k(a, h^2)]
 * with c_k linear in a, is regrouped as 2t (A + a B), A and B polynomials in w = t^2 and h^2 (Jaeckel's integer
 * coefficients over (2k+1)!), so both are evaluated while erfcx runs instead of after it; by Estrin's scheme
 * (Estrin 1960) in w and h^2, whose dependency chains are about half as long as Horner's.
 */
export function smallTExpansionOfNormalisedBlackCallOverVega(h: number, t: number): number {
  const w = t * t, h2 = h * h, w2 = w * w, h4 = h2 * h2;
  // A and B by Estrin's scheme in w and in h^2 (A = w sum_k w^(k-1) a_k(h^2), B = sum_k w^k b_k(h^2)): short dependency chains.
  const A = w * (((-1.0 / 6.0) + (w * ((-7.0 / 120.0) + (h2 * (-1.0 / 120.0))))) + (w2 * (((((-57.0 / 5040.0) + (h2 * (-18.0 / 5040.0))) + (h4 * (-1.0 / 5040.0))) + (w * (((-561.0 / 362880.0) + (h2 * (-285.0 / 362880.0))) + (h4 * ((-33.0 / 362880.0) + (h2 * (-1.0 / 362880.0))))))) + (w2 * ((((-6555.0 / 39916800.0) + (h2 * (-4680.0 / 39916800.0))) + (h4 * (((-840.0 / 39916800.0) + (h2 * (-52.0 / 39916800.0))) + (h4 * (-1.0 / 39916800.0))))) + (w * (((-89055.0 / 6227020800.0) + (h2 * (-82845.0 / 6227020800.0))) + (h4 * (((-20370.0 / 6227020800.0) + (h2 * (-1926.0 / 6227020800.0))) + (h4 * ((-75.0 / 6227020800.0) + (h2 * (-1.0 / 6227020800.0)))))))))))));
  const B = (1 + (w * ((3.0 / 6.0) + (h2 * (1.0 / 6.0))))) + (w2 * (((((15.0 / 120.0) + (h2 * (10.0 / 120.0))) + (h4 * (1.0 / 120.0))) + (w * (((105.0 / 5040.0) + (h2 * (105.0 / 5040.0))) + (h4 * ((21.0 / 5040.0) + (h2 * (1.0 / 5040.0))))))) + (w2 * (((((945.0 / 362880.0) + (h2 * (1260.0 / 362880.0))) + (h4 * (((378.0 / 362880.0) + (h2 * (36.0 / 362880.0))) + (h4 * (1.0 / 362880.0))))) + (w * (((10395.0 / 39916800.0) + (h2 * (17325.0 / 39916800.0))) + (h4 * (((6930.0 / 39916800.0) + (h2 * (990.0 / 39916800.0))) + (h4 * ((55.0 / 39916800.0) + (h2 * (1.0 / 39916800.0))))))))) + (w2 * (((135135.0 / 6227020800.0) + (h2 * (270270.0 / 6227020800.0))) + (h4 * (((135135.0 / 6227020800.0) + (h2 * (25740.0 / 6227020800.0))) + (h4 * (((2145.0 / 6227020800.0) + (h2 * (78.0 / 6227020800.0))) + (h4 * (1.0 / 6227020800.0))))))))))));
  const a = 1 + h * SQRT_PI_OVER_TWO * erfcxNonNegative(-ONE_OVER_SQRT_TWO * h);
  return Math.abs(Math.max(2 * t * (A + a * B), 0.0));
}

/**
 * smallTExpansionOfNormalisedBlackCallOverVega to w^3 only, for the first Householder step of the middle branches:
 * with tau_k = 2t Y^(2k+1)(h) w^k / (2k+1)! > 0 (h <= 0) the series' terms, Y^(n+2) = (n+1) Y^(n) + h Y^(n+1)
 * <= (n+1) Y^(n) (Leibniz on Y' = 1 + h Y) gives tau_(k+1) <= tau_k w / (2k+3), so the terms beyond w^3 sum to at
 * most w^4 / 945 / (1 - w/11) <= 4.1e-9 of the result for t < tau. (The same A and B with their w^4.. coefficients 0.)
 */
export function smallTExpansionToThirdOrder(h: number, t: number): number {
  const w = t * t, h2 = h * h;
  const A = w * (-1.0 / 6.0 + w * (-7.0 / 120.0 + h2 * (-1.0 / 120.0) + w * (-57.0 / 5040.0 + h2 * (-18.0 / 5040.0 + h2 * (-1.0 / 5040.0)))));
  const B = 1 + w * (3.0 / 6.0 + h2 * (1.0 / 6.0) + w * (15.0 / 120.0 + h2 * (10.0 / 120.0 + h2 * (1.0 / 120.0)) + w * (105.0 / 5040.0 + h2 * (105.0 / 5040.0 + h2 * (21.0 / 5040.0 + h2 * (1.0 / 5040.0))))));
  const a = 1 + h * SQRT_PI_OVER_TWO * erfcxNonNegative(-ONE_OVER_SQRT_TWO * h);
  return Math.abs(Math.max(2 * t * (A + a * B), 0.0));
}

/**
 * b for the remaining region from erfcx, h = x/s, t = s/2, q1,2 = -(h +- t)/sqrt2 (Jaeckel 2017's formulation):
 * 2b = e^{x/2} erfc(q1) - e^{-x/2} erfc(q2) with e^{x/2} erfc(q1) = E erfcx(q1) and e^{-x/2} erfc(q2) = E erfcx(q2),
 * E = exp(-(h^2 + t^2)/2); for q1 < 0, erfc(q1) = 2 - erfc(-q1) gives e^{x/2} erfc(q1) = 2 bMax - E erfcx(-q1).
 * Given bMax = e^{x/2} and E, no exponential and (erfcxNonNegative on [0, 4]) no division; q2 = (t - h)/sqrt2 > 0.
 */
export function normalisedBlackCallUsingCodysFunctions(h: number, t: number, bMax: number, E: number): number {
  const q1 = -ONE_OVER_SQRT_TWO * (h + t), q2 = -ONE_OVER_SQRT_TWO * (h - t);
  const r1 = E * erfcxNonNegative(Math.abs(q1));
  const a = q1 < 0 ? 2 * bMax - r1 : r1;
  const c = E * erfcxNonNegative(q2);
  return Math.abs(Math.max(0.5 * (a - c), 0.0));
}

/**
 * Out-of-the-money b(x, s), x <= 0, from h = x/s, t = s/2, bMax = e^{x/2} and E = exp(-(h^2 + t^2)/2)
 * (= sqrt(2 pi) vega, which callers need anyway): asymptotic expansion for h < eta with h + t < tau + eta,
 * small-t expansion for t < tau (to w^3 only if thirdOrder: smallTExpansionToThirdOrder), Cody's functions elsewhere
 * (Jaeckel 2015, 2017).
 */
export function normalisedBlackCallOtm(h: number, t: number, bMax: number, E: number, thirdOrder: boolean = false): number {
  if (h < ASYMPTOTIC_EXPANSION_THRESHOLD && h + t < SMALL_T_EXPANSION_THRESHOLD + ASYMPTOTIC_EXPANSION_THRESHOLD) {
    return asymptoticExpansionOfNormalisedBlackCallOverVega(h, t) * (ONE_OVER_SQRT_TWO_PI * E);
  }
  if (t < SMALL_T_EXPANSION_THRESHOLD) {
    return (thirdOrder ? smallTExpansionToThirdOrder(h, t) : smallTExpansionOfNormalisedBlackCallOverVega(h, t)) * (ONE_OVER_SQRT_TWO_PI * E);
  }
  return normalisedBlackCallUsingCodysFunctions(h, t, bMax, E);
}

/** Normalised Black call b(x, s) = Phi(h+t) e^{x/2} - Phi(h-t) e^{-x/2}, any x, accurate in every region (Jaeckel 2015). */
export function normalisedBlackCall(x: number, s: number): number {
  // In the money: intrinsic plus the out-of-the-money value at -x (put-call symmetry b(x) = i(x) + b(-x)).
  const intrinsic = normalisedIntrinsicCall(x);
  if (s <= 0) return intrinsic;
  const xo = x > 0 ? -x : x, h = xo / s, t = 0.5 * s;
  return intrinsic + normalisedBlackCallOtm(h, t, exp(0.5 * xo), exp(-0.5 * (h * h + t * t)));
}

/** b(x, s)/vega(x, s) for x <= 0 (out of the money), without underflow of b where vega underflows (to w^3 if thirdOrder). */
function normalisedBlackCallOverVega(x: number, s: number, bMax: number, thirdOrder: boolean = false): number {
  if (s <= 0) return 0;
  const h = x / s, t = 0.5 * s;
  if (h < ASYMPTOTIC_EXPANSION_THRESHOLD && h + t < SMALL_T_EXPANSION_THRESHOLD + ASYMPTOTIC_EXPANSION_THRESHOLD) {
    return asymptoticExpansionOfNormalisedBlackCallOverVega(h, t);
  }
  if (t < SMALL_T_EXPANSION_THRESHOLD) return thirdOrder ? smallTExpansionToThirdOrder(h, t) : smallTExpansionOfNormalisedBlackCallOverVega(h, t);
  const halfSumOfSquares = 0.5 * (h * h + t * t);
  return normalisedBlackCallUsingCodysFunctions(h, t, bMax, exp(-halfSumOfSquares)) * exp(HALF_LN_TWO_PI + halfSumOfSquares);
}

/**
 * Complement bmax - b for x <= 0 without cancellation: e^{x/2} Phi(-h-t) + e^{-x/2} Phi(h-t)
 * = sqrt(pi/2) [erfcx((t+h)/sqrt2) + erfcx((t-h)/sqrt2)] vega (Jaeckel, revision of 2023-12).
 * Returned as vega/(bmax - b), the derivative of ln(bmax - b) needed by the upper objective function.
 */
function upperObjectiveSlope(h: number, t: number): number {
  return (2 * ONE_OVER_SQRT_TWO_PI) / (erfcx((t + h) * ONE_OVER_SQRT_TWO) + erfcx((t - h) * ONE_OVER_SQRT_TWO));
}

// ---- Rational cubic interpolation: R. Delbourgo, J. A. Gregory, "Shape preserving piecewise rational
// interpolation", SIAM J. Sci. Stat. Comput. 6 (1985) 967-976, eqs. (2.4)-(2.5), (3.8), (3.18) as used by Jaeckel 2015.

/** Rational cubic through (xl, yl), (xr, yr) with end slopes dl, dr and control parameter r (r -> infinity: linear). */
export function rationalCubicInterpolation(x: number, xl: number, xr: number, yl: number, yr: number, dl: number, dr: number, r: number): number {
  const h = xr - xl;
  if (Math.abs(h) <= 0) return 0.5 * (yl + yr);
  const t = (x - xl) * (1 / h); // 1/h shared with the slope (lbr-simd.ts computes it once): an ulp in the guess only
  if (!(r >= MAX_RATIONAL_CUBIC_CONTROL)) {
    const omt = 1 - t, t2 = t * t, omt2 = omt * omt;
    return (yr * t2 * t + (r * yr - h * dr) * t2 * omt + (r * yl + h * dl) * t * omt2 + yl * omt2 * omt) / (1 + (r - 3) * t * omt);
  }
  return yr * t + yl * (1 - t);
}

/** std::max and std::min as Jaeckel's C++ reference uses them, (a < b) ? b : a and (b < a) ? b : a: exactly f64x2.pmax and
 *  pmin per lane (one instruction each in V8, where f64x2.max/min take about 7: wasm.md), so lbr-simd.ts's lanes match. */
export function stdMax(a: number, b: number): number { return a < b ? b : a; }
export function stdMin(a: number, b: number): number { return b < a ? b : a; }

function isZero(x: number): boolean {
  return Math.abs(x) < DBL_MIN;
}

/** Control parameter r that makes the interpolant's second derivative at the left end equal secondDerivative. */
function controlParameterToFitSecondDerivativeAtLeftSide(xl: number, xr: number, yl: number, yr: number, dl: number, dr: number, secondDerivative: number): number {
  const h = xr - xl, numerator = 0.5 * h * secondDerivative + (dr - dl);
  if (isZero(numerator)) return 0;
  const denominator = (yr - yl) * (1 / h) - dl;
  if (isZero(denominator)) return numerator > 0 ? MAX_RATIONAL_CUBIC_CONTROL : MIN_RATIONAL_CUBIC_CONTROL;
  return numerator / denominator;
}

/** Same at the right end. */
function controlParameterToFitSecondDerivativeAtRightSide(xl: number, xr: number, yl: number, yr: number, dl: number, dr: number, secondDerivative: number): number {
  const h = xr - xl, numerator = 0.5 * h * secondDerivative + (dr - dl);
  if (isZero(numerator)) return 0;
  const denominator = dr - (yr - yl) * (1 / h);
  if (isZero(denominator)) return numerator > 0 ? MAX_RATIONAL_CUBIC_CONTROL : MIN_RATIONAL_CUBIC_CONTROL;
  return numerator / denominator;
}

/** Smallest r that keeps the interpolant monotone (3.8) and convex/concave (3.18) when the data allow it. */
function minimumRationalCubicControlParameter(dl: number, dr: number, s: number, preferShapePreservation: boolean): number {
  const monotonic = dl * s >= 0 && dr * s >= 0, convex = dl <= s && s <= dr, concave = dl >= s && s >= dr;
  if (!monotonic && !convex && !concave) return MIN_RATIONAL_CUBIC_CONTROL;
  const drMinusDl = dr - dl, drMinusS = dr - s, sMinusDl = s - dl;
  let r1 = -DBL_MAX, r2 = -DBL_MAX;
  if (monotonic) {
    if (!isZero(s)) r1 = (dr + dl) / s;
    else if (preferShapePreservation) r1 = MAX_RATIONAL_CUBIC_CONTROL;
  }
  if (convex || concave) {
    // max(|d/a|, |d/b|) = |d| / min(|a|, |b|) exactly (rounding is monotone): one division
    if (!(isZero(sMinusDl) || isZero(drMinusS))) r2 = Math.abs(drMinusDl) / stdMin(Math.abs(drMinusS), Math.abs(sMinusDl));
    else if (preferShapePreservation) r2 = MAX_RATIONAL_CUBIC_CONTROL;
  } else if (monotonic && preferShapePreservation) {
    r2 = MAX_RATIONAL_CUBIC_CONTROL;
  }
  return stdMax(MIN_RATIONAL_CUBIC_CONTROL, stdMax(r1, r2));
}

function convexControlParameterToFitSecondDerivativeAtLeftSide(xl: number, xr: number, yl: number, yr: number, dl: number, dr: number, secondDerivative: number, preferShapePreservation: boolean): number {
  const r = controlParameterToFitSecondDerivativeAtLeftSide(xl, xr, yl, yr, dl, dr, secondDerivative);
  const rMin = minimumRationalCubicControlParameter(dl, dr, (yr - yl) * (1 / (xr - xl)), preferShapePreservation);
  return stdMax(r, rMin);
}

function convexControlParameterToFitSecondDerivativeAtRightSide(xl: number, xr: number, yl: number, yr: number, dl: number, dr: number, secondDerivative: number, preferShapePreservation: boolean): number {
  const r = controlParameterToFitSecondDerivativeAtRightSide(xl, xr, yl, yr, dl, dr, secondDerivative);
  const rMin = minimumRationalCubicControlParameter(dl, dr, (yr - yl) * (1 / (xr - xl)), preferShapePreservation);
  return stdMax(r, rMin);
}

/** Householder(3) step factor: s += nu (1 + nu h2/2) / (1 + nu (h2 + nu h3/6)), nu = -g/g', h2 = g''/g', h3 = g'''/g'. */
function householderFactor(nu: number, hh2: number, hh3: number): number {
  // h3/6 as h3 * (1/6), ready before nu: a multiplication, not a division, after nu (an ulp in a correction term)
  return (1 + 0.5 * hh2 * nu) / (1 + nu * (hh2 + hh3 * ONE_SIXTH * nu));
}

/** Clamp s + ds into [sLeft, sRight] so an iterate never leaves its branch. */
function takeStep(sLeft: number, sRight: number, s: number, ds: number): number {
  return Math.max(sLeft, Math.min(sRight, s + ds));
}

/** Initial guess of the lowest branch (beta < b_l): rational cubic in the lower map f_l(b) = 2pi|x|/sqrt27 Phi(-|x|/(sqrt3 s))^3 (Jaeckel 2015). */
function lowestBranchGuess(beta: number, x: number, sl: number, bl: number): number {
  const ax = Math.abs(x), z = SQRT_ONE_OVER_THREE * ax / sl, y = z * z, s2 = sl * sl;
  const Phi = normCdf(-z), phi = normPdf(z);
  const fpp = PI_OVER_SIX * y / (s2 * sl) * Phi * (8 * SQRT_THREE * sl * ax + (3 * s2 * (s2 - 8) - 8 * x * x) * Phi / phi) * exp(2 * y + 0.25 * s2);
  const Phi2 = Phi * Phi;
  const fp = TWO_PI * y * Phi2 * exp(y + 0.125 * sl * sl);
  const fl = TWO_PI_OVER_SQRT_TWENTY_SEVEN * ax * (Phi2 * Phi);
  const rll = convexControlParameterToFitSecondDerivativeAtRightSide(0, bl, 0, fl, 1, fp, fpp, true);
  let f = rationalCubicInterpolation(beta, 0, bl, 0, fl, 1, fp, rll);
  if (!(f > 0)) {
    // Roundoff for extreme |x|: quadratic through f(0) = 0, f'(0) = 1 and f(b_l) instead.
    const tq = beta / bl;
    f = (fl * tq + bl * (1 - tq)) * tq;
  }
  // Inverse lower map: s = |x| / (sqrt3 |Phi^-1((sqrt27 f / (2 pi |x|))^(1/3))|).
  // cbrt(f)/cbrt(ax) as cbrt(f/ax): one cube root (f/ax <= ~1.2; normal unless f < ~1e-305): an ulp or two in the initial
  // guess only, which the two Householder(3) steps (quartic convergence) remove
  return f <= 0 ? 0 : Math.abs(x / (SQRT_THREE * inverseNormCdf(SQRT_THREE_OVER_THIRD_ROOT_TWO_PI * Math.cbrt(f / ax))));
}

/**
 * The lowest branch's Householder(3) steps from s within [DBL_MIN, sRight = s_l] on the objective
 * g(s) = 1/ln b(s) - 1/ln beta, with lambda = 1/ln b (Jaeckel 2015); b/b' from the over-vega form.
 */
function lowestBranchSteps(beta: number, x: number, bMax: number, s: number, sRight: number): number {
  const sLeft = DBL_MIN;
  let ds = -DBL_MAX;
  const lnBeta = log(beta);
  for (let iterations = 0; iterations < MAX_ITERATIONS && Math.abs(ds) > DBL_EPSILON * s; ++iterations) {
    // the first step only needs b/vega to the guess's accuracy: the small-t expansion to w^3, as in the middle branches
    const bx = normalisedBlackCallOverVega(x, s, bMax, iterations == 0);
    const lnB = log(bx) + lnNormalisedVega(x, s), bpob = 1 / bx;
    // 1/s once (h = x/s, h/s, h^2/s by multiplications) and bx/lnBeta for /lnBeta/bpob, both off lnB's chain:
    // a few ulp in nu and the step's factors, which the next step (quartic convergence) or the DBL_EPSILON test absorbs
    const rs = 1 / s, h = x * rs, hs = h * rs, bHh2 = h * hs - s / 4, nu = (lnBeta - lnB) * lnB * (bx / lnBeta);
    const lambda = 1 / lnB, otlambda = 1 + 2 * lambda, hh2 = bHh2 - bpob * otlambda, c = 3 * hs * hs;
    const bHh3 = bHh2 * bHh2 - c - 0.25, mu = 6 * lambda * (1 + lambda);
    const hh3 = bHh3 + bpob * bpob * (2 + mu) - bHh2 * bpob * 3 * otlambda;
    ds = nu * householderFactor(nu, hh2, hh3);
    const sNew = takeStep(sLeft, sRight, s, ds);
    ds = sNew - s;
    s = sNew;
  }
  return s;
}

/**
 * Normalised implied volatility s of an out-of-the-money call: solves b(x, s) = beta for x <= 0, given
 * bMax = e^{x/2} (the caller has it without an exponential, as sqrt(min(F, K) / max(F, K))).
 * Returns 0 for beta <= 0 and +Infinity for beta >= bMax (caller maps it to a status).
 * Jaeckel 2015: four-branch rational initial guess, transformed objective per branch, two
 * Householder(3) steps.
 */
export function normalisedImpliedVolatility(beta: number, x: number, bMax: number): number {
  if (beta <= 0) return 0;
  if (beta >= bMax) return Infinity;
  // The central point s_c = sqrt(2|x|) is the inflection point of b in s (Jaeckel 2015); there h^2 + t^2 = |x|,
  // so E = exp(-(h^2 + t^2)/2) = e^{x/2} = bMax and the vega is bMax / sqrt(2 pi).
  const sc = Math.sqrt(Math.abs(2 * x));
  // There h = x/s_c = -s_c/2 = -t: Phi(h + t) = 1/2 and e^{-x/2} Phi(-s_c) = bMax erfcx(s_c/sqrt2)/2, so
  // b_c = bMax (1 - erfcx(s_c/sqrt2))/2 exactly: one table lookup, accurate to a few ulp at every s_c (normal.ts).
  const bc = 0.5 * bMax * oneMinusErfcxNonNegative(ONE_OVER_SQRT_TWO * sc), vc = ONE_OVER_SQRT_TWO_PI * bMax;
  // Below b_c the tangent at s_c intersects b = 0 at s_l; above, it meets b = bmax at s_u (Jaeckel 2015).
  const rvc = 1 / vc; // one division for s_l and s_u (lbr-simd.ts computes both): an ulp in s2, harmless: b2 and E2 are evaluated at this s2
  const s2 = beta < bc ? sc - bc * rvc : vc > DBL_MIN ? sc + (bMax - bc) * rvc : sc;
  // b2 = b(s2) and E2 = exp(-(h^2 + t^2)/2) at s2 only place the initial guess (like b_c). Both are functions of x alone
  // (Jaeckel's 2024 revision approximates b_l(x), b_u(x)): for |x| <= 16 a table lookup in u = sqrt|x| (22 DBL_EPSILON),
  // beyond it evaluated at s2 (the small-t expansion to w^3, 4.1e-9 of b, is ample there as in the first step).
  const u = ONE_OVER_SQRT_TWO * sc;
  let b2: number, E2: number;
  if (u <= SECOND_POINT_CELLS_MAX) {
    const side = beta < bc ? 0 : 1;
    b2 = bMax * s2 * secondPointCell(u, side, 0);
    E2 = bMax * secondPointCell(u, side, 1);
  } else {
    const h2 = x / s2, t2 = 0.5 * s2;
    E2 = exp(-0.5 * (h2 * h2 + t2 * t2));
    b2 = normalisedBlackCallOtm(h2, t2, bMax, E2, true);
  }
  return normalisedImpliedVolatilityFromPoints(beta, x, bMax, sc, bc, s2, b2, E2);
}

/**
 * The second point's b2/(bMax s2) (f = 0) or E2/bMax (f = 1) at s2 = s_l (side 0) or s_u (side 1) for u = sqrt|x| in
 * [0, 4], from SECOND_POINT_CELLS (scripts/gen-second-point-cells.py): cell j = round(16 u), c0 + t Q(t) with t = u - j/16
 * (exact) and Q by Estrin's scheme, as normal.ts's erfcx cells.
 */
export function secondPointCell(u: number, side: number, f: number): number {
  const jd = (u * SECOND_POINT_CELLS_PER_UNIT + ROUNDING_SHIFT) - ROUNDING_SHIFT;
  const t = u - jd * SECOND_POINT_CELL_STEP;
  const p = (jd * 2 + side) * 16 + f, c = SECOND_POINT_CELLS;
  const t2 = t * t, t4 = t2 * t2;
  const q = ((c[p + 2]! + c[p + 4]! * t) + (c[p + 6]! + c[p + 8]! * t) * t2) + t4 * ((c[p + 10]! + c[p + 12]! * t) + c[p + 14]! * t2);
  return c[p]! + t * q;
}

/**
 * normalisedImpliedVolatility given its first two points: s_c with b_c, and s2 = s_l (beta < b_c) or s_u with b2 = b(s2)
 * and E2 = exp(-(h^2 + t^2)/2) at s2 (the batch kernel computes them for two options at a time: lbr-simd.ts classifyPair).
 */
export function normalisedImpliedVolatilityFromPoints(beta: number, x: number, bMax: number, sc: number, bc: number, s2: number, b2: number, E2: number): number {
  let f = -DBL_MAX, s = -DBL_MAX, ds = -DBL_MAX, sLeft = DBL_MIN, sRight = DBL_MAX;
  let iterations = 0, middle = false;
  const vc = ONE_OVER_SQRT_TWO_PI * bMax;
  if (beta < bc) {
    const sl = s2, El = E2, bl = b2;
    // Lowest branch: the lower map's guess, then Householder steps on its own objective.
    if (beta < bl) return lowestBranchSteps(beta, x, bMax, lowestBranchGuess(beta, x, sl, bl), sl);
    // Lower middle branch: rational cubic of s in b on [b_l, b_c], slopes 1/vega, zero curvature at b_c.
    const vl = ONE_OVER_SQRT_TWO_PI * El;
    const rlm = convexControlParameterToFitSecondDerivativeAtRightSide(bl, bc, sl, sc, 1 / vl, 1 / vc, 0.0, false);
    s = rationalCubicInterpolation(beta, bl, bc, sl, sc, 1 / vl, 1 / vc, rlm);
    sLeft = sl;
    sRight = sc;
    middle = true;
  } else {
    const su = s2, Eu = E2, bu = b2;
    if (beta <= bu) {
      // Upper middle branch: the same, zero curvature at b_c.
      const vu = ONE_OVER_SQRT_TWO_PI * Eu;
      const rum = convexControlParameterToFitSecondDerivativeAtLeftSide(bc, bu, sc, su, 1 / vc, 1 / vu, 0.0, false);
      s = rationalCubicInterpolation(beta, bc, bu, sc, su, 1 / vc, 1 / vu, rum);
      sLeft = sc;
      sRight = su;
      middle = true;
    } else {
      // Highest branch: rational cubic in the upper map f_u(b) = Phi(-s/2) (Jaeckel 2015).
      const fu = normCdf(-0.5 * su);
      let fpu = -0.5, fppu = 0.0;
      if (!(Math.abs(x) <= 0)) {
        const w = (x / su) * (x / su);
        fpu = -0.5 * exp(0.5 * w);
        fppu = SQRT_PI_OVER_TWO * exp(w + 0.125 * su * su) * w / su;
      }
      if (fppu > -SQRT_DBL_MAX && fppu < SQRT_DBL_MAX) {
        const ruu = convexControlParameterToFitSecondDerivativeAtLeftSide(bu, bMax, fu, 0, fpu, -0.5, fppu, true);
        f = rationalCubicInterpolation(beta, bu, bMax, fu, 0, fpu, -0.5, ruu);
      }
      if (f <= 0) {
        // Quadratic through f(b_u), f(bmax) = 0, f'(bmax) = -1/2 instead.
        const hq = bMax - bu, tq = (beta - bu) / hq;
        f = (fu * (1 - tq) + 0.5 * hq * tq) * (1 - tq);
      }
      s = -2 * inverseNormCdf(f);
      sLeft = su;
      if (beta > 0.5 * bMax) {
        // Objective g(s) = ln(bmax - beta) - ln(bmax - b(s)) with the cancellation-free complement.
        const betaBar = bMax - beta;
        for (; iterations < MAX_ITERATIONS && Math.abs(ds) > DBL_EPSILON * s; ++iterations) {
          const h = x / s, t = 0.5 * s;
          const gp = upperObjectiveSlope(h, t), bBar = ONE_OVER_SQRT_TWO_PI * exp(-0.5 * (h * h + t * t)) / gp;
          const g = log(betaBar / bBar), bHh2 = h * h / s - s / 4, c = 3 * (h / s) * (h / s), bHh3 = bHh2 * bHh2 - c - 0.25;
          const nu = -g / gp, hh2 = bHh2 + gp, hh3 = bHh3 + gp * (2 * gp + 3 * bHh2);
          ds = nu * householderFactor(nu, hh2, hh3);
          const sNew = takeStep(sLeft, sRight, s, ds);
          ds = sNew - s;
          s = sNew;
        }
        return s;
      }
    }
  }
  // Middle branches (and the highest below bmax/2): objective g(s) = b(s) - beta, b''/b' = h^2/s - s/4 (Jaeckel 2015).
  // The middle branches' first step evaluates the small-t expansion to w^3 only (4.1e-9 of b/vega at most): it moves
  // the first iterate by about that relative amount, inside the bracket from the full-precision b_c and b2; the second
  // step, with the full expansion, converges quartically (Householder(3)) from within ~1e-8, so it ends at full precision.
  for (; iterations < MAX_ITERATIONS && Math.abs(ds) > DBL_EPSILON * s; ++iterations) {
    // h = x * (1/s): one division for h and the step's h/s (h within an ulp of x/s, as a rounded x/s is anyway)
    const rs = 1 / s, h = x * rs, t = 0.5 * s, E = exp(-0.5 * (h * h + t * t));
    const b = normalisedBlackCallOtm(h, t, bMax, E, middle && iterations == 0), bp = ONE_OVER_SQRT_TWO_PI * E;
    // 1/bp while b runs, then multiplications: a few ulp in nu and the step's factors (as in lowestBranchSteps)
    const rbp = 1 / bp, hs = h * rs;
    const nu = (beta - b) * rbp, hh2 = h * hs - s / 4, hh3 = hh2 * hh2 - 3 * hs * hs - 0.25;
    ds = nu * householderFactor(nu, hh2, hh3);
    const sNew = takeStep(sLeft, sRight, s, ds);
    ds = sNew - s;
    s = sNew;
  }
  return s;
}
