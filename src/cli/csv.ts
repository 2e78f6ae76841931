// CSV for the CLI: a streaming record reader (RFC 4180 quoting, CRLF or LF, UTF-8 BOM), strict number parsing,
// output quoting, and the mapping of header names (with aliases, case-insensitive) to the columns a command needs.

/**
 * Bad input data: the message names the column and value, `line` the 1-based input line (0 when it concerns
 * the input as a whole). Commands print it as `SOURCE:LINE: message` and exit with code 1.
 */
export class InputError extends Error {
  override name = 'InputError';
  constructor(message: string, readonly line = 0) {
    super(message);
  }
}

/** One CSV record: its fields (unquoted) and the 1-based line number where it starts. */
export interface CsvRecord {
  fields: string[];
  line: number;
  /** The record's own text (without line end) when it holds no quote, i.e. exactly fields.join(','). */
  text?: string;
}

/**
 * The value of a plain decimal number (optional sign, digits with an optional point, optional exponent;
 * surrounding spaces or tabs allowed), or undefined for anything else. Number() alone would also accept
 * '', ' ', '0x1f', '0b1' and 'Infinity', which must be errors here: restricted to the characters
 * [0-9.eE+-] with at least one digit, Number()'s grammar is exactly a decimal literal.
 */
export function parseDecimal(text: string): number | undefined {
  let a = 0;
  let b = text.length;
  while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
  while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
  let digit = false;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (c !== 46 && c !== 101 && c !== 69 && c !== 43 && c !== 45) return undefined; // . e E + -
  }
  if (!digit) return undefined;
  const x = Number(text);
  return Number.isFinite(x) ? x : undefined; // NaN for a malformed literal; '1e999' overflows to Infinity
}

/**
 * Splits text into CSV records incrementally: push() chunks as they arrive, then end(). Records may span
 * chunks and (inside quotes) lines. Blank lines are skipped; they carry no data.
 */
export class CsvSplitter {
  private rest = '';
  private line = 1; // number of the next physical line to be read
  private started = false;

  /** Feeds a chunk of text; returns the records completed by it. */
  push(chunk: string): CsvRecord[] {
    let text = this.rest + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // UTF-8 byte-order mark
    }
    const records: CsvRecord[] = [];
    let pos = 0;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      let end = nl;
      let physical = 1;
      let lineText = text.slice(pos, end);
      if (lineText.indexOf('"') >= 0) {
        // Quoted fields may hold newlines: extend the record until its quotes balance.
        while (!quotesBalanced(lineText)) {
          const next = text.indexOf('\n', end + 1);
          if (next < 0) {
            this.rest = text.slice(pos);
            return records;
          }
          end = next;
          physical++;
          lineText = text.slice(pos, end);
        }
      }
      this.emit(lineText, physical, records);
      pos = end + 1;
    }
    this.rest = text.slice(pos);
    return records;
  }

  /** Signals the end of input; returns the last record if the text did not end with a newline. */
  end(): CsvRecord[] {
    const records: CsvRecord[] = [];
    const text = this.rest;
    this.rest = '';
    if (text.length > 0) {
      if (text.indexOf('"') >= 0 && !quotesBalanced(text)) {
        throw new InputError('unterminated quoted field at end of input', this.line);
      }
      this.emit(text, 1, records);
    }
    return records;
  }

  private emit(text: string, physical: number, records: CsvRecord[]): void {
    const line = this.line;
    this.line += physical;
    if (text.length > 0 && text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1); // CRLF
    if (text.length === 0) return;
    if (text.indexOf('"') < 0) records.push({ fields: text.split(','), line, text });
    else records.push({ fields: splitQuoted(text, line), line });
  }
}

function quotesBalanced(text: string): boolean {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return (n & 1) === 0;
}

// Splits one record holding quotes: "a ""b"", c" is one field `a "b", c`. A quote inside an unquoted
// field, or text after a closing quote, is an error (it usually means a broken file).
function splitQuoted(text: string, line: number): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new InputError(`field ${fields.length + 1}: unterminated quoted field`, line);
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      value = value.replace(/\r\n/g, '\n');
      fields.push(value);
      if (i >= text.length) return fields;
      if (text.charCodeAt(i) !== 44) {
        throw new InputError(`field ${fields.length}: text after a closing quote`, line);
      }
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const field = comma < 0 ? text.slice(i) : text.slice(i, comma);
      if (field.indexOf('"') >= 0) {
        throw new InputError(`field ${fields.length + 1}: quote inside an unquoted field`, line);
      }
      fields.push(field);
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}

/** Reads a byte or text stream as batches of CSV records (one batch per chunk read), holding one chunk at a time. */
export async function* csvRecords(stream: AsyncIterable<string | Uint8Array>): AsyncGenerator<CsvRecord[]> {
  const splitter = new CsvSplitter();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of stream) {
    let text: string;
    try {
      text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    } catch {
      throw new InputError('input is not valid UTF-8 text');
    }
    const records = splitter.push(text);
    if (records.length > 0) yield records;
  }
  const tail = splitter.push(decoder.decode()).concat(splitter.end());
  if (tail.length > 0) yield tail;
}

/** A field as written to CSV output: quoted only when it holds a comma, quote, CR or LF. */
export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// ---- column mapping ----

/** A column a command reads: its canonical name and the other header names accepted for it. */
export interface ColumnDef {
  name: string;
  aliases: readonly string[];
}

/** The input columns of the greeks and iv commands (header names are matched case-insensitively). */
export const COLUMN_DEFS = {
  type: { name: 'type', aliases: ['cp', 'right', 'option_type', 'call_put', 'put_call'] },
  S: { name: 'S', aliases: ['spot', 'underlying', 'underlying_price'] },
  K: { name: 'K', aliases: ['strike'] },
  T: { name: 'T', aliases: ['time', 'tau', 'maturity', 'years'] },
  sigma: { name: 'sigma', aliases: ['vol', 'volatility', 'iv'] },
  r: { name: 'r', aliases: ['rate', 'risk_free_rate'] },
  q: { name: 'q', aliases: ['dividend', 'dividend_yield', 'div'] },
  price: { name: 'price', aliases: ['premium', 'option_price', 'mid'] },
} as const satisfies Record<string, ColumnDef>;

function normalize(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Finds each wanted column in the header. Returns the field index per canonical name, -1 for a column that
 * is absent but listed in `optional`. Throws InputError (at `line`, the header's) for a missing column or one
 * matched twice.
 */
export function mapColumns(
  header: readonly string[],
  wanted: readonly ColumnDef[],
  optional: ReadonlySet<string> = new Set(),
  line = 1,
): Record<string, number> {
  const index: Record<string, number> = {};
  const names = header.map(normalize);
  for (const def of wanted) {
    const accepted = [def.name, ...def.aliases].map(normalize);
    const hits: number[] = [];
    names.forEach((n, i) => {
      if (accepted.includes(n)) hits.push(i);
    });
    if (hits.length > 1) {
      const found = hits.map((i) => `"${header[i]}"`).join(' and ');
      throw new InputError(`header: columns ${found} both mean ${def.name}; keep one`, line);
    }
    if (hits.length === 0 && !optional.has(def.name)) {
      throw new InputError(
        `header: no column for ${def.name} (accepted names: ${[def.name, ...def.aliases].join(', ')}); ` +
          `header is: ${header.join(',')}`,
        line,
      );
    }
    index[def.name] = hits.length === 1 ? hits[0] : -1;
  }
  return index;
}
