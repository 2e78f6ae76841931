// The CLI's CSV layer: strict numbers, record splitting across chunks, quoting, column mapping with aliases.
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  COLUMN_DEFS, CsvSplitter, csvRecords, InputError, mapColumns, parseDecimal, quoteField, type CsvRecord,
} from '../src/cli/csv.js';
import { outputHeader } from '../src/cli/table.js';

function split(text: string): CsvRecord[] {
  const s = new CsvSplitter();
  return s.push(text).concat(s.end());
}

describe('parseDecimal', () => {
  it('accepts plain decimals, signs, exponents and surrounding blanks', () => {
    expect(parseDecimal('60')).toBe(60);
    expect(parseDecimal('-0.25')).toBe(-0.25);
    expect(parseDecimal('+.5')).toBe(0.5);
    expect(parseDecimal('3.')).toBe(3);
    expect(parseDecimal('1e-6')).toBe(1e-6);
    expect(parseDecimal('2.5E+3')).toBe(2500);
    expect(parseDecimal(' 42 ')).toBe(42);
    expect(parseDecimal('0.1')).toBe(0.1); // same double as the literal (Number's correctly rounded parse)
  });
  it('rejects what Number() would turn into a plausible value', () => {
    for (const bad of ['', ' ', '0x1f', '0b1', '0o7', 'Infinity', '-Infinity', 'NaN', 'nan', '1,5', '1.2.3', 'e5', '1e', '--1', '1_000', 'abc', '1e999']) {
      expect(parseDecimal(bad), bad).toBeUndefined();
    }
  });
});

describe('CsvSplitter', () => {
  it('splits LF and CRLF lines and numbers them from 1', () => {
    const recs = split('a,b\r\n1,2\n3,4');
    expect(recs.map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3]);
  });
  it('strips a UTF-8 byte-order mark from the first field', () => {
    expect(split('\ufefftype,S\ncall,1\n')[0].fields).toEqual(['type', 'S']);
  });
  it('skips blank lines but keeps counting them', () => {
    const recs = split('a\n\n1\n\r\n2\n');
    expect(recs.map((r) => [r.line, r.fields[0]])).toEqual([[1, 'a'], [3, '1'], [5, '2']]);
  });
  it('unquotes fields holding commas, doubled quotes and newlines', () => {
    const recs = split('id,note\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n4,x\n');
    expect(recs.slice(1).map((r) => r.fields[1])).toEqual(['a, b', 'say "hi"', 'two\nlines', 'x']);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 4, 6]);
    expect(recs[1].text).toBeUndefined(); // quoted records carry no raw text
    expect(recs[4].text).toBe('4,x');
  });
  it('gives the same records however the text is cut into chunks', () => {
    const text = 'id,note,x\r\n1,"a,""b""\r\nc",2\n\n3,plain,4\r\n"q",,5';
    const whole = split(text);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 8 }), (cuts) => {
        const s = new CsvSplitter();
        const points = [0, ...cuts.sort((a, b) => a - b), text.length];
        const recs: CsvRecord[] = [];
        for (let i = 1; i < points.length; i++) recs.push(...s.push(text.slice(points[i - 1], points[i])));
        recs.push(...s.end());
        expect(recs).toEqual(whole);
      }),
      { seed: 20261125, numRuns: 300 },
    );
  });
  it('rejects an unterminated quote, text after a closing quote and a stray quote, naming the line', () => {
    expect(() => split('a\n"open,1\n')).toThrow(/unterminated quoted field/);
    const after = (() => { try { split('a,b\n"x"y,1\n'); } catch (e) { return e; } })();
    expect(after).toBeInstanceOf(InputError);
    expect((after as InputError).line).toBe(2);
    expect((after as InputError).message).toMatch(/field 1: text after a closing quote/);
    expect(() => split('a,b\n1,x"y"\n')).toThrow(/field 2: quote inside an unquoted field/);
  });
});

describe('csvRecords over a byte stream', () => {
  it('decodes UTF-8 split across chunks (a multi-byte character cut in half)', async () => {
    const bytes = Buffer.from('name,S\nZürich,1\n', 'utf8');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of ü
    const got: CsvRecord[] = [];
    for await (const batch of csvRecords(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]))) got.push(...batch);
    expect(got.map((r) => r.fields)).toEqual([['name', 'S'], ['Zürich', '1']]);
  });
  it('rejects bytes that are not UTF-8', async () => {
    const run = async () => {
      for await (const _ of csvRecords(Readable.from([Buffer.from([0x61, 0x0a, 0xff, 0xfe, 0x0a])]))) { /* drain */ }
    };
    await expect(run()).rejects.toThrow(/not valid UTF-8/);
  });
});

describe('quoteField', () => {
  it('quotes only when needed, and round-trips through the splitter', () => {
    expect(quoteField('plain')).toBe('plain');
    expect(quoteField('1e-7')).toBe('1e-7');
    const tricky = ['a,b', 'say "x"', 'two\nlines', 'cr\r', '', '"'];
    const line = tricky.map(quoteField).join(',') + '\n';
    expect(split(line)[0].fields).toEqual(tricky);
  });
});

describe('mapColumns', () => {
  const greeksCols = [COLUMN_DEFS.type, COLUMN_DEFS.S, COLUMN_DEFS.K, COLUMN_DEFS.T, COLUMN_DEFS.sigma, COLUMN_DEFS.r, COLUMN_DEFS.q];
  it('finds canonical names and aliases, case-insensitively, in any order', () => {
    const idx = mapColumns(['id', ' Vol ', 'STRIKE', 'spot', 'Type', 'time', 'Rate', 'dividend'], greeksCols);
    expect(idx).toEqual({ type: 4, S: 3, K: 2, T: 5, sigma: 1, r: 6, q: 7 });
  });
  it('names the missing column and its accepted names', () => {
    expect(() => mapColumns(['type', 'S', 'K', 'T', 'r', 'q'], greeksCols)).toThrow(
      /no column for sigma \(accepted names: sigma, vol, volatility, iv\)/,
    );
  });
  it('allows a missing optional column (index -1)', () => {
    const idx = mapColumns(['type', 'S', 'K', 'T', 'sigma'], greeksCols, new Set(['r', 'q']));
    expect(idx.r).toBe(-1);
    expect(idx.q).toBe(-1);
  });
  it('refuses two columns meaning the same input', () => {
    expect(() => mapColumns(['type', 'S', 'spot', 'K', 'T', 'sigma', 'r', 'q'], greeksCols)).toThrow(
      /columns "S" and "spot" both mean S/,
    );
  });
});

describe('outputHeader', () => {
  it('keeps input columns and renames those named like a computed column with _in', () => {
    expect(outputHeader(['id', 'type', 'Price', 'gamma', 'gamma_in'], ['price', 'gamma'])).toEqual([
      'id', 'type', 'Price_in', 'gamma_in', 'gamma_in_in', 'price', 'gamma',
    ]);
  });
});
