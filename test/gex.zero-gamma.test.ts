// The gamma-profile kernel (wasm and TS twin) and the zero-gamma root finder.
import { describe, expect, it, beforeAll } from 'vitest';
import fc from 'fast-check';
import { createEngine } from '../src/index.js';
import { GexProfile, findZeroGamma } from '../src/gex/zero-gamma.js';
import { expNeg } from '../src/kernel/profile.js';
import { readLongCsv } from '../src/chain/long-csv.js';
import { analyzeChain, type GexEngine } from '../src/gex/analyze.js';
import { refGamma } from './gex.reference.js';
import type { Engine } from '../src/engine/engine.js';

// Dollar amounts below this are the exp underflow region (the kernel stops at e^-708), not a discrepancy.
const FLOOR = 1e-280;
let wasm: Engine, js: Engine, engine: GexEngine;
beforeAll(async () => {
  wasm = await createEngine({ backend: 'wasm' });
  js = await createEngine({ backend: 'js' });
  engine = wasm;
});

// Profile of contracts written out here: sum weight * gamma(S) * S^2 * 1% (weight = signed OI x multiplier).
interface Row { K: number; T: number; v: number; w: number }
const refG = (rows: Row[], S: number, r: number, q: number) =>
  rows.reduce((a, c) => a + c.w * refGamma({ type: 1, S, K: c.K, T: c.T, v: c.v, r, q }) * S * S * 0.01, 0);

const rowArb = fc.record({
  K: fc.double({ min: 50, max: 200, noNaN: true }),
  T: fc.double({ min: 1 / 8760, max: 3, noNaN: true }),
  v: fc.double({ min: 0.02, max: 3, noNaN: true }),
  // Signed OI x multiplier: at least one share either way (tiny weights only test subnormal arithmetic).
  w: fc.tuple(fc.constantFrom(1, -1), fc.double({ min: 1, max: 1e6, noNaN: true })).map(([s, x]) => s * x),
});

