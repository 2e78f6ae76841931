// Scalar exp and log for the implied-volatility kernel (twin: src/kernel/scalarmath.ts): one lane of
// assembly/math.ts's expf64/logf64 (same constants, table, polynomials and operation order) instead of
// NativeMath, so the wasm solver and its TS twin agree bit for bit (test/scalarmath.test.ts checks the TS side
// against math.ts; iv.property.test.ts compares the two solvers' vols bit for bit).
import { EXP_TAB } from './math';

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

// log: x = 2^e m with m in [sqrt(1/2), sqrt(2)) (fdlibm e_log.c reduction); log m = 2 atanh(t), t = (m-1)/(m+1),
// |t| <= 0.1716, Taylor series through t^19 (first omitted term below 2.3e-17 relative), as in assembly/math.ts.
const LN2_HI: f64 = 0.6931471803691238; // fdlibm ln2_hi (0x3fe62e42fee00000): e*LN2_HI is exact
const LN2_LO: f64 = 1.9082149292705877e-10; // fdlibm ln2_lo
const TWO64: f64 = 18446744073709551616.0; // subnormal inputs are scaled by 2^64 first
const DBL_MIN: f64 = 2.2250738585072014e-308;
const L3: f64 = 1.0 / 3.0, L5: f64 = 1.0 / 5.0, L7: f64 = 1.0 / 7.0, L9: f64 = 1.0 / 9.0, L11: f64 = 1.0 / 11.0,
  L13: f64 = 1.0 / 13.0, L15: f64 = 1.0 / 15.0, L17: f64 = 1.0 / 17.0, L19: f64 = 1.0 / 19.0;

/** Natural logarithm, within about 2 ulp; log(0) = -Infinity, log(Infinity) = Infinity, x < 0 or NaN gives NaN. */
export function log(x: f64): f64 {
  const small = x < DBL_MIN;
  const xs = small ? x * TWO64 : x;
  const bits = reinterpret<u64>(xs);
  const hx = <u32>(bits >> 32) + 0x95f62; // 0x3ff00000 - 0x3fe6a09e: moves m into [sqrt(1/2), sqrt(2))
  const ef = <f64>(<i32>(hx >>> 20) - 1023) - (small ? 64.0 : 0.0);
  const m = reinterpret<f64>((<u64>((hx & 0xfffff) + 0x3fe6a09e) << 32) | (bits & 0xffffffff));
  const t = (m - 1) / (m + 1);
  const s = t * t;
  const s2 = s * s;
  const s4 = s2 * s2;
  const p = ((L3 + s * L5) + s2 * (L7 + s * L9)) + s4 * (((L11 + s * L13) + s2 * (L15 + s * L17)) + s4 * L19);
  const t2 = t + t;
  const r = ef * LN2_HI + ((t2 * (s * p) + ef * LN2_LO) + t2);
  return x == 0 ? -Infinity : x == Infinity ? Infinity : x >= 0 ? r : NaN;
}
