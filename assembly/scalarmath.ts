// Scalar exp and log for the implied-volatility kernel (twin: src/kernel/scalarmath.ts): one lane of
// assembly/math.ts's expf64/logf64 (same constants, table, polynomials and operation order) instead of
// NativeMath, so the wasm solver and its TS twin agree bit for bit (test/scalarmath.test.ts checks the TS side
// against math.ts; iv.property.test.ts compares the two solvers' vols bit for bit).
import { EXP_TAB, LOG_TAB } from './math';

// exp: x = (k/128) ln2 + r, |r| <= ln2/256 (ARM optimized-routines / musl exp reduction, Szabolcs Nagy 2018);
// constants as in assembly/math.ts (scripts/gen-exp-table.py).
const INV_LN2N: f64 = 184.6649652337873; // 128/ln2
const SHIFT: f64 = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer (round-to-nearest)
const LN2N_HI: f64 = 0.005415212348452769; // ln2/128, 29 significant bits (Cody-Waite: k*LN2N_HI is exact)
const LN2N_LO: f64 = -3.2819649005320973e-13; // ln2/128 - LN2N_HI
const EXP_C3: f64 = 1.0 / 6.0;
const EXP_C4: f64 = 1.0 / 24.0;
const EXP_C5: f64 = 1.0 / 120.0;
const EXP_MAX: f64 = 710; // exp(710) overflows: the two-step scaling below then gives +Infinity
const EXP_MIN: f64 = -1000; // exp(-1000) underflows to 0; clamping keeps 2^(e/2) a normal number

/** e^x with at most about 1 ulp error; NaN, +-Infinity, overflow and (gradual) underflow as Math.exp. */
// @ts-ignore: decorator
@inline export function exp(x: f64): f64 {
  x = EXP_MAX < x ? EXP_MAX : x; // f64x2.pmin: NaN stays NaN
  x = x < EXP_MIN ? EXP_MIN : x; // f64x2.pmax
  const kd = x * INV_LN2N + SHIFT;
  const kf = kd - SHIFT;
  const k = <i32>reinterpret<i64>(kd); // k in the low 32 bits of kd's bit pattern (|k| < 2^18)
  const r = x - kf * LN2N_HI - kf * LN2N_LO;
  const t = EXP_TAB + ((<usize>(k & 127)) << 4);
  const hi = load<f64>(t);
  const lo = load<f64>(t, 8);
  const r2 = r * r;
  const p = r + r2 * ((0.5 + r * EXP_C3) + r2 * (EXP_C4 + r * EXP_C5));
  const u = hi + (lo + hi * p);
  const e1 = k >> 8; // floor(k/256): the scale 2^(k>>7) split into two normal factors (SLEEF xexp)
  const e2 = (k >> 7) - e1;
  return u * reinterpret<f64>(<i64>(e1 + 1023) << 52) * reinterpret<f64>(<i64>(e2 + 1023) << 52);
}

// log: x = 2^k z, z in [0.6855, 1.371); log x = k ln2 + log c + log1p(r), r = (z - c)/c, |r| < 2^-8, c from math.ts's
// 128-cell LOG_TAB (ARM optimized-routines / musl log.c reduction), Taylor P through r^7, as in assembly/math.ts.
const LN2_HI: f64 = 0.6931471803691238; // fdlibm ln2_hi (0x3fe62e42fee00000, a multiple of 2^-32): k*LN2_HI + logc_hi is exact
const LN2_LO: f64 = 1.9082149292705877e-10; // fdlibm ln2_lo
const TWO64: f64 = 18446744073709551616.0; // subnormal inputs are scaled by 2^64 first
const DBL_MIN: f64 = 2.2250738585072014e-308;
const LP2: f64 = -1.0 / 2.0, LP3: f64 = 1.0 / 3.0, LP4: f64 = -1.0 / 4.0, LP5: f64 = 1.0 / 5.0, LP6: f64 = -1.0 / 6.0,
  LP7: f64 = 1.0 / 7.0;
const LOG_OFF: u64 = 0x3fe5f00000000000; // math.ts's LOG_OFF: the cells start here

/** Natural logarithm, within about 1 ulp; log(0) = -Infinity, log(Infinity) = Infinity, x < 0 or NaN gives NaN. */
export function log(x: f64): f64 {
  const small = x < DBL_MIN;
  const xs = small ? x * TWO64 : x;
  const ix = reinterpret<u64>(xs);
  const tmp = ix - LOG_OFF;
  const z = reinterpret<f64>(ix - (tmp & 0xfff0000000000000));
  const ef = <f64>(<i64>tmp >> 52) - (small ? 64.0 : 0.0); // k
  const t = LOG_TAB + (<usize>(tmp >> 40) & 0xfe0); // cell
  const r = (z - load<f64>(t, 8)) * load<f64>(t);
  const w = ef * LN2_HI + load<f64>(t, 16);
  const hi = w + r;
  const lo = (w - hi) + r; // hi + lo = w + r exactly
  const r2 = r * r;
  const r4 = r2 * r2;
  const p = ((LP2 + r * LP3) + r2 * (LP4 + r * LP5)) + r4 * (LP6 + r * LP7);
  const res = hi + ((lo + (ef * LN2_LO + load<f64>(t, 24))) + r2 * p);
  return x == 0 ? -Infinity : x == Infinity ? Infinity : x >= 0 ? res : NaN;
}
