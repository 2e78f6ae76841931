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

/** Spots per kernel call (see GexProfile.evaluate). */
const SPOT_BLOCK = 64;

/** A chain's profile loaded into engine memory: evaluate G and dG/dS at any spots. Call free() when done. */
export class GexProfile {
  private readonly pA: number;
  private readonly pB: number;
  private readonly pW: number;
  private pSpots = 0;
  private cap = 0;

  /**
   * The profile of n contracts (signed weight = contracts x multiplier, sticky strike: each keeps its T and vol),
   * centred on `center` (use the spot): the kernel constants are hoisted into engine memory here.
   */
  constructor(
    private readonly k: KernelAccess,
    readonly n: number,
    private readonly strike: Float64Array, private readonly time: Float64Array, private readonly vol: Float64Array,
    private readonly weight: Float64Array, private readonly rate: number, private readonly dividend: number,
    /** Centre of the log coordinates (the spot). */
    readonly center: number,
    /** When given: the contracts are these rows of another profile with the same rate, dividend and centre, whose
     *  hoisted constants are copied (the same numbers hoisting would give: it is per contract). */
    from?: { profile: GexProfile; rows: readonly number[] },
  ) {
    if (!(center > 0)) throw new RangeError(`GexProfile: center must be positive, got ${center}`);
    for (const [name, arr] of [['strike', strike], ['time', time], ['vol', vol], ['weight', weight]] as const) {
      if (arr.length !== n) throw new RangeError(`GexProfile: ${name} has ${arr.length} elements, expected ${n}`);
    }
    const bytes = Math.max(1, n) * 8;
    this.pA = k.alloc(bytes);
    this.pB = k.alloc(bytes);
    this.pW = k.alloc(bytes);
    const f = k.heap().f64;
    if (from) {
      const src = from.profile, rows = from.rows;
      for (const [to, at] of [[this.pA, src.pA], [this.pB, src.pB], [this.pW, src.pW]]) {
        for (let j = 0; j < n; j++) f[(to >> 3) + j] = f[(at >> 3) + rows[j]];
      }
      return;
    }
    hoistContracts(strike, time, vol, weight, rate, dividend, center,
      f.subarray(this.pA >> 3, (this.pA >> 3) + n), f.subarray(this.pB >> 3, (this.pB >> 3) + n), f.subarray(this.pW >> 3, (this.pW >> 3) + n));
  }

  /** The same as the constructor, with n taken from the arrays. */
  static of(
    k: KernelAccess, strike: Float64Array, time: Float64Array, vol: Float64Array, weight: Float64Array,
    rate: number, dividend: number, center: number,
  ): GexProfile {
    return new GexProfile(k, strike.length, strike, time, vol, weight, rate, dividend, center);
  }

  /** Two profiles summing to this one: contracts with b = 1/(sigma sqrt T) <= maxB (wide bumps) and the rest
   *  (their kernel constants are the same numbers: hoisting is per contract). Free both when done. */
  split(maxB: number): { wide: GexProfile; narrow: GexProfile } {
    const wideIdx: number[] = [], narrowIdx: number[] = [];
    for (let i = 0; i < this.n; i++) (this.isWide(i, maxB) ? wideIdx : narrowIdx).push(i);
    const part = (idx: number[]) => {
      const pick = (x: Float64Array) => {
        const out = new Float64Array(idx.length);
        for (let j = 0; j < idx.length; j++) out[j] = x[idx[j]];
        return out;
      };
      return new GexProfile(this.k, idx.length, pick(this.strike), pick(this.time), pick(this.vol), pick(this.weight),
        this.rate, this.dividend, this.center, { profile: this, rows: idx });
    };
    return { wide: part(wideIdx), narrow: part(narrowIdx) };
  }

