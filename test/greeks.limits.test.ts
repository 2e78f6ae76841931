// Limits and invalid input exactly as DESIGN.md section 1, each class in its own test, both backends.
// T = 0: intrinsic value, delta and dualDelta the slopes of the payoff (+-1 or 0, +-0.5 at the strike), every
// other greek 0. sigma = 0: the deterministic forward (discounted intrinsic on the forward, delta a step, gamma
// and vega 0). Invalid input: a NaN row (all 17 values), neighbouring rows untouched. Zeros are +0.
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, GREEKS, type GreekName } from '../src/index.js';
import type { Engine } from '../src/engine/engine.js';

type Row = { type: number; S: number; K: number; T: number; sigma: number; r: number; q: number };
const base: Row = { type: 1, S: 100, K: 95, T: 0.5, sigma: 0.25, r: 0.04, q: 0.01 };

function run(engine: Engine, rows: Row[]): Record<GreekName, Float64Array> {
  const col = (k: keyof Row) => Float64Array.from(rows, (r) => r[k]);
  return engine.greeks(
    { type: col('type'), spot: col('S'), strike: col('K'), time: col('T'), vol: col('sigma'), rate: col('r'), dividend: col('q') },
    { greeks: GREEKS },
  );
}

/** The 17 values of row i, by name. */
function row(out: Record<GreekName, Float64Array>, i: number): Record<GreekName, number> {
  return Object.fromEntries(GREEKS.map((g) => [g, out[g][i]!])) as Record<GreekName, number>;
}

/** Expected row: the listed values, every other greek +0 (toEqual distinguishes +0 from -0). */
function expectRow(got: Record<GreekName, number>, nonzero: Partial<Record<GreekName, number>>): void {
  const want = Object.fromEntries(GREEKS.map((g) => [g, nonzero[g] ?? 0]));
  expect(got).toEqual(want);
}

