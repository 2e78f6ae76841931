// Twin of assembly/normal.ts: Cody's erf/erfc/erfcx, the normal pdf/cdf (asymptotic tail) and its inverse.
// Same constants, same operation order; exp/log are scalarmath.ts's (the same algorithm in both twins).
import { exp, log } from './scalarmath.js';
import { DBL_EPSILON, DBL_MAX, ONE_OVER_SQRT_PI, ONE_OVER_SQRT_TWO, ONE_OVER_SQRT_TWO_PI } from './constants.js';
import { ERFCX_CELLS } from './erfcx-cells.js';

// Rational Chebyshev coefficients of W. J. Cody, "Rational Chebyshev approximations for the error function",
// Math. Comp. 23 (1969) 631-638, as in netlib specfun CALERF (1990): erf on |x| <= 0.46875 (A, B),
// erfcx on 0.46875 < x <= 4 (C, D), erfcx on x > 4 in z = 1/x^2 (P, Q).
const A0 = 3.1611237438705656, A1 = 113.864154151050156, A2 = 377.485237685302021, A3 = 3209.37758913846947, A4 = 0.185777706184603153;
const B0 = 23.6012909523441209, B1 = 244.024637934444173, B2 = 1282.61652607737228, B3 = 2844.23683343917062;
const C0 = 0.564188496988670089, C1 = 8.88314979438837594, C2 = 66.1191906371416295, C3 = 298.635138197400131, C4 = 881.95222124176909;
const C5 = 1712.04761263407058, C6 = 2051.07837782607147, C7 = 1230.33935479799725, C8 = 2.15311535474403846e-8;
const D0 = 15.7449261107098347, D1 = 117.693950891312499, D2 = 537.181101862009858, D3 = 1621.38957456669019;
const D4 = 3290.79923573345963, D5 = 4362.61909014324716, D6 = 3439.36767414372164, D7 = 1230.33935480374942;
const P0 = 0.305326634961232344, P1 = 0.360344899949804439, P2 = 0.125781726111229246, P3 = 0.0160837851487422766;
const P4 = 6.58749161529837803e-4, P5 = 0.0163153871373020978;
const Q0 = 2.56852019228982242, Q1 = 1.87295284992346047, Q2 = 0.527905102951428412, Q3 = 0.0605183413124413191, Q4 = 0.00233520497626869185;

/** Cody's branch point between the erf and erfcx approximations. */
export const CODY_THRESHOLD = 0.46875;
/** erfc(x) underflows to 0 beyond this (Cody's XBIG for IEEE double). */
export const CODY_XBIG = 26.543;
/** erfcx(x) overflows below this: root of exp(x^2) erfc(x) = DBL_MAX (Jaeckel's refinement of Cody's XNEG). */
const CODY_XNEG = -26.6287357137514;
/** Below this, the A&S 26.2.12 asymptotic series (17 terms) beats erfc: relative error 1.64e-16 (Jaeckel 2015). */
export const NORM_CDF_ASYMPTOTIC_THRESHOLD = -10.0;
/** Below -1/sqrt(DBL_EPSILON) the series' first correction 1/z^2 is below DBL_EPSILON (Jaeckel 2015). */
const NORM_CDF_ASYMPTOTIC_SECOND_THRESHOLD = -67108864.0;

/** Cody's region-1 rational erf(x)/x in z = x^2 (CALERF A/B). */
export function ab(z: number): number {
  return ((((A4 * z + A0) * z + A1) * z + A2) * z + A3) / ((((z + B0) * z + B1) * z + B2) * z + B3);
}

function cd(y: number): number {
  return ((((((((C8 * y + C0) * y + C1) * y + C2) * y + C3) * y + C4) * y + C5) * y + C6) * y + C7) /
    ((((((((y + D0) * y + D1) * y + D2) * y + D3) * y + D4) * y + D5) * y + D6) * y + D7);
}

function pq(z: number): number {
  return z * (((((P5 * z + P0) * z + P1) * z + P2) * z + P3) * z + P4) / (((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4);
}

/** exp(-y^2) with y^2 split as in CALERF (y rounded down to 1/16), so the rounding of y^2 does not cost digits. */
function expOfNegativeSquare(y: number): number {
  const yt = Math.trunc(y * 16) / 16;
  return exp(-yt * yt) * exp(-(y - yt) * (y + yt));
}

/** exp(x^2) with the same split. */
function expOfPositiveSquare(x: number): number {
  const xt = Math.trunc(x * 16) / 16;
  return exp(xt * xt) * exp((x - xt) * (x + xt));
}

/** erfcx(y) = exp(y^2) erfc(y) for y > 0.46875 (no exponential: Cody's C/D and P/Q forms). */
export function erfcxAboveThreshold(y: number): number {
  if (y <= 4) return cd(y);
  return (ONE_OVER_SQRT_PI - pq(1 / (y * y))) / y;
}

/** erf(x), Cody 1969. */
export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= CODY_THRESHOLD) return x * ab(y * y);
  const e = y >= CODY_XBIG ? 0 : erfcxAboveThreshold(y) * expOfNegativeSquare(y);
  return x < 0 ? e - 1 : 1 - e;
}

