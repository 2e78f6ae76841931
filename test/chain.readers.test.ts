// Chain readers: the long CSV, JSON and CBOE formats, one test per failure class (the error names the file,
// line, column and value), and the New York clock.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber, parseNumberAt } from '../src/chain/csv.js';
import { readChain, readCboeCsv, readLongCsv, readChainJson, ChainError, contractCount } from '../src/chain/index.js';
import { nyWallToUtc, settlementInstant, formatNy, nyOffsetMinutes, parseIsoInstant } from '../src/chain/time.js';

/** Expect a ChainError naming source, line, column and value. */
function expectError(fn: () => unknown, line: number, column: string | RegExp, value: string | null, problem: RegExp, source = 'bad.csv') {
  let err: unknown;
  try { fn(); } catch (e) { err = e; }
  expect(err).toBeInstanceOf(ChainError);
  const e = err as ChainError;
  expect(e.source).toBe(source);
  expect(e.line).toBe(line);
  if (typeof column === 'string') expect(e.column).toBe(column); else expect(e.column).toMatch(column);
  if (value !== null) expect(e.value).toBe(value); // null: the whole line, checked by the message
  expect(e.message).toMatch(problem);
  expect(e.message).toContain(`${source}:${line}:`);
  expect(e.message).toContain(JSON.stringify(e.value));
}

const META = '# underlying: SPX\n# spot: 6988.42\n# asOf: 2026-01-28T15:00:00-05:00\n# rate: 0.043\n# dividend: 0.013\n';

