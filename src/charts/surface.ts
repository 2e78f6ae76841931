// ECharts option for the strike x expiry heat map of net GEX near spot. Browser-safe.
import type { GexReport } from '../gex/report.js';
import { summaryLine } from './by-strike.js';
import { COLORS, baseOption, fmtExpiry, fmtLevel, strikeWindow } from './format.js';

export interface SurfaceOptions {
  /** Strikes shown: spot +- band (fraction of spot). Default 0.04. */
  band?: number;
  /** Colour scale saturates at this quantile of |cell| so one huge cell does not wash out the rest. Default 0.99. */
  clipQuantile?: number;
}

/** Expiries shown by the heat map: those with exposure at a strike in the window. */
function visibleRows(report: GexReport, band: number) {
  const [lo, hi] = strikeWindow(report.spot, band);
  const { strikes, expiries, netGex } = report.surface;
  const cols = strikes.map((k, j) => [k, j] as const).filter(([k]) => k >= lo && k <= hi);
  const rows = expiries.map((e, i) => [e, i] as const).filter(([, i]) => cols.some(([, j]) => netGex[i][j] !== 0));
  return { cols, rows };
}

/** A chart height that gives every expiry row about 17 px, so each row keeps its label. */
export function gexSurfaceHeight(report: GexReport, opts: SurfaceOptions = {}): number {
  return Math.max(480, 150 + 17 * visibleRows(report, opts.band ?? 0.04).rows.length);
}

export function gexSurfaceOption(report: GexReport, opts: SurfaceOptions = {}) {
  const { netGex } = report.surface;
  // Expiries that hold any exposure in the window (row order: nearest expiry at the top).
  const { cols, rows } = visibleRows(report, opts.band ?? 0.04);
  const data: [number, number, number][] = [];
  const mags: number[] = [];
  rows.forEach(([, i], y) => {
    cols.forEach(([, j], x) => {
      const m = netGex[i][j] / 1e6; // $m per 1% move
      if (m !== 0) {
        data.push([x, y, m]);
        mags.push(Math.abs(m));
      }
    });
  });
  mags.sort((a, b) => a - b);
  const q = mags.length ? mags[Math.min(mags.length - 1, Math.floor((opts.clipQuantile ?? 0.99) * mags.length))] : 1;
  const limit = Number(q.toPrecision(2)) || 1;
  return {
    ...baseOption(`${report.underlying} net GEX by strike and expiry`, summaryLine(report)),
    tooltip: { position: 'top' },
    grid: { left: 96, right: 110, top: 80, bottom: 62 },
    xAxis: {
      type: 'category',
      data: cols.map(([k]) => fmtLevel(k)),
      name: 'Strike (index points)',
      nameLocation: 'middle',
      nameGap: 36,
      nameTextStyle: { fontSize: 13 },
      axisLabel: { fontSize: 11, interval: (i: number) => cols[i][0] % 50 === 0, hideOverlap: true },
      axisTick: { alignWithLabel: true, interval: (i: number) => cols[i][0] % 50 === 0 },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map(([e]) => fmtExpiry(e)),
      name: 'Expiry',
      nameLocation: 'start', // the top, as the axis is inverted
      nameTextStyle: { fontSize: 13, align: 'right' },
      axisLabel: { fontSize: 11, interval: 0 },
    },
    visualMap: {
      type: 'continuous',
      min: -limit,
      max: limit,
      calculable: false,
      orient: 'vertical',
      right: 18,
      top: 'middle',
      itemHeight: 260,
      text: [`+${fmtLevel(limit)}`, `-${fmtLevel(limit)}`],
      textStyle: { fontSize: 11 },
      inRange: { color: [COLORS.put, '#f7d4d8', '#f7f7f7', '#cfe9d8', COLORS.call] },
      formatter: (v: number) => v.toFixed(0),
    },
    graphic: [
      {
        type: 'text',
        right: 12,
        top: 62,
        style: { text: 'Net GEX\n$m per 1%', fontSize: 11, fill: COLORS.muted, align: 'center' },
      },
    ],
    series: [
      {
        name: 'Net GEX ($m per 1% move)',
        type: 'heatmap',
        data,
        emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
      },
    ],
  };
}
