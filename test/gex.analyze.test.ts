// analyzeChain on small hand-built chains: every figure against the formula written out here, plus properties.
import { describe, expect, it, beforeAll } from 'vitest';
import fc from 'fast-check';
import { readLongCsv } from '../src/chain/long-csv.js';
import { analyzeChain, type GexEngine } from '../src/gex/analyze.js';
import { createEngine } from '../src/index.js';
import { refGamma, refVanna, refCharm, refPrice, type Bsm } from './gex.reference.js';

// Relative tolerance for engine greeks against the closed forms here: the project's bar is 1e-12 relative
// (DESIGN.md section 2); sums of a few terms add a few ulps.
const REL = 1e-12;
const close = (x: number, y: number, scale = Math.abs(y)) => expect(Math.abs(x - y)).toBeLessThanOrEqual(REL * scale + 1e-300);

let engine: GexEngine;
beforeAll(async () => {
  engine = await createEngine({ backend: 'js' }); // the TS twin here; the wasm kernels in gex.zero-gamma/gex.cboe
});

const csv = (meta: string, rows: string[]) => `${meta}\n${rows.join('\n')}\n`;
const META = '# underlying: TEST\n# spot: 100\n# asOf: 2026-01-28T15:00:00-05:00\n# rate: 0.03\n# dividend: 0';

describe('one contract', () => {
  const text = csv(META, ['T,type,strike,iv,openInterest', '0.5,call,100,0.2,1000']);
  it('GEX, vanna and charm exposure per the definitions', () => {
    const r = analyzeChain(engine, readLongCsv(text, { source: 'one.csv' }));
    const o: Bsm = { type: 1, S: 100, K: 100, T: 0.5, v: 0.2, r: 0.03, q: 0 };
    const gex = refGamma(o) * 1000 * 100 * 100 * 100 * 0.01; // gamma * OI * multiplier * S^2 * 1%
    close(r.totalGex, gex);
    expect(r.byStrike).toHaveLength(1);
    close(r.byStrike[0].callGex, gex);
    expect(r.byStrike[0].putGex).toBe(0);
    close(r.byStrike[0].netGex, gex);
    close(r.byStrike[0].vannaExposure, refVanna(o) * 1000 * 100 * 100 * 0.01);
    close(r.byStrike[0].charmExposure, refCharm(o) * 1000 * 100 * 100 / 365);
    expect(r.callWall).toBe(100);
    expect(r.putWall).toBeNull();
    expect(r.gammaWall).toBe(100);
    expect(r.zeroGammaRoots).toEqual([]); // a lone long call: G > 0 everywhere
    expect(r.zeroGamma).toBeNull();
    expect(r.contracts).toBe(1);
    expect(r.asOf).toBe('2026-01-28T15:00:00-05:00');
    expect(r.spot).toBe(100);
  });
  it('the alternative dealer model and a signed position', () => {
    const a = analyzeChain(engine, readLongCsv(text, { source: 'one.csv' }), { dealerModel: 'shortCallsLongPuts' });
    const o: Bsm = { type: 1, S: 100, K: 100, T: 0.5, v: 0.2, r: 0.03, q: 0 };
    close(a.totalGex, -refGamma(o) * 1000 * 100 * 100 * 100 * 0.01);
    const p = analyzeChain(engine, readLongCsv(csv(META, ['T,type,strike,iv,openInterest,position,multiplier', '0.5,call,100,0.2,1000,-250,10']), { source: 'pos.csv' }));
    close(p.totalGex, -250 * 10 * refGamma(o) * 100 * 100 * 0.01);
  });
});