describe('long CSV', () => {
  it('reads metadata, every column, aliases and both time forms', () => {
    const c = readLongCsv(META + '# a free comment line\n' +
      'expiry,T,type,strike,iv,price,oi,position,multiplier,root,volume\n' +
      '2026-01-28T16:00:00-05:00,,C,7000,0.12,,5000,,,SPXW,120\n' +
      ',0.25,put,6900,,55.5,800,-300,50,,\n' +
      '2026-02-20,,call,7100,0.15,,10,,,SPX,\n' +
      '2026-02-20,,P,7100,0.15,,0,,,SPX,\n', { source: 'ok.csv' });
    expect(c.underlying).toBe('SPX');
    expect(c.spot).toBe(6988.42);
    expect(c.asOf).toEqual({ ms: Date.UTC(2026, 0, 28, 20, 0), offsetMinutes: -300 });
    expect([c.rate, c.dividend]).toEqual([0.043, 0.013]);
    expect(c.columns?.n).toBe(3); // read into columns; the objects below are built from them
    expect(Array.from(c.columns!.position)).toEqual([NaN, -300, NaN]);
    expect(c.contracts).toHaveLength(3);
    const [a, b, d] = c.contracts;
    expect([a.root, a.type, a.strike, a.iv, a.openInterest, a.expiry, a.line]).toEqual(['SPXW', 1, 7000, 0.12, 5000, Date.UTC(2026, 0, 28, 21), 8]);
    expect([b.root, b.type, b.time, Number.isNaN(b.iv), b.price, b.position, b.multiplier]).toEqual(['SPX', -1, 0.25, true, 55.5, -300, 50]);
    // A date-only expiry settles by the root's rule: SPX monthly at 09:30 New York.
    expect(d.expiry).toBe(Date.UTC(2026, 1, 20, 14, 30));
    expect(c.skipped).toEqual({ zeroOpenInterest: 1 });
  });

  const head = META + 'expiry,type,strike,iv,openInterest\n';
  it('bad number', () => expectError(() => readLongCsv(head + '2026-01-30T16:00:00-05:00,call,7000,0.1x,5\n', { source: 'bad.csv' }), 7, '4 (iv)', '0.1x', /not a number/));
  it('missing column', () => expectError(() => readLongCsv(META + 'expiry,type,iv,openInterest\n', { source: 'bad.csv' }), 6, 'strike', 'expiry,type,iv,openInterest', /missing column "strike"/));
  it('unknown column', () => expectError(() => readLongCsv(META + 'expiry,type,stirke,iv,openInterest\n', { source: 'bad.csv' }), 6, '3 (stirke)', 'stirke', /unknown column/));
  it('unknown type', () => expectError(() => readLongCsv(head + '2026-01-30T16:00:00-05:00,straddle,7000,0.1,5\n', { source: 'bad.csv' }), 7, '2 (type)', 'straddle', /unknown option type/));
  it('bad date', () => expectError(() => readLongCsv(head + '2026-13-30T16:00:00-05:00,call,7000,0.1,5\n', { source: 'bad.csv' }), 7, '1 (expiry)', '2026-13-30T16:00:00-05:00', /ISO 8601/));
  it('expiry without offset', () => expectError(() => readLongCsv(head + '2026-01-30T16:00:00,call,7000,0.1,5\n', { source: 'bad.csv' }), 7, '1 (expiry)', '2026-01-30T16:00:00', /with offset/));
  it('bad metadata value', () => expectError(() => readLongCsv('# spot: abc\n' + 'T,type,strike,iv,oi\n', { source: 'bad.csv' }), 1, 'spot', 'abc', /spot must be a number/));
  it('unknown metadata key', () => expectError(() => readLongCsv('# sopt: 7000\n' + 'T,type,strike,iv,oi\n', { source: 'bad.csv' }), 1, 'sopt', '7000', /unknown metadata key/));
  it('bad asOf', () => expectError(() => readLongCsv('# asOf: 2026-01-28 15:00\n' + 'T,type,strike,iv,oi\n', { source: 'bad.csv' }), 1, 'asOf', '2026-01-28 15:00', /asOf must be an ISO 8601 instant/));
  it('wrong field count', () => expectError(() => readLongCsv(head + '2026-01-30T16:00:00-05:00,call,7000,0.1\n', { source: 'bad.csv' }), 7, '5', '2026-01-30T16:00:00-05:00,call,7000,0.1', /expected 5 fields, found 4/));
  it('negative open interest', () => expectError(() => readLongCsv(head + '2026-01-30T16:00:00-05:00,call,7000,0.1,-5\n', { source: 'bad.csv' }), 7, '5 (openInterest)', '-5', /must not be negative/));
  it('non-positive strike', () => expectError(() => readLongCsv(head + '2026-01-30T16:00:00-05:00,call,0,0.1,5\n', { source: 'bad.csv' }), 7, '3 (strike)', '0', /strike must be a positive/));
  it('no vol and no price', () => expectError(() => readLongCsv(head + '2026-01-30T16:00:00-05:00,call,7000,,5\n', { source: 'bad.csv' }), 7, '4 (iv)', '', /neither a positive iv nor a price/));
  it('both expiry and T', () => expectError(() => readLongCsv(META + 'expiry,T,type,strike,iv,oi\n2026-01-30T16:00:00-05:00,0.1,call,7000,0.1,5\n', { source: 'bad.csv' }), 7, '2 (T)', '0.1', /either expiry or T/));
});

