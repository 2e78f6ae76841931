// BSM greeks kernel (ABI: src/engine/abi.ts), f64x2 across options. src/kernel/greeks.ts is its scalar twin:
// same stages, same formulas, same operation order per lane. Formulas and limits: DESIGN.md section 1.
//
// Loop fission (wasm.md section 1): options go in blocks of BLOCK; each stage is a small loop over the block
// that reads and writes slots of pScratch, so V8 keeps its values in registers instead of spilling. Stages run
// only when a requested output needs them (gamma alone: inputs and d1, one exponential, gamma). The odd last option
// of a batch is loaded into both lanes of its pair and only lane 0 is stored: the same vector code as every other
// option (no separate scalar formulas to drift), so the tail is bit-identical to the TS twin as well.
// In blocks without invalid or limit rows (nearly all), gamma is written in the G loop, delta in the N1 loop,
// price and rho in the N2 loop, vega and theta in one loop: fewer passes over the block (measured with
// scripts/kernel-speed.mjs); the exponentials of a pair whose arguments lie in [-707, 707] (nearly all) skip the
// clamps and the two-step scaling (expNormal: same bits).
// Shared intermediates: G = e^{-qT} e^{-d1^2/2} is the one exponential behind n(d1) and both CDFs, since
// K e^{-rT} n(d2) = S e^{-qT} n(d1); with Dq = e^{-qT} and Dr = e^{-rT} that is three exponentials per option.
import { cdfScaled, EXP_SAFE, expf64, expNormal, logf64 } from './math';

const BLOCK: i32 = 64; // options per block: 22 slots x 512 B of scratch stay in L1 (measured: 64 beat 128, 256, 512)
const SLOT: usize = <usize>BLOCK << 3; // bytes per scratch slot
const O_S: usize = 0 * SLOT;
const O_K: usize = 1 * SLOT;
const O_T: usize = 2 * SLOT;
const O_V: usize = 3 * SLOT;
const O_R: usize = 4 * SLOT;
const O_Q: usize = 5 * SLOT;
const O_W: usize = 6 * SLOT; // type: +1 call, -1 put
const O_SK: usize = 7 * SLOT; // S/K
const O_SQT: usize = 8 * SLOT; // sqrt(T)
const O_SST: usize = 9 * SLOT; // sigma sqrt(T)
const O_D1: usize = 10 * SLOT;
const O_G: usize = 11 * SLOT; // e^{-qT - d1^2/2} = sqrt(2 pi) e^{-qT} n(d1)
const O_DQ: usize = 12 * SLOT; // e^{-qT}
const O_DR: usize = 13 * SLOT; // e^{-rT}
const O_N1: usize = 14 * SLOT; // e^{-qT} N(w d1)
const O_N2: usize = 15 * SLOT; // e^{-rT} N(w d2)
const O_INV: usize = 16 * SLOT; // mask: invalid input, NaN row
const O_DEG: usize = 17 * SLOT; // mask: T = 0 or sigma sqrt(T) = 0, limit values
const O_TZ: usize = 18 * SLOT; // mask: T = 0 (expired)
const O_SD: usize = 19 * SLOT; // limit: w * step(w (S Dq - K Dr)) with step 1, 1/2 at the money forward, 0
const O_LS: usize = 20 * SLOT; // limit: w (S Dq - K Dr)
const O_LSK: usize = 21 * SLOT; // log(S/K), grid entry only (kept across the expiry rows of a strike block)

const DBL_MIN: f64 = 2.2250738585072014e-308; // T, sigma or sigma sqrt(T) below this (0 or subnormal) is the limit
const D1_MAX: f64 = 1e10; // |d1| clamp: beyond 40, n(d1) = 0 and N = 0 or 1 already; keeps 0 * d1 * d2 finite
const INV_SQRT2PI: f64 = 0.3989422804014327;

// @ts-ignore: decorator
@inline function sp(c: f64): v128 { return f64x2.splat(c); }
// The splatted constants of the stages in a read-only table: a v128.load is one instruction where V8 rebuilds a
// v128.const (or splat of a constant) with three or four in every iteration (wasm.md section 1).
const GTAB: usize = memory.data<f64>([
  DBL_MIN, DBL_MIN,
  D1_MAX, D1_MAX,
  -D1_MAX, -D1_MAX,
  0.5, 0.5,
  1.0, 1.0,
  2.0, 2.0,
  INV_SQRT2PI, INV_SQRT2PI,
  EXP_SAFE, EXP_SAFE,
  -EXP_SAFE, -EXP_SAFE,
], 64);
const G_DBL_MIN: usize = 0;
const G_D1_MAX: usize = 16;
const G_NEG_D1_MAX: usize = 32;
const G_HALF: usize = 48;
const G_ONE: usize = 64;
const G_TWO: usize = 80;
const G_INV_SQRT2PI: usize = 96;
const G_EXP_SAFE: usize = 112;
const G_NEG_EXP_SAFE: usize = 128;
// @ts-ignore: decorator
@inline function gk(offset: usize): v128 { return v128.load(GTAB + offset); }
// @ts-ignore: decorator
@inline function add(a: v128, b: v128): v128 { return f64x2.add(a, b); }
// @ts-ignore: decorator
@inline function sub(a: v128, b: v128): v128 { return f64x2.sub(a, b); }
// @ts-ignore: decorator
@inline function mul(a: v128, b: v128): v128 { return f64x2.mul(a, b); }
// @ts-ignore: decorator
@inline function div(a: v128, b: v128): v128 { return f64x2.div(a, b); }
/** x + 0: turns a -0 limit into +0 (IEEE: -0 + 0 = +0), leaves every other value unchanged. */
// @ts-ignore: decorator
@inline function pz(x: v128): v128 { return f64x2.add(x, sp(0.0)); }