describe('three contracts over two strikes and two expiries', () => {
  // Expiry instants: 2026-01-30 16:00 New York (EST, -05:00) and 2026-02-20 (AM-settled root SPX: 09:30).
  const text = csv('# underlying: SPX\n# spot: 7000\n# asOf: 2026-01-28T15:00:00-05:00\n# rate: 0.043\n# dividend: 0.013', [
    'expiry,type,strike,iv,openInterest,root',
    '2026-01-30T16:00:00-05:00,call,7000,0.14,5000,SPXW',
    '2026-01-30T16:00:00-05:00,put,7000,0.15,3000,SPXW',
    '2026-02-20,put,6900,0.18,8000,SPX',
  ]);
  const asOf = Date.UTC(2026, 0, 28, 20, 0);
  const T1 = (Date.UTC(2026, 0, 30, 21, 0) - asOf) / (365 * 86400e3);
  const T2 = (Date.UTC(2026, 1, 20, 14, 30) - asOf) / (365 * 86400e3);
  const base = { S: 7000, r: 0.043, q: 0.013 };
  const gexOf = (type: number, K: number, T: number, v: number, oi: number) =>
    type * refGamma({ ...base, type, K, T, v }) * oi * 100 * 7000 * 7000 * 0.01;
  const c1 = gexOf(1, 7000, T1, 0.14, 5000), p1 = gexOf(-1, 7000, T1, 0.15, 3000), p2 = gexOf(-1, 6900, T2, 0.18, 8000);

  it('by strike, by expiry, surface, total, walls', () => {
    const r = analyzeChain(engine, readLongCsv(text, { source: 'three.csv' }));
    expect(r.byStrike.map((s) => s.strike)).toEqual([6900, 7000]);
    close(r.byStrike[0].putGex, p2);
    expect(r.byStrike[0].callGex).toBe(0);
    close(r.byStrike[1].callGex, c1);
    close(r.byStrike[1].putGex, p1);
    close(r.byStrike[1].netGex, c1 + p1, Math.abs(c1) + Math.abs(p1));
    close(r.totalGex, c1 + p1 + p2, Math.abs(c1) + Math.abs(p1) + Math.abs(p2));
    expect(r.byExpiry.map((e) => e.expiry)).toEqual(['2026-01-30T16:00:00-05:00', '2026-02-20T09:30:00-05:00']);
    close(r.byExpiry[0].netGex, c1 + p1, Math.abs(c1) + Math.abs(p1));
    close(r.byExpiry[1].netGex, p2);
    expect(r.surface.strikes).toEqual([6900, 7000]);
    expect(r.surface.expiries).toEqual(r.byExpiry.map((e) => e.expiry));
    expect(r.surface.netGex[0][0]).toBe(0);
    close(r.surface.netGex[0][1], c1 + p1, Math.abs(c1) + Math.abs(p1));
    close(r.surface.netGex[1][0], p2);
    expect(r.surface.netGex[1][1]).toBe(0);
    // Walls from the magnitudes computed here.
    expect(r.callWall).toBe(7000);
    expect(r.putWall).toBe(Math.abs(p1) > Math.abs(p2) ? 7000 : 6900);
    expect(r.gammaWall).toBe(Math.abs(c1) + Math.abs(p1) > Math.abs(p2) ? 7000 : 6900);
    // Band: only strikes within 1% of spot (6930..7070) count for walls.
    const banded = analyzeChain(engine, readLongCsv(text, { source: 'three.csv' }), { band: 0.01 });
    expect(banded.putWall).toBe(7000);
  });

  it('valuation instant override moves T (ACT/365 to the settlement instant)', () => {
    const later = '2026-01-30T15:00:00-05:00'; // one hour before the 0DTE settles
    const r = analyzeChain(engine, readLongCsv(text, { source: 'three.csv' }), { asOf: later });
    const asOf2 = Date.UTC(2026, 0, 30, 20, 0);
    const t1 = 1 / (365 * 24);
    const t2 = (Date.UTC(2026, 1, 20, 14, 30) - asOf2) / (365 * 86400e3);
    const expect7000 = gexOf(1, 7000, t1, 0.14, 5000) + gexOf(-1, 7000, t1, 0.15, 3000);
    close(r.byStrike[1].netGex, expect7000, Math.abs(gexOf(1, 7000, t1, 0.14, 5000)) * 2);
    close(r.byStrike[0].netGex, gexOf(-1, 6900, t2, 0.18, 8000));
    expect(r.asOf).toBe(later);
    // After the 0DTE settlement those two contracts are settled.
    const after = analyzeChain(engine, readLongCsv(text, { source: 'three.csv' }), { asOf: '2026-01-30T16:00:00-05:00' });
    expect(after.skipped.settled).toBe(2);
    expect(after.contracts).toBe(1);
  });
});

describe('skips are counted by reason', () => {
  it('zero OI, settled, no bid, crossed quote, price below intrinsic; a vol solved from the mid', () => {
    const o: Bsm = { type: 1, S: 100, K: 95, T: 0.25, v: 0.3, r: 0.03, q: 0 };
    const price = refPrice(o);
    const text = csv(META, [
      'T,type,strike,iv,price,bid,ask,openInterest',
      '0.25,call,100,0.2,,,,0',           // zero open interest
      '0,call,100,0.2,,,,10',             // settled (T = 0)
      '0.25,call,100,,,0,0.5,10',         // no bid
      '0.25,call,100,,,2,1,10',           // crossed
      '0.25,call,90,,1,,,10',             // below intrinsic (intrinsic > 10)
      `0.25,call,95,,,${price - 0.01},${price + 0.01},10`, // mid = price: vol 0.3 solved
    ]);
    const r = analyzeChain(engine, readLongCsv(text, { source: 'skips.csv' }));
    expect(r.skipped).toEqual({ zeroOpenInterest: 1, settled: 1, ivNoBid: 1, ivCrossedQuote: 1, ivBelowIntrinsic: 1 });
    expect(r.contracts).toBe(1);
    // The solved vol reproduces the mid: GEX matches gamma at vol 0.3 to the solver's precision (1e-6 relative
    // is far looser than any IV solver in use and far tighter than a wrong vol would give).
    const gex = refGamma(o) * 10 * 100 * 100 * 100 * 0.01;
    expect(Math.abs(r.totalGex / gex - 1)).toBeLessThan(1e-6);
  });
});

