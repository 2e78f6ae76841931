// `gammawall greeks`: BSM price and greeks for every row of a CSV file, streamed in chunks (DESIGN.md section 4).

import { CHUNK, GREEKS, type GreekName } from '../engine/abi.js';
import { createEngine } from '../index.js';
import { parseArgs, UsageError, type FlagSpecs } from './args.js';
import { runCommand, transformFile, EXIT, type CommandIo } from './command.js';
import { COLUMN_DEFS, type CsvRecord } from './csv.js';
import { OptionRows } from './option-rows.js';
import type { ChunkProcessor } from './table.js';

export const help = `Usage: gammawall greeks [FILE|-] [--greeks a,b,c] [--backend auto|wasm|js] [--out FILE]
                        [--rate R] [--dividend Q]

Black-Scholes-Merton price and greeks for every row of a CSV file (or stdin when FILE is - or absent).

Input: a header line naming these columns (any order, case-insensitive; aliases in brackets):
  type   call or put (also c/p, 1/-1)        [cp, right, option_type, call_put, put_call]
  S      spot                                [spot, underlying, underlying_price]
  K      strike                              [strike]
  T      years to expiry, ACT/365            [time, tau, maturity, years]
  sigma  volatility, 0.2 = 20%               [vol, volatility, iv]
  r      risk-free rate, continuous          [rate, risk_free_rate]   (or --rate R for every row)
  q      dividend yield, continuous          [dividend, dividend_yield, div]   (or --dividend Q)
Other columns (an id, say) are passed through unchanged.

Output: CSV with every input column, then one column per greek, every number in shortest round-trip
form. An input column named like an output column is kept, renamed with the suffix _in (so the
reference file's own price..dualGamma columns come out as price_in..dualGamma_in beside ours).
Greeks are plain derivatives in natural units (per 1.00 of S, sigma, r, q; theta per year).

Options:
  --greeks a,b,c   which columns to compute, in this order (default: all 17:
                   ${GREEKS.join(',')})
  --backend B      auto (default: wasm, or js without WebAssembly SIMD), wasm or js
  --out FILE, -o   write FILE (complete or not at all) instead of stdout
  --rate R         risk-free rate for every row (when there is no r column)
  --dividend Q     dividend yield for every row (when there is no q column)
  --help, -h       this help

Errors: a malformed row (bad number, wrong field count, unknown type, S <= 0, K <= 0, T < 0,
sigma < 0) stops the run with "SOURCE:LINE: column N "name": problem, got "value"" on stderr and
exit code 1 (2 for a bad command line). Rows before the failing chunk of ${CHUNK} may already be written.

Examples:
  gammawall greeks chain.csv > greeks.csv
  gammawall greeks chain.csv --greeks price,delta,gamma --out greeks.csv
  printf 'type,spot,strike,time,vol\\ncall,60,65,0.25,0.3\\n' | gammawall greeks --rate 0.08 --greeks price
`;

const FLAGS = {
  greeks: { type: 'string' },
  backend: { type: 'string', values: ['auto', 'wasm', 'js'], default: 'auto' },
  out: { type: 'string', short: 'o' },
  rate: { type: 'number' },
  dividend: { type: 'number' },
} as const satisfies FlagSpecs;

/** The part of the engine this command uses (an interface, so tests can observe the calls). */
export interface GreeksEngine {
  greeks(
    inputs: {
      type: Int8Array; spot: Float64Array; strike: Float64Array; time: Float64Array; vol: Float64Array;
      rate: Float64Array | number; dividend: Float64Array | number;
    },
    options: { greeks: GreekName[]; out?: Partial<Record<GreekName, Float64Array>> },
  ): Partial<Record<GreekName, Float64Array>>;
}

/** Parses a --greeks list: known names, no repeats, at least one. */
export function parseGreekList(text: string | undefined): GreekName[] {
  if (text === undefined) return [...GREEKS];
  const names = text.split(',').map((s) => s.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (!(GREEKS as readonly string[]).includes(name)) {
      throw new UsageError(`--greeks: unknown greek "${name}" (known: ${GREEKS.join(', ')})`);
    }
    if (seen.has(name)) throw new UsageError(`--greeks: "${name}" listed twice`);
    seen.add(name);
  }
  return names as GreekName[];
}

/** Parses chunks of rows into typed arrays and runs them through engine.greeks with preallocated outputs. */
export class GreeksProcessor extends OptionRows implements ChunkProcessor {
  readonly inputs = [COLUMN_DEFS.type, COLUMN_DEFS.S, COLUMN_DEFS.K, COLUMN_DEFS.T, COLUMN_DEFS.sigma, COLUMN_DEFS.r, COLUMN_DEFS.q];
  readonly outputs: readonly GreekName[];
  private readonly sigma = new Float64Array(CHUNK);
  private readonly out: Float64Array[];
  private result: Float64Array[] = [];

  constructor(
    private readonly engine: GreeksEngine,
    greeks: readonly GreekName[],
    rate?: number,
    dividend?: number,
  ) {
    super(rate, dividend);
    this.outputs = greeks;
    this.out = greeks.map(() => new Float64Array(CHUNK));
  }

  // Limits and invalid input per DESIGN.md section 1: S > 0, K > 0, T >= 0, sigma >= 0, all finite.
  parse(rec: CsvRecord, i: number): void {
    this.parseOption(rec, i);
    this.sigma[i] = this.parser.number(rec, 'sigma', 'nonNegative');
  }

  compute(n: number): void {
    const out: Partial<Record<GreekName, Float64Array>> = {};
    this.outputs.forEach((g, k) => (out[g] = this.cut(this.out[k], n)));
    const res = this.engine.greeks({ ...this.optionInputs(n), vol: this.cut(this.sigma, n) }, { greeks: [...this.outputs], out });
    this.result = this.outputs.map((g) => {
      const a = res[g];
      if (!a || a.length !== n) throw new Error(`engine returned no ${g} column of length ${n}`);
      return a;
    });
  }

  format(i: number): string {
    const cols = this.result;
    let s = String(cols[0][i]);
    for (let k = 1; k < cols.length; k++) s += ',' + String(cols[k][i]);
    return s;
  }
}

/** Entry point used by the dispatcher: `gammawall greeks ...`. Returns the exit code. */
export function run(argv: string[], io: CommandIo): Promise<number> {
  return runCommand('greeks', io, async () => {
    const { flags, positionals, help: wantHelp } = parseArgs(argv, FLAGS);
    if (wantHelp) {
      io.stdout.write(help);
      return EXIT.ok;
    }
    if (positionals.length > 1) throw new UsageError(`expected at most one input file, got ${positionals.length}: ${positionals.join(' ')}`);
    const greeks = parseGreekList(flags.greeks);
    const engine = await createEngine({ backend: flags.backend as 'auto' | 'wasm' | 'js' });
    return transformFile('greeks', io, positionals[0], flags.out, new GreeksProcessor(engine, greeks, flags.rate, flags.dividend));
  });
}
