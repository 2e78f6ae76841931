// The IV solver's scalar exp and log (src/kernel/scalarmath.ts, twin of assembly/scalarmath.ts) are math.ts's
// algorithm: bit for bit the same values as math.ts's scalar expf64/logf64 (whose accuracy math.test.ts checks).
// The wasm side is checked through the solver: iv.property.test.ts compares wasm and TS vols bit for bit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expf64, logf64 } from '../src/kernel/math.js';
import { exp, log } from '../src/kernel/scalarmath.js';

const RUNS = { seed: 17, numRuns: 5000 };

describe('scalarmath exp', () => {
  it('equals math.ts expf64 bit for bit on [-1100, 800]', () => {
    fc.assert(fc.property(fc.double({ min: -1100, max: 800, noNaN: true }), (x) => {
      expect(Object.is(exp(x), expf64(x)), String(x)).toBe(true);
    }), RUNS);
  });
  it('special values as math.ts expf64', () => {
    for (const x of [0, -0, 709.78, 710, 1000, Infinity, -745.13, -746, -1000, -1e300, -Infinity, NaN]) {
      expect(Object.is(exp(x), expf64(x)), String(x)).toBe(true);
    }
  });
});

describe('scalarmath log', () => {
  it('equals math.ts logf64 bit for bit on positive doubles, subnormals included', () => {
    fc.assert(fc.property(fc.double({ min: 0, noNaN: true }), (x) => {
      expect(Object.is(log(x), logf64(x)), String(x)).toBe(true);
    }), RUNS);
  });
  it('special values as math.ts logf64', () => {
    for (const x of [0, -0, 5e-324, 2.2250738585072014e-308, 1, Infinity, -1, -Infinity, NaN]) {
      expect(Object.is(log(x), logf64(x)), String(x)).toBe(true);
    }
  });
});
