// Scalar twin of assembly/greeks.ts (ABI: src/engine/abi.ts): the same stages over the same scratch slots, the
// same formulas and operation order, so both backends agree bit for bit. Formulas and limits: DESIGN.md section 1.
// Shared intermediates: G = e^{-qT} e^{-d1^2/2} is the one exponential behind n(d1) and both CDFs, since
// K e^{-rT} n(d2) = S e^{-qT} n(d1); with Dq = e^{-qT} and Dr = e^{-rT} that is three exponentials per option.
import type { Heap } from '../engine/abi.js';
import { cdfScaled, EXP_SAFE, expf64, expNormal, logf64 } from './math.js';

const BLOCK = 64; // options per block (the wasm kernel's loop fission; here it only fixes the scratch layout)
const SLOT = BLOCK; // f64 elements per scratch slot (the wasm kernel counts bytes: BLOCK << 3)
const O_S = 0 * SLOT;
const O_K = 1 * SLOT;
const O_T = 2 * SLOT;
const O_V = 3 * SLOT;
const O_R = 4 * SLOT;
const O_Q = 5 * SLOT;
const O_W = 6 * SLOT; // type: +1 call, -1 put
const O_SK = 7 * SLOT; // S/K
const O_SQT = 8 * SLOT; // sqrt(T)
const O_SST = 9 * SLOT; // sigma sqrt(T)
const O_D1 = 10 * SLOT;
const O_G = 11 * SLOT; // e^{-qT - d1^2/2} = sqrt(2 pi) e^{-qT} n(d1)
const O_DQ = 12 * SLOT; // e^{-qT}
const O_DR = 13 * SLOT; // e^{-rT}
const O_N1 = 14 * SLOT; // e^{-qT} N(w d1)
const O_N2 = 15 * SLOT; // e^{-rT} N(w d2)
const O_INV = 16 * SLOT; // 1: invalid input, NaN row
const O_DEG = 17 * SLOT; // 1: T = 0 or sigma sqrt(T) = 0, limit values
const O_TZ = 18 * SLOT; // 1: T = 0 (expired)
const O_SD = 19 * SLOT; // limit: w * step(w (S Dq - K Dr)) with step 1, 1/2 at the money forward, 0
const O_LS = 20 * SLOT; // limit: w (S Dq - K Dr)
const O_LSK = 21 * SLOT; // log(S/K), grid entry only (kept across the expiry rows of a strike block)

const DBL_MIN = 2.2250738585072014e-308; // T, sigma or sigma sqrt(T) below this (0 or subnormal) is the limit
const D1_MAX = 1e10; // |d1| clamp: beyond 40, n(d1) = 0 and N = 0 or 1 already; keeps 0 * d1 * d2 finite
const INV_SQRT2PI = 0.3989422804014327;

/** x + 0: turns a -0 limit into +0 (IEEE: -0 + 0 = +0), leaves every other value unchanged. */
function pz(x: number): number {
  return x + 0;
}

/** The row's value: NaN if invalid, else the limit value if degenerate, else the formula. */
function pick(f: Float64Array, s: number, g: number, lim: number): number {
  return f[s + O_INV] ? NaN : f[s + O_DEG] ? lim : g;
}

/** As pick, for outputs whose limit value is 0. */
function pick0(f: Float64Array, s: number, g: number): number {
  return f[s + O_INV] ? NaN : f[s + O_DEG] ? 0 : g;
}

/** Stages 1 and 2 in one loop (the inputs are read once): inputs into the block, invalid rows, then S/K, sqrt(T),
 *  sigma sqrt(T), d1, expired rows (T = 0) and the limit rows (T, sigma or sigma sqrt(T) zero or subnormal).
 *  Returns whether the block has any invalid or limit row. */
