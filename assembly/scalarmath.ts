// Scalar exp and log for the implied-volatility kernel (twin: src/kernel/scalarmath.ts): one lane of
// assembly/math.ts's expf64/logf64 (same constants, table, polynomials and operation order) instead of
// NativeMath, so the wasm solver and its TS twin agree bit for bit (test/scalarmath.test.ts checks the TS side
// against math.ts; iv.property.test.ts compares the two solvers' vols bit for bit).
import {
  DBL_MIN, EXP_C3, EXP_C4, EXP_C5, EXP_MAX, EXP_MIN, EXP_TAB, INV_LN2N, LN2_HI, LN2_LO, LN2N_HI, LN2N_LO, LOG_TAB, LP2, LP3,
  LP4, LP5, LP6, LP7, SHIFT, TWO64,
} from './math';

// exp: x = (k/128) ln2 + r, |r| <= ln2/256 (ARM optimized-routines / musl exp reduction, Szabolcs Nagy 2018);
// constants from math.ts (scripts/gen-exp-table.py).

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
// 128-cell LOG_TAB (ARM optimized-routines / musl log.c reduction), Taylor P through r^7, constants from math.ts.
const LOG_OFF: u64 = 0x3fe5f00000000000; // math.ts's LOG_ITAB start (0x3fe5f...): the cells start here

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
