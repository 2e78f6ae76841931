// The net GEX profile G(S') under sticky strike (each contract keeps its T and vol, re-priced at S'), evaluated
// by the gamma-profile kernel, and its roots: bracketed on a fine ladder, refined by safeguarded Newton.
import type { Heap } from '../engine/abi.js';

/** What the profile needs from an engine: the kernel exports and its memory (`engine.raw`). */
export interface KernelAccess {
  exports: Record<string, (...args: number[]) => number | void>;
  heap(): Heap;
  alloc(bytes: number): number;
  free(ptr: number): void;
  scratch: number;
}

const INV_SQRT_2PI = 0.3989422804014327; // 1/sqrt(2 pi)
/**
 * Per-contract constants of the profile kernel (see src/kernel/profile.ts): b = 1/(sigma sqrt T),
 * a = (-ln(K/c) + (r - q + sigma^2/2) T) b, w = exposure weight * e^{-qT} * b / sqrt(2 pi) * 0.01,
 * where `weight` is the signed contracts times multiplier and c a centre (the spot): the kernel then gets
 * ln(S/c), so d1 = a + b ln(S/c) does not cancel large terms (b ln K reaches 10^4 for 0DTE on SPX).
 * Computed once, so each (contract, spot) costs one exp.
 */
export function hoistContracts(
  strike: Float64Array, time: Float64Array, vol: Float64Array, weight: Float64Array, rate: number, dividend: number,
  center: number, a: Float64Array, b: Float64Array, w: Float64Array,
): void {
  for (let i = 0; i < strike.length; i++) {
    const T = time[i], v = vol[i] * Math.sqrt(T);
    const bi = 1 / v;
    b[i] = bi;
    a[i] = (-Math.log(strike[i] / center) + (rate - dividend + 0.5 * vol[i] * vol[i]) * T) * bi;
    w[i] = weight[i] * Math.exp(-dividend * T) * bi * INV_SQRT_2PI * 0.01;
  }
}

/** A chain's profile loaded into engine memory: evaluate G and dG/dS at any spots. Call free() when done. */
export class GexProfile {
  private readonly pA: number;
  private readonly pB: number;
  private readonly pW: number;
  private pSpots = 0;
  private cap = 0;

  constructor(
    private readonly k: KernelAccess,
    readonly n: number,
    strike: Float64Array, time: Float64Array, vol: Float64Array, weight: Float64Array, rate: number, dividend: number,
    /** Centre of the log coordinates (use the spot). */
    readonly center: number,
  ) {
    const bytes = Math.max(1, n) * 8;
    this.pA = k.alloc(bytes);
    this.pB = k.alloc(bytes);
    this.pW = k.alloc(bytes);
    const f = k.heap().f64;
    if (!(center > 0)) throw new RangeError(`GexProfile: center must be positive, got ${center}`);
    hoistContracts(strike, time, vol, weight, rate, dividend, center,
      f.subarray(this.pA >> 3, (this.pA >> 3) + n), f.subarray(this.pB >> 3, (this.pB >> 3) + n), f.subarray(this.pW >> 3, (this.pW >> 3) + n));
  }

  /** G(S) ($ per 1% move) and, when asked, dG/dS at each spot. */
  evaluate(spots: ArrayLike<number>, derivative = false): { g: Float64Array; dg: Float64Array | null } {
    const m = spots.length;
    if (m > this.cap) {
      if (this.cap) this.k.free(this.pSpots);
      this.cap = Math.max(m, 16);
      this.pSpots = this.k.alloc(this.cap * 8 * 4); // S, ln(S/c), G, dG: four arrays of cap
    }
    const pS = this.pSpots, pL = pS + this.cap * 8, pG = pL + this.cap * 8, pD = pG + this.cap * 8;
    let f = this.k.heap().f64;
    for (let j = 0; j < m; j++) {
      f[(pS >> 3) + j] = spots[j];
      f[(pL >> 3) + j] = Math.log(spots[j] / this.center);
    }
    this.k.exports.gammaProfile(this.n, this.pA, this.pB, this.pW, m, pS, pL, pG, derivative ? pD : 0, this.k.scratch);
    f = this.k.heap().f64;
    return {
      g: f.slice(pG >> 3, (pG >> 3) + m),
      dg: derivative ? f.slice(pD >> 3, (pD >> 3) + m) : null,
    };
  }

