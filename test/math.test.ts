// The kernel's exp, log and normal CDF (src/kernel/math.ts; the wasm lanes in assembly/math.ts are the same
// operations, checked bit for bit through the greeks in greeks.properties.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cdfScaled, EXP_SAFE, expf64, expNormal, logf64, normCdf } from '../src/kernel/math.js';

/** Distance in units in the last place of b (for finite b). */
function ulps(a: number, b: number): number {
  const u = Math.abs(b) < 2.2250738585072014e-308 ? 5e-324 : 2 ** (Math.floor(Math.log2(Math.abs(b))) - 52);
  return Math.abs(a - b) / u;
}

const RUNS = { seed: 11, numRuns: 2000 };

describe('expf64', () => {
  // Table reduction to |r| <= ln2/256 plus a degree-5 Taylor expm1: about 0.5 ulp of our own, and V8's
  // Math.exp (fdlibm) is within 1 ulp: 2 ulp between them is the bound. Measured max: 1.
  it('within 2 ulp of Math.exp on [-745, 709.7], including subnormal results', () => {
    fc.assert(fc.property(fc.double({ min: -745, max: 709.7, noNaN: true }), (x) => {
      expect(ulps(expf64(x), Math.exp(x))).toBeLessThanOrEqual(2);
    }), RUNS);
  });
  // expNormal drops the clamps and scales in one step: exact for normal results, so the same bits in its range.
  it('expNormal equals expf64 bit for bit on [-EXP_SAFE, EXP_SAFE]', () => {
    fc.assert(fc.property(fc.double({ min: -EXP_SAFE, max: EXP_SAFE, noNaN: true }), (x) => {
      expect(expNormal(x)).toBe(expf64(x));
    }), RUNS);
    for (const x of [-EXP_SAFE, EXP_SAFE, 0, -0, 1e-300, -706.9999, 706.9999]) expect(expNormal(x), String(x)).toBe(expf64(x));
  });
  it('special values as Math.exp', () => {
    for (const x of [0, -0, 1, -1, 709.78, 709.79, 710, 1000, Infinity, -745.13, -746, -1e300, -Infinity, NaN]) {
      expect(expf64(x), String(x)).toBe(Math.exp(x));
    }
  });
});

describe('logf64', () => {
  // Table reduction: r = (z - c)/c with one rounding and the final sum hi + lo, below 2^-59 |r| from the truncated
  // series (together under 2 ulp), 1 ulp in V8's Math.log: 3 ulp is the bound. Measured max: 1.
  it('within 3 ulp of Math.log over the whole positive range, subnormals included', () => {
    fc.assert(fc.property(fc.double({ min: 5e-324, max: 1.7976931348623157e308, noNaN: true }), (x) => {
      expect(ulps(logf64(x), Math.log(x))).toBeLessThanOrEqual(3);
    }), RUNS);
  });
  it('special values: log 1 = 0, log 0 = -Infinity, log Infinity = Infinity, negative or NaN gives NaN', () => {
    expect(logf64(1)).toBe(0);
    expect(logf64(0)).toBe(-Infinity);
    expect(logf64(Infinity)).toBe(Infinity);
    expect(logf64(-1)).toBeNaN();
    expect(logf64(NaN)).toBeNaN();
  });
});

describe('normCdf', () => {
  // mpmath 1.3.0 ncdf at 40 digits (python3 -c "from mpmath import mp, ncdf; mp.dps = 40; print(ncdf(-37))").
  const REF: Array<[number, number]> = [
    [-37, 5.725571222524576822683193e-300], [-30, 4.906713927148187059533809e-198],
    [-20, 2.753624118606233695075623e-89], [-10, 7.619853024160526065973343e-24],
    [-8, 6.220960574271784123515995e-16], [-5, 2.866515718791939116737523e-7],
    [-2, 0.02275013194817920720028264], [-1, 0.1586552539314570514147675],
    [-0.5, 0.3085375387259868963622954], [-0.1, 0.4601721627229710185345954], [0, 0.5],
    [0.3, 0.617911422188952637306529], [1, 0.8413447460685429485852325],
    [2.5, 0.9937903346742238648330219], [5, 0.9999997133484281208060883], [8, 0.9999999999999993779039426],
  ];
  // The CDF table (below |x| = 4 sqrt2; about 1 ulp as evaluated, scripts/gen-erfcx-cells.py) and Cody's region-3
  // rational (1e-18 relative) leave a few roundings (4 ulp) plus the rounding of
  // x^2/2 inside exp(-x^2/2), which changes the result by x^2/2 * 2^-53 relative (7.6e-14 at x = -37).
  it.each(REF)('N(%d) relative to 40-digit mpmath', (x, ref) => {
    const tol = 4 * 2 ** -53 + 0.5 * x * x * 2 ** -53;
    expect(Math.abs(normCdf(x) - ref) / ref).toBeLessThanOrEqual(tol);
  });
  // Either side of the table's seams: -erf cells to erfcx cells at |x| = 31/64 sqrt2 = 0.685, table to Cody's region 3
  // at |x| = 4 sqrt2 = 5.657. mpmath 1.3.0 ncdf at 40 digits of the double x (python3 -c "from mpmath import mp, mpf,
  // ncdf; mp.dps = 40; print(ncdf(mpf(-5.66)))"); same tolerance as above.
  const SEAMS: Array<[number, number]> = [
    [-5.66, 7.568649751997713714337718e-9], [-5.65, 8.022391850663497599123673e-9],
    [-0.69, 0.2450970936743094748923564], [-0.68, 0.2482522304535705134301919],
    [0.68, 0.7517477695464294865698081], [0.69, 0.7549029063256905251076436],
    [5.65, 0.9999999919776081493365024], [5.66, 0.9999999924313502480022863],
  ];
  it.each(SEAMS)('N(%d) at a seam of the table, relative to 40-digit mpmath', (x, ref) => {
    const tol = 4 * 2 ** -53 + 0.5 * x * x * 2 ** -53;
    expect(Math.abs(normCdf(x) - ref) / ref).toBeLessThanOrEqual(tol);
  });
  it('relative accuracy holds in the far tail: N(x) > 0 down to -37.5, no clamping at -8 or -10', () => {
    for (let x = -37.5; x < 0; x += 0.25) expect(normCdf(x), String(x)).toBeGreaterThan(0);
  });
  it('symmetry N(x) + N(-x) = 1 to 2 ulp of 1', () => {
    fc.assert(fc.property(fc.double({ min: -9, max: 9, noNaN: true }), (x) => {
      expect(Math.abs(normCdf(x) + normCdf(-x) - 1)).toBeLessThanOrEqual(2 * 2 ** -53);
    }), RUNS);
  });
  it('limits: N(-Infinity) = 0, N(Infinity) = 1, N(NaN) = NaN', () => {
    expect(normCdf(-Infinity)).toBe(0);
    expect(normCdf(Infinity)).toBe(1);
    expect(normCdf(NaN)).toBeNaN();
  });
  it('cdfScaled(x, D, D e^{-x^2/2}) = D N(x) to a few ulp', () => {
    fc.assert(fc.property(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), (x, D) => {
      const a = cdfScaled(x, D, D * expf64(-0.5 * x * x));
      expect(Math.abs(a - D * normCdf(x))).toBeLessThanOrEqual(8 * 2 ** -53 * D * normCdf(x));
    }), RUNS);
  });
});
