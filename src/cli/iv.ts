// `gammawall iv`: implied volatility for every row of a CSV file, streamed in chunks (DESIGN.md section 4).

import { CHUNK, IV_STATUS_NAMES } from '../engine/abi.js';
import { createEngine } from '../index.js';
import { parseArgs, UsageError, type FlagSpecs } from './args.js';
import { runCommand, transformFile, EXIT, type CommandIo } from './command.js';
import { COLUMN_DEFS, parseDecimal, type CsvRecord } from './csv.js';
import { OptionRows } from './option-rows.js';
import type { ChunkProcessor } from './table.js';

export const help = `Usage: gammawall iv [FILE|-] [--backend auto|wasm|js] [--out FILE] [--rate R] [--dividend Q]

Black-Scholes-Merton implied volatility for every row of a CSV file (or stdin when FILE is - or absent).

Input: a header line naming these columns (any order, case-insensitive; aliases in brackets):
  type   call or put (also c/p, 1/-1)        [cp, right, option_type, call_put, put_call]
  S      spot                                [spot, underlying, underlying_price]
  K      strike                              [strike]
  T      years to expiry, ACT/365            [time, tau, maturity, years]
  r      risk-free rate, continuous          [rate, risk_free_rate]   (or --rate R for every row)
  q      dividend yield, continuous          [dividend, dividend_yield, div]   (or --dividend Q)
  price  option price                        [premium, option_price, mid]
Other columns are passed through unchanged.

Output: CSV with every input column, then
  iv         the implied volatility (0.2 = 20%), shortest round-trip form; NaN when not solvable
  iv_status  ${IV_STATUS_NAMES.join(', ')}
A price the solver cannot invert (below intrinsic value, at or above the upper bound, T = 0, or NaN
written as NaN in the file) is not an error: the row gets iv NaN and its status. An input column
named iv or iv_status is kept, renamed with the suffix _in.

Options:
  --backend B      auto (default: wasm, or js without WebAssembly SIMD), wasm or js
  --out FILE, -o   write FILE (complete or not at all) instead of stdout
  --rate R         risk-free rate for every row (when there is no r column)
  --dividend Q     dividend yield for every row (when there is no q column)
  --help, -h       this help

Errors: a malformed row (bad number, wrong field count, unknown type, S <= 0, K <= 0, T < 0) stops the
run with "SOURCE:LINE: column N "name": problem, got "value"" on stderr and exit code 1 (2 for a bad
command line). Rows before the failing chunk of ${CHUNK} may already be written.

Examples:
  gammawall iv quotes.csv > vols.csv
  gammawall iv quotes.csv --rate 0.043 --dividend 0.013 --out vols.csv
`;

const FLAGS = {
  backend: { type: 'string', values: ['auto', 'wasm', 'js'], default: 'auto' },
  out: { type: 'string', short: 'o' },
  rate: { type: 'number' },
  dividend: { type: 'number' },
} as const satisfies FlagSpecs;

/** The part of the engine this command uses (an interface, so tests can observe the calls). */
export interface IvEngine {
  impliedVol(inputs: {
    type: Int8Array; price: Float64Array; spot: Float64Array; strike: Float64Array; time: Float64Array;
    rate: Float64Array | number; dividend: Float64Array | number;
  }, options: { out: { vol: Float64Array; status: Uint8Array } }): { vol: Float64Array; status: Uint8Array };
}

/** Parses chunks of rows into typed arrays and runs them through engine.impliedVol. */
export class IvProcessor extends OptionRows implements ChunkProcessor {
  readonly inputs = [COLUMN_DEFS.type, COLUMN_DEFS.S, COLUMN_DEFS.K, COLUMN_DEFS.T, COLUMN_DEFS.r, COLUMN_DEFS.q, COLUMN_DEFS.price];
  readonly outputs = ['iv', 'iv_status'] as const;
  private readonly price = new Float64Array(CHUNK);
  private readonly vol = new Float64Array(CHUNK);
  private readonly status = new Uint8Array(CHUNK);
  private result: { vol: Float64Array; status: Uint8Array } = { vol: this.vol, status: this.status };

  constructor(
    private readonly engine: IvEngine,
    rate?: number,
    dividend?: number,
  ) {
    super(rate, dividend);
  }

  // S, K, T, r, q must be valid (DESIGN.md section 1); the price may be any decimal or NaN: a price the
  // solver cannot invert is a status, not a malformed row (issue 4).
  parse(rec: CsvRecord, i: number): void {
    this.parseOption(rec, i);
    const p = this.parser;
    const text = p.field(rec, 'price');
    const x = parseDecimal(text);
    if (x !== undefined) this.price[i] = x;
    else if (text.trim().toLowerCase() === 'nan') this.price[i] = NaN;
    else p.fail(rec, 'price', 'expected a finite decimal number or NaN');
  }

  compute(n: number): void {
    const res = this.engine.impliedVol(
      { ...this.optionInputs(n), price: this.cut(this.price, n) },
      { out: { vol: this.cut(this.vol, n), status: this.cut(this.status, n) } },
    );
    if (res.vol.length !== n || res.status.length !== n) throw new Error(`engine returned ${res.vol.length} vols for ${n} rows`);
    this.result = res;
  }

  format(i: number): string {
    const { vol, status } = this.result;
    const name = IV_STATUS_NAMES[status[i]];
    if (name === undefined) throw new Error(`engine returned unknown iv status ${status[i]}`);
    return String(vol[i]) + ',' + name;
  }
}

/** Entry point used by the dispatcher: `gammawall iv ...`. Returns the exit code. */
export function run(argv: string[], io: CommandIo): Promise<number> {
  return runCommand('iv', io, async () => {
    const { flags, positionals, help: wantHelp } = parseArgs(argv, FLAGS);
    if (wantHelp) {
      io.stdout.write(help);
      return EXIT.ok;
    }
    if (positionals.length > 1) throw new UsageError(`expected at most one input file, got ${positionals.length}: ${positionals.join(' ')}`);
    const engine = await createEngine({ backend: flags.backend as 'auto' | 'wasm' | 'js' });
    return transformFile('iv', io, positionals[0], flags.out, new IvProcessor(engine, flags.rate, flags.dividend));
  });
}
