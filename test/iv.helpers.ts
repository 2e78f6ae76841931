// Shared helpers of the implied-volatility tests: both engine backends behind one call, the reference CSV
// reader, and an accurate BSM price for round trips.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../src/index.js';
import { normalisedBlackCall } from '../src/kernel/lbr.js';
import { normCdf } from '../src/kernel/normal.js';

export const EPS = 2.220446049250313e-16;

export interface IvRows {
  type: number[];
  price: number[];
  S: number[];
  K: number[];
  T: number[];
  r: number[];
  q: number[];
}

export interface IvResult {
  vol: Float64Array;
  status: Uint8Array;
}

export interface IvBackend {
  name: 'wasm' | 'js';
  impliedVol(rows: IvRows): IvResult;
}

/** The engine's impliedVol on the given backend (engine.backend is checked, so 'wasm' cannot silently be 'js'). */
async function engineBackend(name: 'wasm' | 'js'): Promise<IvBackend> {
  const engine = await createEngine({ backend: name });
  if (engine.backend !== name) throw new Error(`asked for the ${name} backend, got ${engine.backend}`);
  return {
    name,
    impliedVol: (rows) => engine.impliedVol({
      type: rows.type, price: rows.price, spot: rows.S, strike: rows.K, time: rows.T, rate: rows.r, dividend: rows.q,
    }),
  };
}

/** Both backends through the public engine API. */
export async function backends(): Promise<IvBackend[]> {
  return [await engineBackend('wasm'), await engineBackend('js')];
}

/** One option as a one-row batch. */
export function one(type: number, price: number, S: number, K: number, T: number, r: number, q: number): IvRows {
  return { type: [type], price: [price], S: [S], K: [K], T: [T], r: [r], q: [q] };
}

export interface ReferenceRow {
  id: string;
  type: number;
  S: number;
  K: number;
  T: number;
  r: number;
  q: number;
  price: number;
  sigma: number;
  cond: number;
  expect: 'sigma' | 'nan';
}

/** test/fixtures/bsm-iv.csv (a verbatim copy of the shared 60-digit reference set; see README.iv.md). */
export function readReference(): ReferenceRow[] {
  const text = readFileSync(fileURLToPath(new URL('./fixtures/bsm-iv.csv', import.meta.url)), 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  if (header !== 'id,type,S,K,T,r,q,price,sigma,cond,expect') throw new Error(`unexpected header ${header}`);
  return lines.map((line) => {
    const c = line.split(',');
    return {
      id: c[0], type: c[1] === 'call' ? 1 : -1, S: +c[2], K: +c[3], T: +c[4], r: +c[5], q: +c[6],
      price: +c[7], sigma: +c[8], cond: +c[9], expect: c[10] as 'sigma' | 'nan',
    };
  });
}

export function toRows(refs: ReferenceRow[]): IvRows {
  return {
    type: refs.map((x) => x.type), price: refs.map((x) => x.price), S: refs.map((x) => x.S), K: refs.map((x) => x.K),
    T: refs.map((x) => x.T), r: refs.map((x) => x.r), q: refs.map((x) => x.q),
  };
}

/**
 * BSM price with the kernel's own forward mapping (F = S e^{(r-q)T}, x = ln(F/K), discount e^{-rT}) and the
 * intrinsic value added in price space: price = D [ (theta (F - K))^+ + sqrt(F K) b(-|x|, sigma sqrt T) ].
 * Using the same F and x as the solver makes the round trip measure the inversion, not the (separately
 * tested) conditioning of the price in S and K.
 */
export function bsmPrice(type: number, S: number, K: number, T: number, r: number, q: number, sigma: number): number {
  const F = S * Math.exp((r - q) * T), x = Math.log(F / K), D = Math.exp(-r * T);
  const timeValue = Math.sqrt(F) * Math.sqrt(K) * normalisedBlackCall(-Math.abs(x), sigma * Math.sqrt(T));
  return D * (Math.max(type * (F - K), 0) + timeValue);
}

/** BSM vega dP/dsigma = D sqrt(F K) phi-form, from the normalised vega exp(-(h^2+t^2)/2)/sqrt(2 pi) times sqrt(T). */
export function bsmVega(S: number, K: number, T: number, r: number, q: number, sigma: number): number {
  const F = S * Math.exp((r - q) * T), x = Math.log(F / K), s = sigma * Math.sqrt(T), D = Math.exp(-r * T);
  const h = x / s, t = 0.5 * s;
  return D * Math.sqrt(F) * Math.sqrt(K) * Math.sqrt(T) * Math.exp(-0.5 * (h * h + t * t)) / Math.sqrt(2 * Math.PI);
}

/**
 * Condition number of the price in its market inputs, (F |dP/dF| + K |dP/dK|) / P = D (F N(d1) + K N(d2)) / P for a
 * call (N(-d1), N(-d2) for a put): the relative price error that one relative rounding of S or K already causes.
 */
export function priceConditionInSK(type: number, S: number, K: number, T: number, r: number, q: number, sigma: number, price: number): number {
  const F = S * Math.exp((r - q) * T), s = sigma * Math.sqrt(T), D = Math.exp(-r * T);
  const d1 = Math.log(F / K) / s + 0.5 * s, d2 = d1 - s;
  return D * (F * normCdf(type * d1) + K * normCdf(type * d2)) / price;
}
