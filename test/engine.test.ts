// The engine contract of DESIGN.md section 3: backends, broadcasting, lengths, validation errors, outputs,
// zero-copy batches, bounded memory. Numerical accuracy is tested in greeks.*.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine, GammawallInputError, GREEKS, IV_STATUS, wasmSimdSupported } from '../src/index.js';
import { createEngine as createPureEngine } from '../src/pure.js';
import { Arena, JsMemory, PAGE } from '../src/engine/memory.js';

const BACKENDS = ['wasm', 'js'] as const;
const haug = { type: 'call' as const, spot: 60, strike: 65, time: 0.25, vol: 0.3, rate: 0.08 };

afterEach(() => vi.unstubAllGlobals());

describe('backend selection', () => {
  it('auto picks wasm where SIMD validates (Node 20)', async () => {
    expect(wasmSimdSupported()).toBe(true);
    expect((await createEngine()).backend).toBe('wasm');
  });
  it('falls back to js when WebAssembly is missing', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    expect(wasmSimdSupported()).toBe(false);
    expect((await createEngine()).backend).toBe('js');
    await expect(createEngine({ backend: 'wasm' })).rejects.toThrow(/WebAssembly SIMD is not available/);
  });
  it('gammawall/pure runs the TypeScript twin and refuses wasm', async () => {
    expect((await createPureEngine()).backend).toBe('js');
    await expect(createPureEngine({ backend: 'wasm' })).rejects.toThrow(/not in gammawall\/pure/);
  });
  it('rejects an unknown backend name', async () => {
    await expect(createEngine({ backend: 'gpu' as 'js' })).rejects.toThrow(/backend must be/);
  });
});