/** The row's value: NaN if invalid, else the limit value if degenerate, else the formula. */
// @ts-ignore: decorator
@inline function pick(s: usize, g: v128, lim: v128): v128 {
  return v128.or(v128.bitselect(lim, g, v128.load(s, O_DEG)), v128.load(s, O_INV));
}

/** As pick, for outputs whose limit value is 0. */
// @ts-ignore: decorator
@inline function pick0(s: usize, g: v128): v128 {
  return v128.or(v128.andnot(g, v128.load(s, O_DEG)), v128.load(s, O_INV));
}

/** Stage 1 for one pair: copy the inputs into the block and flag invalid rows (returns that mask). */
// @ts-ignore: decorator
@inline function classifyPair(s: usize, W: v128, S: v128, K: v128, T: v128, V: v128, R: v128, Q: v128): v128 {
  v128.store(s, W, O_W);
  v128.store(s, S, O_S);
  v128.store(s, K, O_K);
  v128.store(s, T, O_T);
  v128.store(s, V, O_V);
  v128.store(s, R, O_R);
  v128.store(s, Q, O_Q);
  // valid: S, K > 0; T, sigma >= 0; all six finite (x * 0 is NaN for +-Infinity and NaN); type +1 or -1 (W * W = 1
  // holds for no other double). pmin keeps its first operand when the second is NaN, which the finite test catches.
  const zero = sp(0.0);
  const fin = add(add(add(mul(S, zero), mul(K, zero)), add(mul(T, zero), mul(V, zero))), add(mul(R, zero), mul(Q, zero)));
  let ok = v128.and(f64x2.gt(f64x2.pmin(S, K), zero), f64x2.ge(f64x2.pmin(T, V), zero));
  ok = v128.and(ok, v128.and(f64x2.eq(fin, zero), f64x2.eq(mul(W, W), gk(G_ONE))));
  const inv = v128.not(ok);
  v128.store(s, inv, O_INV);
  return inv;
}

/** Stage 2 for one pair: S/K, sqrt(T), sigma sqrt(T), d1, expired rows (T = 0) and the limit rows (T, sigma or
 *  sigma sqrt(T) zero or subnormal; returns that mask). */
// @ts-ignore: decorator
@inline function d1Pair(s: usize, S: v128, K: v128, T: v128, V: v128, R: v128, Q: v128): v128 {
  const sqT = f64x2.sqrt(T);
  const sst = mul(V, sqT);
  const tz = f64x2.lt(T, gk(G_DBL_MIN));
  const deg = v128.or(tz, v128.or(f64x2.lt(V, gk(G_DBL_MIN)), f64x2.lt(sst, gk(G_DBL_MIN))));
  const SK = div(S, K);
  const b = add(sub(R, Q), mul(mul(gk(G_HALF), V), V));
  let d1 = div(add(logf64(SK), mul(b, T)), sst);
  d1 = f64x2.pmax(f64x2.pmin(d1, gk(G_D1_MAX)), gk(G_NEG_D1_MAX));
  v128.store(s, tz, O_TZ);
  v128.store(s, deg, O_DEG);
  v128.store(s, SK, O_SK);
  v128.store(s, sqT, O_SQT);
  v128.store(s, sst, O_SST);
  v128.store(s, d1, O_D1);
  return deg;
}

/** Stages 1 and 2 in one loop (the inputs are read once): inputs into the block (the odd last option loaded into
 *  both lanes), invalid rows, then d1 and the limit masks. Returns whether the block has any invalid or limit row. */
function stageIn(m: i32, pW: usize, pS: usize, pK: usize, pT: usize, pV: usize, pR: usize, pQ: usize, sb: usize): bool {
  let acc = i64x2.splat(0);
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const o = <usize>i << 3;
    const S = v128.load(pS + o), K = v128.load(pK + o), T = v128.load(pT + o), V = v128.load(pV + o);
    const R = v128.load(pR + o), Q = v128.load(pQ + o);
    const inv = classifyPair(sb + o, v128.load(pW + o), S, K, T, V, R, Q);
    acc = v128.or(acc, v128.or(inv, d1Pair(sb + o, S, K, T, V, R, Q)));
  }
  if (i < m) {
    const o = <usize>i << 3;
    const S = v128.load64_splat(pS + o), K = v128.load64_splat(pK + o), T = v128.load64_splat(pT + o);
    const V = v128.load64_splat(pV + o), R = v128.load64_splat(pR + o), Q = v128.load64_splat(pQ + o);
    const inv = classifyPair(sb + o, v128.load64_splat(pW + o), S, K, T, V, R, Q);
    acc = v128.or(acc, v128.or(inv, d1Pair(sb + o, S, K, T, V, R, Q)));
  }
  return v128.any_true(acc);
}