describe.each(['wasm', 'js'] as const)('limits and invalid input (%s)', (backend) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ backend });
  });

  describe('T = 0 (expired): intrinsic value, payoff slopes, others 0', () => {
    const T0 = { ...base, T: 0 };
    it('call in the money: price S-K, delta 1, dualDelta -1', () => {
      expectRow(row(run(engine, [{ ...T0, S: 110, K: 100 }]), 0), { price: 10, delta: 1, dualDelta: -1 });
    });
    it('call out of the money: everything 0', () => {
      expectRow(row(run(engine, [{ ...T0, S: 90, K: 100 }]), 0), {});
    });
    it('call at the strike: price 0, delta 0.5, dualDelta -0.5', () => {
      expectRow(row(run(engine, [{ ...T0, S: 100, K: 100 }]), 0), { delta: 0.5, dualDelta: -0.5 });
    });
    it('put in the money: price K-S, delta -1, dualDelta 1', () => {
      expectRow(row(run(engine, [{ ...T0, type: -1, S: 90, K: 100 }]), 0), { price: 10, delta: -1, dualDelta: 1 });
    });
    it('put out of the money: everything 0', () => {
      expectRow(row(run(engine, [{ ...T0, type: -1, S: 110, K: 100 }]), 0), {});
    });
    it('put at the strike: price 0, delta -0.5, dualDelta 0.5', () => {
      expectRow(row(run(engine, [{ ...T0, type: -1, S: 100, K: 100 }]), 0), { delta: -0.5, dualDelta: 0.5 });
    });
    it('ignores sigma, r and q (sigma = 0 included)', () => {
      const a = run(engine, [{ ...T0, S: 110, K: 100, sigma: 0, r: 0.5, q: 0.3 }]);
      expectRow(row(a, 0), { price: 10, delta: 1, dualDelta: -1 });
    });
  });

  describe('sigma = 0 (T > 0): deterministic forward', () => {
    const S0 = { ...base, sigma: 0 };
    const Dq = Math.exp(-S0.q * S0.T);
    const Dr = Math.exp(-S0.r * S0.T);
    // The expected values are the plain derivatives of max(w (S e^{-qT} - K e^{-rT}), 0) away from the kink.
    it('call in the money forward', () => {
      const g = row(run(engine, [{ ...S0, S: 110, K: 100 }]), 0);
      const { S, K, T, r, q } = { ...S0, S: 110, K: 100 };
      expect(g.price).toBeCloseTo(S * Dq - K * Dr, 13);
      expect(g.delta).toBeCloseTo(Dq, 15);
      expect(g.theta).toBeCloseTo(q * S * Dq - r * K * Dr, 13);
      expect(g.rho).toBeCloseTo(K * T * Dr, 13);
      expect(g.epsilon).toBeCloseTo(-S * T * Dq, 13);
      expect(g.charm).toBeCloseTo(q * Dq, 15);
      expect(g.dualDelta).toBeCloseTo(-Dr, 15);
      for (const z of ['gamma', 'vega', 'vanna', 'vomma', 'veta', 'speed', 'zomma', 'color', 'ultima', 'dualGamma'] as const) {
        expect(g[z], z).toBe(0);
      }
    });
    it('call out of the money forward: everything 0', () => {
      expectRow(row(run(engine, [{ ...S0, S: 90, K: 100 }]), 0), {});
    });
    it('put in the money forward', () => {
      const g = row(run(engine, [{ ...S0, type: -1, S: 90, K: 100 }]), 0);
      const { S, K, T, r, q } = { ...S0, S: 90, K: 100 };
      expect(g.price).toBeCloseTo(K * Dr - S * Dq, 13);
      expect(g.delta).toBeCloseTo(-Dq, 15);
      expect(g.theta).toBeCloseTo(r * K * Dr - q * S * Dq, 13);
      expect(g.rho).toBeCloseTo(-K * T * Dr, 13);
      expect(g.epsilon).toBeCloseTo(S * T * Dq, 13);
      expect(g.charm).toBeCloseTo(-q * Dq, 15);
      expect(g.dualDelta).toBeCloseTo(Dr, 15);
      expect(g.gamma).toBe(0);
      expect(g.vega).toBe(0);
    });
    it('put out of the money forward: everything 0', () => {
      expectRow(row(run(engine, [{ ...S0, type: -1, S: 110, K: 100 }]), 0), {});
    });
    it('at the money forward (r = q, S = K): price 0, delta +-Dq/2', () => {
      const atm = { ...S0, S: 100, K: 100, r: 0.03, q: 0.03 };
      const D = Math.exp(-0.03 * S0.T);
      const out = run(engine, [atm, { ...atm, type: -1 }]);
      expect(out.price[0]).toBe(0);
      expect(out.price[1]).toBe(0);
      expect(out.delta[0]).toBe(0.5 * D);
      expect(out.delta[1]).toBe(-0.5 * D);
      expect(out.gamma[0]).toBe(0);
    });
    it('is the limit of small sigma away from the money', () => {
      const rows = [{ ...S0, S: 110, K: 100 }, { ...S0, type: -1, S: 90, K: 100 }];
      const lim = run(engine, rows);
      const near = run(engine, rows.map((r) => ({ ...r, sigma: 1e-4 })));
      for (const g of ['price', 'delta', 'theta', 'rho', 'epsilon', 'dualDelta'] as const) {
        for (let i = 0; i < 2; i++) expect(near[g][i], `${g}[${i}]`).toBeCloseTo(lim[g][i]!, 10);
      }
    });
  });

  describe('invalid input gives a NaN row and leaves its neighbours alone', () => {
    const cases: Array<[string, Partial<Row>]> = [
      ['S = 0', { S: 0 }],
      ['S < 0', { S: -100 }],
      ['K = 0', { K: 0 }],
      ['K < 0', { K: -95 }],
      ['T < 0', { T: -0.5 }],
      ['sigma < 0', { sigma: -0.2 }],
      ['S NaN', { S: NaN }],
      ['K NaN', { K: NaN }],
      ['T NaN', { T: NaN }],
      ['sigma NaN', { sigma: NaN }],
      ['r NaN', { r: NaN }],
      ['q NaN', { q: NaN }],
      ['S Infinity', { S: Infinity }],
      ['K Infinity', { K: Infinity }],
      ['T Infinity', { T: Infinity }],
      ['sigma Infinity', { sigma: Infinity }],
      ['r -Infinity', { r: -Infinity }],
      ['q Infinity', { q: Infinity }],
      ['type 0', { type: 0 }],
      ['type 2', { type: 2 }],
      ['type NaN', { type: NaN }],
    ];
    it.each(cases)('%s', (_name, bad) => {
      const out = run(engine, [base, { ...base, ...bad }, { ...base, type: -1 }]);
      const good = run(engine, [base, { ...base, type: -1 }]);
      for (const g of GREEKS) {
        expect(out[g][1], g).toBeNaN();
        expect(out[g][0], g).toBe(good[g][0]);
        expect(out[g][2], g).toBe(good[g][1]);
      }
    });
  });
});