describe.each(BACKENDS)('engine.greeks contract (%s)', (backend) => {
  it('broadcasts numbers over arrays and returns only the requested greeks', async () => {
    const e = await createEngine({ backend });
    const strike = new Float64Array([55, 60, 65]);
    const out = e.greeks({ ...haug, strike }, { greeks: ['price', 'gamma'] });
    expect(Object.keys(out).sort()).toEqual(['gamma', 'price']);
    expect(out.price.length).toBe(3);
    const one = e.greeks({ ...haug, strike: 65 }, { greeks: ['price'] });
    expect(out.price[2]).toBe(one.price[0]);
  });
  it('defaults to all 17 greeks, rate and dividend to 0', async () => {
    const e = await createEngine({ backend });
    const out = e.greeks({ type: 'put', spot: 100, strike: 100, time: 1, vol: 0.2 });
    expect(Object.keys(out)).toEqual([...GREEKS]);
    const explicit = e.greeks({ type: 'put', spot: 100, strike: 100, time: 1, vol: 0.2, rate: 0, dividend: 0 });
    for (const g of GREEKS) expect(out[g][0]).toBe(explicit[g][0]);
  });
  it('rejects arrays of different lengths, naming both fields', async () => {
    const e = await createEngine({ backend });
    expect(() => e.greeks({ ...haug, spot: new Float64Array(3), strike: new Float64Array(4) })).toThrow(/spot has 3 elements but strike has 4/);
  });
  it('rejects an unknown greek name', async () => {
    const e = await createEngine({ backend });
    expect(() => e.greeks(haug, { greeks: ['gama' as 'gamma'] })).toThrow(/unknown greek "gama"/);
  });
  it('writes into preallocated outputs and checks their length', async () => {
    const e = await createEngine({ backend });
    const gamma = new Float64Array(1);
    const out = e.greeks(haug, { greeks: ['gamma'], out: { gamma } });
    expect(out.gamma).toBe(gamma);
    expect(gamma[0]).toBeGreaterThan(0);
    expect(() => e.greeks(haug, { greeks: ['gamma'], out: { gamma: new Float64Array(2) } })).toThrow(/out.gamma has 2 elements, expected 1/);
  });
  it('validate: true names the field, index and value', async () => {
    const e = await createEngine({ backend });
    const spot = new Float64Array([100, 100, -5]);
    const err = (() => {
      try {
        e.greeks({ ...haug, spot }, { validate: true });
      } catch (x) {
        return x;
      }
    })() as GammawallInputError;
    expect(err).toBeInstanceOf(GammawallInputError);
    expect(err.message).toBe('invalid spot at index 2: -5 (must be a finite number > 0)');
    expect([err.field, err.index, err.value]).toEqual(['spot', 2, -5]);
    expect(() => e.greeks({ ...haug, type: new Int8Array([1, 0]), spot: 1 }, { validate: true })).toThrow('invalid type at index 1: 0 (must be 1 (call) or -1 (put))');
    expect(() => e.greeks({ ...haug, time: NaN }, { validate: true })).toThrow('invalid time at index 0: NaN');
    expect(() => e.greeks({ ...haug, type: 'straddle' as 'call' }, { validate: true })).toThrow(`invalid type at index 0: "straddle"`);
  });
  it('without validate, an invalid row is NaN and its neighbours are unaffected', async () => {
    const e = await createEngine({ backend });
    const out = e.greeks({ ...haug, vol: new Float64Array([0.3, -0.1, 0.3]) }, { greeks: ['price', 'delta'] });
    expect(Number.isNaN(out.price[1]) && Number.isNaN(out.delta[1])).toBe(true);
    expect(out.price[0]).toBe(out.price[2]);
    expect(Number.isFinite(out.price[0])).toBe(true);
  });
  it('processes batches larger than one chunk identically to small ones', async () => {
    const e = await createEngine({ backend });
    const n = 10_001;
    const strike = Float64Array.from({ length: n }, (_, i) => 40 + (i % 97));
    const big = e.greeks({ ...haug, strike }, { greeks: ['price', 'vega'] });
    const small = e.greeks({ ...haug, strike: strike.subarray(9_000) }, { greeks: ['price', 'vega'] });
    expect(big.price.subarray(9_000)).toEqual(small.price);
    expect(big.vega.subarray(9_000)).toEqual(small.vega);
  });
  it('writes every element of its outputs (they may come uninitialised from Node) and never aliases two calls', async () => {
    const e = await createEngine({ backend });
    const n = 3 * 4096 + 7; // several staging chunks and an odd tail, above the uninitialised-allocation threshold
    const strike = Float64Array.from({ length: n }, (_, i) => 40 + (i % 97));
    const sentinel = () => ({ price: new Float64Array(n).fill(-7), vanna: new Float64Array(n).fill(-7) });
    const given = e.greeks({ ...haug, strike }, { greeks: ['price', 'vanna'], out: sentinel() });
    const fresh = e.greeks({ ...haug, strike }, { greeks: ['price', 'vanna'] });
    expect(given.price.includes(-7) || given.vanna.includes(-7)).toBe(false);
    expect(fresh.price).toEqual(given.price);
    expect(fresh.vanna).toEqual(given.vanna);
    const other = e.greeks({ ...haug, strike: strike.map((k) => k + 1) }, { greeks: ['price'] });
    expect(other.price.buffer).not.toBe(fresh.price.buffer);
    expect(fresh.price).toEqual(given.price); // unchanged by the later call
    const price = fresh.price, ivOut = { vol: new Float64Array(n).fill(-7), status: new Uint8Array(n).fill(99) };
    const ivGiven = e.impliedVol({ type: 'call', price, spot: 60, strike, time: 0.25, rate: 0.08 }, { out: ivOut });
    const ivFresh = e.impliedVol({ type: 'call', price, spot: 60, strike, time: 0.25, rate: 0.08 });
    expect(ivGiven.vol.includes(-7) || ivGiven.status.includes(99)).toBe(false);
    expect(ivFresh.vol).toEqual(ivGiven.vol);
    expect(ivFresh.status).toEqual(ivGiven.status);
  });
  it('does not grow memory across 1,000 repeated calls of the same size', async () => {
    const e = await createEngine({ backend });
    const n = 20_000;
    const strike = Float64Array.from({ length: n }, (_, i) => 50 + (i % 100));
    e.greeks({ ...haug, strike });
    const before = e.raw.memoryBytes();
    for (let i = 0; i < 1000; i++) e.greeks({ ...haug, strike }, { greeks: ['gamma'] });
    expect(e.raw.memoryBytes()).toBe(before);
  });
});

