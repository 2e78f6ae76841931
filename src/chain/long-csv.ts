// Reader for the long chain CSV: one contract per row. This format is stable (the bundled sample uses it):
//
//   # underlying: SPX                         optional metadata lines, before the header, `# key: value`
//   # spot: 6988.42                           keys: underlying, spot, asOf, rate, dividend (an unknown key
//   # asOf: 2026-01-28T15:00:00-05:00         is an error; a `#` line without `key:` is a comment)
//   # rate: 0.043
//   # dividend: 0.013
//   expiry,type,strike,iv,openInterest        header, then one row per contract
//   2026-01-28T16:00:00-05:00,call,7000,0.14,52000
//
// Columns (any order; names case-sensitive):
//   expiry        settlement instant, ISO 8601 with offset; or a date (2026-01-30), settled at 09:30 New York
//                 for AM-settled roots (SPX, NDX, RUT) and 16:00 otherwise     } exactly one of
//   T             years to settlement (ACT/365)                                 } expiry / T
//   type          call, put, C or P (any case)
//   strike        > 0
//   iv            implied vol, decimal (0.2 = 20%); empty or 0: solved from price (or the bid/ask mid)
//   price, bid, ask   option price / quotes to solve the vol from
//   openInterest  (alias oi) contracts, >= 0; rows with 0 are skipped and counted (zeroOpenInterest)
//   position      optional signed dealer position in contracts: overrides the dealer model for that row
//   multiplier    optional, default 100
//   root          optional option root (SPXW...), default the `underlying` metadata
//   volume        optional, ignored by the math
// Empty cells are absent values. Unknown columns are an error (they are usually typos).
import { ChainError, chainOfColumns, newColumns, pushContract, trimColumns, type Chain, type ReadOptions } from './model.js';
import { splitCsvLine, splitLines } from './csv.js';
import { CONTRACT_FIELDS, contractFromRow, metadataValue, type RawValue, type RowAccess } from './fields.js';

const META_LINE = /^#\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*?)\s*$/;

/** Whether text looks like a long chain CSV (header with type and strike columns). */
export function looksLikeLongCsv(text: string): boolean {
  for (const l of splitLines(text.slice(0, 4000))) {
    const t = l.trim();
    if (t === '' || t.startsWith('#')) continue;
    const cols = t.split(',').map((c) => c.trim());
    return cols.includes('type') && cols.includes('strike');
  }
  return false;
}

export function readLongCsv(text: string, options: ReadOptions = {}): Chain {
  const source = options.source ?? 'chain.csv';
  const lines = splitLines(text);
  const chain: Omit<Chain, 'contracts' | 'columns'> = {
    source, underlying: '', spot: NaN, asOf: null, rate: NaN, dividend: NaN, skipped: {},
  };
  const seen = new Set<string>();

  // Metadata and comments, then the header.
  let i = 0;
  for (; i < lines.length; i++) {
    const l = lines[i].trim();
    if (l === '') continue;
    if (!l.startsWith('#')) break;
    const m = META_LINE.exec(l);
    if (!m) continue; // a comment
    const fail = (problem: string): never => { throw new ChainError(source, i + 1, m[1], m[2], problem); };
    if (seen.has(m[1])) fail(`metadata key "${m[1]}" given twice`);
    seen.add(m[1]);
    const { key, value } = metadataValue(m[1], m[2], fail);
    (chain as unknown as Record<string, unknown>)[key] = value;
  }
  if (i >= lines.length) throw new ChainError(source, lines.length, 'header', '', 'no header line (expected columns such as expiry,type,strike,iv,openInterest)');

  const headerLine = i + 1;
  const header = splitCsvLine(lines[i]);
  if (!header) throw new ChainError(source, headerLine, '1', lines[i], 'malformed CSV header');
  const names = header.map((f) => f.trim());
  const index = new Map<string, number>();
  names.forEach((n, c) => {
    if (!(CONTRACT_FIELDS as readonly string[]).includes(n)) {
      throw new ChainError(source, headerLine, `${c + 1} (${n})`, n, `unknown column (known: ${CONTRACT_FIELDS.join(', ')})`);
    }
    if (index.has(n)) throw new ChainError(source, headerLine, `${c + 1} (${n})`, n, 'column given twice');
    index.set(n, c);
  });
  const requireCol = (ok: boolean, name: string, problem: string): void => {
    if (!ok) throw new ChainError(source, headerLine, name, lines[i], problem);
  };
  requireCol(index.has('type'), 'type', 'missing column "type"');
  requireCol(index.has('strike'), 'strike', 'missing column "strike"');
  requireCol(index.has('expiry') || index.has('T'), 'expiry', 'missing column "expiry" (or "T")');
  requireCol(index.has('iv') || index.has('price') || (index.has('bid') && index.has('ask')), 'iv', 'missing column "iv" (or "price")');
  requireCol(index.has('openInterest') || index.has('oi') || index.has('position'), 'openInterest', 'missing column "openInterest" (or "oi", or "position")');
  requireCol(!(index.has('openInterest') && index.has('oi')), 'oi', 'both "openInterest" and its alias "oi"');

  const defaultRoot = chain.underlying;
  let fields: ReturnType<typeof splitCsvLine> = [];
  let line = 0;
  const row: RowAccess = {
    get: (name: string): RawValue => {
      const c = index.get(name);
      return c === undefined ? undefined : fields![c];
    },
    has: (name: string) => index.has(name),
    fail: (name: string, value: RawValue, problem: string): never => {
      const c = index.get(name);
      throw new ChainError(source, line, c === undefined ? name : `${c + 1} (${name})`, value === undefined ? '' : String(value), problem);
    },
  };
  // Contracts go into columns as they are read (each row's object then dies young, cheap for the GC).
  const cols = newColumns(lines.length);
  const expiries = new Map<string, number>();
  for (i = i + 1; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '') continue;
    line = i + 1;
    fields = splitCsvLine(raw);
    if (!fields) throw new ChainError(source, line, '1', raw, 'malformed CSV line (unbalanced quotes)');
    if (fields.length !== names.length) {
      throw new ChainError(source, line, String(Math.min(fields.length, names.length) + 1), raw, `expected ${names.length} fields, found ${fields.length}`);
    }
    const c = contractFromRow(row, line, defaultRoot, chain.skipped, expiries);
    if (c) pushContract(cols, c);
  }
  return chainOfColumns(chain, trimColumns(cols));
}