describe('gamma-profile kernel', () => {
  // Three ulps of 1 (6.7e-16) relative: degree-12 Taylor truncation < 2e-16, the rounding of about twenty
  // operations, and Math.exp's own error (<= 1 ulp, notes/wasm.md section 3).
  it('exp for x <= 0 agrees with Math.exp to 3 ulp relative', () => {
    fc.assert(fc.property(fc.double({ min: -708, max: 0, noNaN: true }), (x) => {
      expect(Math.abs(expNeg(x) - Math.exp(x))).toBeLessThanOrEqual(3 * 2 ** -52 * Math.exp(x));
    }), { seed: 7, numRuns: 20000 });
    expect(expNeg(-709)).toBe(0);
    expect(expNeg(0)).toBe(1);
  });

  // Tolerance per contract term: 1e-13 relative, plus the conditioning of exp(-d1^2/2) when d1 is assembled as
  // a + b ln(S/c): an absolute error of a few eps * (|a| + b |ln(S/c)| + |d1|) in d1 gives |d1| times that
  // relative error in the term (8 eps covers both sides' roundings).
  const EPS = 2 ** -52;
  const C = 100; // centre of the log coordinates
  const termTol = (c: Row, S: number, r: number, q: number, term: number) => {
    const b = 1 / (c.v * Math.sqrt(c.T));
    const a = (-Math.log(c.K / C) + (r - q + 0.5 * c.v * c.v) * c.T) * b;
    const d = a + b * Math.log(S / C);
    return Math.abs(term) * (1e-13 + 8 * EPS * Math.abs(d) * (Math.abs(a) + b * Math.abs(Math.log(S / C)) + Math.abs(d)));
  };
  it('split parts carry the same kernel constants as profiles built from their rows (identical bits), and sum to the whole', () => {
    fc.assert(fc.property(fc.array(rowArb, { minLength: 1, maxLength: 23 }), fc.double({ min: 5, max: 60, noNaN: true }), (rows, maxB) => {
      const arr = (sel: Row[], f: (x: Row) => number) => Float64Array.from(sel, f);
      const of = (sel: Row[]) => GexProfile.of(wasm.raw, arr(sel, (x) => x.K), arr(sel, (x) => x.T), arr(sel, (x) => x.v), arr(sel, (x) => x.w), 0.03, 0.01, C);
      const whole = of(rows);
      const { wide, narrow } = whole.split(maxB);
      const wideRows = rows.filter((x) => 1 / (x.v * Math.sqrt(x.T)) <= maxB), narrowRows = rows.filter((x) => 1 / (x.v * Math.sqrt(x.T)) > maxB);
      const spots = [60, 95, 100, 130];
      for (const [part, sel] of [[wide, wideRows], [narrow, narrowRows]] as const) {
        expect(part.n).toBe(sel.length);
        const direct = of(sel);
        expect(Array.from(part.evaluate(spots, true).dg!)).toEqual(Array.from(direct.evaluate(spots, true).dg!));
        expect(Array.from(part.evaluate(spots).g)).toEqual(Array.from(direct.evaluate(spots).g));
        direct.free();
      }
      const gw = wide.evaluate(spots).g, gn = narrow.evaluate(spots).g, g = whole.evaluate(spots).g;
      // Sums of the same terms in two groupings: rounding only. Each term is at most |w| S b 0.01 / sqrt(2 pi) <= 19 |w| S
      // here (b = 1/(v sqrt T) <= 4680), and at most 23 terms round to 23 eps of their sum: under 1e-13 |w| S.
      const scale = rows.reduce((a, x) => a + Math.abs(x.w), 0);
      spots.forEach((S, j) => expect(Math.abs(gw[j] + gn[j] - g[j])).toBeLessThanOrEqual(1e-12 * scale * S));
      whole.free(); wide.free(); narrow.free();
    }), { seed: 3, numRuns: 60 });
  });
  it('wasm and the TS twin give identical bits; both match the closed form', () => {
    fc.assert(fc.property(fc.array(rowArb, { minLength: 0, maxLength: 37 }), fc.array(fc.double({ min: 40, max: 250, noNaN: true }), { minLength: 1, maxLength: 9 }),
      fc.double({ min: 0, max: 0.08, noNaN: true }), fc.double({ min: 0, max: 0.04, noNaN: true }), (rows, spots, r, q) => {
        const arr = (f: (x: Row) => number) => Float64Array.from(rows, f);
        const args = [arr((x) => x.K), arr((x) => x.T), arr((x) => x.v), arr((x) => x.w), r, q, C] as const;
        const pw = GexProfile.of(wasm.raw, ...args);
        const pj = GexProfile.of(js.raw, ...args);
        const a = pw.evaluate(spots, true), b = pj.evaluate(spots, true);
        pw.free(); pj.free();
        expect(Array.from(a.g)).toEqual(Array.from(b.g));
        expect(Array.from(a.dg!)).toEqual(Array.from(b.dg!));
        spots.forEach((S, j) => {
          const tol = rows.reduce((s, c) => s + termTol(c, S, r, q, c.w * refGamma({ type: 1, S, K: c.K, T: c.T, v: c.v, r, q }) * S * S * 0.01), 0);
          expect(Math.abs(a.g[j] - refG(rows, S, r, q))).toBeLessThanOrEqual(tol + FLOOR);
          // dG/dS = sum w 1% (2 S gamma + S^2 speed), speed = -gamma/S (1 + d1/(sigma sqrt T)) (Haug 2.2.x).
          let dg = 0, dtol = 0;
          for (const c of rows) {
            const o = { type: 1, S, K: c.K, T: c.T, v: c.v, r, q };
            const gm = refGamma(o), sd = c.v * Math.sqrt(c.T);
            const d1 = (Math.log(S / c.K) + (r - q + 0.5 * c.v * c.v) * c.T) / sd;
            const speed = (-gm / S) * (1 + d1 / sd);
            dg += c.w * 0.01 * (2 * S * gm + S * S * speed);
            dtol += termTol(c, S, r, q, c.w * 0.01 * (2 * S * gm + S * S * Math.abs(speed)));
          }
          expect(Math.abs(a.dg![j] - dg)).toBeLessThanOrEqual(dtol + FLOOR);
        });
      }), { seed: 11, numRuns: 150 });
  });
});