describe('JSON', () => {
  const doc = (contracts: string, extra = '') =>
    `{\n  "underlying": "SPX",\n  "spot": 6988.42,\n  "asOf": "2026-01-28T15:00:00-05:00",${extra}\n  "contracts": [\n${contracts}\n  ]\n}\n`;
  it('reads the same fields as the long CSV', () => {
    const c = readChainJson(doc('    {"expiry": "2026-01-28T16:00:00-05:00", "type": "call", "strike": 7000, "iv": 0.12, "openInterest": 5000},\n    {"T": 0.1, "type": "P", "strike": 6900, "price": 20, "oi": 0}'), { source: 'ok.json' });
    expect(c.contracts).toHaveLength(1);
    expect(c.contracts[0]).toMatchObject({ type: 1, strike: 7000, iv: 0.12, openInterest: 5000, expiry: Date.UTC(2026, 0, 28, 21), line: 6, root: 'SPX' });
    expect(c.skipped).toEqual({ zeroOpenInterest: 1 });
    expect(c.spot).toBe(6988.42);
  });
  it('syntax error names line and column', () => expectError(() => readChainJson('{\n  "spot": 7000,\n  "contracts": [ {"type": "call",, } ]\n}', { source: 'bad.json' }), 3, '34', ', } ]\n}', /invalid JSON/, 'bad.json'));
  it('bad number', () => expectError(() => readChainJson(doc('    {"T": 0.1, "type": "call", "strike": "7000x", "iv": 0.1, "oi": 5}'), { source: 'bad.json' }), 6, '42 (contracts[0].strike)', '7000x', /not a number|strike must be/, 'bad.json'));
  it('unknown type', () => expectError(() => readChainJson(doc('    {"T": 0.1, "type": "fly", "strike": 7000, "iv": 0.1, "oi": 5}'), { source: 'bad.json' }), 6, '24 (contracts[0].type)', 'fly', /unknown option type/, 'bad.json'));
  it('unknown field', () => expectError(() => readChainJson(doc('    {"T": 0.1, "typ": "call", "strike": 7000, "iv": 0.1, "oi": 5}'), { source: 'bad.json' }), 6, '23 (contracts[0].typ)', '"call"', /unknown field/, 'bad.json'));
  it('bad metadata', () => expectError(() => readChainJson(doc('', '\n  "rate": "high",'), { source: 'bad.json' }), 5, '11 (rate)', '"high"', /rate must be a number/, 'bad.json'));
  it('missing contracts', () => expectError(() => readChainJson('{"spot": 7000}', { source: 'bad.json' }), 1, '1 (contracts)', '', /missing "contracts"/, 'bad.json'));
  it('bad date', () => expectError(() => readChainJson(doc('    {"expiry": "2026-02-30", "type": "call", "strike": 7000, "iv": 0.1, "oi": 5}'), { source: 'bad.json' }), 6, '16 (contracts[0].expiry)', '2026-02-30', /ISO 8601/, 'bad.json'));
});

