// gammawall/node: Node-only helpers (chain files from disk, chart rendering to SVG strings, the HTML report).
import { basename } from 'node:path';
import { readChain, type Chain, type ReadOptions } from './chain/index.js';
import { readTextFile } from './read-text.js';

export { renderSvg, type RenderSize } from './charts/render-node.js';
export { htmlReport, type HtmlCharts, type HtmlMeta } from './report/html.js';

/** Reads a chain file in any supported format (CBOE delayed-quotes CSV, long CSV, JSON); errors name the file. */
export async function readChainFile(path: string, options: ReadOptions = {}): Promise<Chain> {
  return readChain(await readTextFile(path), { source: basename(path), ...options });
}