describe('zero gamma', () => {
  // A narrow 0DTE put dip (2 hours, 10% vol: 10 points wide on SPX) on a positive background of a longer call:
  // two roots a few points apart. Expected roots: an independent scan of the closed form (0.01-point steps)
  // refined by bisection to 1e-9 points.
  const S0 = 7000, r = 0.04, q = 0.01;
  const make = (putOi: number): Row[] => [
    { K: 7000, T: 2 / 8760, v: 0.10, w: -putOi * 100 },
    { K: 7000, T: 0.05, v: 0.15, w: 3000 * 100 },
  ];
  function referenceRoots(rows: Row[]): number[] {
    const out: number[] = [];
    const f = (s: number) => refG(rows, s, r, q);
    let x0 = S0 * 0.8, f0 = f(x0);
    for (let x1 = x0 + 0.01; x1 <= S0 * 1.2; x1 += 0.01) {
      const f1 = f(x1);
      if ((f0 < 0) !== (f1 < 0)) {
        let a = x0, b = x1, fa = f0;
        for (let it = 0; it < 60; it++) { const m = 0.5 * (a + b), fm = f(m); if ((fm < 0) === (fa < 0)) { a = m; fa = fm; } else b = m; }
        out.push(0.5 * (a + b));
      }
      x0 = x1; f0 = f1;
    }
    return out;
  }

  for (const putOi of [140, 145, 200]) {
    it(`finds both roots of a narrow dip (put OI ${putOi}) to 0.001 points`, () => {
      const rows = make(putOi);
      const expected = referenceRoots(rows);
      expect(expected.length).toBe(2);
      const p = GexProfile.of(wasm.raw, Float64Array.from(rows, (x) => x.K), Float64Array.from(rows, (x) => x.T),
        Float64Array.from(rows, (x) => x.v), Float64Array.from(rows, (x) => x.w), r, q, S0);
      const z = findZeroGamma(p, S0, 0.2);
      p.free();
      expect(z.roots.length).toBe(2);
      z.roots.forEach((x, k) => expect(Math.abs(x - expected[k])).toBeLessThan(1e-3));
      const nearest = expected.reduce((a, b) => (Math.abs(b - S0) < Math.abs(a - S0) ? b : a));
      expect(Math.abs(z.nearest! - nearest)).toBeLessThan(1e-3);
    });
  }

  it('analyzeChain reports the same roots through the chain path', () => {
    const text = '# spot: 7000\n# asOf: 2026-01-28T14:00:00-05:00\n# rate: 0.04\n# dividend: 0.01\n' +
      `T,type,strike,iv,openInterest\n${2 / 8760},put,7000,0.1,145\n0.05,call,7000,0.15,3000\n`;
    const rep = analyzeChain(engine, readLongCsv(text, { source: 'dip.csv' }));
    const expected = referenceRoots(make(145));
    expect(rep.zeroGammaRoots.length).toBe(2);
    rep.zeroGammaRoots.forEach((x, k) => expect(Math.abs(x - expected[k])).toBeLessThan(1e-3));
    expect(rep.profile.length).toBe(201);
    expect(rep.profile[0].spot).toBeCloseTo(5600, 9);
    expect(rep.profile[200].spot).toBe(8400);
  });

  it('the two-level ladder finds the same roots as the exact ladder (random SPX-like chains with 0DTE)', () => {
    let withRoots = 0;
    const contract = fc.record({
      K: fc.integer({ min: 1300, max: 1500 }).map((k) => k * 5),
      T: fc.oneof(fc.double({ min: 0.5 / 8760, max: 6 / 8760, noNaN: true }), fc.double({ min: 1 / 365, max: 1, noNaN: true })),
      v: fc.double({ min: 0.08, max: 0.6, noNaN: true }),
      w: fc.tuple(fc.constantFrom(1, -1), fc.integer({ min: 1, max: 5000 })).map(([s, x]) => s * x * 100),
    });
    fc.assert(fc.property(fc.array(contract, { minLength: 2, maxLength: 30 }), (rows) => {
      const p = GexProfile.of(wasm.raw, Float64Array.from(rows, (x) => x.K), Float64Array.from(rows, (x) => x.T),
        Float64Array.from(rows, (x) => x.v), Float64Array.from(rows, (x) => x.w), r, q, S0);
      const twoLevel = findZeroGamma(p, S0, 0.2);
      const exact = findZeroGamma(p, S0, 0.2, 1601, 1e-7 * S0, 1);
      p.free();
      expect(twoLevel.coarse).toBe(8);
      expect(twoLevel.roots.length).toBe(exact.roots.length);
      twoLevel.roots.forEach((x, k) => expect(Math.abs(x - exact.roots[k])).toBeLessThan(1e-3));
      if (exact.roots.length) withRoots++;
    }), { seed: 5, numRuns: 80 });
    expect(withRoots).toBeGreaterThan(10);
  });
});
