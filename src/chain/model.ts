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
  /** The same contracts as columns, when the reader built them so (the CBOE reader): `contracts` is then made from
   *  them on first access, and from then on it is the truth (the columns are dropped, so edits to it count). */
  columns?: ContractColumns;
  /** Contracts the reader left out, by reason (e.g. zeroOpenInterest). */
  skipped: Record<string, number>;
}

/** Contracts as columns (struct of arrays), field for field as `Contract`: a large chain read into a few typed
 *  arrays instead of one object per contract (each with a dozen boxed doubles for the garbage collector). */
export interface ContractColumns {
  n: number;
  root: string[];
  type: Int8Array;
  strike: Float64Array;
  expiry: Float64Array;
  time: Float64Array;
  iv: Float64Array;
  price: Float64Array;
  bid: Float64Array;
  ask: Float64Array;
  openInterest: Float64Array;
  position: Float64Array;
  multiplier: Float64Array;
  vendorGamma: Float64Array;
  line: Int32Array;
}

/** Empty columns with room for `capacity` contracts (fill, then `trimColumns`). */
export function newColumns(capacity: number): ContractColumns {
  const f = () => new Float64Array(capacity).fill(NaN); // absent numbers are NaN, never a plausible default
  return {
    n: 0, root: [], type: new Int8Array(capacity), strike: f(), expiry: f(), time: f(), iv: f(), price: f(), bid: f(),
    ask: f(), openInterest: f(), position: f(), multiplier: f(), vendorGamma: f(), line: new Int32Array(capacity),
  };
}

/** Views of the first `n` rows of filled columns. */
export function trimColumns(c: ContractColumns): ContractColumns {
  const n = c.n;
  return {
    n, root: c.root, type: c.type.subarray(0, n), strike: c.strike.subarray(0, n), expiry: c.expiry.subarray(0, n),
    time: c.time.subarray(0, n), iv: c.iv.subarray(0, n), price: c.price.subarray(0, n), bid: c.bid.subarray(0, n),
    ask: c.ask.subarray(0, n), openInterest: c.openInterest.subarray(0, n), position: c.position.subarray(0, n),
    multiplier: c.multiplier.subarray(0, n), vendorGamma: c.vendorGamma.subarray(0, n), line: c.line.subarray(0, n),
  };
}

/** Append one contract to columns with room for it. */
export function pushContract(c: ContractColumns, k: Contract): void {
  const i = c.n++;
  c.root.push(k.root);
  c.type[i] = k.type;
  c.strike[i] = k.strike;
  c.expiry[i] = k.expiry;
  c.time[i] = k.time;
  c.iv[i] = k.iv;
  c.price[i] = k.price;
  c.bid[i] = k.bid;
  c.ask[i] = k.ask;
  c.openInterest[i] = k.openInterest;
  c.position[i] = k.position;
  c.multiplier[i] = k.multiplier;
  c.vendorGamma[i] = k.vendorGamma;
  c.line[i] = k.line;
}

/** Columns of a list of contracts. */
export function columnsOf(list: readonly Contract[]): ContractColumns {
  const c = newColumns(list.length);
  for (let i = 0; i < list.length; i++) pushContract(c, list[i]);
  return c;
}

/** The contract objects of columns. */
export function contractsOf(c: ContractColumns): Contract[] {
  const out: Contract[] = new Array(c.n);
  for (let i = 0; i < c.n; i++) {
    out[i] = {
      root: c.root[i], type: c.type[i] as 1 | -1, strike: c.strike[i], expiry: c.expiry[i], time: c.time[i], iv: c.iv[i],
      price: c.price[i], bid: c.bid[i], ask: c.ask[i], openInterest: c.openInterest[i], position: c.position[i],
      multiplier: c.multiplier[i], vendorGamma: c.vendorGamma[i], line: c.line[i],
    };
  }
  return out;
}

/** A chain whose contracts are held as columns; `contracts` is built from them when first read (or replaced when
 *  assigned), and the columns are then dropped. */
export function chainOfColumns(meta: Omit<Chain, 'contracts' | 'columns'>, columns: ContractColumns): Chain {
  const chain = { ...meta } as Chain;
  let list: Contract[] | undefined;
  // `contracts` before `columns` in key order, so a spread copy ({ ...chain }) reads the objects first and then
  // finds no columns: the copy holds plain objects only.
  Object.defineProperty(chain, 'contracts', {
    enumerable: true,
    configurable: true,
    get(): Contract[] {
      if (!list) {
        list = contractsOf(columns);
        delete chain.columns;
      }
      return list;
    },
    set(v: Contract[]) {
      list = v;
      delete chain.columns;
    },
  });
  chain.columns = columns;
  return chain;
}

/** Number of contracts of a chain (without building the objects of a column chain). */
export function contractCount(chain: Chain): number {
  return chain.columns ? chain.columns.n : chain.contracts.length;
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