/** Whether the block has any invalid or limit row (if not, the output loops skip pick()); the grid entry's test
 *  (stageIn returns it for the flat entry). */
function anySpecial(m: i32, sb: usize): bool {
  let acc = i64x2.splat(0);
  for (let i = 0; i < m; i += 2) {
    const s = sb + (<usize>i << 3);
    acc = v128.or(acc, v128.or(v128.load(s, O_DEG), v128.load(s, O_INV)));
  }
  return v128.any_true(acc);
}

/** G = e^{-qT - d1^2/2}. */
function stageG(m: i32, sb: usize): void {
  for (let i = 0; i < m; i += 2) {
    const s = sb + (<usize>i << 3);
    const d1 = v128.load(s, O_D1);
    v128.store(s, expf64(sub(f64x2.neg(mul(v128.load(s, O_Q), v128.load(s, O_T))), mul(mul(gk(G_HALF), d1), d1))), O_G);
  }
}

/** G as stageG, and gamma (to dst) in the same loop: for blocks without invalid or limit rows. Pairs whose exponent
 *  lies in [-EXP_SAFE, EXP_SAFE] (nearly all) take expNormal: the same values, fewer instructions. */
function stageGGamma(m: i32, dst: usize, sb: usize): void {
  for (let i = 0; i < m; i += 2) {
    const s = sb + (<usize>i << 3);
    const d1 = v128.load(s, O_D1);
    const xG = sub(f64x2.neg(mul(v128.load(s, O_Q), v128.load(s, O_T))), mul(mul(gk(G_HALF), d1), d1));
    const G = i64x2.all_true(f64x2.le(f64x2.abs(xG), gk(G_EXP_SAFE))) ? expNormal(xG) : expf64(xG);
    v128.store(s, G, O_G);
    const g = div(mul(G, gk(G_INV_SQRT2PI)), mul(v128.load(s, O_S), v128.load(s, O_SST)));
    if (i + 1 < m) v128.store(dst + (<usize>i << 3), g);
    else v128.store64_lane(dst + (<usize>i << 3), g, 0);
  }
}

/** stageGGamma and stageDqDr in one loop (the three exponentials share their table constants): for blocks without
 *  invalid or limit rows that also need the discount factors (W1). Pairs whose three exponents lie in
 *  [-EXP_SAFE, EXP_SAFE] (nearly all) take expNormal: the same values, fewer instructions. */
function stageGGammaDqDr(m: i32, dst: usize, sb: usize): void {
  for (let i = 0; i < m; i += 2) {
    const s = sb + (<usize>i << 3);
    const d1 = v128.load(s, O_D1);
    const T = v128.load(s, O_T);
    const qT = mul(v128.load(s, O_Q), T);
    const rT = mul(v128.load(s, O_R), T);
    const xG = sub(f64x2.neg(qT), mul(mul(gk(G_HALF), d1), d1)); // <= -qT
    const safe = v128.and(v128.and(f64x2.le(f64x2.abs(qT), gk(G_EXP_SAFE)), f64x2.le(f64x2.abs(rT), gk(G_EXP_SAFE))),
      f64x2.ge(xG, gk(G_NEG_EXP_SAFE)));
    let G: v128, Dq: v128, Dr: v128;
    if (i64x2.all_true(safe)) {
      G = expNormal(xG);
      Dq = expNormal(f64x2.neg(qT));
      Dr = expNormal(f64x2.neg(rT));
    } else {
      G = expf64(xG);
      Dq = expf64(f64x2.neg(qT));
      Dr = expf64(f64x2.neg(rT));
    }
    v128.store(s, G, O_G);
    v128.store(s, Dq, O_DQ);
    v128.store(s, Dr, O_DR);
    const g = div(mul(G, gk(G_INV_SQRT2PI)), mul(v128.load(s, O_S), v128.load(s, O_SST)));
    if (i + 1 < m) v128.store(dst + (<usize>i << 3), g);
    else v128.store64_lane(dst + (<usize>i << 3), g, 0);
  }
}

/** Dq = e^{-qT} and Dr = e^{-rT} in one loop. */
function stageDqDr(m: i32, sb: usize): void {
  for (let i = 0; i < m; i += 2) {
    const s = sb + (<usize>i << 3);
    const T = v128.load(s, O_T);
    v128.store(s, expf64(f64x2.neg(mul(v128.load(s, O_Q), T))), O_DQ);
    v128.store(s, expf64(f64x2.neg(mul(v128.load(s, O_R), T))), O_DR);
  }
}

/** N1 = Dq N(w d1). */
function stageN1(m: i32, sb: usize): void {
  for (let i = 0; i < m; i += 2) {
    const s = sb + (<usize>i << 3);
    v128.store(s, cdfScaled(mul(v128.load(s, O_W), v128.load(s, O_D1)), v128.load(s, O_DQ), v128.load(s, O_G)), O_N1);
  }
}

/** N2 = Dr N(w d2), with Dr e^{-d2^2/2} = (S/K) G. */
function stageN2(m: i32, sb: usize): void {
  for (let i = 0; i < m; i += 2) {
    const s = sb + (<usize>i << 3);
    const d2 = sub(v128.load(s, O_D1), v128.load(s, O_SST));
    v128.store(s, cdfScaled(mul(v128.load(s, O_W), d2), v128.load(s, O_DR), mul(v128.load(s, O_SK), v128.load(s, O_G))), O_N2);
  }
}

