// ECharts option for the net gamma profile G(S'): dealer GEX if spot moved to S' (sticky strike), with its
// zero crossings (zero gamma) and spot marked. Browser-safe.
import type { GexReport } from '../gex/report.js';
import { summaryLine } from './by-strike.js';
import { COLORS, baseOption, fmtBn, fmtLevel, fmtTick, toBn } from './format.js';

export interface ProfileOptions {
  /** Hypothetical spots shown: spot +- band (fraction), widened to include every root. Default 0.05. */
  band?: number;
}

export function gexProfileOption(report: GexReport, opts: ProfileOptions = {}) {
  const band = opts.band ?? 0.05;
  let lo = report.spot * (1 - band);
  let hi = report.spot * (1 + band);
  for (const z of report.zeroGammaRoots) {
    lo = Math.min(lo, z - report.spot * 0.01);
    hi = Math.max(hi, z + report.spot * 0.01);
  }
  const pts = report.profile.filter((p) => p.spot >= lo && p.spot <= hi).map((p) => [p.spot, toBn(p.netGex)]);
  const vLines: object[] = [
    { xAxis: report.spot, name: `Spot ${fmtLevel(report.spot)}`, lineStyle: { color: COLORS.spot, type: 'solid', width: 1.5 }, label: { position: 'insideEndTop' } },
    ...report.zeroGammaRoots.map((z) => ({
      xAxis: z,
      name: `Zero gamma ${fmtLevel(z, 1)}`,
      lineStyle: { color: COLORS.zero, type: 'dashed', width: 1.5 },
      label: { position: 'insideStartTop' },
    })),
  ];
  return {
    ...baseOption(`${report.underlying} net gamma profile: dealer GEX if spot moved`, summaryLine(report)),
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${fmtBn(v)} $bn` },
    legend: { top: 14, right: 20, data: ['Net GEX', { name: 'Long gamma (dampens moves)', icon: 'roundRect' }, { name: 'Short gamma (amplifies moves)', icon: 'roundRect' }] },
    grid: { left: 78, right: 28, top: 92, bottom: 62 },
    xAxis: {
      type: 'value',
      name: 'Hypothetical spot (index points)',
      nameLocation: 'middle',
      nameGap: 34,
      nameTextStyle: { fontSize: 13 },
      min: Math.floor(lo / 50) * 50,
      splitNumber: 10,
      max: Math.ceil(hi / 50) * 50,
      axisLabel: { formatter: (v: number) => fmtLevel(v), fontSize: 12 },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: 'Net GEX ($bn per 1% move)',
      nameLocation: 'middle',
      nameGap: 52,
      nameTextStyle: { fontSize: 13 },
      axisLabel: { formatter: (v: number) => fmtTick(v), fontSize: 12 },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series: [
      // Shaded by sign: green where dealers are long gamma (their hedging dampens moves), red where short.
      {
        name: 'Long gamma (dampens moves)',
        type: 'line',
        data: pts.map(([x, g]) => [x, Math.max(g, 0)]),
        showSymbol: false,
        lineStyle: { width: 0 },
        itemStyle: { color: COLORS.call },
        areaStyle: { color: COLORS.call, opacity: 0.22 },
      },
      {
        name: 'Short gamma (amplifies moves)',
        type: 'line',
        data: pts.map(([x, g]) => [x, Math.min(g, 0)]),
        showSymbol: false,
        lineStyle: { width: 0 },
        itemStyle: { color: COLORS.put },
        areaStyle: { color: COLORS.put, opacity: 0.22 },
      },
      {
        name: 'Net GEX',
        type: 'line',
        data: pts,
        showSymbol: false,
        z: 3,
        lineStyle: { width: 2.5, color: COLORS.net },
        itemStyle: { color: COLORS.net },
        markLine: { symbol: 'none', silent: true, label: { formatter: '{b}', fontSize: 12 }, data: vLines },
        markPoint: {
          symbol: 'circle',
          symbolSize: 9,
          silent: true,
          itemStyle: { color: COLORS.zero },
          label: { show: false },
          data: report.zeroGammaRoots.map((z) => ({ name: 'Zero gamma', coord: [z, 0] })),
        },
      },
    ],
  };
}