function stageIn(f: Float64Array, m: number, pW: number, pS: number, pK: number, pT: number, pV: number, pR: number, pQ: number, sb: number): boolean {
  let special = false;
  for (let i = 0; i < m; i++) {
    const s = sb + i;
    const W = f[(pW >> 3) + i]!;
    const S = f[(pS >> 3) + i]!;
    const K = f[(pK >> 3) + i]!;
    const T = f[(pT >> 3) + i]!;
    const V = f[(pV >> 3) + i]!;
    const R = f[(pR >> 3) + i]!;
    const Q = f[(pQ >> 3) + i]!;
    f[s + O_W] = W;
    f[s + O_S] = S;
    f[s + O_K] = K;
    f[s + O_T] = T;
    f[s + O_V] = V;
    f[s + O_R] = R;
    f[s + O_Q] = Q;
    // valid: S, K > 0; T, sigma >= 0; all six finite (x * 0 is NaN for +-Infinity and NaN); type +1 or -1 (W * W = 1
    // holds for no other double). f64x2.pmin(a, b) = b < a ? b : a keeps a when b is NaN, which the finite test catches.
    const fin = S * 0 + K * 0 + (T * 0 + V * 0) + (R * 0 + Q * 0);
    const ok = (K < S ? K : S) > 0 && (V < T ? V : T) >= 0 && fin === 0 && W * W === 1;
    f[s + O_INV] = ok ? 0 : 1;
    const sqT = Math.sqrt(T);
    const sst = V * sqT;
    const tz = T < DBL_MIN;
    const deg = tz || V < DBL_MIN || sst < DBL_MIN;
    const SK = S / K;
    const b = R - Q + 0.5 * V * V;
    let d1 = (logf64(SK) + b * T) / sst;
    d1 = D1_MAX < d1 ? D1_MAX : d1; // f64x2.pmin: NaN stays NaN
    d1 = d1 < -D1_MAX ? -D1_MAX : d1; // f64x2.pmax
    f[s + O_TZ] = tz ? 1 : 0;
    f[s + O_DEG] = deg ? 1 : 0;
    f[s + O_SK] = SK;
    f[s + O_SQT] = sqT;
    f[s + O_SST] = sst;
    f[s + O_D1] = d1;
    special = special || !ok || deg;
  }
  return special;
}

/** Whether the block has any invalid or limit row (if not, the output loops skip pick()); the grid entry's test
 *  (stageIn returns it for the flat entry). */
function anySpecial(f: Float64Array, m: number, sb: number): boolean {
  let acc = false;
  for (let i = 0; i < m; i++) acc = acc || f[sb + i + O_DEG] === 1 || f[sb + i + O_INV] === 1;
  return acc;
}

/** G = e^{-qT - d1^2/2}. */
function stageG(f: Float64Array, m: number, sb: number): void {
  for (let i = 0; i < m; i++) {
    const s = sb + i;
    const d1 = f[s + O_D1]!;
    f[s + O_G] = expf64(-(f[s + O_Q]! * f[s + O_T]!) - 0.5 * d1 * d1);
  }
}

/** G as stageG, and gamma (to dst) in the same loop: for blocks without invalid or limit rows. Options whose exponent
 *  lies in [-EXP_SAFE, EXP_SAFE] (nearly all) take expNormal: the same values (the wasm lanes decide per pair). */
function stageGGamma(f: Float64Array, m: number, dst: number, sb: number): void {
  for (let i = 0; i < m; i++) {
    const s = sb + i;
    const d1 = f[s + O_D1]!;
    const xG = -(f[s + O_Q]! * f[s + O_T]!) - 0.5 * d1 * d1;
    const G = Math.abs(xG) <= EXP_SAFE ? expNormal(xG) : expf64(xG);
    f[s + O_G] = G;
    f[(dst >> 3) + i] = (G * INV_SQRT2PI) / (f[s + O_S]! * f[s + O_SST]!);
  }
}