/** erfc(x) = 1 - erf(x), relative accuracy kept for large positive x, Cody 1969. */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= CODY_THRESHOLD) return 1 - x * ab(y * y);
  const e = y >= CODY_XBIG ? 0 : erfcxAboveThreshold(y) * expOfNegativeSquare(y);
  return x < 0 ? 2 - e : e;
}

/** erfcx(x) = exp(x^2) erfc(x), Cody 1969 (DBL_MAX below CODY_XNEG). */
export function erfcx(x: number): number {
  const y = Math.abs(x);
  if (y <= CODY_THRESHOLD) {
    const z = y * y;
    return exp(z) * (1 - x * ab(z));
  }
  if (x < CODY_XNEG) return DBL_MAX;
  const r = erfcxAboveThreshold(y);
  if (x < 0) {
    const e = expOfPositiveSquare(x);
    return e + e - r;
  }
  return r;
}

/** ERFCX_CELLS's range [0, 4] (Cody's regions 1-2), cells per unit of y and cell width (scripts/gen-erfcx-cells.py). */
export const ERFCX_CELLS_MAX = 4.0;
export const ERFCX_CELLS_PER_UNIT = 32.0;
export const ERFCX_CELL_STEP = 0.03125;
/** 1.5 * 2^52: adding it rounds y * 32 to the nearest integer (the cell index, in the low mantissa bits). */
export const ROUNDING_SHIFT = 6755399441055744.0;

/**
 * erfcx(y) on ERFCX_CELLS's range [0, 4] without division or exponential: cell j = round(32 y), c0 + t Q(t) with
 * t = y - j/32 (exact) and Q by Estrin's scheme (1.01 ulp); with oneMinus, 1 - erfcx(y) as (1 - c0) - t Q(t), without
 * the cancellation near y = 0: 1 - c0 is exact (Sterbenz's lemma, c0 >= 1/2) or a half ulp of a result above 1/2, and
 * cell 0 has c0 = 1 (a few ulp at every y).
 */
function erfcxCell(y: number, oneMinus: boolean): number {
  const jd = (y * ERFCX_CELLS_PER_UNIT + ROUNDING_SHIFT) - ROUNDING_SHIFT;
  const t = y - jd * ERFCX_CELL_STEP;
  const p = jd * 8;
  const t2 = t * t, t4 = t2 * t2;
  const q = ((ERFCX_CELLS[p + 1]! + ERFCX_CELLS[p + 2]! * t) + (ERFCX_CELLS[p + 3]! + ERFCX_CELLS[p + 4]! * t) * t2) +
    t4 * ((ERFCX_CELLS[p + 5]! + ERFCX_CELLS[p + 6]! * t) + ERFCX_CELLS[p + 7]! * t2);
  return oneMinus ? (1 - ERFCX_CELLS[p]!) - t * q : ERFCX_CELLS[p]! + t * q;
}

/** erfcx(y) for y >= 0: erfcxCell on [0, 4]; erfcx (Cody) beyond 4, for y < 0 and NaN. */
export function erfcxNonNegative(y: number): number {
  return y >= 0 && y <= ERFCX_CELLS_MAX ? erfcxCell(y, false) : erfcx(y);
}

/** 1 - erfcx(y) for y >= 0 (the central point's b, lbr.ts): erfcxCell on [0, 4]; beyond, 1 - erfcx(y) (erfcx < 0.14: no cancellation). */
export function oneMinusErfcxNonNegative(y: number): number {
  return y >= 0 && y <= ERFCX_CELLS_MAX ? erfcxCell(y, true) : 1 - erfcx(y);
}

/** Standard normal density. */
export function normPdf(x: number): number {
  return ONE_OVER_SQRT_TWO_PI * exp(-0.5 * x * x);
}

/** Standard normal CDF, relative accuracy near DBL_EPSILON in the lower tail (A&S 26.2.12 below -10). */
export function normCdf(z: number): number {
  if (z <= NORM_CDF_ASYMPTOTIC_THRESHOLD) {
    // Abramowitz & Stegun 26.2.12: Phi(z) = phi(z)/|z| [1 - 1/z^2 + 3/z^4 - ...], summed until terms stop shrinking.
    let sum = 1.0;
    if (z >= NORM_CDF_ASYMPTOTIC_SECOND_THRESHOLD) {
      const zsqr = z * z;
      let i = 1.0, g = 1.0, a = DBL_MAX, lasta = 0.0;
      do {
        lasta = a;
        const u = (4 * i - 3) / zsqr;
        const v = u * ((4 * i - 1) / zsqr);
        a = g * (u - v);
        sum -= a;
        g *= v;
        i += 1;
        a = Math.abs(a);
      } while (lasta > a && a >= Math.abs(sum * DBL_EPSILON));
    }
    // phi(z) with z^2 split as in CALERF (z rounded to 1/16 has an exact square), so the rounding of z^2 costs no digits.
    const zt = Math.trunc(z * 16) / 16;
    return -ONE_OVER_SQRT_TWO_PI * exp(-0.5 * zt * zt) * exp(-0.5 * (z - zt) * (z + zt)) * sum / z;
  }
  return 0.5 * erfc(-z * ONE_OVER_SQRT_TWO);
}