// Random small chains for the properties (fixed seed).
const contractArb = fc.record({
  type: fc.constantFrom('call', 'put'),
  strike: fc.integer({ min: 80, max: 120 }).map((k) => k * 5),
  T: fc.double({ min: 1 / 8760, max: 1, noNaN: true }),
  iv: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
  oi: fc.integer({ min: 1, max: 100000 }),
});
const chainText = (rows: { type: string; strike: number; T: number; iv: number; oi: number }[], oiScale = 1) =>
  csv('# spot: 500\n# asOf: 2026-01-28T15:00:00-05:00\n# rate: 0.04\n# dividend: 0.01',
    ['T,type,strike,iv,openInterest', ...rows.map((r) => `${r.T},${r.type},${r.strike},${r.iv},${r.oi * oiScale}`)]);
const PROPS = { seed: 20260128, numRuns: 60 };

/** Net GEX at spot s written out here (sticky strike): sum sign * gamma(s) * OI * 100 * s^2 * 1%. */
function refProfile(rows: { type: string; strike: number; T: number; iv: number; oi: number }[], s: number, sign = 1): number {
  let g = 0;
  for (const r of rows) {
    const type = r.type === 'call' ? 1 : -1;
    g += sign * type * refGamma({ type, S: s, K: r.strike, T: r.T, v: r.iv, r: 0.04, q: 0.01 }) * r.oi * 100 * s * s * 0.01;
  }
  return g;
}

describe('properties', () => {
  it('GEX is linear in open interest', () => {
    fc.assert(fc.property(fc.array(contractArb, { minLength: 1, maxLength: 12 }), fc.integer({ min: 2, max: 1000 }), (rows, k) => {
      const a = analyzeChain(engine, readLongCsv(chainText(rows), { source: 'a.csv' }));
      const b = analyzeChain(engine, readLongCsv(chainText(rows, k), { source: 'b.csv' }));
      const scale = a.byStrike.reduce((s, r) => s + Math.abs(r.callGex) + Math.abs(r.putGex), 0);
      expect(Math.abs(b.totalGex - k * a.totalGex)).toBeLessThanOrEqual(REL * k * scale);
      a.byStrike.forEach((r, j) => expect(Math.abs(b.byStrike[j].netGex - k * r.netGex)).toBeLessThanOrEqual(REL * k * scale));
    }), PROPS);
  });

  it('the sign flips with the dealer model; walls and roots do not move', () => {
    fc.assert(fc.property(fc.array(contractArb, { minLength: 1, maxLength: 12 }), (rows) => {
      const chain = readLongCsv(chainText(rows), { source: 'm.csv' });
      const a = analyzeChain(engine, chain);
      const b = analyzeChain(engine, chain, { dealerModel: 'shortCallsLongPuts' });
      expect(a.totalGex + b.totalGex).toBe(0);
      a.byStrike.forEach((r, j) => {
        expect(r.callGex + b.byStrike[j].callGex).toBe(0);
        expect(r.putGex + b.byStrike[j].putGex).toBe(0);
      });
      expect([b.callWall, b.putWall, b.gammaWall]).toEqual([a.callWall, a.putWall, a.gammaWall]);
      expect(b.zeroGammaRoots).toEqual(a.zeroGammaRoots);
    }), PROPS);
  });

  it('every reported zero is a root of the profile (sign change within 0.01)', () => {
    // Calls and puts at two strikes so that sign changes are common.
    let withRoots = 0;
    fc.assert(fc.property(fc.array(contractArb, { minLength: 2, maxLength: 8 }), (rows) => {
      const r = analyzeChain(engine, readLongCsv(chainText(rows), { source: 'z.csv' }));
      for (const x of r.zeroGammaRoots) {
        const lo = refProfile(rows, x - 0.01), hi = refProfile(rows, x + 0.01);
        expect(lo === 0 || hi === 0 || (lo < 0) !== (hi < 0)).toBe(true);
      }
      if (r.zeroGammaRoots.length) {
        withRoots++;
        const near = r.zeroGammaRoots.reduce((a, b) => (Math.abs(b - 500) < Math.abs(a - 500) ? b : a));
        expect(r.zeroGamma).toBe(near);
      } else expect(r.zeroGamma).toBeNull();
    }), PROPS);
    expect(withRoots).toBeGreaterThan(5); // the property was exercised, not vacuous
  });

  it('walls and exposures are invariant to row order', () => {
    fc.assert(fc.property(fc.array(contractArb, { minLength: 1, maxLength: 15 }).chain((rows) =>
      fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))), ([rows, shuffled]) => {
      const a = analyzeChain(engine, readLongCsv(chainText(rows), { source: 'a.csv' }));
      const b = analyzeChain(engine, readLongCsv(chainText(shuffled), { source: 'b.csv' }));
      expect([b.callWall, b.putWall, b.gammaWall]).toEqual([a.callWall, a.putWall, a.gammaWall]);
      expect(b.byStrike).toEqual(a.byStrike);
      expect(b.totalGex).toBe(a.totalGex);
      expect(b.zeroGammaRoots).toEqual(a.zeroGammaRoots);
    }), PROPS);
  });
});
