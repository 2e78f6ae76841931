// What the greeks and iv commands share: the option columns (type, S, K, T, r, q) of a chunk of rows, with r and q
// either per row or one value for every row from --rate / --dividend.
import { CHUNK } from '../engine/abi.js';
import { UsageError } from './args.js';
import type { CsvRecord } from './csv.js';
import type { RowParser } from './table.js';

export abstract class OptionRows {
  readonly optional: ReadonlySet<string>;
  protected readonly type = new Int8Array(CHUNK);
  protected readonly S = new Float64Array(CHUNK);
  protected readonly K = new Float64Array(CHUNK);
  protected readonly T = new Float64Array(CHUNK);
  protected readonly r = new Float64Array(CHUNK);
  protected readonly q = new Float64Array(CHUNK);
  protected parser!: RowParser;

  constructor(
    protected readonly rate?: number,
    protected readonly dividend?: number,
  ) {
    const optional = new Set<string>();
    if (rate !== undefined) optional.add('r');
    if (dividend !== undefined) optional.add('q');
    this.optional = optional;
  }

  begin(parser: RowParser): void {
    this.parser = parser;
    if (this.rate !== undefined && parser.index.r >= 0) throw new UsageError('--rate given but the input has an r column; use one');
    if (this.dividend !== undefined && parser.index.q >= 0) throw new UsageError('--dividend given but the input has a q column; use one');
  }

  /** Row i's option columns; S > 0, K > 0, T >= 0, all finite (DESIGN.md section 1). */
  protected parseOption(rec: CsvRecord, i: number): void {
    const p = this.parser;
    this.type[i] = p.optionType(rec, 'type');
    this.S[i] = p.number(rec, 'S', 'positive');
    this.K[i] = p.number(rec, 'K', 'positive');
    this.T[i] = p.number(rec, 'T', 'nonNegative');
    if (this.rate === undefined) this.r[i] = p.number(rec, 'r');
    if (this.dividend === undefined) this.q[i] = p.number(rec, 'q');
  }

  /** The first n rows of a column (the whole array when the chunk is full). */
  protected cut<A extends Float64Array | Int8Array | Uint8Array>(a: A, n: number): A {
    return (n === CHUNK ? a : a.subarray(0, n)) as A;
  }

  /** The engine inputs the two commands share, for the first n rows. */
  protected optionInputs(n: number) {
    return {
      type: this.cut(this.type, n), spot: this.cut(this.S, n), strike: this.cut(this.K, n), time: this.cut(this.T, n),
      rate: this.rate ?? this.cut(this.r, n), dividend: this.dividend ?? this.cut(this.q, n),
    };
  }
}