// AS241 (M. J. Wichura, "The percentage points of the normal distribution", Appl. Statist. 37 (1988) 477-484),
// PPND16: relative accuracy about 1e-16; used only for initial guesses.
const SPLIT1 = 0.425, SPLIT2 = 5.0, CONST1 = 0.180625, CONST2 = 1.6;
const IA0 = 3.3871328727963666080e0, IA1 = 1.3314166789178437745e+2, IA2 = 1.9715909503065514427e+3, IA3 = 1.3731693765509461125e+4;
const IA4 = 4.5921953931549871457e+4, IA5 = 6.7265770927008700853e+4, IA6 = 3.3430575583588128105e+4, IA7 = 2.5090809287301226727e+3;
const IB1 = 4.2313330701600911252e+1, IB2 = 6.8718700749205790830e+2, IB3 = 5.3941960214247511077e+3, IB4 = 2.1213794301586595867e+4;
const IB5 = 3.9307895800092710610e+4, IB6 = 2.8729085735721942674e+4, IB7 = 5.2264952788528545610e+3;
const IC0 = 1.42343711074968357734e0, IC1 = 4.63033784615654529590e0, IC2 = 5.76949722146069140550e0, IC3 = 3.64784832476320460504e0;
const IC4 = 1.27045825245236838258e0, IC5 = 2.41780725177450611770e-1, IC6 = 2.27238449892691845833e-2, IC7 = 7.74545014278341407640e-4;
const ID1 = 2.05319162663775882187e0, ID2 = 1.67638483018380384940e0, ID3 = 6.89767334985100004550e-1, ID4 = 1.48103976427480074590e-1;
const ID5 = 1.51986665636164571966e-2, ID6 = 5.47593808499534494600e-4, ID7 = 1.05075007164441684324e-9;
const IE0 = 6.65790464350110377720e0, IE1 = 5.46378491116411436990e0, IE2 = 1.78482653991729133580e0, IE3 = 2.96560571828504891230e-1;
const IE4 = 2.65321895265761230930e-2, IE5 = 1.24266094738807843860e-3, IE6 = 2.71155556874348757815e-5, IE7 = 2.01033439929228813265e-7;
const IF1 = 5.99832206555887937690e-1, IF2 = 1.36929880922735805310e-1, IF3 = 1.48753612908506148525e-2, IF4 = 7.86869131145613259100e-4;
const IF5 = 1.84631831751005468180e-5, IF6 = 1.42151175831644588870e-7, IF7 = 2.04426310338993978564e-15;

/** Inverse of the standard normal CDF (AS241); -Infinity at 0, +Infinity at 1, NaN outside [0, 1]. */
export function inverseNormCdf(u: number): number {
  if (u <= 0) return log(u);
  if (u >= 1) return -log(1 - u); // +Infinity at u = 1 (NaN above)
  const q = u - 0.5;
  if (Math.abs(q) <= SPLIT1) {
    const r = CONST1 - q * q;
    return q * (((((((IA7 * r + IA6) * r + IA5) * r + IA4) * r + IA3) * r + IA2) * r + IA1) * r + IA0) /
      (((((((IB7 * r + IB6) * r + IB5) * r + IB4) * r + IB3) * r + IB2) * r + IB1) * r + 1.0);
  }
  let r = Math.sqrt(-log(q < 0 ? u : 1 - u));
  let ret = 0.0;
  if (r < SPLIT2) {
    r = r - CONST2;
    ret = (((((((IC7 * r + IC6) * r + IC5) * r + IC4) * r + IC3) * r + IC2) * r + IC1) * r + IC0) /
      (((((((ID7 * r + ID6) * r + ID5) * r + ID4) * r + ID3) * r + ID2) * r + ID1) * r + 1.0);
  } else {
    r = r - SPLIT2;
    ret = (((((((IE7 * r + IE6) * r + IE5) * r + IE4) * r + IE3) * r + IE2) * r + IE1) * r + IE0) /
      (((((((IF7 * r + IF6) * r + IF5) * r + IF4) * r + IF3) * r + IF2) * r + IF1) * r + 1.0);
  }
  return q < 0 ? -ret : ret;
}
