// The streaming table transform behind `gammawall greeks` and `gammawall iv`: read CSV records, parse them
// into fixed-size chunks of typed arrays, compute each chunk, write it out, then read on. At most one chunk
// of rows (plus the input stream's read-ahead) is held at a time, so memory stays bounded whatever the size.

import { CHUNK } from '../engine/abi.js';
import { csvRecords, InputError, mapColumns, parseDecimal, quoteField, type ColumnDef, type CsvRecord } from './csv.js';
import type { Sink } from './sink.js';

/** Where a row's fields are parsed, with messages naming source, line, column and value. */
export class RowParser {
  constructor(
    private readonly header: readonly string[],
    /** Field index of each canonical column (-1 when absent). */
    readonly index: Readonly<Record<string, number>>,
  ) {}

  /** The field of canonical column `name` in `rec`. */
  field(rec: CsvRecord, name: string): string {
    return rec.fields[this.index[name]];
  }

  /** Throws an InputError naming the line, the column (position, header name, canonical name) and the value. */
  fail(rec: CsvRecord, name: string, problem: string): never {
    const i = this.index[name];
    const written = this.header[i].trim();
    const label = written === name ? `"${written}"` : `"${written}" (${name})`;
    throw new InputError(`column ${i + 1} ${label}: ${problem}, got "${rec.fields[i]}"`, rec.line);
  }

  /** A finite decimal number, optionally > 0 or >= 0 (the input limits of DESIGN.md section 1). */
  number(rec: CsvRecord, name: string, bound?: 'positive' | 'nonNegative'): number {
    const x = parseDecimal(this.field(rec, name));
    if (x === undefined) this.fail(rec, name, 'expected a finite decimal number');
    if (bound === 'positive' && !(x > 0)) this.fail(rec, name, 'must be greater than 0');
    if (bound === 'nonNegative' && !(x >= 0)) this.fail(rec, name, 'must not be negative');
    return x;
  }

  /** Option type: call/put, c/p (any case) or 1/-1; returns +1 for a call, -1 for a put. */
  optionType(rec: CsvRecord, name: string): 1 | -1 {
    switch (this.field(rec, name).trim().toLowerCase()) {
      case 'call': case 'c': case '1': case '+1':
        return 1;
      case 'put': case 'p': case '-1':
        return -1;
      default:
        return this.fail(rec, name, 'unknown option type (expected call or put)');
    }
  }
}

/** What a command plugs into the transform. */
export interface ChunkProcessor {
  /** Columns read from the input (canonical names with aliases). */
  readonly inputs: readonly ColumnDef[];
  /** Input columns that may be absent (their value then comes from elsewhere, e.g. a flag). */
  readonly optional: ReadonlySet<string>;
  /** Names of the computed columns, appended after the input columns. */
  readonly outputs: readonly string[];
  /** Called once after the header is mapped. Throws InputError if the header is unusable. */
  begin(parser: RowParser, header: CsvRecord): void;
  /** Parses record `rec` into slot `i` (< CHUNK) of the current chunk; throws InputError for a bad row. */
  parse(rec: CsvRecord, i: number): void;
  /** Computes slots 0..n-1. */
  compute(n: number): void;
  /** The computed fields of slot i, comma-joined (no leading comma). */
  format(i: number): string;
}

/**
 * Output header: every input column (passed through verbatim), then the computed ones. An input column whose
 * name equals a computed column's (case-insensitively) is renamed with the suffix `_in`, so both stay.
 */
export function outputHeader(input: readonly string[], outputs: readonly string[]): string[] {
  const taken = new Set(outputs.map((o) => o.toLowerCase()));
  const renamed = input.map((name) => {
    let n = name;
    while (taken.has(n.trim().toLowerCase())) n += '_in';
    taken.add(n.trim().toLowerCase());
    return n;
  });
  return [...renamed, ...outputs];
}

/**
 * Runs the transform from `input` to `sink`, chunk by chunk; `onChunk` hears the number of rows written so far.
 * Stops early (quietly) if the sink closes.
 */
export async function transformCsv(
  input: AsyncIterable<string | Uint8Array>,
  sink: Sink,
  proc: ChunkProcessor,
  onChunk?: (rowsDone: number) => void | Promise<void>,
  chunkSize = CHUNK,
): Promise<void> {
  let header: CsvRecord | undefined;
  let pendingHeader = ''; // written with the first chunk, so a bad first chunk leaves the output empty
  const rows: CsvRecord[] = new Array(chunkSize);
  let n = 0;
  let done = 0;

  const flush = async (): Promise<void> => {
    if (n === 0) return;
    proc.compute(n);
    let text = pendingHeader;
    pendingHeader = '';
    for (let i = 0; i < n; i++) {
      const rec = rows[i];
      const passed = rec.text ?? rec.fields.map(quoteField).join(',');
      text += passed + ',' + proc.format(i) + '\n';
    }
    done += n;
    n = 0;
    await sink.write(text);
    await onChunk?.(done);
  };

  for await (const records of csvRecords(input)) {
    for (const rec of records) {
      if (header === undefined) {
        header = rec;
        const index = mapColumns(rec.fields, proc.inputs, proc.optional, rec.line);
        proc.begin(new RowParser(rec.fields, index), rec);
        pendingHeader = outputHeader(rec.fields, proc.outputs).map(quoteField).join(',') + '\n';
        continue;
      }
      if (rec.fields.length !== header.fields.length) {
        throw new InputError(`expected ${header.fields.length} fields as in the header, got ${rec.fields.length}`, rec.line);
      }
      proc.parse(rec, n);
      rows[n++] = rec;
      if (n === chunkSize) await flush();
      if (sink.closed) return;
    }
    if (sink.closed) return;
  }
  if (header === undefined) throw new InputError('empty input: expected a header line');
  await flush();
  if (pendingHeader) await sink.write(pendingHeader); // a header with no rows
}
