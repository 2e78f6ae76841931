// The self-contained HTML report of a GEX analysis: summary, the three charts as inline SVG (rendered by
// ECharts beforehand), the top strikes and the exposure by expiry. No scripts, no fonts, no network.
import type { GexReport } from '../gex/report.js';
import { fmtBn, fmtExpiry, fmtInstant, fmtLevel, toBn } from '../charts/format.js';

export interface HtmlCharts {
  /** SVG documents (as returned by renderSvg). */
  byStrike: string;
  profile: string;
  surface: string;
}

export interface HtmlMeta {
  /** Where the chain came from (file name), shown in the header. */
  source: string;
  /** Rows of the top-strikes table. Default 15. */
  topStrikes?: number;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const level = (x: number | null, d?: number): string => (x === null ? 'none' : fmtLevel(x, d));

/** Strikes ranked by total gamma, call GEX + |put GEX| (the gamma-wall measure). */
export function topStrikes(report: GexReport, n: number): GexReport['byStrike'] {
  return [...report.byStrike]
    .sort((a, b) => Math.abs(b.callGex) + Math.abs(b.putGex) - (Math.abs(a.callGex) + Math.abs(a.putGex)) || a.strike - b.strike)
    .slice(0, n);
}

/** The skipped-contract counts as "zeroOpenInterest 7,503, settled 2" (or "none"). */
export function skippedText(skipped: Record<string, number>): string {
  const parts = Object.entries(skipped).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${fmtLevel(n)}`);
  return parts.length ? parts.join(', ') : 'none';
}

/** The dealer sign convention in words (reports that predate the field use the default). */
export function dealerText(report: GexReport): string {
  const model = (report as { dealerModel?: string }).dealerModel ?? 'longCallsShortPuts';
  return model === 'shortCallsLongPuts' ? 'dealers assumed short calls and long puts' : 'dealers assumed long calls and short puts';
}

export function htmlReport(report: GexReport, charts: HtmlCharts, meta: HtmlMeta): string {
  const r = report;
  const bn = (d: number) => `${fmtBn(toBn(d))}`;
  const skippedTotal = Object.values(r.skipped).reduce((s, n) => s + n, 0);
  const zeroNote = r.zeroGamma === null ? 'no sign change within the search band' : `${fmtLevel(r.zeroGamma - r.spot, 1)} points from spot`;
  const summary: [string, string][] = [
    ['Spot', fmtLevel(r.spot)],
    ['Quote instant', `${esc(r.asOf)} (${esc(fmtInstant(r.asOf))})`],
    ['Total GEX', `${bn(r.totalGex)} $bn per 1% move (${r.totalGex >= 0 ? 'dealers long gamma: hedging dampens moves' : 'dealers short gamma: hedging amplifies moves'})`],
    ['Gamma wall', level(r.gammaWall)],
    ['Call wall', level(r.callWall)],
    ['Put wall', level(r.putWall)],
    ['Zero gamma', `${level(r.zeroGamma, 2)} (${zeroNote})`],
    ['All zero-gamma roots', r.zeroGammaRoots.length ? r.zeroGammaRoots.map((z) => fmtLevel(z, 2)).join(', ') : 'none'],
    ['Contracts', `${fmtLevel(r.contracts)} used; ${fmtLevel(skippedTotal)} skipped (${esc(skippedText(r.skipped))})`],
  ];
  const top = topStrikes(r, meta.topStrikes ?? 15);
  const tr = (cells: string[], tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
  const signClass = (x: number) => (x > 0 ? 'pos' : x < 0 ? 'neg' : '');
  const num = (d: number) => `<span class="${signClass(d)}">${bn(d)}</span>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(r.underlying)} gamma exposure, ${esc(r.asOf)} - gammawall</title>
<style>
  body { font-family: Helvetica, Arial, sans-serif; color: #2b2f36; margin: 0 auto; max-width: 1140px; padding: 24px; }
  h1 { font-size: 24px; margin: 0 0 4px; }
  h2 { font-size: 18px; margin: 32px 0 8px; }
  p.sub { color: #6b7280; margin: 0 0 20px; }
  table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
  td, th { padding: 4px 12px; border-bottom: 1px solid #e3e7ee; text-align: right; }
  table.summary td:first-child, th:first-child { text-align: left; color: #6b7280; }
  table.summary td { text-align: left; }
  .pos { color: #2e9d5b; } .neg { color: #d1495b; }
  figure { margin: 16px 0; } figure svg { max-width: 100%; height: auto; }
  figcaption { color: #6b7280; font-size: 13px; }
  footer { color: #6b7280; font-size: 12px; margin-top: 32px; }
</style>
</head>
<body>
<h1>${esc(r.underlying)} dealer gamma exposure</h1>
<p class="sub">Chain: ${esc(meta.source)}. GEX = sign &times; gamma &times; open interest &times; multiplier &times; S&sup2; &times; 1%:
dollars of dealer delta change per 1% move; ${dealerText(r)} unless the chain gives signed positions.</p>
<table class="summary">
${summary.map(([k, v]) => tr([k, v])).join('\n')}
</table>

<h2>GEX by strike</h2>
<figure>${charts.byStrike}
<figcaption>Call and put GEX per strike summed over expiries (bars), net overlaid (dark); spot and zero gamma marked.</figcaption></figure>

<h2>Net gamma profile</h2>
<figure>${charts.profile}
<figcaption>Net GEX if spot moved to S', each contract keeping its expiry and implied vol (sticky strike); zero gamma where it changes sign.</figcaption></figure>

<h2>By strike and expiry</h2>
<figure>${charts.surface}
<figcaption>Net GEX per strike and expiry near spot, $m per 1% move; the colour scale saturates at the 99th percentile of |cell|.</figcaption></figure>

<h2>Top strikes</h2>
<table>
${tr(['Strike', 'Call GEX', 'Put GEX', 'Net GEX', 'Vanna exp.', 'Charm exp.'], 'th')}
${top.map((s) => tr([fmtLevel(s.strike), num(s.callGex), num(s.putGex), num(s.netGex), `${fmtBn(s.vannaExposure / 1e6)}`, `${fmtBn(s.charmExposure / 1e6)}`])).join('\n')}
</table>
<p class="sub">GEX in $bn per 1% move; vanna exposure in $m of dealer delta per vol point; charm exposure in $m of dealer delta per calendar day.</p>

<h2>By expiry</h2>
<table>
${tr(['Expiry', 'Settles', 'Net GEX ($bn per 1%)'], 'th')}
${r.byExpiry.map((e) => tr([esc(fmtExpiry(e.expiry)), esc(e.expiry), num(e.netGex)])).join('\n')}
</table>

<footer>Generated by gammawall. Self-contained: no scripts, fonts or network requests.</footer>
</body>
</html>
`;
}
