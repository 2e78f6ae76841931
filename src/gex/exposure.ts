// Per-contract exposures and their aggregation by strike, by expiry and over the strike x expiry surface.
import type { StrikeExposure } from './report.js';

/** Dealer sign conventions. `longCallsShortPuts` (default): dealers long calls (+1) and short puts (-1), the
 *  "naive SqueezeMetrics" assumption; positive GEX is stabilising. `shortCallsLongPuts`: the opposite. */
export type DealerModel = 'longCallsShortPuts' | 'shortCallsLongPuts';
export const DEALER_MODELS: readonly DealerModel[] = ['longCallsShortPuts', 'shortCallsLongPuts'];

/** Dealer sign of a contract type (+1 call, -1 put) under a model. */
export function dealerSign(model: DealerModel, type: number): number {
  return model === 'longCallsShortPuts' ? type : -type;
}

/** Contracts in struct-of-arrays form, ready for the engine (canonical order: see analyze.ts). */
export interface ContractArrays {
  n: number;
  type: Float64Array;
  strike: Float64Array;
  time: Float64Array;
  vol: Float64Array;
  /** Signed contracts times multiplier: dealer sign * OI * multiplier, or position * multiplier. */
  weight: Float64Array;
  /** Index into the expiry labels. */
  expiry: Int32Array;
}

/** Per-contract figures at the spot. */
export interface ContractExposures {
  /** GEX = weight * gamma * S^2 * 0.01: $ of dealer delta per 1% move. */
  gex: Float64Array;
  /** weight * vanna * S * 0.01: $ of dealer delta per 1 vol point. */
  vanna: Float64Array;
  /** weight * charm * S / 365: $ of dealer delta per calendar day. */
  charm: Float64Array;
}

/** Exposures from the greeks (gamma, vanna, charm in natural units: per 1.00 of S and sigma, per year). */
export function contractExposures(
  c: ContractArrays, spot: number, gamma: Float64Array, vanna: Float64Array, charm: Float64Array,
): ContractExposures {
  const gex = new Float64Array(c.n), vx = new Float64Array(c.n), cx = new Float64Array(c.n);
  const s2 = spot * spot * 0.01;
  for (let i = 0; i < c.n; i++) {
    gex[i] = c.weight[i] * gamma[i] * s2;
    vx[i] = c.weight[i] * vanna[i] * spot * 0.01;
    cx[i] = c.weight[i] * charm[i] * spot / 365;
  }
  return { gex, vanna: vx, charm: cx };
}

/** Sums by strike (ascending), keeping call and put parts. */
export function byStrike(c: ContractArrays, e: ContractExposures): StrikeExposure[] {
  const rows: StrikeExposure[] = [];
  let row: StrikeExposure | undefined;
  for (let i = 0; i < c.n; i++) {
    if (!row || row.strike !== c.strike[i]) {
      row = { strike: c.strike[i], callGex: 0, putGex: 0, netGex: 0, vannaExposure: 0, charmExposure: 0 };
      rows.push(row);
    }
    if (c.type[i] > 0) row.callGex += e.gex[i]; else row.putGex += e.gex[i];
    row.vannaExposure += e.vanna[i];
    row.charmExposure += e.charm[i];
  }
  for (const r of rows) r.netGex = r.callGex + r.putGex;
  return rows;
}

/** Net GEX per expiry label and the strike x expiry surface ([expiry][strike], strikes as in `strikes`). */
export function byExpiry(
  c: ContractArrays, e: ContractExposures, labels: readonly string[], strikes: readonly number[],
): { byExpiry: { expiry: string; netGex: number }[]; surface: number[][] } {
  const col = new Map<number, number>();
  strikes.forEach((k, j) => col.set(k, j));
  const totals = new Float64Array(labels.length);
  const surface = labels.map(() => new Array<number>(strikes.length).fill(0));
  for (let i = 0; i < c.n; i++) {
    totals[c.expiry[i]] += e.gex[i];
    surface[c.expiry[i]][col.get(c.strike[i])!] += e.gex[i];
  }
  return { byExpiry: labels.map((expiry, k) => ({ expiry, netGex: totals[k] })), surface };
}