/** N1 as stageN1, with delta (dDelta) in the same loop: blocks without invalid or limit rows. */
function stageN1Out(m: i32, sb: usize, dDelta: usize): void {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const s = sb + (<usize>i << 3);
    const W = v128.load(s, O_W);
    const n1 = cdfScaled(mul(W, v128.load(s, O_D1)), v128.load(s, O_DQ), v128.load(s, O_G));
    v128.store(s, n1, O_N1);
    v128.store(dDelta + (<usize>i << 3), mul(W, n1));
  }
  if (i < m) {
    const s = sb + (<usize>i << 3);
    const W = v128.load(s, O_W);
    const n1 = cdfScaled(mul(W, v128.load(s, O_D1)), v128.load(s, O_DQ), v128.load(s, O_G));
    v128.store(s, n1, O_N1);
    v128.store64_lane(dDelta + (<usize>i << 3), mul(W, n1), 0);
  }
}

/** N2 as stageN2, with price (dPrice, needs N1) and rho (dRho) in the same loop when requested (0 = skip): blocks
 *  without invalid or limit rows. */
function stageN2Out(m: i32, sb: usize, dPrice: usize, dRho: usize): void {
  let i = 0;
  for (; i < m; i += 2) {
    const s = sb + (<usize>i << 3);
    const W = v128.load(s, O_W);
    const d2 = sub(v128.load(s, O_D1), v128.load(s, O_SST));
    const n2 = cdfScaled(mul(W, d2), v128.load(s, O_DR), mul(v128.load(s, O_SK), v128.load(s, O_G)));
    v128.store(s, n2, O_N2);
    const K = v128.load(s, O_K);
    const price = mul(W, sub(mul(v128.load(s, O_S), v128.load(s, O_N1)), mul(K, n2)));
    const rho = mul(mul(K, v128.load(s, O_T)), mul(W, n2));
    const o = <usize>i << 3;
    if (i + 1 < m) {
      if (dPrice) v128.store(dPrice + o, price);
      if (dRho) v128.store(dRho + o, rho);
    } else {
      if (dPrice) v128.store64_lane(dPrice + o, price, 0);
      if (dRho) v128.store64_lane(dRho + o, rho, 0);
    }
  }
}

/** Limit rows (T = 0 or sigma = 0): the deterministic forward w (S Dq - K Dr) and its signed step. */
function stageLimit(m: i32, sb: usize): void {
  for (let i = 0; i < m; i += 2) {
    const s = sb + (<usize>i << 3);
    const W = v128.load(s, O_W);
    const ls = mul(W, sub(mul(v128.load(s, O_S), v128.load(s, O_DQ)), mul(v128.load(s, O_K), v128.load(s, O_DR))));
    const sd = v128.bitselect(W, v128.and(mul(gk(G_HALF), W), f64x2.eq(ls, sp(0.0))), f64x2.gt(ls, sp(0.0)));
    v128.store(s, ls, O_LS);
    v128.store(s, sd, O_SD);
  }
}

// Per-greek output loops: the formula, then, in blocks with invalid or limit rows, pick() substitutes limit values
// and NaN rows.

// @ts-ignore: decorator
@inline function priceAt(s: usize, special: bool): v128 {
  const g = mul(v128.load(s, O_W), sub(mul(v128.load(s, O_S), v128.load(s, O_N1)), mul(v128.load(s, O_K), v128.load(s, O_N2))));
  return special ? pick(s, g, f64x2.pmax(sp(0.0), v128.load(s, O_LS))) : g;
}

function outPrice(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), priceAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), priceAt(sb + (<usize>i << 3), special), 0);
}

// @ts-ignore: decorator
@inline function deltaAt(s: usize, special: bool): v128 {
  const g = mul(v128.load(s, O_W), v128.load(s, O_N1));
  return special ? pick(s, g, mul(v128.load(s, O_DQ), v128.load(s, O_SD))) : g;
}

function outDelta(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), deltaAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), deltaAt(sb + (<usize>i << 3), special), 0);
}

// @ts-ignore: decorator
@inline function gammaAt(s: usize, special: bool): v128 {
  const g0 = mul(v128.load(s, O_G), gk(G_INV_SQRT2PI));
  const g = div(g0, mul(v128.load(s, O_S), v128.load(s, O_SST)));
  return special ? pick0(s, g) : g;
}

function outGamma(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), gammaAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), gammaAt(sb + (<usize>i << 3), special), 0);
}

// @ts-ignore: decorator
@inline function vegaAt(s: usize, special: bool): v128 {
  const g0 = mul(v128.load(s, O_G), gk(G_INV_SQRT2PI));
  const g = mul(mul(v128.load(s, O_S), g0), v128.load(s, O_SQT));
  return special ? pick0(s, g) : g;
}

function outVega(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), vegaAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), vegaAt(sb + (<usize>i << 3), special), 0);
}

