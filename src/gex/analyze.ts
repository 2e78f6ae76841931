// analyzeChain: from a parsed chain to the GEX report (exposures by strike/expiry, walls, zero gamma, profile).
import type { Engine } from '../engine/engine.js';
import { IV_STATUS_NAMES } from '../engine/abi.js';
import { columnsOf, countSkip, type Chain } from '../chain/model.js';
import { MS_PER_YEAR, formatNy, formatWithOffset, parseIsoInstant } from '../chain/time.js';
import type { GexReport } from './report.js';
import { byExpiry, byStrike, contractExposures, dealerSign, DEALER_MODELS, type ContractArrays, type DealerModel } from './exposure.js';
import { findWalls } from './walls.js';
import { GexProfile, findZeroGamma, ladder } from './zero-gamma.js';

export interface AnalyzeOptions {
  /** Risk-free rate, continuous (default: the chain's, else 0). */
  rate?: number;
  /** Dividend yield, continuous (default: the chain's, else 0). */
  dividend?: number;
  /** Valuation instant: ISO 8601 with offset, or UTC ms (default: the chain's quote instant). */
  asOf?: string | number;
  /** Spot (default: the chain's). */
  spot?: number;
  /** Walls only among strikes within spot*(1 +- band) (default: all strikes). */
  band?: number;
  /** Dealer sign convention for contracts without a `position` (default longCallsShortPuts). */
  dealerModel?: DealerModel;
  /** Zero-gamma search band around spot (default 0.2: +-20%). */
  zeroGammaBand?: number;
  /** Spots on the bracketing ladder (default 1601: steps of 0.025% of spot). */
  zeroGammaGrid?: number;
  /** Points of the reported profile over the same band (default 201). */
  profilePoints?: number;
  /** Contract multiplier where the chain gives none (default 100). */
  multiplier?: number;
}

/** What analyzeChain needs of an engine (an `Engine`, or anything with the same calls). */
export type GexEngine = Pick<Engine, 'greeks' | 'impliedVol' | 'raw'>;

function fail(option: string, value: unknown, problem: string): never {
  throw new RangeError(`analyzeChain: ${option} ${problem} (value ${JSON.stringify(value)})`);
}

/** The valuation instant (ms and the offset to print it with), or null when neither chain nor options give one. */
function valuationInstant(chain: Chain, asOf: string | number | undefined): { ms: number; offsetMinutes: number } | null {
  if (asOf === undefined) return chain.asOf;
  if (typeof asOf === 'number') {
    if (!Number.isFinite(asOf)) fail('asOf', asOf, 'must be finite milliseconds');
    return { ms: asOf, offsetMinutes: chain.asOf?.offsetMinutes ?? 0 };
  }
  return parseIsoInstant(asOf) ?? fail('asOf', asOf, 'must be an ISO 8601 instant with offset, e.g. 2026-01-28T15:00:00-05:00');
}

/** A chain resolved for analysis: options applied, times and vols known, contracts in canonical order. */
export interface PreparedChain {
  spot: number;
  rate: number;
  dividend: number;
  model: DealerModel;
  band: number | undefined;
  zgBand: number;
  grid: number;
  profilePoints: number;
  asOf: { ms: number; offsetMinutes: number } | null;
  /** Reader and analysis skips, by reason. */
  skipped: Record<string, number>;
  contracts: ContractArrays;
  /** Expiry labels (ISO settlement instants), ascending; contracts.expiry indexes them. */
  expiries: string[];
}