/** stageGGamma and stageDqDr in one loop (the three exponentials share their table constants): for blocks without
 *  invalid or limit rows that also need the discount factors (W1). Options whose three exponents lie in
 *  [-EXP_SAFE, EXP_SAFE] (nearly all) take expNormal: the same values (the wasm lanes decide per pair, fewer
 *  instructions there). */
function stageGGammaDqDr(f: Float64Array, m: number, dst: number, sb: number): void {
  for (let i = 0; i < m; i++) {
    const s = sb + i;
    const d1 = f[s + O_D1]!;
    const T = f[s + O_T]!;
    const qT = f[s + O_Q]! * T;
    const rT = f[s + O_R]! * T;
    const xG = -qT - 0.5 * d1 * d1; // <= -qT
    const safe = Math.abs(qT) <= EXP_SAFE && Math.abs(rT) <= EXP_SAFE && xG >= -EXP_SAFE;
    const G = safe ? expNormal(xG) : expf64(xG);
    f[s + O_G] = G;
    f[s + O_DQ] = safe ? expNormal(-qT) : expf64(-qT);
    f[s + O_DR] = safe ? expNormal(-rT) : expf64(-rT);
    f[(dst >> 3) + i] = (G * INV_SQRT2PI) / (f[s + O_S]! * f[s + O_SST]!);
  }
}

/** Dq = e^{-qT} and Dr = e^{-rT} in one loop. */
function stageDqDr(f: Float64Array, m: number, sb: number): void {
  for (let i = 0; i < m; i++) {
    const s = sb + i;
    const T = f[s + O_T]!;
    f[s + O_DQ] = expf64(-(f[s + O_Q]! * T));
    f[s + O_DR] = expf64(-(f[s + O_R]! * T));
  }
}

/** N1 = Dq N(w d1). */
function stageN1(f: Float64Array, m: number, sb: number): void {
  for (let i = 0; i < m; i++) {
    const s = sb + i;
    f[s + O_N1] = cdfScaled(f[s + O_W]! * f[s + O_D1]!, f[s + O_DQ]!, f[s + O_G]!);
  }
}

/** N2 = Dr N(w d2), with Dr e^{-d2^2/2} = (S/K) G. */
function stageN2(f: Float64Array, m: number, sb: number): void {
  for (let i = 0; i < m; i++) {
    const s = sb + i;
    const d2 = f[s + O_D1]! - f[s + O_SST]!;
    f[s + O_N2] = cdfScaled(f[s + O_W]! * d2, f[s + O_DR]!, f[s + O_SK]! * f[s + O_G]!);
  }
}

/** N1 as stageN1, with delta (dDelta) in the same loop: blocks without invalid or limit rows. */
function stageN1Out(f: Float64Array, m: number, sb: number, dDelta: number): void {
  for (let i = 0; i < m; i++) {
    const s = sb + i;
    const W = f[s + O_W]!;
    const n1 = cdfScaled(W * f[s + O_D1]!, f[s + O_DQ]!, f[s + O_G]!);
    f[s + O_N1] = n1;
    f[(dDelta >> 3) + i] = W * n1;
  }
}

/** N2 as stageN2, with price (dPrice, needs N1) and rho (dRho) in the same loop when requested (0 = skip): blocks
 *  without invalid or limit rows. */
function stageN2Out(f: Float64Array, m: number, sb: number, dPrice: number, dRho: number): void {
  for (let i = 0; i < m; i++) {
    const s = sb + i;
    const W = f[s + O_W]!;
    const d2 = f[s + O_D1]! - f[s + O_SST]!;
    const n2 = cdfScaled(W * d2, f[s + O_DR]!, f[s + O_SK]! * f[s + O_G]!);
    f[s + O_N2] = n2;
    const K = f[s + O_K]!;
    if (dPrice) f[(dPrice >> 3) + i] = W * (f[s + O_S]! * f[s + O_N1]! - K * n2);
    if (dRho) f[(dRho >> 3) + i] = K * f[s + O_T]! * (W * n2);
  }
}

