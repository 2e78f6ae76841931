// Chart option builders and their server-side SVG rendering, on a small hand-made report (the contract of
// src/gex/report.ts), plus the HTML report built from them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GexReport } from '../src/gex/report.js';
import { gexByStrikeOption, gexProfileOption, gexSurfaceHeight, gexSurfaceOption } from '../src/charts/index.js';
import { fmtBn, fmtExpiry, fmtInstant, fmtTick } from '../src/charts/format.js';
import { renderSvg } from '../src/charts/render-node.js';
import { htmlReport } from '../src/report/html.js';
import { checkBalanced, externalRefs, svgSize, svgTexts } from './markup.js';

// A four-strike report around spot 100 plus one far strike (500) that must stay out of the chart window.
function report(): GexReport {
  const strikes = [90, 95, 100, 105, 500];
  const callGex = [1e8, 3e8, 9e8, 6e8, 1e7];
  const putGex = [-7e8, -5e8, -2e8, -1e8, -1e7];
  const profile = Array.from({ length: 81 }, (_, i) => {
    const s = 80 + i * 0.5;
    return { spot: s, netGex: (s - 97.5) * 1e8 };
  });
  return {
    rate: 0.04,
    dividend: 0.01,
    dealerModel: 'longCallsShortPuts',
    underlying: 'TEST',
    spot: 101.25,
    asOf: '2026-01-28T15:00:00-05:00',
    contracts: 10,
    skipped: { zeroOpenInterest: 2 },
    totalGex: callGex.reduce((a, b) => a + b) + putGex.reduce((a, b) => a + b),
    callWall: 100,
    putWall: 90,
    gammaWall: 100,
    zeroGamma: 97.5,
    zeroGammaRoots: [97.5],
    byStrike: strikes.map((strike, i) => ({
      strike, callGex: callGex[i], putGex: putGex[i], netGex: callGex[i] + putGex[i], vannaExposure: 1e6, charmExposure: -2e6,
    })),
    byExpiry: [
      { expiry: '2026-01-28T16:00:00-05:00', netGex: 5e8 },
      { expiry: '2026-03-20T09:30:00-04:00', netGex: 1e8 },
    ],
    profile,
    surface: {
      strikes,
      expiries: ['2026-01-28T16:00:00-05:00', '2026-03-20T09:30:00-04:00'],
      netGex: [
        [-4e8, -1e8, 5e8, 4e8, 0],
        [-2e8, -1e8, 2e8, 1e8, 0],
      ],
    },
  } as GexReport;
}

type Series = { name: string; type: string; data: number[][]; markLine?: { data: { xAxis: number; name: string }[] } };

describe('chart options', () => {
  it('GEX by strike: window around spot, $bn units, call/put/net series, spot and zero-gamma lines', () => {
    const opt = gexByStrikeOption(report(), { band: 0.1 });
    expect(opt.xAxis.name).toBe('Strike (index points)');
    expect(opt.yAxis.name).toBe('GEX ($bn per 1% move)');
    const series = opt.series as Series[];
    expect(series.map((s) => s.name)).toEqual(['Call GEX', 'Put GEX', 'Net GEX']);
    // 500 is outside 101.25 +- 10%; the others are inside, converted to $bn.
    expect(series[0].data).toEqual([[95, 0.3], [100, 0.9], [105, 0.6]]);
    expect(series[1].data).toEqual([[95, -0.5], [100, -0.2], [105, -0.1]]);
    expect(series[2].data.map(([, v]) => v)).toEqual([-0.2, 0.7, 0.5].map((x) => expect.closeTo(x, 12)));
    expect(opt.xAxis.min).toBeLessThanOrEqual(101.25 * 0.9);
    expect(opt.xAxis.max).toBeGreaterThanOrEqual(101.25 * 1.1);
    expect(opt.xAxis.max).toBeLessThan(500);
    const lines = series[2].markLine!.data.map((d) => d.xAxis);
    expect(lines).toEqual([101.25, 97.5]);
  });

  it('profile: roots marked, window widened to include a root outside the band', () => {
    const r = report();
    r.zeroGammaRoots = [97.5, 84];
    const opt = gexProfileOption(r, { band: 0.05 });
    expect(opt.xAxis.min).toBeLessThanOrEqual(84);
    const net = (opt.series as Series[]).find((s) => s.name === 'Net GEX')!;
    expect(net.markLine!.data.map((d) => d.xAxis)).toEqual([101.25, 97.5, 84]);
    expect(opt.yAxis.name).toBe('Net GEX ($bn per 1% move)');
  });

  it('surface: rows are expiries, columns strikes in the window, a symmetric colour scale', () => {
    const opt = gexSurfaceOption(report(), { band: 0.1 });
    expect(opt.xAxis.data).toEqual(['95', '100', '105']);
    expect(opt.yAxis.data).toEqual(["Jan 28 '26", "Mar 20 '26 AM"]);
    expect(opt.visualMap.min).toBe(-opt.visualMap.max);
    const cells = (opt.series[0] as unknown as { data: number[][] }).data;
    // [column (strike 95, 100, 105), row (expiry), net GEX in $m per 1% move]
    expect(cells).toEqual([[0, 0, -100], [1, 0, 500], [2, 0, 400], [0, 1, -100], [1, 1, 200], [2, 1, 100]]);
  });
});

