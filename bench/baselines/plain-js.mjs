// The plain-JavaScript baseline: the straightforward loop a user writes over Float64Arrays, with
// Math.exp/log/sqrt and W. J. Cody's rational erfc. Outputs go into arrays the caller preallocated.
// Natural units and the DESIGN.md section 1 conventions (theta = -dV/dT, vega per 1.00 of vol, ...).
// Valid inputs only (the random domains never produce invalid rows or T = 0).

const INV_SQRT_2PI = 0.3989422804014327; // 1/sqrt(2 pi)
const SQRT1_2 = 0.7071067811865476; // 1/sqrt(2)
const SQRPI = 0.56418958354775628695; // 1/sqrt(pi)

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631-637;
// coefficients from netlib specfun CALERF (1990). A/B: |x| <= 0.46875, C/D: 0.46875..4, P/Q: above 4.
const A = [3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1];
const B = [2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03];
const C = [5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02,
  8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8];
const D = [1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03,
  3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03];
const P = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2,
  6.58749161529837803e-4, 1.63153871373020978e-2];
const Q = [2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1, 6.05183413124413191e-2,
  2.33520497626869185e-3];
const [A0, A1, A2, A3, A4] = A, [B0, B1, B2, B3] = B;
const [C0, C1, C2, C3, C4, C5, C6, C7, C8] = C, [D0, D1, D2, D3, D4, D5, D6, D7] = D;
const [P0, P1, P2, P3, P4, P5] = P, [Q0, Q1, Q2, Q3, Q4] = Q;

