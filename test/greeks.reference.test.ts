// Every row of the 60-digit reference file (test/fixtures/bsm-greeks.csv, provenance in test/fixtures/README.md),
// all 17 values, both backends, against the tolerance rule of DESIGN.md section 2:
//   |x - ref| <= 1e-12 * |ref| + 1e-12 * scale   (scale: the scale_<greek> column)
// plus published textbook values with their sources.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, GREEKS } from '../src/index.js';
import type { Engine } from '../src/engine/engine.js';

const REL = 1e-12; // DESIGN.md section 2, relative part
const ABS = 1e-12; // DESIGN.md section 2, times the scale_* column

interface RefTable {
  n: number;
  input: { type: Float64Array; spot: Float64Array; strike: Float64Array; time: Float64Array; vol: Float64Array; rate: Float64Array; dividend: Float64Array };
  ref: Record<string, Float64Array>;
  scale: Record<string, Float64Array>;
  id: string[];
}

function loadReference(): RefTable {
  const lines = readFileSync(new URL('./fixtures/bsm-greeks.csv', import.meta.url), 'utf8').trim().split('\n');
  const head = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const n = rows.length;
  const col = (name: string) => {
    const j = head.indexOf(name);
    if (j < 0) throw new Error(`bsm-greeks.csv has no column ${name}`);
    return Float64Array.from(rows, (r) => (name === 'type' ? (r[j] === 'call' ? 1 : -1) : Number(r[j])));
  };
  const ref: Record<string, Float64Array> = {};
  const scale: Record<string, Float64Array> = {};
  for (const g of GREEKS) {
    ref[g] = col(g);
    scale[g] = col(`scale_${g}`);
  }
  return {
    n,
    input: { type: col('type'), spot: col('S'), strike: col('K'), time: col('T'), vol: col('sigma'), rate: col('r'), dividend: col('q') },
    ref,
    scale,
    id: rows.map((r) => r[0]!),
  };
}

const table = loadReference();

describe.each(['wasm', 'js'] as const)('bsm-greeks.csv, %s backend', (backend) => {
  let got: Record<string, Float64Array>;
  beforeAll(async () => {
    const engine: Engine = await createEngine({ backend });
    got = engine.greeks(table.input, { greeks: GREEKS });
  });

  it('has all 2,079 rows', () => expect(table.n).toBe(2079));

  it.each(GREEKS)('%s: every row within 1e-12 |ref| + 1e-12 scale', (g) => {
    const failures: string[] = [];
    const inp = table.input;
    for (let i = 0; i < table.n; i++) {
      const ref = table.ref[g]![i]!;
      const x = got[g]![i]!;
      const tol = REL * Math.abs(ref) + ABS * table.scale[g]![i]!;
      const err = Math.abs(x - ref);
      if (!(err <= tol)) {
        failures.push(
          `row ${table.id[i]} (${inp.type[i]! > 0 ? 'call' : 'put'} S=${inp.spot[i]} K=${inp.strike[i]} T=${inp.time[i]} ` +
            `sigma=${inp.vol[i]} r=${inp.rate[i]} q=${inp.dividend[i]}): ref ${ref} got ${x} error ${err} tolerance ${tol}`,
        );
      }
    }
    expect(failures.slice(0, 10), `${failures.length} rows out of tolerance`).toEqual([]);
  });
});

describe.each(['wasm', 'js'] as const)('textbook values, %s backend', (backend) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ backend });
  });

  // E. G. Haug, The Complete Guide to Option Pricing Formulas (2nd ed., 2007), section 1.1.1, p. 3:
  // S = 60, K = 65, T = 0.25, r = 8%, b = r (no dividend), sigma = 30%: call = 2.1334 (printed to 4 decimals).
  it('Haug p. 3: 60/65/0.25/30%/8% call = 2.1334', () => {
    const out = engine.greeks({ type: 'call', spot: 60, strike: 65, time: 0.25, vol: 0.3, rate: 0.08 }, { greeks: ['price'] });
    expect(out.price[0]).toBeCloseTo(2.1334, 4);
  });

  // J. C. Hull, Options, Futures, and Other Derivatives (8th ed.), Example 15.6: S = 42, K = 40, r = 10%,
  // sigma = 20%, T = 0.5: call = 4.76, put = 0.81.
  it('Hull Example 15.6: call 4.76, put 0.81', () => {
    const out = engine.greeks({ type: new Float64Array([1, -1]), spot: 42, strike: 40, time: 0.5, vol: 0.2, rate: 0.1 }, { greeks: ['price'] });
    expect(out.price[0]).toBeCloseTo(4.76, 2);
    expect(out.price[1]).toBeCloseTo(0.81, 2);
  });

  // Hull (8th ed.), Example 19.1 (and the table of section 19.x): S = 49, K = 50, r = 5%, sigma = 20%,
  // T = 20 weeks = 0.3846: call delta 0.522, gamma 0.066, vega 12.1 (per 1.00 of sigma), theta -4.31 per year,
  // rho 8.91 (per 1.00 of r).
  it('Hull Examples 19.1-19.7: 49/50/20 weeks/20%/5% call greeks', () => {
    const out = engine.greeks(
      { type: 'call', spot: 49, strike: 50, time: 0.3846, vol: 0.2, rate: 0.05 },
      { greeks: ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] },
    );
    expect(out.price[0]).toBeCloseTo(2.4, 1); // Hull section 19.1: "the Black-Scholes-Merton price ... about $240,000" for 100,000 options
    expect(out.delta[0]).toBeCloseTo(0.522, 3);
    expect(out.gamma[0]).toBeCloseTo(0.066, 3);
    expect(out.vega[0]).toBeCloseTo(12.1, 1);
    expect(out.theta[0]).toBeCloseTo(-4.31, 2);
    expect(out.rho[0]).toBeCloseTo(8.91, 2);
  });
});
