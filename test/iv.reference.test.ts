// Implied volatility against the 60-digit reference set (test/fixtures/bsm-iv.csv), both backends, and the
// accuracy of the normal-distribution functions and the normalised Black function the solver stands on.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IV_STATUS } from '../src/engine/abi.js';
import { normalisedBlackCall, secondPointCell } from '../src/kernel/lbr.js';
import { erfc, erfcx, inverseNormCdf, normCdf, oneMinusErfcxNonNegative } from '../src/kernel/normal.js';
import { EPS, backends, bsmPrice, priceConditionInSK, readReference, toRows } from './iv.helpers.js';

/** The reference rule (shared/reference/README.md): |sigma_hat - sigma| <= 1e-12 sigma (1 + cond). */
const IV_REL_TOL = 1e-12;

const refs = readReference();
const all = await backends();

describe.each(all)('bsm-iv.csv on the $name backend', (backend) => {
  const out = backend.impliedVol(toRows(refs));

  it('has the expected size (2,000 solvable rows, 100 outside the no-arbitrage bounds)', () => {
    expect(refs.filter((x) => x.expect === 'sigma').length).toBe(2000);
    expect(refs.filter((x) => x.expect === 'nan').length).toBe(100);
  });

  it('every expect=sigma row is within 1e-12 sigma (1 + cond), status ok', () => {
    let worst = 0, worstId = '';
    const failures: string[] = [];
    refs.forEach((ref, i) => {
      if (ref.expect !== 'sigma') return;
      const tol = IV_REL_TOL * ref.sigma * (1 + ref.cond);
      const err = Math.abs(out.vol[i] - ref.sigma);
      if (out.status[i] !== IV_STATUS.ok || !(err <= tol)) {
        failures.push(`row ${ref.id}: got ${out.vol[i]} status ${out.status[i]}, want ${ref.sigma}, err ${err}, tol ${tol}`);
      }
      if (err / tol > worst) { worst = err / tol; worstId = ref.id; }
    });
    console.log(`[iv] ${backend.name}: worst |err|/tol on bsm-iv.csv = ${worst.toExponential(3)} (row ${worstId})`);
    expect(failures).toEqual([]);
  });

  it('every expect=nan row gives NaN and a failure status', () => {
    const failures: string[] = [];
    refs.forEach((ref, i) => {
      if (ref.expect !== 'nan') return;
      if (!Number.isNaN(out.vol[i]) || out.status[i] === IV_STATUS.ok) {
        failures.push(`row ${ref.id}: price ${ref.price} gave vol ${out.vol[i]} status ${out.status[i]}`);
      }
    });
    expect(failures).toEqual([]);
  });
});

describe('the round-trip price helper (test/iv.helpers.ts bsmPrice)', () => {
  // Error of a price evaluated at rounded inputs: a few ulp plus the price's condition number in S and K.
  const PRICE_ULPS = 4;
  it('reproduces the 60-digit reference prices within 4 eps (1 + kappa_SK)', () => {
    const failures: string[] = [];
    for (const ref of refs) {
      if (ref.expect !== 'sigma') continue;
      const p = bsmPrice(ref.type, ref.S, ref.K, ref.T, ref.r, ref.q, ref.sigma);
      const kappa = priceConditionInSK(ref.type, ref.S, ref.K, ref.T, ref.r, ref.q, ref.sigma, ref.price);
      const tol = PRICE_ULPS * EPS * (1 + kappa) * ref.price;
      if (!(Math.abs(p - ref.price) <= tol)) failures.push(`row ${ref.id}: ${p} vs ${ref.price}, tol ${tol}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('normal distribution and normalised Black function against 60-digit values (iv-normal.csv)', () => {
  // Evaluating f at a rounded argument already costs kappa ulp (kappa = condition number, given per row);
  // allow 4 ulp beyond that for the evaluation itself.
  const ULPS = 4;
  const text = readFileSync(fileURLToPath(new URL('./fixtures/iv-normal.csv', import.meta.url)), 'utf8');
  const rows = text.trim().split('\n').slice(1).map((l) => l.split(','));
  const fns: Record<string, (a: number, b: number) => number> = {
    erfc: (a) => erfc(a),
    erfcx: (a) => erfcx(a),
    normCdf: (a) => normCdf(a),
    oneMinusErfcx: (a) => oneMinusErfcxNonNegative(a),
    black: (a, b) => normalisedBlackCall(a, b),
  };
  it.each(Object.keys(fns))('%s within 4 eps (1 + kappa) relative', (kind) => {
    const mine = rows.filter((r) => r[0] === kind);
    expect(mine.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const [, a, b, value, kappa] of mine) {
      const got = fns[kind](+a, +b);
      const tol = ULPS * EPS * (1 + +kappa) * Math.abs(+value);
      if (!(Math.abs(got - +value) <= tol)) failures.push(`${kind}(${a}, ${b}) = ${got}, want ${value}, tol ${tol}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('the second point\'s table (lbr.ts secondPointCell) against 60-digit values (iv-normal.csv)', () => {
  // The cells' degree-7 interpolation reaches 22 eps at worst (scripts/gen-second-point-cells.py checks 8,000 points
  // against mpmath); 32 eps (1 + kappa) leaves room for arguments it did not sample. The value only places the initial
  // guess, which before the table took b2 from the small-t expansion to w^3 (4.1e-9 of b).
  const ULPS = 32;
  const text = readFileSync(fileURLToPath(new URL('./fixtures/iv-normal.csv', import.meta.url)), 'utf8');
  const rows = text.trim().split('\n').slice(1).map((l) => l.split(','));
  it.each([['secondPointB', 0], ['secondPointE', 1]] as const)('%s (f = %i) within 32 eps (1 + kappa) relative on both sides', (kind, f) => {
    const mine = rows.filter((r) => r[0] === kind);
    expect(mine.length).toBe(42); // 21 arguments u in [1e-12, 4], sides s_l and s_u
    const failures: string[] = [];
    for (const [, u, side, value, kappa] of mine) {
      const got = secondPointCell(+u, +side, f);
      const tol = ULPS * EPS * (1 + +kappa) * Math.abs(+value);
      if (!(Math.abs(got - +value) <= tol)) failures.push(`${kind}(u = ${u}, side ${side}) = ${got}, want ${value}, tol ${tol}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('inverseNormCdf (AS241) at and beyond its end points', () => {
  it('is -Infinity at 0, +Infinity at 1, NaN outside [0, 1], and inverts normCdf inside', () => {
    expect(inverseNormCdf(0)).toBe(-Infinity);
    expect(inverseNormCdf(1)).toBe(Infinity);
    expect(inverseNormCdf(1.5)).toBeNaN();
    expect(inverseNormCdf(-0.5)).toBeNaN();
    // AS241 is accurate to about 1e-16 relative (Wichura 1988). Round trip only where u = N(x) is well conditioned
    // (x <= 2: du/dx / u is not tiny); above that, rounding u near 1 alone moves x by eps / phi(x).
    for (const x of [-8, -1.5, 0.3, 2]) expect(Math.abs(inverseNormCdf(normCdf(x)) - x)).toBeLessThan(1e-13 * (1 + Math.abs(x)));
  });
});