describe.each(BACKENDS)('zero-copy batch (%s)', (backend) => {
  it('computes in place, equal to the ordinary call, and survives memory growth', async () => {
    const e = await createEngine({ backend });
    const n = 1000;
    const b = e.batch(n, ['price', 'gamma']);
    b.type.fill(-1);
    b.spot.fill(100);
    for (let i = 0; i < n; i++) b.strike[i] = 50 + i / 10;
    b.time.fill(0.5);
    b.vol.fill(0.25);
    b.rate.fill(0.03);
    b.dividend.fill(0.01);
    b.run();
    const ref = e.greeks({ type: 'put', spot: 100, strike: b.strike.slice(), time: 0.5, vol: 0.25, rate: 0.03, dividend: 0.01 }, { greeks: ['price', 'gamma'] });
    expect(b.out.price).toEqual(ref.price);
    const grown = e.batch(2_000_000, ['gamma']); // forces memory growth: old views are detached or stale
    expect(b.out.gamma).toEqual(ref.gamma); // views rebuilt on access
    grown.free();
    b.free();
    expect(() => b.spot).toThrow(/after free/);
  });
});

describe.each(BACKENDS)('zero-copy implied vol batch (%s)', (backend) => {
  it('solves in place, bit for bit the ordinary call (failure statuses too), and survives memory growth', async () => {
    const e = await createEngine({ backend });
    const n = 5000; // more than one chunk
    const b = e.impliedVolBatch(n);
    for (let i = 0; i < n; i++) b.strike[i] = 40 + i / 50;
    const prices = e.greeks({ type: 'put', spot: 100, strike: b.strike.slice(), time: 0.5, vol: 0.25, rate: 0.03, dividend: 0.01 }, { greeks: ['price'] }).price;
    b.type.fill(-1);
    b.price.set(prices);
    b.price[7] = -1; // below intrinsic value
    b.price[8] = 1e6; // above the upper bound
    b.spot.fill(100);
    b.time.fill(0.5);
    b.time[9] = 0; // expired
    b.rate.fill(0.03);
    b.dividend.fill(0.01);
    b.dividend[10] = NaN; // invalid input
    const res = b.run();
    expect(res.vol).toBe(b.vol); // written in place: the batch's own views
    expect(res.status).toBe(b.status);
    const ref = e.impliedVol({ type: 'put', price: b.price.slice(), spot: 100, strike: b.strike.slice(), time: b.time.slice(), rate: 0.03, dividend: b.dividend.slice() });
    expect(b.vol).toEqual(ref.vol);
    expect(b.status).toEqual(ref.status);
    expect([...b.status.subarray(7, 11)]).toEqual([IV_STATUS.belowIntrinsic, IV_STATUS.aboveUpperBound, IV_STATUS.expired, IV_STATUS.invalidInput]);
    expect(Math.abs(b.vol[4000]! - 0.25)).toBeLessThan(1e-12);
    const grown = e.batch(2_000_000, ['gamma']); // forces memory growth: old views are detached or stale
    expect(b.vol).toEqual(ref.vol); // views rebuilt on access
    b.vol.fill(0);
    b.run();
    expect(b.vol).toEqual(ref.vol);
    grown.free();
    b.free();
    expect(() => b.price).toThrow(/after free/);
  });
});

describe('arena', () => {
  it('aligns to 16 bytes, reuses freed blocks and grows the memory on demand', () => {
    const mem = new JsMemory(1);
    const a = new Arena(mem, 1000);
    const p = a.alloc(10);
    expect(p % 16).toBe(0);
    const q = a.alloc(3 * PAGE);
    expect(mem.buffer.byteLength).toBeGreaterThanOrEqual(q + 3 * PAGE);
    a.release(p);
    expect(a.alloc(16)).toBe(p);
    expect(() => a.release(12345)).toThrow(/unknown block/);
  });
});