/** Limit rows (T = 0 or sigma = 0): the deterministic forward w (S Dq - K Dr) and its signed step. */
function stageLimit(f: Float64Array, m: number, sb: number): void {
  for (let i = 0; i < m; i++) {
    const s = sb + i;
    const W = f[s + O_W]!;
    const ls = W * (f[s + O_S]! * f[s + O_DQ]! - f[s + O_K]! * f[s + O_DR]!);
    f[s + O_LS] = ls;
    f[s + O_SD] = ls > 0 ? W : ls === 0 ? 0.5 * W : 0;
  }
}

// Per-greek output loops: the formula, then, in blocks with invalid or limit rows, pick() substitutes limit values
// and NaN rows.

function priceAt(f: Float64Array, s: number, special: boolean): number {
  const g = f[s + O_W]! * (f[s + O_S]! * f[s + O_N1]! - f[s + O_K]! * f[s + O_N2]!);
  const ls = f[s + O_LS]!;
  return special ? pick(f, s, g, 0 < ls ? ls : 0) : g; // f64x2.pmax(0, ls)
}

function outPrice(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = priceAt(f, sb + i, special);
}

function deltaAt(f: Float64Array, s: number, special: boolean): number {
  const g = f[s + O_W]! * f[s + O_N1]!;
  return special ? pick(f, s, g, f[s + O_DQ]! * f[s + O_SD]!) : g;
}

function outDelta(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = deltaAt(f, sb + i, special);
}

function gammaAt(f: Float64Array, s: number, special: boolean): number {
  const g0 = f[s + O_G]! * INV_SQRT2PI;
  const g = g0 / (f[s + O_S]! * f[s + O_SST]!);
  return special ? pick0(f, s, g) : g;
}

function outGamma(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = gammaAt(f, sb + i, special);
}

function vegaAt(f: Float64Array, s: number, special: boolean): number {
  const g0 = f[s + O_G]! * INV_SQRT2PI;
  const g = f[s + O_S]! * g0 * f[s + O_SQT]!;
  return special ? pick0(f, s, g) : g;
}

function outVega(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = vegaAt(f, sb + i, special);
}

function thetaAt(f: Float64Array, s: number, special: boolean): number {
  const S = f[s + O_S]!;
  const K = f[s + O_K]!;
  const Q = f[s + O_Q]!;
  const R = f[s + O_R]!;
  const g0 = f[s + O_G]! * INV_SQRT2PI;
  const tv = -((S * g0 * f[s + O_V]!) / (2 * f[s + O_SQT]!));
  const g = tv + f[s + O_W]! * (Q * S * f[s + O_N1]! - R * K * f[s + O_N2]!);
  if (!special) return g;
  const fwd = pz((Q * S * f[s + O_DQ]! - R * K * f[s + O_DR]!) * f[s + O_SD]!);
  return special ? pick(f, s, g, f[s + O_TZ] ? 0 : fwd) : g;
}

function outTheta(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = thetaAt(f, sb + i, special);
}

/** Vega and theta in one loop (they share S e^{-qT} n(d1)): blocks without invalid or limit rows. */
function outVegaTheta(f: Float64Array, m: number, dVega: number, dTheta: number, sb: number): void {
  for (let i = 0; i < m; i++) {
    const s = sb + i;
    const S = f[s + O_S]!;
    const Sg0 = S * (f[s + O_G]! * INV_SQRT2PI);
    const SQT = f[s + O_SQT]!;
    f[(dVega >> 3) + i] = Sg0 * SQT;
    const tv = -((Sg0 * f[s + O_V]!) / (2 * SQT));
    f[(dTheta >> 3) + i] = tv + f[s + O_W]! * (f[s + O_Q]! * S * f[s + O_N1]! - f[s + O_R]! * f[s + O_K]! * f[s + O_N2]!);
  }
}

