// The bundled sample chain: the generator is deterministic and produced exactly the committed file; the
// file has the shapes docs/sample-chain.md describes; it parses; and its analysis shows the 7,000 gamma wall.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { generateSample, sfc32, SAMPLE, SAMPLE_PATH } from '../scripts/gen-sample.mjs';
import { readChain } from '../src/chain/index.js';
import { analyzeChain } from '../src/gex/index.js';
import type { GexReport } from '../src/gex/report.js';
import { createEngine } from '../src/index.js';

const committed = readFileSync(SAMPLE_PATH, 'utf8');
const lines = committed.trimEnd().split('\n');
const meta = lines.filter((l) => l.startsWith('#'));
const header = lines.find((l) => !l.startsWith('#'))!;
const rows = lines.slice(lines.indexOf(header) + 1).map((l) => {
  const [expiry, root, type, strike, iv, oi, volume] = l.split(',');
  return { expiry, root, type, strike: Number(strike), iv: Number(iv), oi: Number(oi), volume: Number(volume) };
});
const asOfMs = Date.parse(SAMPLE.asOf);

describe('generator', () => {
  it('is deterministic: two runs in memory give the committed bytes', () => {
    const a = generateSample();
    const b = generateSample();
    expect(a === b).toBe(true);
    expect(a === committed).toBe(true);
  });

  it('never calls Math.random (only the seeded sfc32)', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    try {
      expect(() => generateSample()).not.toThrow();
    } finally {
      spy.mockRestore();
    }
  });

  it('sfc32 repeats for a seed, differs across seeds, and stays in [0, 1)', () => {
    const seq = (seed: number) => Array.from({ length: 1000 }, sfc32(seed));
    expect(seq(7)).toEqual(seq(7));
    expect(seq(7)).not.toEqual(seq(8));
    const xs = seq(7);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});

describe('sample file shapes', () => {
  it('has the metadata of the long CSV, the header with a volume column, and stays under 2 MB', () => {
    expect(meta).toEqual(expect.arrayContaining(['# underlying: SPX', '# spot: 6988.42', '# asOf: 2026-01-28T15:00:00-05:00', '# rate: 0.043', '# dividend: 0.013']));
    expect(header).toBe('expiry,root,type,strike,iv,openInterest,volume');
    expect(Buffer.byteLength(committed)).toBeLessThan(2_000_000);
  });

  it('lists the 0DTE, every trading day for two weeks, Fridays to March and AM-settled monthlies to a year', () => {
    const expiries = [...new Set(rows.map((r) => `${r.expiry} ${r.root}`))];
    const dailies = expiries.filter((e) => e < '2026-02-12');
    expect(dailies.map((e) => e.slice(0, 10))).toEqual([
      '2026-01-28', '2026-01-29', '2026-01-30', '2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06',
      '2026-02-09', '2026-02-10', '2026-02-11',
    ]);
    expect(expiries[0]).toBe('2026-01-28T16:00:00-05:00 SPXW');
    const am = expiries.filter((e) => e.endsWith(' SPX'));
    expect(am).toHaveLength(12);
    for (const e of am) expect(e).toMatch(/T09:30:00-0[45]:00 SPX$/);
    // Daylight saving: 9 Mar to 31 Oct 2026 is EDT; Juneteenth (Fri 19 Jun) moves the June monthly to Thursday.
    expect(am).toContain('2026-03-20T09:30:00-04:00 SPX');
    expect(am).toContain('2026-06-18T09:30:00-04:00 SPX');
    expect(am).toContain('2026-11-20T09:30:00-05:00 SPX');
    expect(am.at(-1)).toBe('2027-01-15T09:30:00-05:00 SPX');
    for (const e of expiries) expect(new Date(Date.parse(e.split(' ')[0])).getUTCDay() % 6).not.toBe(0); // no weekends
  });

  it('has strikes every 5 points within +-15% of spot and every 25 beyond, 3,500 to 8,750', () => {
    const strikes = [...new Set(rows.map((r) => r.strike))].sort((a, b) => a - b);
    expect(strikes[0]).toBe(3500);
    expect(strikes.at(-1)).toBe(8750);
    const listed = new Set(strikes);
    const inner = (k: number) => k >= SAMPLE.spot * 0.85 && k <= SAMPLE.spot * 1.15;
    for (let k = 3500; k <= 8750; k += 5) expect(listed.has(k)).toBe(inner(k) || k % 25 === 0);
    expect(strikes.every((k) => k % 5 === 0)).toBe(true);
  });

  it('has a skewed smile whose 0DTE wings reach hundreds of % vol', () => {
    const zeroDte = rows.filter((r) => r.expiry === '2026-01-28T16:00:00-05:00' && r.type === 'put');
    const ivAt = (k: number) => zeroDte.find((r) => r.strike === k)!.iv;
    expect(ivAt(3500)).toBeGreaterThan(2); // > 200%
    expect(ivAt(6900)).toBeGreaterThan(ivAt(7000)); // put skew
    const monthly = rows.filter((r) => r.expiry === '2026-02-20T09:30:00-05:00' && r.type === 'put');
    expect(monthly.find((r) => r.strike === 6500)!.iv).toBeGreaterThan(monthly.find((r) => r.strike === 7500)!.iv);
  });

  it('puts 0DTE at about 60% of volume, the largest call open interest at 7,000, and puts heavier below spot', () => {
    const vol = rows.reduce((s, r) => s + r.volume, 0);
    const vol0 = rows.filter((r) => r.expiry.startsWith('2026-01-28')).reduce((s, r) => s + r.volume, 0);
    expect(vol0 / vol).toBeGreaterThan(0.55);
    expect(vol0 / vol).toBeLessThan(0.65);
    const callOi = new Map<number, number>();
    for (const r of rows) if (r.type === 'call') callOi.set(r.strike, (callOi.get(r.strike) ?? 0) + r.oi);
    const top = [...callOi].sort((a, b) => b[1] - a[1])[0][0];
    expect(top).toBe(7000);
    const below = (type: string) => rows.filter((r) => r.type === type && r.strike < SAMPLE.spot).reduce((s, r) => s + r.oi, 0);
    expect(below('put')).toBeGreaterThan(2 * below('call'));
  });
});

describe('sample through the chain reader and the analytics', () => {
  let report: GexReport;
  const chain = readChain(committed, { source: 'spx-2026-01-28.csv' });

  beforeAll(async () => {
    report = analyzeChain(await createEngine(), chain);
  });

  it('parses: metadata, every row a contract or a counted zero-open-interest skip', () => {
    expect(chain.underlying).toBe('SPX');
    expect(chain.spot).toBe(6988.42);
    expect(chain.asOf?.ms).toBe(asOfMs);
    expect(chain.rate).toBe(0.043);
    expect(chain.dividend).toBe(0.013);
    const zeroOi = rows.filter((r) => r.oi === 0).length;
    expect(chain.contracts.length + (chain.skipped.zeroOpenInterest ?? 0)).toBe(rows.length);
    expect(chain.skipped.zeroOpenInterest ?? 0).toBe(zeroOi);
  });

  it('has its gamma wall at 7,000 (the design target of the sample), the call wall at 7,000 and the put wall at 6,900', () => {
    expect(report.gammaWall).toBe(7000);
    expect(report.callWall).toBe(7000);
    expect(report.putWall).toBe(6900);
  });

  it('reports walls that are the argmax of its own by-strike vectors', () => {
    const best = (f: (s: GexReport['byStrike'][number]) => number) => report.byStrike.reduce((a, b) => (f(b) > f(a) ? b : a)).strike;
    expect(report.callWall).toBe(best((s) => s.callGex));
    expect(report.putWall).toBe(best((s) => -s.putGex));
    expect(report.gammaWall).toBe(best((s) => s.callGex - s.putGex));
  });

  it('flips to negative gamma below spot, like a market at its highs: one root within 2% below spot', () => {
    expect(report.totalGex).toBeGreaterThan(0);
    expect(report.zeroGamma).not.toBeNull();
    const z = report.zeroGamma!;
    expect(z).toBeLessThan(report.spot);
    expect(z).toBeGreaterThan(report.spot * 0.98);
    expect(report.zeroGammaRoots).toContain(z);
    const before = report.profile.filter((p) => p.spot < z).at(-1)!;
    const after = report.profile.find((p) => p.spot > z)!;
    expect(before.netGex).toBeLessThan(0);
    expect(after.netGex).toBeGreaterThan(0);
  });

  it('totals match an independent closed-form sum over the file (gamma = e^-qT n(d1) / (S sigma sqrt T))', () => {
    const S = SAMPLE.spot, r = SAMPLE.rate, q = SAMPLE.dividend;
    let total = 0, scale = 0, call7000 = 0;
    for (const row of rows) {
      if (row.oi === 0) continue;
      const T = (Date.parse(row.expiry) - asOfMs) / (365 * 86_400_000);
      const sd = row.iv * Math.sqrt(T);
      const d1 = (Math.log(S / row.strike) + (r - q + 0.5 * row.iv * row.iv) * T) / sd;
      const gamma = (Math.exp(-q * T) * Math.exp(-0.5 * d1 * d1)) / (Math.sqrt(2 * Math.PI) * S * sd);
      const gex = (row.type === 'call' ? 1 : -1) * gamma * row.oi * 100 * S * S * 0.01;
      total += gex;
      scale += Math.abs(gex);
      if (row.type === 'call' && row.strike === 7000) call7000 += gex;
    }
    // Tolerance: the engine's greeks meet 1e-12 relative (DESIGN.md section 2); summing ~25,000 terms in a
    // different order adds at most ~25,000 x 1.1e-16 relative to the sum of |terms|. 1e-10 covers both.
    expect(Math.abs(report.totalGex - total)).toBeLessThanOrEqual(1e-10 * scale);
    const k7000 = report.byStrike.find((s) => s.strike === 7000)!;
    expect(Math.abs(k7000.callGex - call7000)).toBeLessThanOrEqual(1e-10 * Math.abs(call7000));
  });
});