/** Steps 1-3 of the analysis (times, vols, weights, canonical order): also what a live profile needs. */
export function prepareChain(engine: GexEngine, chain: Chain, options: AnalyzeOptions = {}): PreparedChain {
  const spot = options.spot ?? chain.spot;
  if (!(spot > 0 && Number.isFinite(spot))) fail('spot', spot, 'must be a positive number (the chain gives none: pass options.spot)');
  const rate = options.rate ?? (Number.isFinite(chain.rate) ? chain.rate : 0);
  const dividend = options.dividend ?? (Number.isFinite(chain.dividend) ? chain.dividend : 0);
  if (!Number.isFinite(rate)) fail('rate', rate, 'must be finite');
  if (!Number.isFinite(dividend)) fail('dividend', dividend, 'must be finite');
  const model = options.dealerModel ?? 'longCallsShortPuts';
  if (!DEALER_MODELS.includes(model)) fail('dealerModel', model, `must be one of ${DEALER_MODELS.join(', ')}`);
  const band = options.band;
  if (band !== undefined && !(band > 0)) fail('band', band, 'must be a positive fraction of spot');
  const zgBand = options.zeroGammaBand ?? 0.2;
  if (!(zgBand > 0 && zgBand < 1)) fail('zeroGammaBand', zgBand, 'must be in (0, 1)');
  const grid = options.zeroGammaGrid ?? 1601;
  if (!(Number.isInteger(grid) && grid >= 3)) fail('zeroGammaGrid', grid, 'must be an integer >= 3');
  const profilePoints = options.profilePoints ?? 201;
  if (!(Number.isInteger(profilePoints) && profilePoints >= 2)) fail('profilePoints', profilePoints, 'must be an integer >= 2');
  const defaultMultiplier = options.multiplier ?? 100;
  if (!(defaultMultiplier > 0)) fail('multiplier', defaultMultiplier, 'must be positive');
  const asOf = valuationInstant(chain, options.asOf);

  const skipped: Record<string, number> = { ...chain.skipped };
  const src = chain.columns ?? columnsOf(chain.contracts);
  const N = src.n;

  // 1. Time to settlement; settled contracts out.
  const time = new Float64Array(N);
  const keep: number[] = [];
  for (let i = 0; i < N; i++) {
    let T = src.time[i];
    if (Number.isNaN(T)) {
      if (!asOf) throw new RangeError(`analyzeChain: ${chain.source}: no valuation instant (the chain has no quote time): pass options.asOf`);
      T = (src.expiry[i] - asOf.ms) / MS_PER_YEAR;
    }
    if (!(T > 0)) { countSkip(skipped, 'settled'); continue; }
    time[i] = T;
    keep.push(i);
  }

  // 2. Vols: the given IV, else solved from price or the bid/ask mid.
  const vol = new Float64Array(N);
  const solve: number[] = [];
  const solvePrice: number[] = [];
  const used: number[] = [];
  for (const i of keep) {
    const iv = src.iv[i];
    if (iv > 0) { vol[i] = iv; used.push(i); continue; }
    let price = src.price[i];
    if (Number.isNaN(price)) {
      const bid = src.bid[i], ask = src.ask[i];
      if (!(bid > 0)) { countSkip(skipped, 'ivNoBid'); continue; }
      if (!(ask >= bid)) { countSkip(skipped, 'ivCrossedQuote'); continue; }
      price = 0.5 * (bid + ask);
    }
    solve.push(i);
    solvePrice.push(price);
  }
  if (solve.length) {
    const iv = engine.impliedVol({
      type: Float64Array.from(solve, (i) => src.type[i]),
      price: Float64Array.from(solvePrice),
      spot,
      strike: Float64Array.from(solve, (i) => src.strike[i]),
      time: Float64Array.from(solve, (i) => time[i]),
      rate,
      dividend,
    });
    solve.forEach((i, k) => {
      if (iv.status[k] === 0 && iv.vol[k] > 0) { vol[i] = iv.vol[k]; used.push(i); }
      else {
        const name = IV_STATUS_NAMES[iv.status[k]] ?? 'invalidInput';
        countSkip(skipped, iv.status[k] === 0 ? 'ivZero' : 'iv' + name[0].toUpperCase() + name.slice(1));
      }
    });
  }

  // 3. Canonical order (strike, time, type, vol, weight), so every sum is independent of the file's row order.
  const weightOf = (i: number): number => {
    const m = Number.isNaN(src.multiplier[i]) ? defaultMultiplier : src.multiplier[i];
    return (Number.isNaN(src.position[i]) ? dealerSign(model, src.type[i]) * src.openInterest[i] : src.position[i]) * m;
  };
  const wt = new Float64Array(N);
  for (const i of used) wt[i] = weightOf(i);
  const strikeOf = src.strike, typeOf = src.type;
  used.sort((x, y) => strikeOf[x] - strikeOf[y] || time[x] - time[y] || typeOf[x] - typeOf[y] ||
    vol[x] - vol[y] || wt[x] - wt[y]);

  // Expiry labels, ascending by settlement.
  const settle = (i: number): number => (Number.isNaN(src.time[i]) ? src.expiry[i] : asOf ? asOf.ms + Math.round(src.time[i] * MS_PER_YEAR) : NaN);
  const labelOf = (i: number): string => {
    const ms = settle(i);
    return Number.isNaN(ms) ? `T=${src.time[i]}` : formatNy(ms);
  };
  const expirySet = new Set<number>();
  for (const i of used) expirySet.add(time[i]);
  const expiryKeys = [...expirySet].sort((a, b) => a - b);
  const labelIndex = new Map<number, number>();
  const labels: string[] = [];
  const firstWithT = new Map<number, number>();
  for (const i of used) if (!firstWithT.has(time[i])) firstWithT.set(time[i], i);
  for (const T of expiryKeys) {
    const label = labelOf(firstWithT.get(T)!);
    const existing = labels.indexOf(label);
    labelIndex.set(T, existing >= 0 ? existing : labels.push(label) - 1);
  }

  const n = used.length;
  const c: ContractArrays = {
    n, type: new Float64Array(n), strike: new Float64Array(n), time: new Float64Array(n), vol: new Float64Array(n),
    weight: new Float64Array(n), expiry: new Int32Array(n),
  };
  for (let k = 0; k < n; k++) {
    const i = used[k];
    c.type[k] = src.type[i];
    c.strike[k] = src.strike[i];
    c.time[k] = time[i];
    c.vol[k] = vol[i];
    c.weight[k] = wt[i];
    c.expiry[k] = labelIndex.get(time[i])!;
  }

  return { spot, rate, dividend, model, band, zgBand, grid, profilePoints, asOf, skipped, contracts: c, expiries: labels };
}