// @ts-ignore: decorator
@inline function thetaAt(s: usize, special: bool): v128 {
  const S = v128.load(s, O_S);
  const K = v128.load(s, O_K);
  const Q = v128.load(s, O_Q);
  const R = v128.load(s, O_R);
  const g0 = mul(v128.load(s, O_G), gk(G_INV_SQRT2PI));
  const tv = f64x2.neg(div(mul(mul(S, g0), v128.load(s, O_V)), mul(gk(G_TWO), v128.load(s, O_SQT))));
  const g = add(tv, mul(v128.load(s, O_W), sub(mul(mul(Q, S), v128.load(s, O_N1)), mul(mul(R, K), v128.load(s, O_N2)))));
  if (!special) return g;
  const fwd = pz(mul(sub(mul(mul(Q, S), v128.load(s, O_DQ)), mul(mul(R, K), v128.load(s, O_DR))), v128.load(s, O_SD)));
  return pick(s, g, v128.andnot(fwd, v128.load(s, O_TZ)));
}

function outTheta(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), thetaAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), thetaAt(sb + (<usize>i << 3), special), 0);
}

/** Vega and theta in one loop (they share S e^{-qT} n(d1)): blocks without invalid or limit rows. */
function outVegaTheta(m: i32, dVega: usize, dTheta: usize, sb: usize): void {
  for (let i = 0; i < m; i += 2) {
    const s = sb + (<usize>i << 3);
    const S = v128.load(s, O_S);
    const Sg0 = mul(S, mul(v128.load(s, O_G), gk(G_INV_SQRT2PI)));
    const SQT = v128.load(s, O_SQT);
    const vega = mul(Sg0, SQT);
    const tv = f64x2.neg(div(mul(Sg0, v128.load(s, O_V)), mul(gk(G_TWO), SQT)));
    const theta = add(tv, mul(v128.load(s, O_W), sub(mul(mul(v128.load(s, O_Q), S), v128.load(s, O_N1)),
      mul(mul(v128.load(s, O_R), v128.load(s, O_K)), v128.load(s, O_N2)))));
    const o = <usize>i << 3;
    if (i + 1 < m) {
      v128.store(dVega + o, vega);
      v128.store(dTheta + o, theta);
    } else {
      v128.store64_lane(dVega + o, vega, 0);
      v128.store64_lane(dTheta + o, theta, 0);
    }
  }
}

// @ts-ignore: decorator
@inline function rhoAt(s: usize, special: bool): v128 {
  const KT = mul(v128.load(s, O_K), v128.load(s, O_T));
  const g = mul(KT, mul(v128.load(s, O_W), v128.load(s, O_N2)));
  return special ? pick(s, g, pz(mul(KT, mul(v128.load(s, O_DR), v128.load(s, O_SD))))) : g;
}

function outRho(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), rhoAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), rhoAt(sb + (<usize>i << 3), special), 0);
}

// @ts-ignore: decorator
@inline function epsilonAt(s: usize, special: bool): v128 {
  const ST = mul(v128.load(s, O_S), v128.load(s, O_T));
  const g = f64x2.neg(mul(ST, mul(v128.load(s, O_W), v128.load(s, O_N1))));
  return special ? pick(s, g, pz(f64x2.neg(mul(ST, mul(v128.load(s, O_DQ), v128.load(s, O_SD)))))) : g;
}

function outEpsilon(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), epsilonAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), epsilonAt(sb + (<usize>i << 3), special), 0);
}

// @ts-ignore: decorator
@inline function vannaAt(s: usize, special: bool): v128 {
  const g0 = mul(v128.load(s, O_G), gk(G_INV_SQRT2PI));
  const d2 = sub(v128.load(s, O_D1), v128.load(s, O_SST));
  const g = f64x2.neg(div(mul(g0, d2), v128.load(s, O_V)));
  return special ? pick0(s, g) : g;
}

function outVanna(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), vannaAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), vannaAt(sb + (<usize>i << 3), special), 0);
}

/** dd1/dT = (r - q)/(sigma sqrt T) - d2/(2T), shared by charm, veta and color. */
// @ts-ignore: decorator
@inline function dd1dT(s: usize, d2: v128): v128 {
  return sub(div(sub(v128.load(s, O_R), v128.load(s, O_Q)), v128.load(s, O_SST)), div(d2, mul(gk(G_TWO), v128.load(s, O_T))));
}

// @ts-ignore: decorator
@inline function charmAt(s: usize, special: bool): v128 {
  const Q = v128.load(s, O_Q);
  const g0 = mul(v128.load(s, O_G), gk(G_INV_SQRT2PI));
  const d2 = sub(v128.load(s, O_D1), v128.load(s, O_SST));
  const g = sub(mul(Q, mul(v128.load(s, O_W), v128.load(s, O_N1))), mul(g0, dd1dT(s, d2)));
  return special ? pick(s, g, v128.andnot(pz(mul(Q, mul(v128.load(s, O_DQ), v128.load(s, O_SD)))), v128.load(s, O_TZ))) : g;
}

function outCharm(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), charmAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), charmAt(sb + (<usize>i << 3), special), 0);
}

/** vega = S e^{-qT} n(d1) sqrt(T). */
// @ts-ignore: decorator
@inline function vegaOf(s: usize): v128 {
  return mul(mul(v128.load(s, O_S), mul(v128.load(s, O_G), gk(G_INV_SQRT2PI))), v128.load(s, O_SQT));
}