describe('CBOE CSV', () => {
  const head = '\nSP 500 INDEX,Last: 5975.3799,Change:  32.9099\n"Date: January 6, 2025 at 9:26 PM EST",Bid: 5934.4302,Ask: 6032.4502,Size: 1*1,Volume: 0\n' +
    'Expiration Date,Calls,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest,Strike,Puts,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest\n';
  const row = 'Fri Jan 17 2025,SPX250117C06000000,60.1,0,59.5,60.7,10,0.1533,0.4851,0.0012,12000,6000.00,SPX250117P06000000,80.2,0,80,81.2,5,0.1602,-0.51,0.0011,0';
  it('reads spot, quote instant, roots and settlement; skips zero OI', () => {
    const c = readCboeCsv(head + row + '\n', { source: 'ok.csv' });
    expect(c.spot).toBe(5975.3799);
    expect(c.asOf).toEqual({ ms: Date.UTC(2025, 0, 7, 2, 26), offsetMinutes: -300 });
    expect(c.underlying).toBe('SPX');
    expect(c.contracts).toHaveLength(1);
    expect(c.contracts[0]).toMatchObject({ root: 'SPX', type: 1, strike: 6000, iv: 0.1533, openInterest: 12000, vendorGamma: 0.0012, bid: 59.5, ask: 60.7, line: 5 });
    expect(c.contracts[0].expiry).toBe(Date.UTC(2025, 0, 17, 14, 30)); // AM-settled SPX monthly: 09:30 EST
    expect(c.skipped).toEqual({ zeroOpenInterest: 1 });
    const w = readCboeCsv(head + row.replace(/SPX250117/g, 'SPXW250117') + '\n', { source: 'ok.csv' });
    expect(w.contracts[0].expiry).toBe(Date.UTC(2025, 0, 17, 21, 0)); // PM-settled SPXW: 16:00 EST
  });
  it('contracts are held as columns and built on first access; from then on the objects are the truth', () => {
    const c = readCboeCsv(head + row + '\n' + row.replace(/6000/g, '6100') + '\n', { source: 'ok.csv' });
    expect(c.columns?.n).toBe(2);
    expect(contractCount(c)).toBe(2);
    expect(Array.from(c.columns!.strike)).toEqual([6000, 6100]);
    const list = c.contracts;
    expect(c.columns).toBeUndefined();
    expect(c.contracts).toBe(list);
    expect(list.map((k) => [k.strike, k.type, k.openInterest, k.line])).toEqual([[6000, 1, 12000, 5], [6100, 1, 12000, 6]]);
    expect(Number.isNaN(list[0].time) && Number.isNaN(list[0].price) && Number.isNaN(list[0].position)).toBe(true);
    expect(list[0].multiplier).toBe(100);
    const d = readCboeCsv(head + row + '\n', { source: 'ok.csv' });
    d.contracts = [];
    expect(d.columns).toBeUndefined();
    expect(contractCount(d)).toBe(0);
    const copy = { ...readCboeCsv(head + row + '\n', { source: 'ok.csv' }) }; // a copy holds the objects only
    expect(copy.columns).toBeUndefined();
    expect(copy.contracts).toHaveLength(1);
  });
  it('the other title date format', () => {
    const c = readCboeCsv(head.replace('January 6, 2025 at 9:26 PM EST', 'February 5 2022, 8:09 PM EST') + row.replace(/250117/g, '220218').replace('Fri Jan 17 2025', 'Fri Feb 18 2022') + '\n', { source: 'ok.csv' });
    expect(c.asOf!.ms).toBe(Date.UTC(2022, 1, 6, 1, 9));
  });
  it('zero IV is left to be solved from the mid', () => {
    const c = readCboeCsv(head + row.replace(',0.1533,', ',0,') + '\n', { source: 'ok.csv' });
    expect(Number.isNaN(c.contracts[0].iv)).toBe(true);
  });
  it('bad number', () => expectError(() => readCboeCsv(head + row.replace('59.5', '59..5') + '\n', { source: 'bad.csv' }), 5, '5 (Bid, call)', '59..5', /not a number/));
  it('bad quote date', () => expectError(() => readCboeCsv(head.replace('January 6, 2025 at 9:26 PM EST', 'Jan 6th 2025') + row, { source: 'bad.csv' }), 3, '1 (Date)', 'Date: Jan 6th 2025', /quote time not in a known format/));
  it('bad spot', () => expectError(() => readCboeCsv(head.replace('Last: 5975.3799', 'Last: n/a') + row, { source: 'bad.csv' }), 2, '2 (Last)', 'n/a', /spot must be a positive number/));
  it('bad expiry date', () => expectError(() => readCboeCsv(head + row.replace('Fri Jan 17 2025', 'Thu Jan 17 2025'), { source: 'bad.csv' }), 5, '1 (Expiration Date)', 'Thu Jan 17 2025', /weekday does not match/));
  it('symbol that contradicts the strike column', () => expectError(() => readCboeCsv(head + row.replace('SPX250117P06000000', 'SPX250117P06100000'), { source: 'bad.csv' }), 5, '13 (Puts)', 'SPX250117P06100000', /does not match the Strike column/));
  it('missing column', () => expectError(() => readCboeCsv(head.replace(',Gamma,Open Interest,Strike', ',Open Interest,Strike') + row, { source: 'bad.csv' }), 4, 'Gamma', null, /missing column "Gamma"/));
});