function rhoAt(f: Float64Array, s: number, special: boolean): number {
  const KT = f[s + O_K]! * f[s + O_T]!;
  const g = KT * (f[s + O_W]! * f[s + O_N2]!);
  return special ? pick(f, s, g, pz(KT * (f[s + O_DR]! * f[s + O_SD]!))) : g;
}

function outRho(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = rhoAt(f, sb + i, special);
}

function epsilonAt(f: Float64Array, s: number, special: boolean): number {
  const ST = f[s + O_S]! * f[s + O_T]!;
  const g = -(ST * (f[s + O_W]! * f[s + O_N1]!));
  return special ? pick(f, s, g, pz(-(ST * (f[s + O_DQ]! * f[s + O_SD]!)))) : g;
}

function outEpsilon(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = epsilonAt(f, sb + i, special);
}

function vannaAt(f: Float64Array, s: number, special: boolean): number {
  const g0 = f[s + O_G]! * INV_SQRT2PI;
  const d2 = f[s + O_D1]! - f[s + O_SST]!;
  const g = -((g0 * d2) / f[s + O_V]!);
  return special ? pick0(f, s, g) : g;
}

function outVanna(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = vannaAt(f, sb + i, special);
}

/** dd1/dT = (r - q)/(sigma sqrt T) - d2/(2T), shared by charm, veta and color. */
function dd1dT(f: Float64Array, s: number, d2: number): number {
  return (f[s + O_R]! - f[s + O_Q]!) / f[s + O_SST]! - d2 / (2 * f[s + O_T]!);
}

function charmAt(f: Float64Array, s: number, special: boolean): number {
  const Q = f[s + O_Q]!;
  const g0 = f[s + O_G]! * INV_SQRT2PI;
  const d2 = f[s + O_D1]! - f[s + O_SST]!;
  const g = Q * (f[s + O_W]! * f[s + O_N1]!) - g0 * dd1dT(f, s, d2);
  return special ? pick(f, s, g, f[s + O_TZ] ? 0 : pz(Q * (f[s + O_DQ]! * f[s + O_SD]!))) : g;
}

function outCharm(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = charmAt(f, sb + i, special);
}

/** vega = S e^{-qT} n(d1) sqrt(T). */
function vegaOf(f: Float64Array, s: number): number {
  return f[s + O_S]! * (f[s + O_G]! * INV_SQRT2PI) * f[s + O_SQT]!;
}

/** gamma = e^{-qT} n(d1) / (S sigma sqrt(T)). */
function gammaOf(f: Float64Array, s: number): number {
  return (f[s + O_G]! * INV_SQRT2PI) / (f[s + O_S]! * f[s + O_SST]!);
}

function vommaAt(f: Float64Array, s: number, special: boolean): number {
  const d1 = f[s + O_D1]!;
  const d2 = d1 - f[s + O_SST]!;
  const g = (vegaOf(f, s) * d1 * d2) / f[s + O_V]!;
  return special ? pick0(f, s, g) : g;
}

function outVomma(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = vommaAt(f, sb + i, special);
}

function vetaAt(f: Float64Array, s: number, special: boolean): number {
  const d1 = f[s + O_D1]!;
  const d2 = d1 - f[s + O_SST]!;
  const fac = f[s + O_Q]! + d1 * dd1dT(f, s, d2) - 1 / (2 * f[s + O_T]!);
  const g = vegaOf(f, s) * fac;
  return special ? pick0(f, s, g) : g;
}

function outVeta(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = vetaAt(f, sb + i, special);
}

function speedAt(f: Float64Array, s: number, special: boolean): number {
  const fac = 1 + f[s + O_D1]! / f[s + O_SST]!;
  const g = -((gammaOf(f, s) * fac) / f[s + O_S]!);
  return special ? pick0(f, s, g) : g;
}

function outSpeed(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = speedAt(f, sb + i, special);
}