  /** G and dG/dS at one spot. */
  at(spot: number): { g: number; dg: number } {
    const r = this.evaluate([spot], true);
    return { g: r.g[0], dg: r.dg![0] };
  }

  free(): void {
    this.k.free(this.pA);
    this.k.free(this.pB);
    this.k.free(this.pW);
    if (this.cap) this.k.free(this.pSpots);
    this.cap = 0;
  }
}

/** Evenly spaced ladder of `points` spots over [lo, hi]. */
export function ladder(lo: number, hi: number, points: number): Float64Array {
  const out = new Float64Array(points);
  for (let j = 0; j < points; j++) out[j] = j === points - 1 ? hi : lo + ((hi - lo) * j) / (points - 1);
  return out;
}

/**
 * Root of G in [lo, hi] where G(lo) and G(hi) have opposite signs: Newton steps with the analytic derivative,
 * falling back to bisection whenever a step leaves the bracket or shrinks it too little (Numerical Recipes
 * `rtsafe`, section 9.4). Stops when the step or the bracket is below `xtol`.
 */
export function refineRoot(
  f: (x: number) => { g: number; dg: number }, lo: number, hi: number, glo: number, xtol: number,
): number {
  let a = lo, b = hi;
  const aNeg = glo < 0; // orient so that G(a) < 0 < G(b) in the loop's bookkeeping
  let x = 0.5 * (a + b);
  let dxOld = b - a, dx = dxOld;
  let { g, dg } = f(x);
  for (let it = 0; it < 200; it++) {
    if (g === 0) return x;
    if ((g < 0) === aNeg) a = x; else b = x;
    const newton = x - g / dg;
    const lo2 = Math.min(a, b), hi2 = Math.max(a, b);
    if (!(dg !== 0 && newton > lo2 && newton < hi2 && Math.abs(2 * g) <= Math.abs(dxOld * dg))) {
      dxOld = dx;
      dx = 0.5 * (b - a);
      x = a + dx;
    } else {
      dxOld = dx;
      dx = newton - x;
      x = newton;
    }
    if (Math.abs(dx) < xtol || Math.abs(b - a) < xtol) return x;
    ({ g, dg } = f(x));
  }
  return x;
}

export interface ZeroGammaResult {
  /** Every root of G in the band, ascending. */
  roots: number[];
  /** The root nearest spot, or null. */
  nearest: number | null;
  /** The bracketing ladder and G on it. */
  spots: Float64Array;
  g: Float64Array;
}

/**
 * Zero gamma: all roots of G(S') for S' in spot*(1 +- band). The ladder has `gridPoints` spots (default 1601:
 * steps of 0.025% of spot, 1.75 points on SPX 7,000, so roots a few points apart fall in different cells);
 * each sign change (or exact zero) is refined to `xtol` (default 1e-7 * spot, under 0.001 points on SPX).
 */
export function findZeroGamma(
  profile: GexProfile, spot: number, band = 0.2, gridPoints = 1601, xtol = 1e-7 * spot,
): ZeroGammaResult {
  const spots = ladder(spot * (1 - band), spot * (1 + band), gridPoints);
  const { g } = profile.evaluate(spots);
  const roots: number[] = [];
  const at = (x: number) => profile.at(x);
  for (let j = 0; j < gridPoints; j++) {
    if (g[j] === 0) {
      // An exact zero on the ladder is a root unless G is identically zero around it.
      if ((j > 0 && g[j - 1] !== 0) || (j + 1 < gridPoints && g[j + 1] !== 0)) roots.push(spots[j]);
      continue;
    }
    if (j + 1 < gridPoints && g[j + 1] !== 0 && (g[j] < 0) !== (g[j + 1] < 0)) {
      roots.push(refineRoot(at, spots[j], spots[j + 1], g[j], xtol));
    }
  }
  let nearest: number | null = null;
  for (const r of roots) if (nearest === null || Math.abs(r - spot) < Math.abs(nearest - spot)) nearest = r;
  return { roots, nearest, spots, g };
}
