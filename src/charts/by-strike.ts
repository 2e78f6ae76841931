// ECharts option for GEX by strike: call and put bars stacked around zero, the net overlaid, spot and
// zero-gamma lines, the walls labelled. Browser-safe (options only); render with render-node.ts or echarts.
import type { GexReport } from '../gex/report.js';
import { COLORS, baseOption, fmtBn, fmtInstant, fmtLevel, fmtTick, strikeWindow, toBn } from './format.js';

export interface ByStrikeOptions {
  /** Strikes shown: spot +- band (fraction of spot). Default 0.04 (about +-280 points on SPX). */
  band?: number;
}

/** Which strikes fall in the window, as [strike, value in $bn] pairs for one field. */
function column(report: GexReport, lo: number, hi: number, pick: (s: GexReport['byStrike'][number]) => number) {
  return report.byStrike.filter((s) => s.strike >= lo && s.strike <= hi).map((s) => [s.strike, toBn(pick(s))]);
}

/** A nice tick step (1, 2, 2.5 or 5 x 10^n) for about `ticks` intervals over `span`. */
function niceStep(span: number, ticks: number): number {
  const raw = span / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

/** Y range on whole ticks with about 10% headroom above and below the bars, for the wall labels. */
function paddedRange(lo: number, hi: number): { min: number; max: number; interval: number } {
  const span = hi - lo || 1;
  const interval = niceStep(span * 1.2, 6);
  return { min: Math.floor((lo - 0.1 * span) / interval) * interval, max: Math.ceil((hi + 0.1 * span) / interval) * interval, interval };
}

/** The one-line summary under every chart's title. */
export function summaryLine(r: GexReport): string {
  const lv = (x: number | null) => (x === null ? 'none' : fmtLevel(x, Number.isInteger(x) ? 0 : 1));
  return [
    `Spot ${fmtLevel(r.spot)}, ${fmtInstant(r.asOf)}`,
    `gamma wall ${lv(r.gammaWall)}`,
    `call wall ${lv(r.callWall)}`,
    `put wall ${lv(r.putWall)}`,
    `zero gamma ${lv(r.zeroGamma)}`,
    `total ${fmtBn(toBn(r.totalGex))} $bn per 1% move`,
  ].join('  ·  ');
}

export function gexByStrikeOption(report: GexReport, opts: ByStrikeOptions = {}) {
  const [lo, hi] = strikeWindow(report.spot, opts.band ?? 0.04);
  const calls = column(report, lo, hi, (s) => s.callGex);
  const puts = column(report, lo, hi, (s) => s.putGex);
  const nets = column(report, lo, hi, (s) => s.netGex);
  const yRange = paddedRange(
    Math.min(0, ...puts.map(([, v]) => v), ...nets.map(([, v]) => v)),
    Math.max(0, ...calls.map(([, v]) => v), ...nets.map(([, v]) => v)),
  );
  const vLines: object[] = [
    { xAxis: report.spot, name: `Spot ${fmtLevel(report.spot)}`, lineStyle: { color: COLORS.spot, type: 'solid', width: 1.5 } },
  ];
  if (report.zeroGamma !== null && report.zeroGamma >= lo && report.zeroGamma <= hi) {
    vLines.push({
      xAxis: report.zeroGamma,
      name: `Zero gamma ${fmtLevel(report.zeroGamma, 1)}`,
      lineStyle: { color: COLORS.zero, type: 'dashed', width: 1.5 },
      label: { position: 'insideStartTop' }, // at the bottom, clear of the spot label and the call-side walls
    });
  }
  // Wall labels sit on the bar ends they name.
  const wallPoints: object[] = [];
  const at = (k: number | null) => report.byStrike.find((s) => s.strike === k);
  const gw = at(report.gammaWall);
  if (gw) wallPoints.push({ name: 'Gamma wall', coord: [gw.strike, toBn(gw.callGex)], label: `${gw.strike === report.callWall ? 'Gamma & call wall' : 'Gamma wall'} ${fmtLevel(gw.strike)}`, pos: 'right' });
  const pw = at(report.putWall);
  if (pw) wallPoints.push({ name: 'Put wall', coord: [pw.strike, toBn(pw.putGex)], label: `Put wall ${fmtLevel(pw.strike)}`, pos: 'bottom' });
  const cw = at(report.callWall);
  if (cw && cw.strike !== gw?.strike) wallPoints.push({ name: 'Call wall', coord: [cw.strike, toBn(cw.callGex)], label: `Call wall ${fmtLevel(cw.strike)}`, pos: 'right' });

  return {
    ...baseOption(`${report.underlying} dealer gamma exposure by strike`, summaryLine(report)),
    legend: { top: 14, right: 20, itemGap: 16, data: ['Call GEX', 'Put GEX', 'Net GEX'] },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${fmtBn(v)} $bn` },
    grid: { left: 78, right: 28, top: 92, bottom: 62 },
    xAxis: {
      type: 'value',
      name: 'Strike (index points)',
      nameLocation: 'middle',
      nameGap: 34,
      nameTextStyle: { fontSize: 13 },
      min: Math.floor(lo / 25) * 25,
      max: Math.ceil(hi / 25) * 25,
      minInterval: 25,
      axisLabel: { formatter: (v: number) => fmtLevel(v), fontSize: 12 },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: 'GEX ($bn per 1% move)',
      nameLocation: 'middle',
      nameGap: 52,
      nameTextStyle: { fontSize: 13 },
      ...yRange,
      axisLabel: { formatter: (v: number) => fmtTick(v), fontSize: 12 },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series: [
      { name: 'Call GEX', type: 'bar', stack: 'parts', data: calls, itemStyle: { color: COLORS.call }, barCategoryGap: '15%' },
      { name: 'Put GEX', type: 'bar', stack: 'parts', data: puts, itemStyle: { color: COLORS.put } },
      {
        name: 'Net GEX',
        type: 'bar',
        data: nets,
        barGap: '-100%', // drawn over the call/put bars of the same strike
        z: 3,
        itemStyle: { color: COLORS.net, opacity: 0.78 },
        markLine: {
          symbol: 'none',
          silent: true,
          label: { formatter: '{b}', position: 'insideEndTop', fontSize: 12 },
          data: vLines,
        },
        markPoint: {
          symbol: 'circle',
          symbolSize: 0,
          silent: true,
          data: wallPoints.map((p) => {
            const w = p as { name: string; coord: number[]; label: string; pos: string };
            return {
              name: w.name,
              coord: w.coord,
              label: {
                show: true, formatter: w.label, position: w.pos, fontSize: 12, fontWeight: 'bold', color: COLORS.text, distance: 6,
                backgroundColor: 'rgba(255,255,255,0.85)', padding: [2, 4], // readable over the spot/zero-gamma lines
              },
            };
          }),
        },
      },
    ],
  };
}