/** gamma = e^{-qT} n(d1) / (S sigma sqrt(T)). */
// @ts-ignore: decorator
@inline function gammaOf(s: usize): v128 {
  return div(mul(v128.load(s, O_G), gk(G_INV_SQRT2PI)), mul(v128.load(s, O_S), v128.load(s, O_SST)));
}

// @ts-ignore: decorator
@inline function vommaAt(s: usize, special: bool): v128 {
  const d1 = v128.load(s, O_D1);
  const d2 = sub(d1, v128.load(s, O_SST));
  const g = div(mul(mul(vegaOf(s), d1), d2), v128.load(s, O_V));
  return special ? pick0(s, g) : g;
}

function outVomma(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), vommaAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), vommaAt(sb + (<usize>i << 3), special), 0);
}

// @ts-ignore: decorator
@inline function vetaAt(s: usize, special: bool): v128 {
  const d1 = v128.load(s, O_D1);
  const d2 = sub(d1, v128.load(s, O_SST));
  const f = sub(add(v128.load(s, O_Q), mul(d1, dd1dT(s, d2))), div(gk(G_ONE), mul(gk(G_TWO), v128.load(s, O_T))));
  const g = mul(vegaOf(s), f);
  return special ? pick0(s, g) : g;
}

function outVeta(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), vetaAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), vetaAt(sb + (<usize>i << 3), special), 0);
}

// @ts-ignore: decorator
@inline function speedAt(s: usize, special: bool): v128 {
  const f = add(gk(G_ONE), div(v128.load(s, O_D1), v128.load(s, O_SST)));
  const g = f64x2.neg(div(mul(gammaOf(s), f), v128.load(s, O_S)));
  return special ? pick0(s, g) : g;
}

function outSpeed(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), speedAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), speedAt(sb + (<usize>i << 3), special), 0);
}

// @ts-ignore: decorator
@inline function zommaAt(s: usize, special: bool): v128 {
  const d1 = v128.load(s, O_D1);
  const d2 = sub(d1, v128.load(s, O_SST));
  const g = div(mul(gammaOf(s), sub(mul(d1, d2), gk(G_ONE))), v128.load(s, O_V));
  return special ? pick0(s, g) : g;
}

function outZomma(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), zommaAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), zommaAt(sb + (<usize>i << 3), special), 0);
}

// @ts-ignore: decorator
@inline function colorAt(s: usize, special: bool): v128 {
  const d1 = v128.load(s, O_D1);
  const d2 = sub(d1, v128.load(s, O_SST));
  const f = add(add(v128.load(s, O_Q), div(gk(G_ONE), mul(gk(G_TWO), v128.load(s, O_T)))), mul(d1, dd1dT(s, d2)));
  const g = mul(gammaOf(s), f);
  return special ? pick0(s, g) : g;
}

function outColor(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), colorAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), colorAt(sb + (<usize>i << 3), special), 0);
}

// @ts-ignore: decorator
@inline function ultimaAt(s: usize, special: bool): v128 {
  const V = v128.load(s, O_V);
  const d1 = v128.load(s, O_D1);
  const d2 = sub(d1, v128.load(s, O_SST));
  const x = mul(d1, d2);
  const f = add(add(mul(x, sub(gk(G_ONE), x)), mul(d1, d1)), mul(d2, d2));
  const g = f64x2.neg(mul(div(vegaOf(s), mul(V, V)), f));
  return special ? pick0(s, g) : g;
}

function outUltima(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), ultimaAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), ultimaAt(sb + (<usize>i << 3), special), 0);
}

// @ts-ignore: decorator
@inline function dualDeltaAt(s: usize, special: bool): v128 {
  const g = f64x2.neg(mul(v128.load(s, O_W), v128.load(s, O_N2)));
  return special ? pick(s, g, pz(f64x2.neg(mul(v128.load(s, O_DR), v128.load(s, O_SD))))) : g;
}

function outDualDelta(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), dualDeltaAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), dualDeltaAt(sb + (<usize>i << 3), special), 0);
}

// @ts-ignore: decorator
@inline function dualGammaAt(s: usize, special: bool): v128 {
  const g0 = mul(v128.load(s, O_G), gk(G_INV_SQRT2PI));
  const g = div(mul(v128.load(s, O_SK), g0), mul(v128.load(s, O_K), v128.load(s, O_SST)));
  return special ? pick0(s, g) : g;
}

function outDualGamma(m: i32, dst: usize, sb: usize, special: bool): void {
  let i = 0;
  for (; i + 1 < m; i += 2) v128.store(dst + (<usize>i << 3), dualGammaAt(sb + (<usize>i << 3), special));
  if (i < m) v128.store64_lane(dst + (<usize>i << 3), dualGammaAt(sb + (<usize>i << 3), special), 0);
}

/** Discount factors of one expiry row of a grid, hoisted: every lane gets the same Dq and Dr. */
function fillDiscount(m: i32, sb: usize, Dq: v128, Dr: v128): void {
  for (let i = 0; i < m; i += 2) {
    const s = sb + (<usize>i << 3);
    v128.store(s, Dq, O_DQ);
    v128.store(s, Dr, O_DR);
  }
}

