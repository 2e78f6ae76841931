// Plain-JavaScript baseline for implied volatility: the safeguarded Newton solver people write (start at 0.3,
// bisection fallback when a Newton step leaves the bracket, stop at 1e-12 relative change), on the BSM price with
// Math.exp/log/sqrt and W. J. Cody's rational erfc (netlib specfun CALERF, 1969/1990). Used by the benchmarks as the
// ratio denominator for gammawall's "Let's Be Rational" kernel.

const SQRT1_2 = 0.7071067811865476;
const INV_SQRT_2PI = 0.3989422804014327;
const SQRPI = 0.56418958354775628695; // 1/sqrt(pi)
/** Newton iterations before giving up (the bisection fallback halves the bracket at least every other step). */
const MAX_ITERATIONS = 100;
/** Stop when a step changes sigma by less than this, relative. */
const REL_TOL = 1e-12;

// Cody erfc coefficients (CALERF): a,b for |x| <= 0.46875; c,d for 0.46875..4; p,q above 4.
const A = [3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1];
const B = [2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03];
const C = [5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02,
  8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8];
const D = [1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03,
  3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03];
const P = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2,
  6.58749161529837803e-4, 1.63153871373020978e-2];
const Q = [2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3];

function erfc(x) {
  const y = Math.abs(x);
  let res;
  if (y <= 0.46875) {
    const ysq = y * y;
    let xnum = A[4] * ysq, xden = ysq;
    for (let i = 0; i < 3; i++) { xnum = (xnum + A[i]) * ysq; xden = (xden + B[i]) * ysq; }
    return 1 - x * (xnum + A[3]) / (xden + B[3]);
  } else if (y <= 4) {
    let xnum = C[8] * y, xden = y;
    for (let i = 0; i < 7; i++) { xnum = (xnum + C[i]) * y; xden = (xden + D[i]) * y; }
    res = (xnum + C[7]) / (xden + D[7]);
  } else if (y >= 26.543) {
    res = 0;
  } else {
    const z = 1 / (y * y);
    let xnum = P[5] * z, xden = z;
    for (let i = 0; i < 4; i++) { xnum = (xnum + P[i]) * z; xden = (xden + Q[i]) * z; }
    res = (SQRPI - z * (xnum + P[4]) / (xden + Q[4])) / y;
  }
  if (res !== 0) {
    const ysq = Math.trunc(y * 16) / 16;
    res *= Math.exp(-ysq * ysq) * Math.exp(-(y - ysq) * (y + ysq));
  }
  return x < 0 ? 2 - res : res;
}

const ncdf = (x) => 0.5 * erfc(-x * SQRT1_2);

/**
 * Implied volatility by safeguarded Newton: type +1 call / -1 put, discounted price, spot, strike, years, r, q
 * (continuous). NaN for invalid input, T <= 0, or a price outside the no-arbitrage bounds.
 */
export function newtonImpliedVol(type, price, S, K, T, r, q) {
  if (!(type === 1 || type === -1) || !(S > 0) || !(K > 0) || !(T > 0) || !(price >= 0)) return NaN;
  const Dq = Math.exp(-q * T), Dr = Math.exp(-r * T), sqT = Math.sqrt(T), lnSK = Math.log(S / K);
  const SDq = S * Dq, KDr = K * Dr;
  if (price < Math.max(type * (SDq - KDr), 0) || price >= (type > 0 ? SDq : KDr)) return NaN;
  let lo = 0, hi = Infinity, sigma = 0.3;
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    const sst = sigma * sqT;
    const d1 = (lnSK + (r - q) * T) / sst + 0.5 * sst, d2 = d1 - sst;
    const model = type * (SDq * ncdf(type * d1) - KDr * ncdf(type * d2));
    const vega = SDq * sqT * INV_SQRT_2PI * Math.exp(-0.5 * d1 * d1);
    const diff = model - price;
    if (diff > 0) hi = sigma; else lo = sigma;
    let next = sigma - diff / vega;
    if (!(next > lo && next < hi)) next = hi === Infinity ? 2 * sigma : 0.5 * (lo + hi); // bisection fallback
    if (Math.abs(next - sigma) <= REL_TOL * next) return next;
    sigma = next;
  }
  return sigma;
}