/** erfc(x) by Cody's three rational approximations; exp(-y^2) split as exp(-ys^2) exp(-(y-ys)(y+ys)) as in CALERF. */
export function erfc(x) {
  const y = Math.abs(x);
  let res;
  if (y <= 0.46875) {
    const z = y > 1.11e-16 ? y * y : 0;
    const num = (((A4 * z + A0) * z + A1) * z + A2) * z + A3;
    const den = (((z + B0) * z + B1) * z + B2) * z + B3;
    return 1 - (x * num) / den;
  }
  if (y <= 4) {
    const num = (((((((C8 * y + C0) * y + C1) * y + C2) * y + C3) * y + C4) * y + C5) * y + C6) * y + C7;
    const den = (((((((y + D0) * y + D1) * y + D2) * y + D3) * y + D4) * y + D5) * y + D6) * y + D7;
    res = num / den;
  } else if (y >= 26.543) {
    res = 0; // erfc underflows beyond 26.543 (CALERF XBIG)
  } else {
    const z = 1 / (y * y);
    const num = ((((P5 * z + P0) * z + P1) * z + P2) * z + P3) * z + P4;
    const den = ((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4;
    res = (SQRPI - (z * num) / den) / y;
  }
  if (res !== 0) {
    const ys = Math.trunc(y * 16) / 16, del = (y - ys) * (y + ys);
    res *= Math.exp(-ys * ys) * Math.exp(-del);
  }
  return x < 0 ? 2 - res : res;
}

/** Standard normal CDF, N(x) = erfc(-x/sqrt2)/2 (accurate in relative terms in the lower tail). */
export function ncdf(x) {
  return 0.5 * erfc(-x * SQRT1_2);
}

/** W1: price, delta, gamma, vega, theta, rho. `out` holds those six Float64Arrays. */
export function w1(inp, out, n) {
  const { type, spot, strike, time, vol, rate, dividend } = inp;
  const { price, delta, gamma, vega, theta, rho } = out;
  for (let i = 0; i < n; i++) {
    const S = spot[i], K = strike[i], T = time[i], sig = vol[i], r = rate[i], q = dividend[i];
    const sqT = Math.sqrt(T), sst = sig * sqT;
    const d1 = (Math.log(S / K) + (r - q + 0.5 * sig * sig) * T) / sst;
    const d2 = d1 - sst;
    const Dq = Math.exp(-q * T), Dr = Math.exp(-r * T);
    const phi = Math.exp(-0.5 * d1 * d1) * INV_SQRT_2PI;
    gamma[i] = (Dq * phi) / (S * sst);
    vega[i] = S * Dq * phi * sqT;
    const decay = (-S * Dq * phi * sig) / (2 * sqT);
    if (type[i] > 0) {
      const N1 = ncdf(d1), N2 = ncdf(d2);
      price[i] = S * Dq * N1 - K * Dr * N2;
      delta[i] = Dq * N1;
      theta[i] = decay - r * K * Dr * N2 + q * S * Dq * N1;
      rho[i] = K * T * Dr * N2;
    } else {
      const N1 = ncdf(-d1), N2 = ncdf(-d2);
      price[i] = K * Dr * N2 - S * Dq * N1;
      delta[i] = -Dq * N1;
      theta[i] = decay + r * K * Dr * N2 - q * S * Dq * N1;
      rho[i] = -K * T * Dr * N2;
    }
  }
}

/** W2: gamma only, e^{-qT} and n(d1) in one exponential. */
export function w2(inp, out, n) {
  const { spot, strike, time, vol, rate, dividend } = inp;
  const gamma = out.gamma;
  for (let i = 0; i < n; i++) {
    const S = spot[i], K = strike[i], T = time[i], sig = vol[i], r = rate[i], q = dividend[i];
    const sst = sig * Math.sqrt(T);
    const d1 = (Math.log(S / K) + (r - q + 0.5 * sig * sig) * T) / sst;
    gamma[i] = (Math.exp(-q * T - 0.5 * d1 * d1) * INV_SQRT_2PI) / (S * sst);
  }
}

/**
 * All 17 quantities of DESIGN.md section 1 from the textbook closed forms (Haug, "The Complete Guide to Option
 * Pricing Formulas", 2nd ed., ch. 2), with b = r - q and the time greeks as -d/dT. `out` holds all 17 arrays.
 */
export function all17(inp, out, n) {
  const { type, spot, strike, time, vol, rate, dividend } = inp;
  const o = out;
  for (let i = 0; i < n; i++) {
    const S = spot[i], K = strike[i], T = time[i], sig = vol[i], r = rate[i], q = dividend[i], eta = type[i];
    const b = r - q;
    const sqT = Math.sqrt(T), sst = sig * sqT;
    const d1 = (Math.log(S / K) + (b + 0.5 * sig * sig) * T) / sst;
    const d2 = d1 - sst;
    const Dq = Math.exp(-q * T), Dr = Math.exp(-r * T);
    const phi = Math.exp(-0.5 * d1 * d1) * INV_SQRT_2PI;
    const phi2 = Math.exp(-0.5 * d2 * d2) * INV_SQRT_2PI;
    const N1 = ncdf(eta * d1), N2 = ncdf(eta * d2); // N(eta d1), N(eta d2)
    const gamma = (Dq * phi) / (S * sst);
    const vega = S * Dq * phi * sqT;
    const dd1dT = (2 * b * T - d2 * sst) / (2 * T * sst); // d(d1)/dT
    o.price[i] = eta * (S * Dq * N1 - K * Dr * N2);
    o.delta[i] = eta * Dq * N1;
    o.gamma[i] = gamma;
    o.vega[i] = vega;
    o.theta[i] = (-S * Dq * phi * sig) / (2 * sqT) - eta * r * K * Dr * N2 + eta * q * S * Dq * N1;
    o.rho[i] = eta * K * T * Dr * N2;
    o.epsilon[i] = -eta * S * T * Dq * N1;
    o.vanna[i] = (-Dq * phi * d2) / sig;
    o.charm[i] = eta * q * Dq * N1 - Dq * phi * dd1dT;
    o.vomma[i] = (vega * d1 * d2) / sig;
    o.veta[i] = vega * (q + d1 * dd1dT - 1 / (2 * T));
    o.speed[i] = (-gamma / S) * (d1 / sst + 1);
    o.zomma[i] = (gamma * (d1 * d2 - 1)) / sig;
    o.color[i] = gamma * (q + d1 * dd1dT + 1 / (2 * T));
    o.ultima[i] = (-vega / (sig * sig)) * (d1 * d2 * (1 - d1 * d2) + d1 * d1 + d2 * d2);
    o.dualDelta[i] = -eta * Dr * N2;
    o.dualGamma[i] = (Dr * phi2) / (K * sst);
  }
}

/** Price only (used to turn the IV benchmark's true vols into prices, outside the timed code). */
export function price(inp, out) {
  const { type, spot, strike, time, vol, rate, dividend } = inp;
  for (let i = 0; i < out.length; i++) {
    const S = spot[i], K = strike[i], T = time[i], sig = vol[i], r = rate[i], q = dividend[i], eta = type[i];
    const sst = sig * Math.sqrt(T);
    const d1 = (Math.log(S / K) + (r - q + 0.5 * sig * sig) * T) / sst;
    out[i] = eta * (S * Math.exp(-q * T) * ncdf(eta * d1) - K * Math.exp(-r * T) * ncdf(eta * (d1 - sst)));
  }
}

/**
 * Gamma profile, the loop a user writes: net dealer gamma exposure of every contract re-priced at every
 * hypothetical spot (sticky strike), GEX = sign * gamma * OI * 100 * S'^2 * 0.01 (DESIGN.md section 5),
 * dealers long calls (+1) and short puts (-1). Writes one net figure per spot into `out`.
 */
export function gammaProfile(chain, out) {
  const { contracts, type, strike, time, vol, oi, rate: r, dividend: q, ladder } = chain;
  for (let j = 0; j < ladder.length; j++) {
    const S = ladder[j];
    let net = 0;
    for (let i = 0; i < contracts; i++) {
      const T = time[i], sig = vol[i];
      const sst = sig * Math.sqrt(T);
      const d1 = (Math.log(S / strike[i]) + (r - q + 0.5 * sig * sig) * T) / sst;
      const gamma = (Math.exp(-q * T - 0.5 * d1 * d1) * INV_SQRT_2PI) / (S * sst);
      net += type[i] * gamma * oi[i];
    }
    out[j] = net * 100 * S * S * 0.01;
  }
}