/**
 * Everything after d1 for one block: G, discount factors (per lane, or the hoisted Dq, Dr of a grid row), limits,
 * the CDFs, and each requested output at byte offset o of its array (pOut: 17 u32 addresses, 0 = skip). special:
 * the block has an invalid or limit row.
 */
function finish(m: i32, o: usize, sb: usize, pOut: usize, special: bool, hoisted: bool, Dq: v128, Dr: v128): void {
  const oPrice = <usize>load<u32>(pOut, 0);
  const oDelta = <usize>load<u32>(pOut, 4);
  const oGamma = <usize>load<u32>(pOut, 8);
  const oVega = <usize>load<u32>(pOut, 12);
  const oTheta = <usize>load<u32>(pOut, 16);
  const oRho = <usize>load<u32>(pOut, 20);
  const oEpsilon = <usize>load<u32>(pOut, 24);
  const oVanna = <usize>load<u32>(pOut, 28);
  const oCharm = <usize>load<u32>(pOut, 32);
  const oVomma = <usize>load<u32>(pOut, 36);
  const oVeta = <usize>load<u32>(pOut, 40);
  const oSpeed = <usize>load<u32>(pOut, 44);
  const oZomma = <usize>load<u32>(pOut, 48);
  const oColor = <usize>load<u32>(pOut, 52);
  const oUltima = <usize>load<u32>(pOut, 56);
  const oDualDelta = <usize>load<u32>(pOut, 60);
  const oDualGamma = <usize>load<u32>(pOut, 64);
  const needN1 = oPrice != 0 || oDelta != 0 || oTheta != 0 || oEpsilon != 0 || oCharm != 0;
  const needN2 = oPrice != 0 || oTheta != 0 || oRho != 0 || oDualDelta != 0;
  const needLimit = needN1 || needN2;
  const needG = needLimit || oGamma != 0 || oVega != 0 || oVanna != 0 || oVomma != 0 || oVeta != 0 ||
    oSpeed != 0 || oZomma != 0 || oColor != 0 || oUltima != 0 || oDualGamma != 0;
  const gammaWithG = oGamma != 0 && !special; // gamma in the G loop: one pass less
  const all3 = gammaWithG && needLimit && !hoisted; // G, gamma, Dq and Dr in one pass
  if (all3) stageGGammaDqDr(m, oGamma + o, sb);
  else if (gammaWithG) stageGGamma(m, oGamma + o, sb);
  else if (needG) stageG(m, sb);
  if (needLimit) {
    if (hoisted) {
      fillDiscount(m, sb, Dq, Dr);
    } else if (!all3) {
      stageDqDr(m, sb);
    }
    if (special) stageLimit(m, sb);
  }
  // Without invalid or limit rows, delta is written in the N1 loop and price and rho in the N2 loop (fewer passes).
  const fuse = !special;
  if (fuse && oDelta) stageN1Out(m, sb, oDelta + o);
  else if (needN1) stageN1(m, sb);
  if (fuse && (oPrice || oRho)) stageN2Out(m, sb, oPrice ? oPrice + o : 0, oRho ? oRho + o : 0);
  else if (needN2) stageN2(m, sb);
  if (oPrice && !fuse) outPrice(m, oPrice + o, sb, special);
  if (oDelta && !fuse) outDelta(m, oDelta + o, sb, special);
  if (oGamma && !gammaWithG) outGamma(m, oGamma + o, sb, special);
  const vegaTheta = fuse && oVega != 0 && oTheta != 0; // one pass for both
  if (vegaTheta) outVegaTheta(m, oVega + o, oTheta + o, sb);
  if (oVega && !vegaTheta) outVega(m, oVega + o, sb, special);
  if (oTheta && !vegaTheta) outTheta(m, oTheta + o, sb, special);
  if (oRho && !fuse) outRho(m, oRho + o, sb, special);
  if (oEpsilon) outEpsilon(m, oEpsilon + o, sb, special);
  if (oVanna) outVanna(m, oVanna + o, sb, special);
  if (oCharm) outCharm(m, oCharm + o, sb, special);
  if (oVomma) outVomma(m, oVomma + o, sb, special);
  if (oVeta) outVeta(m, oVeta + o, sb, special);
  if (oSpeed) outSpeed(m, oSpeed + o, sb, special);
  if (oZomma) outZomma(m, oZomma + o, sb, special);
  if (oColor) outColor(m, oColor + o, sb, special);
  if (oUltima) outUltima(m, oUltima + o, sb, special);
  if (oDualDelta) outDualDelta(m, oDualDelta + o, sb, special);
  if (oDualGamma) outDualGamma(m, oDualGamma + o, sb, special);
}

/**
 * Any subset of the 17 greeks (GREEKS order) for n options; pOut holds 17 u32 output addresses, 0 = skip.
 * Inputs are n f64 each (type +1 call, -1 put); invalid rows give NaN, T = 0 and sigma = 0 their limits.
 */
export function greeks(n: i32, pType: usize, pS: usize, pK: usize, pT: usize, pVol: usize, pR: usize, pQ: usize, pOut: usize, pScratch: usize): void {
  const sb = pScratch;
  const none = sp(0.0);
  for (let b = 0; b < n; b += BLOCK) {
    const m = min(BLOCK, n - b);
    const o = <usize>b << 3;
    const special = stageIn(m, pType + o, pS + o, pK + o, pT + o, pVol + o, pR + o, pQ + o, sb);
    finish(m, o, sb, pOut, special, false, none, none);
  }
}

