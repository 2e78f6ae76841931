// Reader for the CBOE delayed-quotes CSV ("quotedata.csv"): a blank line, a title line with the underlying's
// `Last:` price, a `Date:` line with the quote time (New York), a header, then one row per expiry and strike
// with the call columns, `Strike`, and the put columns. Real samples: shared/data/cboe/README.md beside the repository.
import { ChainError, blankContract, countSkip, type Chain, type Contract, type ReadOptions } from './model.js';
import { parseNumber, splitCsvLine, splitLines } from './csv.js';
import { dayOfWeek, nyWallToUtc, settlementInstant, nyOffsetMinutes, daysInMonth } from './time.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Columns of one side (calls or puts) in CBOE's header, by name. */
const SIDE_COLUMNS = ['Last Sale', 'Net', 'Bid', 'Ask', 'Volume', 'IV', 'Delta', 'Gamma', 'Open Interest'] as const;

// "Date: February 5 2022, 8:09 PM EST" and "Date: January 6, 2025 at 9:26 PM EST" (and "June 11, 2022, 8:47 PM EDT").
const QUOTE_DATE = /^Date:\s*([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4}),?\s+(?:at\s+)?(\d{1,2}):(\d{2})\s*(AM|PM)\s*(EST|EDT)?\s*$/i;
// "Fri Jan 10 2025"
const EXPIRY_DATE = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) ([A-Za-z]{3}) (\d{1,2}) (\d{4})$/;
// OSI-style symbol without padding: root, yymmdd, C/P, strike x 1000 in 8 digits.
const SYMBOL = /^([A-Z]+)(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/;

/** Whether text looks like a CBOE delayed-quotes CSV (used by `readChain` to sniff the format). */
export function looksLikeCboe(text: string): boolean {
  const head = text.slice(0, 2000);
  return /Last:/.test(head) && /Date:/.test(head) && /Expiration Date,Calls/.test(head);
}

/** Parse a CBOE delayed-quotes CSV. Settled expiries are kept (the analysis excludes them against its
 *  valuation instant); zero-open-interest contracts are skipped and counted. */
export function readCboeCsv(text: string, options: ReadOptions = {}): Chain {
  const source = options.source ?? 'cboe.csv';
  const lines = splitLines(text);
  const fail = (line: number, column: string, value: string, problem: string): never => {
    throw new ChainError(source, line, column, value, problem);
  };

  // Title, date and header lines within the first few lines.
  let titleIdx = -1, dateIdx = -1, headerIdx = -1;
  for (let i = 0; i < Math.min(lines.length, 10); i++) {
    const l = lines[i];
    if (titleIdx < 0 && /(^|,)\s*Last:/.test(l)) titleIdx = i;
    else if (dateIdx < 0 && /^"?Date:/.test(l)) dateIdx = i;
    else if (/^Expiration Date,/.test(l)) { headerIdx = i; break; }
  }
  if (titleIdx < 0) fail(1, 'Last', '', 'no title line with the underlying\'s "Last:" price in the first lines');
  if (dateIdx < 0) fail(titleIdx + 2, 'Date', '', 'no "Date:" line with the quote time after the title line');
  if (headerIdx < 0) fail(dateIdx + 2, 'Expiration Date', '', 'no header line starting with "Expiration Date,"');

  // Spot from "Last: 5975.3799".
  const title = splitCsvLine(lines[titleIdx]) ?? fail(titleIdx + 1, '1', lines[titleIdx], 'malformed CSV line');
  const lastIdx = title.findIndex((f) => /^\s*Last:/.test(f));
  const lastField = title[lastIdx];
  const lastText = lastField.replace(/^\s*Last:\s*/, '');
  const spot = parseNumber(lastText);
  if (spot === null || !(spot > 0)) fail(titleIdx + 1, `${lastIdx + 1} (Last)`, lastText, 'spot must be a positive number');

  // Quote instant, New York time.
  const dateFields = splitCsvLine(lines[dateIdx]) ?? fail(dateIdx + 1, '1', lines[dateIdx], 'malformed CSV line');
  const dateText = dateFields[0].trim();
  const dm = QUOTE_DATE.exec(dateText);
  if (!dm) fail(dateIdx + 1, '1 (Date)', dateText, 'quote time not in a known format ("Month D, YYYY at h:mm AM EST" or "Month D YYYY, h:mm PM EST")');
  const month = MONTHS.indexOf(dm![1].toLowerCase()) + 1;
  const qYear = Number(dm![3]), qDay = Number(dm![2]);
  let hour = Number(dm![4]);
  const minute = Number(dm![5]);
  if (month < 1 || qDay < 1 || qDay > daysInMonth(qYear, month) || hour < 1 || hour > 12 || minute > 59) {
    fail(dateIdx + 1, '1 (Date)', dateText, 'invalid calendar date or time');
  }
  if (dm![6].toUpperCase() === 'PM' && hour !== 12) hour += 12;
  if (dm![6].toUpperCase() === 'AM' && hour === 12) hour = 0;
  const zone = dm![7] ? (dm![7].toUpperCase() as 'EST' | 'EDT') : undefined;
  let asOfMs = 0;
  try {
    asOfMs = nyWallToUtc(qYear, month, qDay, hour, minute, 0, zone);
  } catch (e) {
    fail(dateIdx + 1, '1 (Date)', dateText, (e as Error).message);
  }

  // Header: call columns before Strike, put columns after.
  const header = splitCsvLine(lines[headerIdx]) ?? fail(headerIdx + 1, '1', lines[headerIdx], 'malformed CSV line');
  const names = header.map((f) => f.trim());
  const strikeCol = names.indexOf('Strike');
  if (strikeCol < 0) fail(headerIdx + 1, 'Strike', lines[headerIdx], 'missing column "Strike"');
  const find = (name: string, from: number, to: number): number => {
    for (let c = from; c < to; c++) if (names[c] === name) return c;
    return fail(headerIdx + 1, name, lines[headerIdx], `missing column "${name}" on the ${from < strikeCol ? 'call' : 'put'} side`);
  };
  const expCol = names.indexOf('Expiration Date');
  const callSym = find('Calls', 0, strikeCol);
  const putSym = find('Puts', strikeCol + 1, names.length);
  const sides = [
    { type: 1 as const, sym: callSym, label: 'call', cols: SIDE_COLUMNS.map((n) => find(n, 0, strikeCol)) },
    { type: -1 as const, sym: putSym, label: 'put', cols: SIDE_COLUMNS.map((n) => find(n, strikeCol + 1, names.length)) },
  ];
  const colName = (c: number, side?: string): string => `${c + 1} (${names[c]}${side ? ', ' + side : ''})`;

  /** The number in field c of a row, or a located error. */
  const cell = (fields: string[], c: number, line: number, side?: string): number => {
    const v = parseNumber(fields[c]);
    return v === null ? fail(line, colName(c, side), fields[c], 'not a number') : v;
  };
  const contracts: Contract[] = [];
  const skipped: Record<string, number> = {};
  const roots = new Set<string>();
  // Per expiry date: its parts and the settlement instant of the last root seen with it.
  const expiryCache = new Map<string, { y: number; m: number; d: number; root: string; settle: number }>();
  let lastRoot = '';

  for (let i = headerIdx + 1; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '') continue;
    const line = i + 1;
    const fields = splitCsvLine(raw) ?? fail(line, '1', raw, 'malformed CSV line (unbalanced quotes)');
    if (fields.length !== names.length) {
      fail(line, String(Math.min(fields.length, names.length) + 1), raw, `expected ${names.length} fields, found ${fields.length}`);
    }
    const num = (c: number, side?: string): number => cell(fields, c, line, side);

    // Expiry date column.
    const expText = fields[expCol].trim();
    let exp = expiryCache.get(expText);
    if (!exp) {
      const em = EXPIRY_DATE.exec(expText);
      const m = em ? MONTHS.findIndex((x) => x.slice(0, 3) === em[2].toLowerCase()) + 1 : 0;
      const y = em ? Number(em[4]) : 0, d = em ? Number(em[3]) : 0;
      if (!em || m < 1 || d < 1 || d > daysInMonth(y, m)) fail(line, colName(expCol), expText, 'expiry date not like "Fri Jan 10 2025"');
      if (WEEKDAYS[dayOfWeek(y, m, d)] !== em![1]) fail(line, colName(expCol), expText, `weekday does not match the date (it is a ${WEEKDAYS[dayOfWeek(y, m, d)]})`);
      exp = { y, m, d, root: '', settle: NaN };
      expiryCache.set(expText, exp);
    }

    const strike = num(strikeCol);
    if (!(strike > 0)) fail(line, colName(strikeCol), fields[strikeCol], 'strike must be positive');

    for (const side of sides) {
      const symText = fields[side.sym].trim();
      const sm = SYMBOL.exec(symText);
      if (!sm) fail(line, colName(side.sym), symText, 'option symbol not like SPXW220207C02400000');
      const root = sm![1], cp = sm![5], k8 = sm![6];
      if (2000 + Number(sm![2]) !== exp.y || Number(sm![3]) !== exp.m || Number(sm![4]) !== exp.d) {
        fail(line, colName(side.sym), symText, `symbol date does not match the expiry column (${expText})`);
      }
      if ((cp === 'C') !== (side.type === 1)) fail(line, colName(side.sym), symText, `a ${cp === 'C' ? 'call' : 'put'} symbol in the ${side.label} columns`);
      if (Math.abs(Number(k8) / 1000 - strike) > 1e-9 * strike) {
        fail(line, colName(side.sym), symText, `symbol strike ${Number(k8) / 1000} does not match the Strike column (${strike})`);
      }
      const cols = side.cols;
      const bidC = cols[2], askC = cols[3], volC = cols[4], ivC = cols[5], gammaC = cols[7], oiC = cols[8];
      const bid = num(bidC, side.label), ask = num(askC, side.label), iv = num(ivC, side.label);
      const oi = num(oiC, side.label), gamma = num(gammaC, side.label);
      num(volC, side.label);
      if (bid < 0) fail(line, colName(bidC, side.label), fields[bidC], 'bid must not be negative');
      if (ask < 0) fail(line, colName(askC, side.label), fields[askC], 'ask must not be negative');
      if (iv < 0) fail(line, colName(ivC, side.label), fields[ivC], 'IV must not be negative');
      if (oi < 0 || !Number.isInteger(oi)) fail(line, colName(oiC, side.label), fields[oiC], 'open interest must be a whole number >= 0');
      if (root !== lastRoot) { roots.add(root); lastRoot = root; }
      if (oi === 0) { countSkip(skipped, 'zeroOpenInterest'); continue; }
      const c = blankContract(root, side.type, strike, line);
      if (exp.root !== root) {
        try {
          exp.settle = settlementInstant(root, exp.y, exp.m, exp.d);
        } catch (e) {
          fail(line, colName(expCol), expText, (e as Error).message);
        }
        exp.root = root;
      }
      c.expiry = exp.settle;
      c.iv = iv > 0 ? iv : NaN; // CBOE writes 0 when it has no vol: solved later from the bid/ask mid
      c.bid = bid;
      c.ask = ask;
      c.openInterest = oi;
      c.multiplier = 100;
      c.vendorGamma = gamma;
      contracts.push(c);
    }
  }

  // Underlying: the root every other root extends (SPX for SPX/SPXW), else the title's name.
  const sorted = [...roots].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const underlying = sorted.length && sorted.every((r) => r.startsWith(sorted[0])) ? sorted[0] : title[0].trim();
  return {
    source, underlying, spot: spot!, asOf: { ms: asOfMs, offsetMinutes: nyOffsetMinutes(asOfMs) },
    rate: NaN, dividend: NaN, contracts, skipped,
  };
}
