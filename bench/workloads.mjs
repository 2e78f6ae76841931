// Seeded input generators for the benchmark suite. Everything here runs outside the timed code.
// Inputs are struct-of-arrays Float64Arrays (type as +1 call / -1 put), the layout the engine takes.

/** sfc32 (Chris Doty-Humphrey, PractRand): small, fast, good-quality 32-bit generator; seeded deterministically. */
export function rng(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next32(); // discard the first outputs (the state starts nearly constant)
  // 53-bit uniform double in [0, 1) from two 32-bit draws
  const uniform = () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
  return { next32, uniform, range: (lo, hi) => lo + (hi - lo) * uniform() };
}

/** Exactly half calls (+1) and half puts (-1), in seeded random order (Fisher-Yates). */
function halfCalls(n, r) {
  const type = new Float64Array(n);
  for (let i = 0; i < n; i++) type[i] = i < n >> 1 ? 1 : -1;
  for (let i = n - 1; i > 0; i--) {
    const j = r.next32() % (i + 1);
    const t = type[i]; type[i] = type[j]; type[j] = t;
  }
  return type;
}

const HOUR = 1 / (365 * 24); // ACT/365 calendar time (DESIGN.md section 1)

/**
 * The issue-3 random domain (the same as shared/notes/perf.md): S U(50,150), K = S U(0.5,1.5),
 * T U(1 hour, 3 years), vol U(5%,150%), r U(0,8%), q U(0,4%), exactly half calls.
 */
export function randomOptions(n, seed = 20240501) {
  const r = rng(seed);
  const spot = new Float64Array(n), strike = new Float64Array(n), time = new Float64Array(n);
  const vol = new Float64Array(n), rate = new Float64Array(n), dividend = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    spot[i] = r.range(50, 150);
    strike[i] = spot[i] * r.range(0.5, 1.5);
    time[i] = r.range(HOUR, 3);
    vol[i] = r.range(0.05, 1.5);
    rate[i] = r.range(0, 0.08);
    dividend[i] = r.range(0, 0.04);
  }
  return { n, type: halfCalls(n, r), spot, strike, time, vol, rate, dividend };
}

/** Prefix view of an input set (no copy). */
export function prefix(inp, n) {
  const out = { n };
  for (const k of ['type', 'spot', 'strike', 'time', 'vol', 'rate', 'dividend', 'price']) {
    if (inp[k] instanceof Float64Array) out[k] = inp[k].subarray(0, n);
    else if (inp[k] !== undefined) out[k] = inp[k];
  }
  return out;
}

/** The same inputs with q = 0 (for the npm packages, which take no dividend yield). */
export function withoutDividend(inp) {
  return { ...inp, dividend: new Float64Array(inp.n) };
}

export const SURFACE = { spot: 100, strikes: 4000, expiries: 50, rate: 0.043, dividend: 0.013 };

/**
 * The surface workload ("thousands of strikes and expiries"): one spot, 4,000 strikes x 50 expiries = 200,000
 * options, expiry-major (row = e * strikes + k). Strikes evenly from 50% to 150% of spot; expiries geometric from
 * 1 day to 2 years. Out-of-the-money side only (puts below spot, calls at and above), as a chain is quoted.
 * Smile (an illustrative shape, not fitted to data): sigma = atm(T) * (1 - 0.25 x + 0.35 x^2) with
 * x = ln(K/S)/sqrt(T) clipped to [-3, 3] and atm(T) = 0.16 + 0.06 e^{-4T}, so short expiries have steep wings.
 * spot, rate and dividend are single numbers (the engine broadcasts them); batch variants fill them in.
 */
export function surfaceGrid() {
  const { spot, strikes, expiries, rate, dividend } = SURFACE;
  const n = strikes * expiries;
  const type = new Float64Array(n), strike = new Float64Array(n), time = new Float64Array(n), vol = new Float64Array(n);
  const tMin = 1 / 365, tMax = 2;
  for (let e = 0; e < expiries; e++) {
    const T = tMin * Math.pow(tMax / tMin, e / (expiries - 1));
    const atm = 0.16 + 0.06 * Math.exp(-4 * T);
    for (let k = 0; k < strikes; k++) {
      const K = spot * (0.5 + k / (strikes - 1));
      const x = Math.min(3, Math.max(-3, Math.log(K / spot) / Math.sqrt(T)));
      const i = e * strikes + k;
      type[i] = K < spot ? -1 : 1;
      strike[i] = K;
      time[i] = T;
      vol[i] = atm * (1 - 0.25 * x + 0.35 * x * x);
    }
  }
  return { n, type, spot, strike, time, vol, rate, dividend };
}

/**
 * The issue-4 implied-volatility domain (moderate): S U(50,150), K/S = e^{U(-0.2,0.2)}, T U(0.02,1), vol U(10%,70%),
 * r U(0,8%), q U(0,4%), half calls. `priceFn(inp, out)` turns the true vols into prices (outside the timed code);
 * the true vols are kept in `trueVol` for the accuracy check.
 */
export function ivOptions(n, priceFn, seed = 4242) {
  const r = rng(seed);
  const spot = new Float64Array(n), strike = new Float64Array(n), time = new Float64Array(n);
  const vol = new Float64Array(n), rate = new Float64Array(n), dividend = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    spot[i] = r.range(50, 150);
    strike[i] = spot[i] * Math.exp(r.range(-0.2, 0.2));
    time[i] = r.range(0.02, 1);
    vol[i] = r.range(0.1, 0.7);
    rate[i] = r.range(0, 0.08);
    dividend[i] = r.range(0, 0.04);
  }
  const inp = { n, type: halfCalls(n, r), spot, strike, time, vol, rate, dividend };
  const price = new Float64Array(n);
  priceFn(inp, price);
  return { n, type: inp.type, price, spot, strike, time, rate, dividend, trueVol: vol };
}

/**
 * The gamma-profile domain: a chain of `contracts` around spot 5,000 (strikes on a 5-point grid within +-30%, T from
 * 1 day to 1 year, smile 0.18 (1 - 0.3 x + 0.4 x^2) with x = ln(K/S)/sqrt(T) clipped to +-3, open interest
 * U(0, 5000) whole contracts, half calls) and a ladder of `spots` hypothetical spots evenly over spot +-20%.
 */
export function profileChain(contracts, spots, seed = 777) {
  const r = rng(seed);
  const S0 = 5000;
  const strike = new Float64Array(contracts), time = new Float64Array(contracts), vol = new Float64Array(contracts);
  const oi = new Float64Array(contracts);
  for (let i = 0; i < contracts; i++) {
    strike[i] = Math.round(S0 * r.range(0.7, 1.3) / 5) * 5;
    time[i] = r.range(1 / 365, 1);
    const x = Math.min(3, Math.max(-3, Math.log(strike[i] / S0) / Math.sqrt(time[i])));
    vol[i] = 0.18 * (1 - 0.3 * x + 0.4 * x * x);
    oi[i] = Math.floor(r.range(0, 5000));
  }
  const type = halfCalls(contracts, r);
  const ladder = new Float64Array(spots);
  for (let j = 0; j < spots; j++) ladder[j] = S0 * (0.8 + (0.4 * j) / (spots - 1));
  return { contracts, spots, S0, type, strike, time, vol, oi, rate: 0.043, dividend: 0.013, ladder };
}
