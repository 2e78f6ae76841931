// Field rules shared by the long-CSV and JSON readers: one contract per row/object, the same names and checks.
import { blankContract, countSkip, type Contract } from './model.js';
import { parseNumber } from './csv.js';
import { parseIsoInstant, settlementInstant, daysInMonth } from './time.js';

/** Contract fields the long CSV and JSON accept (aliases map to the same field). */
export const CONTRACT_FIELDS = [
  'expiry', 'T', 'type', 'strike', 'iv', 'price', 'bid', 'ask', 'openInterest', 'oi', 'position', 'multiplier',
  'root', 'volume',
] as const;

/** Chain-level metadata keys (long CSV `# key: value` lines, JSON top-level keys). */
export const METADATA_KEYS = ['underlying', 'spot', 'asOf', 'rate', 'dividend'] as const;
export type MetadataKey = (typeof METADATA_KEYS)[number];

export type RawValue = string | number | boolean | null | undefined | object;

/** Access to one row's raw values plus an error reporter that knows the row's location. */
export interface RowAccess {
  /** Raw value of a field; undefined (or '' in CSV) when absent. */
  get(name: string): RawValue;
  has(name: string): boolean;
  fail(name: string, value: RawValue, problem: string): never;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function present(v: RawValue): boolean {
  return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
}

/** A numeric field: a JSON number or a decimal string; NaN when absent. */
export function numberField(row: RowAccess, name: string): number {
  const v = row.get(name);
  if (!present(v)) return NaN;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) row.fail(name, v, 'not a finite number');
    return v;
  }
  if (typeof v === 'string') {
    const x = parseNumber(v);
    if (x === null) row.fail(name, v, 'not a number');
    return x!;
  }
  return row.fail(name, v, 'not a number');
}

/** Parse one contract; returns null when it is skipped (and counts why in `skipped`). */
export function contractFromRow(
  row: RowAccess, line: number, defaultRoot: string, skipped: Record<string, number>,
  /** Settlement instants already parsed, by root and expiry text (a chain has few distinct expiries). */
  expiries: Map<string, number> = new Map(),
): Contract | null {
  const typeRaw = row.get('type');
  const t = typeof typeRaw === 'string' ? typeRaw.trim().toLowerCase() : typeRaw;
  const type = t === 'call' || t === 'c' ? 1 : t === 'put' || t === 'p' ? -1 : 0;
  if (type === 0) row.fail('type', typeRaw, present(typeRaw) ? 'unknown option type (call, put, C or P)' : 'missing option type');

  const strike = numberField(row, 'strike');
  if (!(strike > 0)) row.fail('strike', row.get('strike'), 'strike must be a positive number');

  const rootRaw = row.get('root');
  const root = present(rootRaw) ? String(rootRaw).trim() : defaultRoot;
  const c = blankContract(root, type as 1 | -1, strike, line);

  // Time: an expiry instant (or a date, settled by the root's AM/PM rule) or T in years.
  const hasExpiry = present(row.get('expiry'));
  const hasT = present(row.get('T'));
  if (hasExpiry && hasT) row.fail('T', row.get('T'), 'give either expiry or T, not both');
  if (hasExpiry) {
    const e = row.get('expiry');
    const text = typeof e === 'string' ? e.trim() : '';
    const key = root + ' ' + text;
    const known = expiries.get(key);
    if (known !== undefined) c.expiry = known;
    else {
      c.expiry = parseExpiry(row, e, text, root);
      expiries.set(key, c.expiry);
    }
  } else if (hasT) {
    c.time = numberField(row, 'T');
    if (c.time < 0) row.fail('T', row.get('T'), 'T (years) must not be negative');
  } else {
    row.fail('expiry', row.get('expiry'), 'missing expiry (or T)');
  }

  c.iv = numberField(row, 'iv');
  c.price = numberField(row, 'price');
  c.bid = numberField(row, 'bid');
  c.ask = numberField(row, 'ask');
  if (c.iv < 0) row.fail('iv', row.get('iv'), 'iv must not be negative');
  if (c.price < 0) row.fail('price', row.get('price'), 'price must not be negative');
  if (c.bid < 0) row.fail('bid', row.get('bid'), 'bid must not be negative');
  if (c.ask < 0) row.fail('ask', row.get('ask'), 'ask must not be negative');
  if (c.iv === 0) c.iv = NaN; // zero vol means "no vol": solved from the price (as in vendor files)
  if (Number.isNaN(c.iv) && Number.isNaN(c.price) && Number.isNaN(c.bid)) {
    row.fail('iv', row.get('iv'), 'neither a positive iv nor a price (or bid/ask) to solve it from');
  }

  const oiName = row.has('oi') && !row.has('openInterest') ? 'oi' : 'openInterest';
  c.openInterest = numberField(row, oiName);
  if (c.openInterest < 0) row.fail(oiName, row.get(oiName), 'open interest must not be negative');
  c.position = numberField(row, 'position');
  c.multiplier = numberField(row, 'multiplier');
  if (!Number.isNaN(c.multiplier) && !(c.multiplier > 0)) row.fail('multiplier', row.get('multiplier'), 'multiplier must be positive');
  const volume = numberField(row, 'volume');
  if (volume < 0) row.fail('volume', row.get('volume'), 'volume must not be negative');

  if (Number.isNaN(c.position)) {
    if (Number.isNaN(c.openInterest)) row.fail(oiName, row.get(oiName), 'missing open interest (or position)');
    if (c.openInterest === 0) { countSkip(skipped, 'zeroOpenInterest'); return null; }
  } else if (c.position === 0) {
    countSkip(skipped, 'zeroPosition');
    return null;
  }
  return c;
}

