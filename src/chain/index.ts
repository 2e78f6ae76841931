// Chain readers (pure: text in, chain out; browser-safe) and the chain model.
import { readCboeCsv, looksLikeCboe } from './cboe.js';
import { readLongCsv } from './long-csv.js';
import { readChainJson, looksLikeJson } from './json.js';
import type { Chain, ReadOptions } from './model.js';

export { readCboeCsv } from './cboe.js';
export { readLongCsv } from './long-csv.js';
export { readChainJson } from './json.js';
export { ChainError, contractCount, type Chain, type Contract, type ContractColumns, type ReadOptions } from './model.js';
export {
  AM_SETTLED_ROOTS, MS_PER_YEAR, formatNy, formatWithOffset, nyOffsetMinutes, nyWallToUtc, parseIsoInstant,
  settlementInstant, yearFraction,
} from './time.js';

/** Read a chain in any supported format, sniffed from the text: JSON (starts with `{`), the CBOE
 *  delayed-quotes CSV (title `Last:` and `Date:` lines), else the long CSV. */
export function readChain(text: string, options: ReadOptions = {}): Chain {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // byte-order mark
  if (looksLikeJson(body)) return readChainJson(body, options);
  if (looksLikeCboe(body)) return readCboeCsv(body, options);
  return readLongCsv(body, options);
}