describe('heat map height', () => {
  it('is at least 480 px and gives each shown expiry row 17 px', () => {
    const r = report();
    expect(gexSurfaceHeight(r, { band: 0.1 })).toBe(480);
    const n = 40;
    r.surface.expiries = Array.from({ length: n }, (_, i) => `2026-${String(2 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T16:00:00-05:00`);
    r.surface.netGex = r.surface.expiries.map(() => [1e8, 1e8, 1e8, 1e8, 0]);
    expect(gexSurfaceHeight(r, { band: 0.1 })).toBe(150 + 17 * n);
    r.surface.netGex[0] = [0, 0, 0, 0, 5e8]; // exposure only outside the window: the row is not shown
    expect(gexSurfaceHeight(r, { band: 0.1 })).toBe(150 + 17 * (n - 1));
  });
});

describe('browser safety', () => {
  it('the option builders and the HTML report import nothing from node: (only render-node.ts loads echarts)', () => {
    const dir = fileURLToPath(new URL('../src/', import.meta.url));
    const files = [...readdirSync(join(dir, 'charts')).map((f) => join('charts', f)), join('report', 'html.ts')].filter((f) => !f.endsWith('render-node.ts'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) {
      const src = readFileSync(join(dir, f), 'utf8');
      const specifiers = [...src.matchAll(/^\s*import\s+(type\s+)?[^'"]*['"]([^'"]+)['"]/gm)];
      for (const [, typeOnly, spec] of specifiers) {
        expect(spec.startsWith('node:'), `${f} imports ${spec}`).toBe(false);
        expect(spec.startsWith('.') || typeOnly !== undefined, `${f} imports package ${spec} at run time`).toBe(true);
      }
      expect(src).not.toMatch(/\brequire\(|process\.|Buffer\./);
    }
  });
});

describe('formats', () => {
  it('$bn with sign, ticks without padding, instants and expiries as a desk reads them', () => {
    expect(fmtBn(19.7823)).toBe('+19.78');
    expect(fmtBn(-5.931)).toBe('-5.93');
    expect(fmtTick(10)).toBe('+10');
    expect(fmtTick(-2.5)).toBe('-2.5');
    expect(fmtTick(0)).toBe('0');
    expect(fmtInstant('2026-01-28T15:00:00-05:00')).toBe('28 Jan 2026 15:00 (UTC-05:00)');
    expect(fmtExpiry('2026-06-18T09:30:00-04:00')).toBe("Jun 18 '26 AM");
    expect(fmtExpiry('2026-01-30T16:00:00-05:00')).toBe("Jan 30 '26");
  });
});

describe('server-side SVG', () => {
  it('renders a well-formed <svg> of the requested size with the axis titles, legend and markers as text', () => {
    const svg = renderSvg(gexByStrikeOption(report(), { band: 0.1 }), { width: 900, height: 500 });
    expect(checkBalanced(svg)).toBe('svg');
    expect(svgSize(svg)).toEqual({ width: 900, height: 500 });
    const texts = svgTexts(svg);
    for (const t of ['Strike (index points)', 'GEX ($bn per 1% move)', 'Call GEX', 'Put GEX', 'Net GEX', 'Spot 101.25', 'Zero gamma 97.5']) {
      expect(texts).toContain(t);
    }
    expect(texts.some((t) => t.startsWith('Gamma & call wall'))).toBe(true);
    expect(svg).not.toMatch(/NaN|undefined/);
  });

  it('renders the profile and the heat map', () => {
    const p = renderSvg(gexProfileOption(report()), { width: 800, height: 400 });
    const h = renderSvg(gexSurfaceOption(report(), { band: 0.1 }), { width: 800, height: 400 });
    expect(checkBalanced(p)).toBe('svg');
    expect(checkBalanced(h)).toBe('svg');
    expect(svgTexts(p)).toContain('Hypothetical spot (index points)');
    expect(svgTexts(h)).toContain('Strike (index points)');
    expect(p + h).not.toMatch(/NaN|undefined/);
  });
});

describe('HTML report', () => {
  it('inlines the three charts, has no scripts or external references, and escapes text', () => {
    const r = report();
    r.underlying = 'A<B';
    const svg = (o: object) => renderSvg(o, { width: 600, height: 300 });
    const html = htmlReport(r, { byStrike: svg(gexByStrikeOption(r)), profile: svg(gexProfileOption(r)), surface: svg(gexSurfaceOption(r)) }, { source: 'x&y.csv' });
    expect(checkBalanced(html, true)).toBe('html');
    expect(html.match(/<svg\b/g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|<link|<iframe|<img/i);
    expect(externalRefs(html)).toEqual([]);
    expect(html).toContain('A&lt;B dealer gamma exposure');
    expect(html).toContain('x&amp;y.csv');
    expect(html).toContain('zeroOpenInterest 2');
  });
});
