// Walls from the per-strike exposures: call wall, put wall, gamma wall (largest call + |put|).
import type { StrikeExposure } from './report.js';

/**
 * Strike of the largest `value` (>= 0) among strikes inside the band; ties go to the strike nearest spot,
 * then to the lower strike. Null when no strike in the band has a non-zero value.
 */
export function argmaxStrike(
  rows: readonly StrikeExposure[], value: (r: StrikeExposure) => number, spot: number, band?: number,
): number | null {
  let best: number | null = null;
  let bestValue = 0;
  for (const r of rows) {
    if (band !== undefined && Math.abs(r.strike / spot - 1) > band) continue;
    const v = value(r);
    if (!(v > 0)) continue;
    if (best === null || v > bestValue) { best = r.strike; bestValue = v; continue; }
    if (v === bestValue) {
      const d = Math.abs(r.strike - spot), db = Math.abs(best - spot);
      if (d < db || (d === db && r.strike < best)) best = r.strike;
    }
  }
  return best;
}

export interface Walls {
  /** Strike of the largest call GEX magnitude. */
  callWall: number | null;
  /** Strike of the largest |put GEX|. */
  putWall: number | null;
  /** Strike of the largest |call GEX| + |put GEX|. */
  gammaWall: number | null;
}

/**
 * Walls over all strikes, or only those within spot*(1 +- band). Magnitudes are used for calls as well as puts,
 * so the walls are the same under either dealer model (they locate concentrations of gamma, not its sign).
 */
export function findWalls(rows: readonly StrikeExposure[], spot: number, band?: number): Walls {
  return {
    callWall: argmaxStrike(rows, (r) => Math.abs(r.callGex), spot, band),
    putWall: argmaxStrike(rows, (r) => Math.abs(r.putGex), spot, band),
    gammaWall: argmaxStrike(rows, (r) => Math.abs(r.callGex) + Math.abs(r.putGex), spot, band),
  };
}
