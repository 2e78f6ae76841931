// The option-chain model every reader produces and `analyzeChain` consumes, and the reader error type.

/** One listed contract. Absent numbers are NaN (never a plausible default). */
export interface Contract {
  /** Option root from the symbol (SPX, SPXW, NDXP, SPY...): decides AM vs PM settlement. */
  root: string;
  /** +1 call, -1 put. */
  type: 1 | -1;
  strike: number;
  /** Settlement instant, UTC milliseconds; NaN when the row gave `time` directly. */
  expiry: number;
  /** Years to settlement when given directly (long CSV/JSON column `T`), else NaN. */
  time: number;
  /** Implied volatility (decimal); NaN when it is to be solved from `price` or the bid/ask mid. */
  iv: number;
  /** Option price to solve the vol from; NaN when absent. */
  price: number;
  bid: number;
  ask: number;
  openInterest: number;
  /** Signed dealer position in contracts (overrides the dealer model); NaN when absent. */
  position: number;
  /** Contract multiplier; NaN means the analysis default (100). */
  multiplier: number;
  /** The vendor's own gamma (CBOE column, rounded to 4 decimals); NaN when absent. */
  vendorGamma: number;
  /** 1-based source line, for diagnostics. */
  line: number;
}

/** A parsed chain: metadata from the file (NaN/null when absent) plus contracts and the skip counts. */
export interface Chain {
  /** Where it came from (file name), used in every error and diagnostic. */
  source: string;
  /** Underlying symbol or name ('' when the file does not say). */
  underlying: string;
  spot: number;
  /** Quote instant (UTC ms) and the UTC offset it was stated in; null when the file does not say. */
  asOf: { ms: number; offsetMinutes: number } | null;
  rate: number;
  dividend: number;
  contracts: Contract[];
  /** Contracts the reader left out, by reason (e.g. zeroOpenInterest). */
  skipped: Record<string, number>;
}

/** Options common to every reader. */
export interface ReadOptions {
  /** Name of the input (file name, 'stdin'...), quoted in every error. */
  source?: string;
}

/** A malformed input: names the source, the 1-based line and column, and the offending value. */
export class ChainError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly column: string,
    readonly value: string,
    readonly problem: string,
  ) {
    super(`${source}:${line}: column ${column}: ${problem} (value ${JSON.stringify(value)})`);
    this.name = 'ChainError';
  }
}

/** A contract with every optional number absent. */
export function blankContract(root: string, type: 1 | -1, strike: number, line: number): Contract {
  return {
    root, type, strike, expiry: NaN, time: NaN, iv: NaN, price: NaN, bid: NaN, ask: NaN, openInterest: NaN,
    position: NaN, multiplier: NaN, vendorGamma: NaN, line,
  };
}

/** Add one to a skip counter. */
export function countSkip(skipped: Record<string, number>, reason: string, n = 1): void {
  skipped[reason] = (skipped[reason] ?? 0) + n;
}