/**
 * The GEX report of a chain. Steps: time to settlement (ACT/365, from the valuation instant; settled contracts
 * skipped), vols (the file's IV, else solved from price or the bid/ask mid; failures skipped by reason), dealer
 * weights, greeks at spot, aggregation, walls, and the zero-gamma roots of the re-priced profile.
 */
export function analyzeChain(engine: GexEngine, chain: Chain, options: AnalyzeOptions = {}): GexReport {
  const p = prepareChain(engine, chain, options);
  const { spot, rate, dividend, model, band, zgBand, grid, profilePoints, asOf, skipped, contracts: c, expiries: labels } = p;
  const n = c.n;

  // 4. Greeks at spot and exposures.
  const g = n
    ? engine.greeks({ type: c.type, spot, strike: c.strike, time: c.time, vol: c.vol, rate, dividend }, { greeks: ['gamma', 'vanna', 'charm'] })
    : { gamma: new Float64Array(0), vanna: new Float64Array(0), charm: new Float64Array(0) };
  const e = contractExposures(c, spot, g.gamma, g.vanna, g.charm);
  const strikes = byStrike(c, e);
  const strikeList = strikes.map((r) => r.strike);
  const exp = byExpiry(c, e, labels, strikeList);
  let totalGex = 0;
  for (let i = 0; i < n; i++) totalGex += e.gex[i];
  const walls = findWalls(strikes, spot, band);

  // 5. Profile and zero gamma.
  const profile = profileOf(engine, p);
  let zg;
  let profileRows: { spot: number; netGex: number }[];
  try {
    // The reported profile reuses ladder points when it lies on the ladder: the ladder is then exact at every
    // `coarse`-th point with coarse (at most 8) dividing the profile's stride.
    const onLadder = (grid - 1) % (profilePoints - 1) === 0;
    const pStride = onLadder ? (grid - 1) / (profilePoints - 1) : 1;
    const coarse = [8, 4, 2, 1].find((k) => pStride % k === 0)!;
    zg = findZeroGamma(profile, spot, zgBand, grid, 1e-7 * spot, onLadder ? coarse : 8);
    const lo = spot * (1 - zgBand), hi = spot * (1 + zgBand);
    if (onLadder && pStride % zg.coarse === 0) {
      const stride = (grid - 1) / (profilePoints - 1);
      profileRows = Array.from({ length: profilePoints }, (_, j) => ({ spot: zg!.spots[j * stride], netGex: zg!.g[j * stride] }));
    } else {
      const xs = ladder(lo, hi, profilePoints);
      const ys = profile.evaluate(xs).g;
      profileRows = Array.from(xs, (x, j) => ({ spot: x, netGex: ys[j] }));
    }
  } finally {
    profile.free();
  }

  return {
    underlying: chain.underlying,
    spot,
    asOf: asOf ? formatWithOffset(asOf.ms, asOf.offsetMinutes) : '',
    contracts: n,
    skipped,
    totalGex,
    callWall: walls.callWall,
    putWall: walls.putWall,
    gammaWall: walls.gammaWall,
    zeroGamma: zg.nearest,
    zeroGammaRoots: zg.roots,
    byStrike: strikes,
    byExpiry: exp.byExpiry,
    profile: profileRows,
    surface: { strikes: strikeList, expiries: labels, netGex: exp.surface },
    rate,
    dividend,
    dealerModel: model,
  };
}

/** The re-priced net GEX profile of a prepared chain (sticky strike), centred on its spot. Free it when done. */
export function profileOf(engine: GexEngine, p: PreparedChain): GexProfile {
  const c = p.contracts;
  return GexProfile.of(engine.raw, c.strike, c.time, c.vol, c.weight, p.rate, p.dividend, p.spot);
}