function zommaAt(f: Float64Array, s: number, special: boolean): number {
  const d1 = f[s + O_D1]!;
  const d2 = d1 - f[s + O_SST]!;
  const g = (gammaOf(f, s) * (d1 * d2 - 1)) / f[s + O_V]!;
  return special ? pick0(f, s, g) : g;
}

function outZomma(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = zommaAt(f, sb + i, special);
}

function colorAt(f: Float64Array, s: number, special: boolean): number {
  const d1 = f[s + O_D1]!;
  const d2 = d1 - f[s + O_SST]!;
  const fac = f[s + O_Q]! + 1 / (2 * f[s + O_T]!) + d1 * dd1dT(f, s, d2);
  const g = gammaOf(f, s) * fac;
  return special ? pick0(f, s, g) : g;
}

function outColor(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = colorAt(f, sb + i, special);
}

function ultimaAt(f: Float64Array, s: number, special: boolean): number {
  const V = f[s + O_V]!;
  const d1 = f[s + O_D1]!;
  const d2 = d1 - f[s + O_SST]!;
  const x = d1 * d2;
  const fac = x * (1 - x) + d1 * d1 + d2 * d2;
  const g = -((vegaOf(f, s) / (V * V)) * fac);
  return special ? pick0(f, s, g) : g;
}

function outUltima(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = ultimaAt(f, sb + i, special);
}

function dualDeltaAt(f: Float64Array, s: number, special: boolean): number {
  const g = -(f[s + O_W]! * f[s + O_N2]!);
  return special ? pick(f, s, g, pz(-(f[s + O_DR]! * f[s + O_SD]!))) : g;
}

function outDualDelta(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = dualDeltaAt(f, sb + i, special);
}

function dualGammaAt(f: Float64Array, s: number, special: boolean): number {
  const g0 = f[s + O_G]! * INV_SQRT2PI;
  const g = (f[s + O_SK]! * g0) / (f[s + O_K]! * f[s + O_SST]!);
  return special ? pick0(f, s, g) : g;
}

function outDualGamma(f: Float64Array, m: number, dst: number, sb: number, special: boolean): void {
  for (let i = 0; i < m; i++) f[(dst >> 3) + i] = dualGammaAt(f, sb + i, special);
}

/** Discount factors of one expiry row of a grid, hoisted: every option gets the same Dq and Dr. */
function fillDiscount(f: Float64Array, m: number, sb: number, Dq: number, Dr: number): void {
  for (let i = 0; i < m; i++) {
    f[sb + i + O_DQ] = Dq;
    f[sb + i + O_DR] = Dr;
  }
}

/**
 * Everything after d1 for one block: G, discount factors (per option, or the hoisted Dq, Dr of a grid row), limits,
 * the CDFs, and each requested output at byte offset o of its array (pOut: 17 u32 addresses, 0 = skip). special:
 * the block has an invalid or limit row.
 */
