// The gamma-exposure report: what `analyzeChain` returns and what the CLI prints and charts.
// GEX figures are dollars of dealer delta change per 1% move of the underlying (DESIGN.md section 5).

/** One strike's exposures, summed over expiries. */
export interface StrikeExposure {
  strike: number;
  /** Call GEX, $ per 1% move (sign from the dealer model). */
  callGex: number;
  /** Put GEX, $ per 1% move (negative under the default model: dealers short puts). */
  putGex: number;
  netGex: number;
  /** Vanna exposure: sign * vanna * OI * multiplier * S * 0.01, $ of dealer delta per 1 vol point. */
  vannaExposure: number;
  /** Charm exposure: sign * charm * OI * multiplier * S / 365, $ of dealer delta per calendar day. */
  charmExposure: number;
}

export interface GexReport {
  underlying: string;
  spot: number;
  /** Valuation instant, ISO 8601 with its UTC offset. */
  asOf: string;
  /** Contracts used. */
  contracts: number;
  /** Contracts skipped, by reason (e.g. zeroOpenInterest, settled, ivUnsolvable). */
  skipped: Record<string, number>;
  totalGex: number;
  callWall: number | null;
  putWall: number | null;
  gammaWall: number | null;
  /** Root of the net profile nearest spot, or null when there is none in the band. */
  zeroGamma: number | null;
  zeroGammaRoots: number[];
  byStrike: StrikeExposure[];
  /** Net GEX per expiry (settlement instant, ISO 8601). */
  byExpiry: { expiry: string; netGex: number }[];
  /** Net GEX profile G(S') on the ladder of hypothetical spots. */
  profile: { spot: number; netGex: number }[];
  /** Strike x expiry net GEX surface (for the heat map; not part of the --json contract). */
  surface: { strikes: number[]; expiries: string[]; netGex: number[][] /* [expiry][strike] */ };
  /** Rate and dividend yield used (continuous; not part of the --json contract). */
  rate: number;
  dividend: number;
  /** Dealer sign convention used for contracts without a signed position (not part of the --json contract). */
  dealerModel: 'longCallsShortPuts' | 'shortCallsLongPuts';
}

/** The exact keys of `gammawall gex --json` (issue 5). */
export const JSON_REPORT_KEYS = [
  'underlying', 'spot', 'asOf', 'contracts', 'skipped', 'totalGex', 'callWall', 'putWall', 'gammaWall',
  'zeroGamma', 'zeroGammaRoots', 'byStrike', 'byExpiry', 'profile',
] as const;