// Grid entry: one spot, nK strikes x nT expiries (a chain's surface). log(S/K) is computed once per strike and
// sqrt(T), e^{-qT}, e^{-rT} once per expiry; every value equals what greeks() gives for the same option, bit for bit.

/** Grid stage 1 for one pair of strikes: type, strike, the spot, S/K and log(S/K) (kept for every expiry row). */
// @ts-ignore: decorator
@inline function gridStrikesPair(s: usize, S: v128, W: v128, K: v128): void {
  v128.store(s, W, O_W);
  v128.store(s, S, O_S);
  v128.store(s, K, O_K);
  const SK = div(S, K);
  v128.store(s, SK, O_SK);
  v128.store(s, logf64(SK), O_LSK);
}

/** Grid stage 1, once per block of strikes. */
function gridStrikes(m: i32, spot: f64, pW: usize, pK: usize, sb: usize): void {
  const S = sp(spot);
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const o = <usize>i << 3;
    gridStrikesPair(sb + o, S, v128.load(pW + o), v128.load(pK + o));
  }
  if (i < m) {
    const o = <usize>i << 3;
    gridStrikesPair(sb + o, S, v128.load64_splat(pW + o), v128.load64_splat(pK + o));
  }
}

/** Grid stage 2 for one pair: the expiry row's T, r, q and the vols; then exactly stageIn. */
// @ts-ignore: decorator
@inline function gridRowPair(s: usize, T: v128, R: v128, Q: v128, sqT: v128, V: v128): void {
  v128.store(s, T, O_T);
  v128.store(s, V, O_V);
  v128.store(s, R, O_R);
  v128.store(s, Q, O_Q);
  const S = v128.load(s, O_S);
  const K = v128.load(s, O_K);
  const W = v128.load(s, O_W);
  const zero = sp(0.0);
  const fin = add(add(add(mul(S, zero), mul(K, zero)), add(mul(T, zero), mul(V, zero))), add(mul(R, zero), mul(Q, zero)));
  let ok = v128.and(f64x2.gt(f64x2.pmin(S, K), zero), f64x2.ge(f64x2.pmin(T, V), zero));
  ok = v128.and(ok, v128.and(f64x2.eq(fin, zero), f64x2.eq(mul(W, W), gk(G_ONE))));
  v128.store(s, v128.not(ok), O_INV);
  const sst = mul(V, sqT);
  const tz = f64x2.lt(T, gk(G_DBL_MIN));
  const deg = v128.or(tz, v128.or(f64x2.lt(V, gk(G_DBL_MIN)), f64x2.lt(sst, gk(G_DBL_MIN))));
  const b = add(sub(R, Q), mul(mul(gk(G_HALF), V), V));
  let d1 = div(add(v128.load(s, O_LSK), mul(b, T)), sst);
  d1 = f64x2.pmax(f64x2.pmin(d1, gk(G_D1_MAX)), gk(G_NEG_D1_MAX));
  v128.store(s, tz, O_TZ);
  v128.store(s, deg, O_DEG);
  v128.store(s, sqT, O_SQT);
  v128.store(s, sst, O_SST);
  v128.store(s, d1, O_D1);
}

/** Grid stage 2, once per expiry row of a block of strikes (vols at pV). */
function gridRow(m: i32, T: v128, R: v128, Q: v128, sqT: v128, pV: usize, sb: usize): void {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const o = <usize>i << 3;
    gridRowPair(sb + o, T, R, Q, sqT, v128.load(pV + o));
  }
  if (i < m) {
    const o = <usize>i << 3;
    gridRowPair(sb + o, T, R, Q, sqT, v128.load64_splat(pV + o));
  }
}

/**
 * The greeks of a surface: one spot, nK strikes (pType, pK: nK f64 each), nT expiries (pT, pR, pQ: nT f64 each),
 * vols pVol[t * nK + k]; outputs (pOut as in greeks) are nT x nK, row t = expiry t. Same values as greeks().
 */
export function greeksGrid(nK: i32, nT: i32, spot: f64, pType: usize, pK: usize, pT: usize, pR: usize, pQ: usize, pVol: usize, pOut: usize, pScratch: usize): void {
  const sb = pScratch;
  for (let kb = 0; kb < nK; kb += BLOCK) {
    const m = min(BLOCK, nK - kb);
    const ko = <usize>kb << 3;
    gridStrikes(m, spot, pType + ko, pK + ko, sb);
    for (let t = 0; t < nT; t++) {
      const T = sp(load<f64>(pT + (<usize>t << 3)));
      const R = sp(load<f64>(pR + (<usize>t << 3)));
      const Q = sp(load<f64>(pQ + (<usize>t << 3)));
      const o = (<usize>t * <usize>nK + <usize>kb) << 3;
      gridRow(m, T, R, Q, f64x2.sqrt(T), pVol + o, sb);
      finish(m, o, sb, pOut, anySpecial(m, sb), true, expf64(f64x2.neg(mul(Q, T))), expf64(f64x2.neg(mul(R, T))));
    }
  }
}