function finish(f: Float64Array, u: Uint32Array, m: number, o: number, sb: number, pOut: number, special: boolean, hoisted: boolean, Dq: number, Dr: number): void {
  const t = pOut >> 2;
  const oPrice = u[t]!;
  const oDelta = u[t + 1]!;
  const oGamma = u[t + 2]!;
  const oVega = u[t + 3]!;
  const oTheta = u[t + 4]!;
  const oRho = u[t + 5]!;
  const oEpsilon = u[t + 6]!;
  const oVanna = u[t + 7]!;
  const oCharm = u[t + 8]!;
  const oVomma = u[t + 9]!;
  const oVeta = u[t + 10]!;
  const oSpeed = u[t + 11]!;
  const oZomma = u[t + 12]!;
  const oColor = u[t + 13]!;
  const oUltima = u[t + 14]!;
  const oDualDelta = u[t + 15]!;
  const oDualGamma = u[t + 16]!;
  const needN1 = oPrice !== 0 || oDelta !== 0 || oTheta !== 0 || oEpsilon !== 0 || oCharm !== 0;
  const needN2 = oPrice !== 0 || oTheta !== 0 || oRho !== 0 || oDualDelta !== 0;
  const needLimit = needN1 || needN2;
  const needG = needLimit || oGamma !== 0 || oVega !== 0 || oVanna !== 0 || oVomma !== 0 || oVeta !== 0 ||
    oSpeed !== 0 || oZomma !== 0 || oColor !== 0 || oUltima !== 0 || oDualGamma !== 0;
  const gammaWithG = oGamma !== 0 && !special; // gamma in the G loop: one pass less
  const all3 = gammaWithG && needLimit && !hoisted; // G, gamma, Dq and Dr in one pass
  if (all3) stageGGammaDqDr(f, m, oGamma + o, sb);
  else if (gammaWithG) stageGGamma(f, m, oGamma + o, sb);
  else if (needG) stageG(f, m, sb);
  if (needLimit) {
    if (hoisted) {
      fillDiscount(f, m, sb, Dq, Dr);
    } else if (!all3) {
      stageDqDr(f, m, sb);
    }
    if (special) stageLimit(f, m, sb);
  }
  // Without invalid or limit rows, delta is written in the N1 loop and price and rho in the N2 loop (fewer passes).
  const fuse = !special;
  if (fuse && oDelta) stageN1Out(f, m, sb, oDelta + o);
  else if (needN1) stageN1(f, m, sb);
  if (fuse && (oPrice || oRho)) stageN2Out(f, m, sb, oPrice ? oPrice + o : 0, oRho ? oRho + o : 0);
  else if (needN2) stageN2(f, m, sb);
  if (oPrice && !fuse) outPrice(f, m, oPrice + o, sb, special);
  if (oDelta && !fuse) outDelta(f, m, oDelta + o, sb, special);
  if (oGamma && !gammaWithG) outGamma(f, m, oGamma + o, sb, special);
  const vegaTheta = fuse && oVega !== 0 && oTheta !== 0; // one pass for both
  if (vegaTheta) outVegaTheta(f, m, oVega + o, oTheta + o, sb);
  if (oVega && !vegaTheta) outVega(f, m, oVega + o, sb, special);
  if (oTheta && !vegaTheta) outTheta(f, m, oTheta + o, sb, special);
  if (oRho && !fuse) outRho(f, m, oRho + o, sb, special);
  if (oEpsilon) outEpsilon(f, m, oEpsilon + o, sb, special);
  if (oVanna) outVanna(f, m, oVanna + o, sb, special);
  if (oCharm) outCharm(f, m, oCharm + o, sb, special);
  if (oVomma) outVomma(f, m, oVomma + o, sb, special);
  if (oVeta) outVeta(f, m, oVeta + o, sb, special);
  if (oSpeed) outSpeed(f, m, oSpeed + o, sb, special);
  if (oZomma) outZomma(f, m, oZomma + o, sb, special);
  if (oColor) outColor(f, m, oColor + o, sb, special);
  if (oUltima) outUltima(f, m, oUltima + o, sb, special);
  if (oDualDelta) outDualDelta(f, m, oDualDelta + o, sb, special);
  if (oDualGamma) outDualGamma(f, m, oDualGamma + o, sb, special);
}

/**
 * Any subset of the 17 greeks (GREEKS order) for n options; pOut holds 17 u32 output addresses, 0 = skip.
 * Inputs are n f64 each (type +1 call, -1 put); invalid rows give NaN, T = 0 and sigma = 0 their limits.
 */
export function greeks(heap: Heap, n: number, pType: number, pS: number, pK: number, pT: number, pVol: number, pR: number, pQ: number, pOut: number, pScratch: number): void {
  const f = heap.f64;
  const sb = pScratch >> 3;
  for (let b = 0; b < n; b += BLOCK) {
    const m = Math.min(BLOCK, n - b);
    const o = b << 3;
    const special = stageIn(f, m, pType + o, pS + o, pK + o, pT + o, pVol + o, pR + o, pQ + o, sb);
    finish(f, heap.u32, m, o, sb, pOut, special, false, 0, 0);
  }
}

