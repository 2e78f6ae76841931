// Scalar exp and log for the implied-volatility kernel (twin: assembly/scalarmath.ts): math.ts's algorithm (the
// table-driven exp and log of assembly/math.ts's lanes, same constants and operation order), so
// both solvers agree bit for bit. Written out here rather than re-exported from math.ts's scalar expf64/logf64
// only to scale by a table of powers of two instead of two `2 ** e` calls (same values, faster in V8).
import { EXP_C3, EXP_C4, EXP_C5, EXP_MAX, EXP_MIN, EXP_TAB, INV_LN2N, LN2N_HI, LN2N_LO, SHIFT } from './math.js';

// exp: x = (k/128) ln2 + r, |r| <= ln2/256 (ARM optimized-routines / musl exp reduction, Szabolcs Nagy 2018);
// constants from math.ts (scripts/gen-exp-table.py).
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

// log: the scalar logf64 of math.ts is already scalar in this twin (assembly/scalarmath.ts needs its own copy because
// assembly/math.ts works on f64x2 lanes): the same table-driven algorithm, so the IV solver stays bit-identical.
export { logf64 as log } from './math.js';
