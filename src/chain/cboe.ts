// Reader for the CBOE delayed-quotes CSV ("quotedata.csv"): a blank line, a title line with the underlying's
// `Last:` price, a `Date:` line with the quote time (New York), a header, then one row per expiry and strike
// with the call columns, `Strike`, and the put columns. Real samples: shared/data/cboe/README.md beside the repository.
import { ChainError, chainOfColumns, countSkip, newColumns, trimColumns, type Chain, type ReadOptions } from './model.js';
import { parseNumber, parseNumberAt, splitCsvLine } from './csv.js';
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
  const fail = (line: number, column: string, value: string, problem: string): never => {
    throw new ChainError(source, line, column, value, problem);
  };

  // Title, date and header lines within the first few lines (the data rows are then read in place, below).
  const lines: string[] = [];
  const lineStarts: number[] = [];
  let next = 0; // offset of the line after the last one in `lines`
  while (lines.length < 10 && next <= text.length) {
    const nl = text.indexOf('\n', next);
    const end = nl < 0 ? text.length : nl;
    lineStarts.push(next);
    lines.push(text.slice(next, end > next && text.charCodeAt(end - 1) === 13 ? end - 1 : end));
    next = end + 1;
  }
  let titleIdx = -1, dateIdx = -1, headerIdx = -1;
  for (let i = 0; i < lines.length; i++) {
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

  const nCols = names.length;
  // One row's fields as [start, end) offsets into `row`: the file text itself, or for a row with quotes the
  // concatenation of its unquoted fields. Numbers are parsed in place; strings are made only for errors.
  let row = text;
  const fs = new Int32Array(nCols), fe = new Int32Array(nCols);
  let line = 0;
  const fieldText = (c: number): string => row.slice(fs[c], fe[c]);
  /** The number in field c of the row, or a located error. */
  const num = (c: number, side?: string): number => {
    const v = parseNumberAt(row, fs[c], fe[c]);
    return v === null ? fail(line, colName(c, side), fieldText(c), 'not a number') : v;
  };
  // The option symbol in field c, parsed into `sym` (root, yy mm dd, call, strike x 1000); false when malformed.
  const sym = { root: '', y: 0, m: 0, d: 0, call: false, k8: 0 };
  const rootList: string[] = []; // the roots met so far (a handful), so each row reuses its root's string
  const digitsAt = (s: string, from: number, count: number): number => {
    let v = 0;
    for (let i = from; i < from + count; i++) {
      const ch = s.charCodeAt(i) - 48;
      if (ch < 0 || ch > 9) return -1;
      v = v * 10 + ch;
    }
    return v;
  };
  const parseSymbol = (c: number): boolean => {
    const f = fs[c], e = fe[c], rootEnd = e - 15;
    let ok = rootEnd > f;
    for (let i = f; ok && i < rootEnd; i++) { const ch = row.charCodeAt(i); ok = ch >= 65 && ch <= 90; } // A-Z
    const cp = ok ? row.charCodeAt(rootEnd + 6) : 0;
    if (ok && (cp === 67 || cp === 80)) { // C or P
      const y = digitsAt(row, rootEnd, 2), m = digitsAt(row, rootEnd + 2, 2), d = digitsAt(row, rootEnd + 4, 2);
      const k8 = digitsAt(row, rootEnd + 7, 8);
      if (y >= 0 && m >= 0 && d >= 0 && k8 >= 0) {
        let root: string | undefined;
        for (const r of rootList) if (r.length === rootEnd - f && row.startsWith(r, f)) { root = r; break; }
        if (root === undefined) rootList.push(root = row.slice(f, rootEnd));
        sym.root = root; sym.y = y; sym.m = m; sym.d = d; sym.call = cp === 67; sym.k8 = k8;
        return true;
      }
    }
    // Not in the plain form: the same pattern on the trimmed text (surrounding blanks are allowed).
    const sm = SYMBOL.exec(fieldText(c).trim());
    if (!sm) return false;
    sym.root = sm[1]; sym.y = Number(sm[2]); sym.m = Number(sm[3]); sym.d = Number(sm[4]); sym.call = sm[5] === 'C';
    sym.k8 = Number(sm[6]);
    return true;
  };
  // Contracts as columns, with room for two per line; the fields CBOE does not give stay NaN (time, price,
  // position), except the multiplier: the CBOE default 100.
  let lineCount = lines.length + 1;
  for (let p = text.indexOf('\n', next); p >= 0; p = text.indexOf('\n', p + 1)) lineCount++;
  const out = newColumns(2 * lineCount);
  out.multiplier.fill(100);
  const skipped: Record<string, number> = {};
  const roots = new Set<string>();
  // Per expiry date: its parts and the settlement instant of each root met with it.
  type Expiry = { text: string; y: number; m: number; d: number; settle: Map<string, number> };
  const expiryCache = new Map<string, Expiry>();
  let lastExpRaw = '', lastExp: Expiry | undefined;
  let lastRoot = '';
  let nextQuote = -1; // offset of the next '"' in the text (searched once per quote, not once per row)

  for (let i = headerIdx + 1, pos = i < lines.length ? lineStarts[i] : next; pos <= text.length; i++) {
    // Line i (0-based) spans [start, end) of the text.
    const start = pos;
    const nl = text.indexOf('\n', start);
    let end = nl < 0 ? text.length : nl;
    pos = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (end === start) continue;
    const c0 = text.charCodeAt(start);
    if ((c0 <= 32 || c0 >= 128) && text.slice(start, end).trim() === '') continue;
    line = i + 1;

    // Fields.
    let nf = 0;
    if (nextQuote < start) nextQuote = text.indexOf('"', start) >>> 0; // -1 (none left) becomes 2^32 - 1
    if (nextQuote < end) {
      const raw = text.slice(start, end);
      const fields = splitCsvLine(raw) ?? fail(line, '1', raw, 'malformed CSV line (unbalanced quotes)');
      row = fields.join('');
      nf = fields.length;
      for (let c = 0, at = 0; c < nf && c < nCols; c++) { fs[c] = at; at += fields[c].length; fe[c] = at; }
    } else {
      row = text;
      for (let p = start; ; nf++) {
        const comma = text.indexOf(',', p);
        const e = comma < 0 || comma >= end ? end : comma;
        if (nf < nCols) { fs[nf] = p; fe[nf] = e; }
        if (e === end) { nf++; break; }
        p = e + 1;
      }
    }
    if (nf !== nCols) {
      fail(line, String(Math.min(nf, nCols) + 1), text.slice(start, end), `expected ${nCols} fields, found ${nf}`);
    }

    // Expiry date column (rows of one expiry are adjacent: compare with the last row's text first).
    let exp: Expiry | undefined;
    const ef = fs[expCol], ee = fe[expCol];
    if (lastExp && lastExpRaw.length === ee - ef && row.startsWith(lastExpRaw, ef)) exp = lastExp;
    else {
      const expRaw = row.slice(ef, ee);
      const expText = expRaw.trim();
      exp = expiryCache.get(expText);
      if (!exp) {
        const em = EXPIRY_DATE.exec(expText);
        const m = em ? MONTHS.findIndex((x) => x.slice(0, 3) === em[2].toLowerCase()) + 1 : 0;
        const y = em ? Number(em[4]) : 0, d = em ? Number(em[3]) : 0;
        if (!em || m < 1 || d < 1 || d > daysInMonth(y, m)) fail(line, colName(expCol), expText, 'expiry date not like "Fri Jan 10 2025"');
        if (WEEKDAYS[dayOfWeek(y, m, d)] !== em![1]) fail(line, colName(expCol), expText, `weekday does not match the date (it is a ${WEEKDAYS[dayOfWeek(y, m, d)]})`);
        exp = { text: expText, y, m, d, settle: new Map() };
        expiryCache.set(expText, exp);
      }
      lastExp = exp;
      lastExpRaw = expRaw;
    }

    const strike = num(strikeCol);
    if (!(strike > 0)) fail(line, colName(strikeCol), fieldText(strikeCol), 'strike must be positive');

    for (let s = 0; s < 2; s++) {
      const side = sides[s];
      if (!parseSymbol(side.sym)) fail(line, colName(side.sym), fieldText(side.sym).trim(), 'option symbol not like SPXW220207C02400000');
      const root = sym.root;
      if (2000 + sym.y !== exp.y || sym.m !== exp.m || sym.d !== exp.d) {
        fail(line, colName(side.sym), fieldText(side.sym).trim(), `symbol date does not match the expiry column (${exp.text})`);
      }
      if (sym.call !== (side.type === 1)) fail(line, colName(side.sym), fieldText(side.sym).trim(), `a ${sym.call ? 'call' : 'put'} symbol in the ${side.label} columns`);
      if (Math.abs(sym.k8 / 1000 - strike) > 1e-9 * strike) {
        fail(line, colName(side.sym), fieldText(side.sym).trim(), `symbol strike ${sym.k8 / 1000} does not match the Strike column (${strike})`);
      }
      const cols = side.cols;
      const bidC = cols[2], askC = cols[3], volC = cols[4], ivC = cols[5], gammaC = cols[7], oiC = cols[8];
      const bid = num(bidC, side.label), ask = num(askC, side.label), iv = num(ivC, side.label);
      const oi = num(oiC, side.label), gamma = num(gammaC, side.label);
      num(volC, side.label);
      if (bid < 0) fail(line, colName(bidC, side.label), fieldText(bidC), 'bid must not be negative');
      if (ask < 0) fail(line, colName(askC, side.label), fieldText(askC), 'ask must not be negative');
      if (iv < 0) fail(line, colName(ivC, side.label), fieldText(ivC), 'IV must not be negative');
      if (oi < 0 || !Number.isInteger(oi)) fail(line, colName(oiC, side.label), fieldText(oiC), 'open interest must be a whole number >= 0');
      if (root !== lastRoot) { roots.add(root); lastRoot = root; }
      if (oi === 0) { countSkip(skipped, 'zeroOpenInterest'); continue; }
      // Monthly rows alternate AM- and PM-settled roots (SPX, SPXW): one settlement instant per root and expiry.
      let settle = exp.settle.get(root) ?? NaN;
      if (Number.isNaN(settle)) {
        try {
          settle = settlementInstant(root, exp.y, exp.m, exp.d);
        } catch (e) {
          fail(line, colName(expCol), exp.text, (e as Error).message);
        }
        exp.settle.set(root, settle);
      }
      const k = out.n++;
      out.root.push(root);
      out.type[k] = side.type;
      out.strike[k] = strike;
      out.expiry[k] = settle;
      out.iv[k] = iv > 0 ? iv : NaN; // CBOE writes 0 when it has no vol: solved later from the bid/ask mid
      out.bid[k] = bid;
      out.ask[k] = ask;
      out.openInterest[k] = oi;
      out.vendorGamma[k] = gamma;
      out.line[k] = line;
    }
  }

  // Underlying: the root every other root extends (SPX for SPX/SPXW), else the title's name.
  const sorted = [...roots].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const underlying = sorted.length && sorted.every((r) => r.startsWith(sorted[0])) ? sorted[0] : title[0].trim();
  return chainOfColumns({
    source, underlying, spot: spot!, asOf: { ms: asOfMs, offsetMinutes: nyOffsetMinutes(asOfMs) },
    rate: NaN, dividend: NaN, skipped,
  }, trimColumns(out));
}