describe('readChain sniffs the format', () => {
  it('JSON, CBOE and long CSV', () => {
    expect(readChain('{"spot": 1, "contracts": []}', { source: 'x' }).spot).toBe(1);
    expect(readChain(META + 'T,type,strike,iv,oi\n0.1,call,7000,0.1,5\n', { source: 'x' }).contracts).toHaveLength(1);
    expect(() => readChain('\nX,Last: 1,Change: 0\n"Date: January 6, 2025 at 9:26 PM EST"\nExpiration Date,Calls\n', { source: 'x' })).toThrow(/x:4: column Strike/);
  });
});

describe('New York clock', () => {
  it('daylight saving (second Sunday of March to first Sunday of November since 2007)', () => {
    expect(nyWallToUtc(2025, 3, 9, 1, 59)).toBe(Date.UTC(2025, 2, 9, 6, 59)); // EST
    expect(() => nyWallToUtc(2025, 3, 9, 2, 30)).toThrow(/does not exist/);
    expect(nyWallToUtc(2025, 3, 9, 3, 0)).toBe(Date.UTC(2025, 2, 9, 7, 0)); // EDT
    expect(nyWallToUtc(2025, 11, 2, 1, 30)).toBe(Date.UTC(2025, 10, 2, 5, 30)); // repeated hour: EDT first
    expect(nyWallToUtc(2025, 11, 2, 1, 30, 0, 'EST')).toBe(Date.UTC(2025, 10, 2, 6, 30));
    expect(() => nyWallToUtc(2025, 7, 1, 12, 0, 0, 'EST')).toThrow(/not standard time/);
    expect(nyOffsetMinutes(Date.UTC(2006, 3, 2, 7))).toBe(-240); // 2006 rule: first Sunday of April
    expect(nyOffsetMinutes(Date.UTC(2006, 2, 12, 12))).toBe(-300);
  });
  it('settlement instants and formatting', () => {
    expect(formatNy(settlementInstant('SPXW', 2025, 9, 26))).toBe('2025-09-26T16:00:00-04:00');
    expect(formatNy(settlementInstant('SPX', 2025, 12, 19))).toBe('2025-12-19T09:30:00-05:00');
    expect(formatNy(settlementInstant('NDX', 2022, 4, 14))).toBe('2022-04-14T09:30:00-04:00');
    expect(formatNy(settlementInstant('NDXP', 2022, 4, 14))).toBe('2022-04-14T16:00:00-04:00');
    expect(parseIsoInstant('2026-01-28T15:00:00.5-05:00')).toEqual({ ms: Date.UTC(2026, 0, 28, 20, 0, 0, 500), offsetMinutes: -300 });
    expect(parseIsoInstant('2026-01-28T15:00Z')).toEqual({ ms: Date.UTC(2026, 0, 28, 15), offsetMinutes: 0 });
    expect(parseIsoInstant('2026-02-29T15:00Z')).toBeNull();
  });
});

describe('parseNumberAt (in-place number parsing of the CBOE reader)', () => {
  it('gives the same result as parseNumber on the slice, bit for bit', () => {
    const digits = fc.stringMatching(/^[0-9]{0,20}$/);
    const decimal = fc.tuple(digits, fc.boolean(), digits).map(([a, p, b]) => (p ? `${a}.${b}` : a + b));
    const other = fc.constantFrom('', '.', '1..2', '-1.5', '+2', '1e3', ' 7', '8 ', '0x10', 'NaN', '1,5', '12345678901234567890.5');
    fc.assert(fc.property(fc.oneof(decimal, other), fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), (s, pre, post) => {
      const text = pre + s + post;
      expect(Object.is(parseNumberAt(text, pre.length, pre.length + s.length), parseNumber(s))).toBe(true);
    }), { seed: 11, numRuns: 3000 });
  });
  it('reads the CBOE columns exactly', () => {
    for (const s of ['0.1', '4697.2402', '0.0012', '3499.25', '12000', '0', '1.', '.5', '999999999999999']) {
      expect(parseNumberAt(`x,${s},y`, 2, 2 + s.length)).toBe(Number(s));
    }
  });
});
