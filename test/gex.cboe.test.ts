// analyzeChain on the real CBOE chains (skipped, with a message, when the files are missing): every contract
// used or counted by reason, walls on listed strikes, every zero a root.
import { join } from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readChain } from '../src/chain/index.js';
import { analyzeChain, prepareChain, profileOf, type GexEngine } from '../src/gex/analyze.js';
import { createEngine } from '../src/index.js';

// The shared reference data sits beside the repository (../shared), as in this workplace and in CI.
const DIR = process.env.GAMMAWALL_CBOE_DIR ?? join(import.meta.dirname, '../../shared/data/cboe');
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.csv')).sort() : [];
let engine: GexEngine;
beforeAll(async () => {
  engine = await createEngine({ backend: 'wasm' });
});
if (!files.length) console.warn(`gex.cboe: no CBOE files in ${DIR}: real-chain analysis skipped`);

describe.skipIf(!files.length)('analyzeChain on real CBOE chains', () => {
  it('the same report from the reader\'s columns as from the contract objects', () => {
    const f = files.find((x) => x.startsWith('nvda')) ?? files[0];
    const text = readFileSync(`${DIR}/${f}`, 'utf8');
    const fromColumns = readChain(text, { source: f });
    expect(fromColumns.columns).toBeDefined();
    const fromObjects = readChain(text, { source: f });
    expect(fromObjects.contracts.length).toBeGreaterThan(0); // builds the objects and drops the columns
    expect(fromObjects.columns).toBeUndefined();
    expect(analyzeChain(engine, fromColumns)).toEqual(analyzeChain(engine, fromObjects));
  });

  it.each(files)('%s', (f) => {
    const text = readFileSync(`${DIR}/${f}`, 'utf8');
    const chain = readChain(text, { source: f });
    const rows = text.split('\n').filter((l) => /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{4},/.test(l)).length;
    const r = analyzeChain(engine, chain);
    const skipped = Object.values(r.skipped).reduce((a, b) => a + b, 0);
    expect(r.contracts + skipped).toBe(2 * rows);
    const strikes = new Set(r.byStrike.map((s) => s.strike));
    for (const w of [r.callWall, r.putWall, r.gammaWall]) expect(w !== null && strikes.has(w)).toBe(true);
    // Totals agree across the three aggregations (sums of the same terms in different groupings).
    const scale = r.byStrike.reduce((a, s) => a + Math.abs(s.callGex) + Math.abs(s.putGex), 0);
    const sumStrike = r.byStrike.reduce((a, s) => a + s.netGex, 0);
    const sumExpiry = r.byExpiry.reduce((a, e) => a + e.netGex, 0);
    expect(Math.abs(sumStrike - r.totalGex)).toBeLessThan(1e-12 * scale);
    expect(Math.abs(sumExpiry - r.totalGex)).toBeLessThan(1e-12 * scale);
    // Every zero is a root: G changes sign within +-0.01 index points (the profile re-evaluated at each side).
    const profile = profileOf(engine, prepareChain(engine, chain));
    for (const x of r.zeroGammaRoots) {
      const { g } = profile.evaluate([x - 0.01, x + 0.01]);
      expect(g[0] === 0 || g[1] === 0 || (g[0] < 0) !== (g[1] < 0)).toBe(true);
    }
    profile.free();
    const ys = r.profile.map((p) => p.netGex);
    if (r.zeroGammaRoots.length === 0) expect(ys.every((y) => y > 0) || ys.every((y) => y < 0)).toBe(true);
    expect(r.zeroGamma === null ? r.zeroGammaRoots.length === 0 : r.zeroGammaRoots.includes(r.zeroGamma)).toBe(true);
    expect(r.profile).toHaveLength(201);
    expect(r.asOf).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[45]:00$/);
  });
});