// Grid entry: one spot, nK strikes x nT expiries (a chain's surface). log(S/K) is computed once per strike and
// sqrt(T), e^{-qT}, e^{-rT} once per expiry; every value equals what greeks() gives for the same option, bit for bit.

/** Grid stage 1, once per block of strikes: type, strike, the spot, S/K and log(S/K) (kept for every expiry row). */
function gridStrikes(f: Float64Array, m: number, spot: number, pW: number, pK: number, sb: number): void {
  for (let i = 0; i < m; i++) {
    const s = sb + i;
    const K = f[(pK >> 3) + i]!;
    f[s + O_W] = f[(pW >> 3) + i]!;
    f[s + O_S] = spot;
    f[s + O_K] = K;
    const SK = spot / K;
    f[s + O_SK] = SK;
    f[s + O_LSK] = logf64(SK);
  }
}

/** Grid stage 2, once per expiry row of a block of strikes (vols at pV): exactly stageIn. */
function gridRow(f: Float64Array, m: number, T: number, R: number, Q: number, sqT: number, pV: number, sb: number): void {
  for (let i = 0; i < m; i++) {
    const s = sb + i;
    const V = f[(pV >> 3) + i]!;
    f[s + O_T] = T;
    f[s + O_V] = V;
    f[s + O_R] = R;
    f[s + O_Q] = Q;
    const S = f[s + O_S]!;
    const K = f[s + O_K]!;
    const W = f[s + O_W]!;
    const fin = S * 0 + K * 0 + (T * 0 + V * 0) + (R * 0 + Q * 0);
    const ok = (K < S ? K : S) > 0 && (V < T ? V : T) >= 0 && fin === 0 && W * W === 1;
    f[s + O_INV] = ok ? 0 : 1;
    const sst = V * sqT;
    const tz = T < DBL_MIN;
    const deg = tz || V < DBL_MIN || sst < DBL_MIN;
    const b = R - Q + 0.5 * V * V;
    let d1 = (f[s + O_LSK]! + b * T) / sst;
    d1 = D1_MAX < d1 ? D1_MAX : d1; // f64x2.pmin: NaN stays NaN
    d1 = d1 < -D1_MAX ? -D1_MAX : d1; // f64x2.pmax
    f[s + O_TZ] = tz ? 1 : 0;
    f[s + O_DEG] = deg ? 1 : 0;
    f[s + O_SQT] = sqT;
    f[s + O_SST] = sst;
    f[s + O_D1] = d1;
  }
}

/**
 * The greeks of a surface: one spot, nK strikes (pType, pK: nK f64 each), nT expiries (pT, pR, pQ: nT f64 each),
 * vols pVol[t * nK + k]; outputs (pOut as in greeks) are nT x nK, row t = expiry t. Same values as greeks().
 */
export function greeksGrid(heap: Heap, nK: number, nT: number, spot: number, pType: number, pK: number, pT: number, pR: number, pQ: number, pVol: number, pOut: number, pScratch: number): void {
  const f = heap.f64;
  const sb = pScratch >> 3;
  for (let kb = 0; kb < nK; kb += BLOCK) {
    const m = Math.min(BLOCK, nK - kb);
    const ko = kb << 3;
    gridStrikes(f, m, spot, pType + ko, pK + ko, sb);
    for (let t = 0; t < nT; t++) {
      const T = f[(pT >> 3) + t]!;
      const R = f[(pR >> 3) + t]!;
      const Q = f[(pQ >> 3) + t]!;
      const o = (t * nK + kb) * 8;
      gridRow(f, m, T, R, Q, Math.sqrt(T), pVol + o, sb);
      finish(f, heap.u32, m, o, sb, pOut, anySpecial(f, m, sb), true, expf64(-(Q * T)), expf64(-(R * T)));
    }
  }
}
