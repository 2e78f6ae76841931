// Scalar exp and log for the implied-volatility kernel (twin: assembly/scalarmath.ts). Here they are
// src/kernel/math.ts's scalar expf64/logf64 (the one-lane twins of assembly/math.ts), which
// assembly/scalarmath.ts mirrors operation for operation, so both solvers agree bit for bit.
export { expf64 as exp, logf64 as log } from './math.js';