/** Settlement instant of an expiry cell: an ISO instant with offset, or a date settled by the root's rule. */
function parseExpiry(row: RowAccess, e: RawValue, text: string, root: string): number {
  const inst = parseIsoInstant(text);
  if (inst) return inst.ms;
  const d = ISO_DATE.exec(text);
  if (!d || Number(d[2]) < 1 || Number(d[2]) > 12 || Number(d[3]) < 1 || Number(d[3]) > daysInMonth(Number(d[1]), Number(d[2]))) {
    row.fail('expiry', e, 'expiry must be an ISO 8601 instant with offset (2026-01-30T16:00:00-05:00) or a date (2026-01-30)');
  }
  try {
    return settlementInstant(root, Number(d![1]), Number(d![2]), Number(d![3]));
  } catch (err) {
    return row.fail('expiry', e, (err as Error).message);
  }
}

/** Validate one metadata value; `fail` reports it with its location. */
export function metadataValue(
  key: string, value: RawValue, fail: (problem: string) => never,
): { key: MetadataKey; value: string | number | { ms: number; offsetMinutes: number } } {
  if (!(METADATA_KEYS as readonly string[]).includes(key)) fail(`unknown metadata key "${key}" (known: ${METADATA_KEYS.join(', ')})`);
  const k = key as MetadataKey;
  if (k === 'underlying') {
    if (typeof value !== 'string' || value.trim() === '') fail('underlying must be a non-empty string');
    return { key: k, value: (value as string).trim() };
  }
  if (k === 'asOf') {
    const inst = typeof value === 'string' ? parseIsoInstant(value) : null;
    if (!inst) fail('asOf must be an ISO 8601 instant with offset, e.g. 2026-01-28T15:00:00-05:00');
    return { key: k, value: inst! };
  }
  const x = typeof value === 'number' ? value : typeof value === 'string' ? parseNumber(value) : null;
  if (x === null || !Number.isFinite(x)) fail(`${k} must be a number`);
  if (k === 'spot' && !(x! > 0)) fail('spot must be positive');
  return { key: k, value: x! };
}