  /** Whether contract i is wide for `split` (b = 1/(sigma sqrt T) <= maxB). */
  isWide(i: number, maxB: number): boolean {
    return 1 / (this.vol[i] * Math.sqrt(this.time[i])) <= maxB;
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
    // In blocks of spots: V8 first runs wasm in its baseline compiler (Liftoff) and switches a function to the
    // optimizing tier only between calls, so one long call would run unoptimized throughout (about 1.6x slower).
    for (let j0 = 0; j0 < m; j0 += SPOT_BLOCK) {
      const mj = Math.min(SPOT_BLOCK, m - j0), o = j0 * 8;
      this.k.exports.gammaProfile(this.n, this.pA, this.pB, this.pW, mj, pS + o, pL + o, pG + o, derivative ? pD + o : 0, this.k.scratch);
    }
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
  /** The bracketing ladder and G on it (exact at every `coarse`-th point, interpolated in between). */
  spots: Float64Array;
  g: Float64Array;
  /** Stride of the exactly evaluated points of the ladder. */
  coarse: number;
}

/** Cubic Hermite interpolation on [x0, x0 + h] at fraction t from values and slopes at both ends. */
function hermite(t: number, h: number, g0: number, d0: number, g1: number, d1: number): number {
  const t2 = t * t, t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * g0 + (t3 - 2 * t2 + t) * h * d0 + (-2 * t3 + 3 * t2) * g1 + (t3 - t2) * h * d1;
}

/**
 * Zero gamma: all roots of G(S') for S' in spot*(1 +- band).
 * The bracketing ladder has `gridPoints` spots (default 1601: steps of 0.025% of spot, 1.75 points on SPX 7,000,
 * so roots a few points apart fall in different cells). G on it is the sum of two parts:
 * - contracts whose gamma bump is narrow (width sigma sqrt T in log spot under 4 coarse steps, i.e. expiring
 *   within a day or so) are evaluated exactly at every ladder point;
 * - the other contracts vary slowly on the ladder: they are evaluated exactly, with dG/dS, at every
 *   `coarse`-th point (default 8) and interpolated in between by cubic Hermite (error below (h/w)^4/384 of
 *   their scale for bump width w >= 4h: under 1e-5; a bracket is then confirmed with exact values).
 * Each sign change is refined on the exact profile to `xtol` (default 1e-7 * spot, under 0.001 points on SPX).
 */
export function findZeroGamma(
  profile: GexProfile, spot: number, band = 0.2, gridPoints = 1601, xtol = 1e-7 * spot, coarse = 8,
): ZeroGammaResult {
  const lo = spot * (1 - band), hi = spot * (1 + band);
  const spots = ladder(lo, hi, gridPoints);
  const stride = (gridPoints - 1) % coarse === 0 ? coarse : 1;
  const g = new Float64Array(gridPoints);
  if (stride === 1) {
    g.set(profile.evaluate(spots).g);
  } else {
    // Coarse step in log spot (largest at the low end): wide contracts have 1/b >= 4 of it.
    const hLog = Math.log(spots[stride] / spots[0]);
    const maxB = 1 / (4 * hLog);
    let allWide = true;
    for (let i = 0; i < profile.n && allWide; i++) allWide = profile.isWide(i, maxB);
    // Without narrow contracts the wide part is the profile itself (same contracts, same order).
    const parts = allWide ? null : profile.split(maxB);
    const wide = parts?.wide ?? profile;
    try {
      const cs = new Float64Array((gridPoints - 1) / stride + 1);
      for (let j = 0; j < cs.length; j++) cs[j] = spots[j * stride];
      const cw = wide.evaluate(cs, true);
      const h = spots[stride] - spots[0];
      for (let j = 0; j < cs.length; j++) {
        g[j * stride] = cw.g[j];
        if (j + 1 === cs.length) break;
        for (let k = 1; k < stride; k++) g[j * stride + k] = hermite(k / stride, h, cw.g[j], cw.dg![j], cw.g[j + 1], cw.dg![j + 1]);
      }
      if (parts) {
        const gn = parts.narrow.evaluate(spots).g;
        for (let j = 0; j < gridPoints; j++) g[j] += gn[j];
      }
    } finally {
      parts?.wide.free();
      parts?.narrow.free();
    }
  }
  const roots: number[] = [];
  const at = (x: number) => profile.at(x);
  // Exact G at ladder points (cached): the ladder's own where exact, else one exact evaluation.
  const exactCache = new Map<number, number>();
  const exact = (j: number): number => {
    if (stride === 1 || j % stride === 0) return g[j];
    let v = exactCache.get(j);
    if (v === undefined) exactCache.set(j, (v = profile.at(spots[j]).g));
    return v;
  };
  const done = new Set<number>(); // cells already examined exactly
  const examine = (j: number): void => {
    if (j < 0 || j + 1 >= gridPoints || done.has(j)) return;
    done.add(j);
    const ga = exact(j), gb = exact(j + 1);
    if (ga === 0) { if (!roots.includes(spots[j])) roots.push(spots[j]); return; }
    if (gb === 0) { if (!roots.includes(spots[j + 1])) roots.push(spots[j + 1]); return; }
    if ((ga < 0) !== (gb < 0)) roots.push(refineRoot(at, spots[j], spots[j + 1], ga, xtol));
  };
  for (let j = 0; j + 1 < gridPoints; j++) {
    if (g[j] === 0 || g[j + 1] === 0 || (g[j] < 0) !== (g[j + 1] < 0)) {
      // A sign change of the ladder values: confirm on exact values, in this cell and its neighbours (an
      // interpolated value next to a root can sit on the wrong side of zero).
      if (stride === 1) examine(j);
      else for (let k = j - 1; k <= j + 1; k++) examine(k);
    }
  }
  roots.sort((x, y) => x - y);
  let nearest: number | null = null;
  for (const r of roots) if (nearest === null || Math.abs(r - spot) < Math.abs(nearest - spot)) nearest = r;
  return { roots, nearest, spots, g, coarse: stride };
}
