// Server-side rendering of the chart options to SVG text with ECharts' SSR renderer (Node only: used by
// the CLI for --svg and --html; a browser page passes the same options to echarts.init on a DOM node).
import * as echarts from 'echarts';

export interface RenderSize {
  width: number;
  height: number;
}

/** Render one ECharts option to a standalone SVG document string. */
export function renderSvg(option: object, size: RenderSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(option as echarts.EChartsOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