describe.each(BACKENDS)('engine.greeksGrid (%s)', (backend) => {
  // The grid entry hoists per-strike and per-expiry quantities; it must equal greeks() on the expanded grid exactly.
  function grid(nK: number, nT: number) {
    const strike = Float64Array.from({ length: nK }, (_, k) => 5000 + (4000 * k) / nK);
    const type = Int8Array.from({ length: nK }, (_, k) => (strike[k] < 7000 ? -1 : 1));
    const time = Float64Array.from({ length: nT }, (_, t) => (t + 0.25) / 52);
    const rate = Float64Array.from({ length: nT }, (_, t) => 0.04 + t * 1e-4);
    const vol = Float64Array.from({ length: nT * nK }, (_, i) => 0.12 + 0.3 * ((Math.log(strike[i % nK] / 7000) - 0.02) ** 2) * 10 + 0.01 * Math.floor(i / nK));
    return { spot: 6988.42, type, strike, time, vol, rate, dividend: 0.013 };
  }
  function expanded(g: ReturnType<typeof grid>) {
    const nK = g.strike.length, nT = g.time.length;
    const at = <T extends ArrayLike<number>>(a: T, f: (i: number) => number) => Float64Array.from({ length: nK * nT }, (_, i) => a[f(i)]);
    return {
      spot: g.spot, dividend: g.dividend, vol: g.vol,
      type: at(g.type, (i) => i % nK), strike: at(g.strike, (i) => i % nK),
      time: at(g.time, (i) => Math.floor(i / nK)), rate: at(g.rate, (i) => Math.floor(i / nK)),
    };
  }
  it.each([[300, 20], [5000, 3]])('%i strikes x %i expiries equals greeks() on the expanded grid, bit for bit', async (nK, nT) => {
    const e = await createEngine({ backend });
    const g = grid(nK, nT);
    const a = e.greeksGrid(g);
    const b = e.greeks(expanded(g));
    for (const name of GREEKS) expect(a[name]).toEqual(b[name]);
  });
  it('computes only the requested greeks and checks the vol shape', async () => {
    const e = await createEngine({ backend });
    const g = grid(50, 4);
    const a = e.greeksGrid(g, { greeks: ['gamma', 'price'] });
    expect(Object.keys(a).sort()).toEqual(['gamma', 'price']);
    expect(a.gamma).toEqual(e.greeksGrid(g).gamma);
    expect(() => e.greeksGrid({ ...g, vol: g.vol.subarray(1) })).toThrow('vol has 199 elements, expected 4 expiries x 50 strikes = 200');
    const before = e.raw.memoryBytes();
    for (let i = 0; i < 50; i++) e.greeksGrid(g, { greeks: ['gamma'] });
    expect(e.raw.memoryBytes()).toBe(before);
  });
});

describe('engine.greeksGrid with inputs and outputs living in engine memory', () => {
  it('re-creates them when its block grows the memory, and equals the same call on ordinary arrays', async () => {
    const e = await createEngine({ backend: 'wasm' });
    const nK = 3000, nT = 40;
    const b = e.batch(nK * nT, ['gamma']); // its views are engine memory
    const out = e.batch(nK * nT, ['gamma']); // outputs in engine memory too
    b.vol.fill(0.2);
    b.strike.subarray(0, nK).set(Float64Array.from({ length: nK }, (_, k) => 50 + k / 30));
    const input = { spot: 100, type: 'call' as const, strike: b.strike.subarray(0, nK), time: Float64Array.from({ length: nT }, (_, t) => 0.01 + t / 50), vol: b.vol };
    const copies = { ...input, strike: input.strike.slice(), vol: input.vol.slice() };
    const before = e.raw.memoryBytes();
    const got = e.greeksGrid(input, { greeks: ['gamma'], out: { gamma: out.out.gamma } }); // its first block grows the memory
    expect(e.raw.memoryBytes()).toBeGreaterThan(before);
    const expected = e.greeksGrid(copies, { greeks: ['gamma'] }).gamma;
    expect(got.gamma).toEqual(expected);
    expect(out.out.gamma).toEqual(expected); // the batch's own view (re-created by the batch) holds the result
    b.free();
    out.free();
  });
});
