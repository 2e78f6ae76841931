// Test-side reference: BSM gamma, vanna and charm written out independently of the engine, and an engine for
// the analytics tests. It is the real engine when its greeks and implied-vol kernels are built (main), else
// an adapter answering `greeks` and `impliedVol` from these reference formulas (so the GEX analytics can be
// tested on their own before the other kernels land; the profile kernel is always the real one).
import { createEngine } from '../src/index.js';
import type { GexEngine } from '../src/gex/analyze.js';

const SQRT_2PI = Math.sqrt(2 * Math.PI);
export const npdf = (x: number) => Math.exp(-0.5 * x * x) / SQRT_2PI;

/** Normal CDF by Simpson integration of the density from 0 (test-only; about 1e-13 absolute for |x| < 10). */
export function ncdf(x: number): number {
  const steps = 2000, h = x / steps;
  let s = npdf(0) + npdf(x);
  for (let i = 1; i < steps; i++) s += (i % 2 ? 4 : 2) * npdf(i * h);
  return 0.5 + (s * h) / 3;
}

export interface Bsm { type: number; S: number; K: number; T: number; v: number; r: number; q: number }

export function d1d2({ S, K, T, v, r, q }: Bsm) {
  const sd = v * Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q + 0.5 * v * v) * T) / sd;
  return { d1, d2: d1 - sd, sd };
}
export function refGamma(o: Bsm): number {
  const { d1, sd } = d1d2(o);
  return Math.exp(-o.q * o.T) * npdf(d1) / (o.S * sd);
}
export function refVanna(o: Bsm): number {
  const { d1, d2 } = d1d2(o);
  return -Math.exp(-o.q * o.T) * npdf(d1) * d2 / o.v;
}
/** charm = -dDelta/dT (Haug, The Complete Guide to Option Pricing Formulas, 2nd ed., 2.2.x "DdeltaDtime"). */
export function refCharm(o: Bsm): number {
  const { d1, d2, sd } = d1d2(o);
  const eq = Math.exp(-o.q * o.T);
  const common = eq * npdf(d1) * (2 * (o.r - o.q) * o.T - d2 * sd) / (2 * o.T * sd);
  return o.type > 0 ? o.q * eq * ncdf(d1) - common : -o.q * eq * ncdf(-d1) - common;
}
export function refPrice(o: Bsm): number {
  const { d1, d2 } = d1d2(o);
  const F = o.S * Math.exp(-o.q * o.T), D = o.K * Math.exp(-o.r * o.T);
  return o.type > 0 ? F * ncdf(d1) - D * ncdf(d2) : D * ncdf(-d2) - F * ncdf(-d1);
}

const at = (x: unknown, i: number): number => (typeof x === 'number' ? x : (x as ArrayLike<number>)[i]);

/** The engine for analytics tests (see the file comment); `reference` tells which greeks answer. */
export async function testEngine(backend: 'js' | 'wasm' = 'js'): Promise<{ engine: GexEngine; reference: boolean }> {
  const engine = await createEngine({ backend });
  try {
    engine.greeks({ type: 1, spot: 100, strike: 100, time: 1, vol: 0.2 }, { greeks: ['gamma'] });
    engine.impliedVol({ type: 1, price: 10, spot: 100, strike: 100, time: 1 });
    return { engine, reference: false };
  } catch {
    // Kernels not built on this branch yet: reference formulas for greeks and implied vol.
  }
  const adapter: GexEngine = {
    raw: engine.raw,
    greeks: ((input: any, options: any) => {
      const n = (input.strike as ArrayLike<number>).length;
      const out: Record<string, Float64Array> = {};
      for (const g of options.greeks as string[]) out[g] = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const o: Bsm = { type: at(input.type, i), S: at(input.spot, i), K: at(input.strike, i), T: at(input.time, i), v: at(input.vol, i), r: at(input.rate ?? 0, i), q: at(input.dividend ?? 0, i) };
        if (out.gamma) out.gamma[i] = refGamma(o);
        if (out.vanna) out.vanna[i] = refVanna(o);
        if (out.charm) out.charm[i] = refCharm(o);
      }
      return out;
    }) as GexEngine['greeks'],
    impliedVol: ((input: any) => {
      const n = (input.strike as ArrayLike<number>).length;
      const vol = new Float64Array(n), status = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const o: Bsm = { type: at(input.type, i), S: at(input.spot, i), K: at(input.strike, i), T: at(input.time, i), v: 0, r: at(input.rate ?? 0, i), q: at(input.dividend ?? 0, i) };
        const p = at(input.price, i);
        let lo = 1e-4, hi = 10;
        const f = (v: number) => refPrice({ ...o, v }) - p;
        if (f(lo) > 0) { vol[i] = NaN; status[i] = 1; continue; }
        if (f(hi) < 0) { vol[i] = NaN; status[i] = 2; continue; }
        for (let it = 0; it < 100; it++) { const mid = 0.5 * (lo + hi); if (f(mid) > 0) hi = mid; else lo = mid; }
        vol[i] = 0.5 * (lo + hi);
      }
      return { vol, status };
    }) as GexEngine['impliedVol'],
  };
  return { engine: adapter, reference: true };
}
