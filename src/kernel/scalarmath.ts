// Scalar exp and log for the implied-volatility kernel (twin: assembly/scalarmath.ts): math.ts's algorithm (the
// table-driven exp and log of assembly/math.ts's lanes, same constants and operation order), so
// both solvers agree bit for bit. Written out here rather than re-exported from math.ts's scalar expf64/logf64
// only to scale by a table of powers of two instead of two `2 ** e` calls (same values, faster in V8).
import { EXP_TAB, LOG_TAB } from './math.js';

// exp: x = (k/128) ln2 + r, |r| <= ln2/256 (ARM optimized-routines / musl exp reduction, Szabolcs Nagy 2018);
// constants as in assembly/math.ts (scripts/gen-exp-table.py).
const INV_LN2N = 184.6649652337873; // 128/ln2
const SHIFT = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer (round-to-nearest)
const LN2N_HI = 0.005415212348452769; // ln2/128, 29 significant bits (Cody-Waite: k*LN2N_HI is exact)
const LN2N_LO = -3.2819649005320973e-13; // ln2/128 - LN2N_HI
const EXP_C3 = 1 / 6;
const EXP_C4 = 1 / 24;
const EXP_C5 = 1 / 120;
const EXP_MAX = 710; // exp(710) overflows: the two-step scaling below then gives +Infinity
const EXP_MIN = -1000; // exp(-1000) underflows to 0; clamping keeps 2^(e/2) a normal number
/** 2^e for e = POW2_MIN..512, the range of e1 and e2 below for x in [EXP_MIN, EXP_MAX] (all normal, exact). */
const POW2_MIN = -722;
const POW2 = new Float64Array(512 - POW2_MIN + 1).map((_, i) => 2 ** (i + POW2_MIN));

/** e^x with at most about 1 ulp error; NaN, +-Infinity, overflow and (gradual) underflow as Math.exp. */
export function exp(x: number): number {
  x = EXP_MAX < x ? EXP_MAX : x; // f64x2.pmin: NaN stays NaN
  x = x < EXP_MIN ? EXP_MIN : x; // f64x2.pmax
  const kd = x * INV_LN2N + SHIFT;
  const kf = kd - SHIFT;
  const k = kf | 0; // NaN gives 0 (the result is NaN anyway)
  const r = x - kf * LN2N_HI - kf * LN2N_LO;
  const i = (k & 127) << 1;
  const hi = EXP_TAB[i]!;
  const lo = EXP_TAB[i + 1]!;
  const r2 = r * r;
  const p = r + r2 * ((0.5 + r * EXP_C3) + r2 * (EXP_C4 + r * EXP_C5));
  const u = hi + (lo + hi * p);
  const e1 = k >> 8; // floor(k/256): the scale 2^(k>>7) split into two normal factors (SLEEF xexp)
  const e2 = (k >> 7) - e1;
  return u * POW2[e1 - POW2_MIN]! * POW2[e2 - POW2_MIN]!;
}

// log: x = 2^k z, z in [0.6855, 1.371); log x = k ln2 + log c + log1p(r), r = (z - c)/c, |r| < 2^-8, c from math.ts's
// 128-cell LOG_TAB (ARM optimized-routines / musl log.c reduction), Taylor P through r^7, as in assembly/math.ts.
const LN2_HI = 0.6931471803691238; // fdlibm ln2_hi (0x3fe62e42fee00000, a multiple of 2^-32): k*LN2_HI + logc_hi is exact
const LN2_LO = 1.9082149292705877e-10; // fdlibm ln2_lo
const TWO64 = 18446744073709551616; // subnormal inputs are scaled by 2^64 first
const DBL_MIN = 2.2250738585072014e-308;
const LP2 = -1 / 2, LP3 = 1 / 3, LP4 = -1 / 4, LP5 = 1 / 5, LP6 = -1 / 6, LP7 = 1 / 7;
const LOG_OFF_HI = 0x3fe5f000; // high word of math.ts's LOG_OFF: the cells start here
const LOG_F = new Float64Array(1);
const LOG_U = new Uint32Array(LOG_F.buffer); // little-endian: LOG_U[1] is the high word

/** Natural logarithm, within about 1 ulp; log(0) = -Infinity, log(Infinity) = Infinity, x < 0 or NaN gives NaN. */
export function log(x: number): number {
  const small = x < DBL_MIN;
  const xs = small ? x * TWO64 : x;
  LOG_F[0] = xs;
  const hx = LOG_U[1]!;
  const tmp = (hx - LOG_OFF_HI) | 0; // high word of bits(xs) - LOG_OFF
  LOG_U[1] = hx - (tmp & 0xfff00000); // z = xs / 2^k
  const z = LOG_F[0]!;
  const ef = (tmp >> 20) - (small ? 64 : 0); // k
  const i = ((tmp >>> 13) & 127) << 2; // cell
  const r = (z - LOG_TAB[i + 1]!) * LOG_TAB[i]!;
  const w = ef * LN2_HI + LOG_TAB[i + 2]!;
  const hi = w + r;
  const lo = (w - hi) + r; // hi + lo = w + r exactly
  const r2 = r * r;
  const r4 = r2 * r2;
  const p = ((LP2 + r * LP3) + r2 * (LP4 + r * LP5)) + r4 * (LP6 + r * LP7);
  const res = hi + ((lo + (ef * LN2_LO + LOG_TAB[i + 3]!)) + r2 * p);
  return x === 0 ? -Infinity : x === Infinity ? Infinity : x >= 0 ? res : NaN;
}
