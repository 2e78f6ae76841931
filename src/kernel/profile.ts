// The gamma-profile kernel, TypeScript twin of assembly/profile.ts (same structure, same operation order,
// bit-identical results): net GEX G(S) and its derivative dG/dS at many hypothetical spots S.
//
// gammaProfile(n, pA, pB, pW, m, pS, pLogS, pG, pDG, pScratch)
//   n contracts, hoisted by the caller (src/gex/zero-gamma.ts, `hoistContracts`), f64 arrays of n:
//     b = 1 / (sigma sqrt T),  a = (-ln(K/c) + (r - q + sigma^2/2) T) * b,
//     w = weight * multiplier * e^{-qT} * b / sqrt(2 pi) * 0.01      (weight = signed OI or dealer position)
//   so that d1(S) = a + b ln(S/c) (c: a centre near spot, against cancellation) and the contract's GEX at S
//   is S * w * exp(-d1^2/2) (= weight * gamma * S^2 * 0.01).
//   m spots: pS (S) and pLogS (ln(S/c), from the caller so both backends see the same bits), f64 arrays of m.
//   Outputs, f64 arrays of m:  G(S) = S * sum w e^{-d1^2/2};
//     dG/dS = sum w e^{-d1^2/2} (1 - d1 b)      (from 2 S gamma + S^2 speed; pDG = 0: not computed).
//   One exponential per (contract, spot). Summation order as the f64x2 kernel's: accumulators A and B (two lanes
//   each) take contracts 4k, 4k+1 and 4k+2, 4k+3; a leftover pair goes to A; then lanes (A0 + B0), (A1 + B1),
//   an odd last contract added to the first, and their sum. pScratch is unused (ABI uniformity).
import type { Heap } from '../engine/abi.js';

// exp(x) for x <= 0: Cody-Waite reduction x = k ln2 + r with SLEEF's two-part ln2 (L2U has trailing zero bits
// so k*L2U is exact; SLEEF src/libm/sleefsimddp.c), Taylor polynomial of degree 12 (Estrin) on |r| <= ln2/2
// (truncation r^13/13! < 2e-16 relative), scaled by 2^k. x < -708 gives 0 (below the normal range).
const INV_LN2 = 1.4426950408889634;
const SHIFTER = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer in the low mantissa bits
const L2U = 0.69314718055966295651160180568695068359375;
const L2L = 0.28235290563031577122588448175013436025525412068e-12;
const EXP_MIN = -708.0;
// 1/k! for k = 12 .. 2 (Taylor coefficients of exp).
const C12 = 1 / 479001600, C11 = 1 / 39916800, C10 = 1 / 3628800, C9 = 1 / 362880, C8 = 1 / 40320, C7 = 1 / 5040;
const C6 = 1 / 720, C5 = 1 / 120, C4 = 1 / 24, C3 = 1 / 6, C2 = 0.5;

// 2^k for k = -1022 .. 0 (exact powers of two: the twin of the exponent-bit construction in the wasm kernel).
const POW2 = new Float64Array(1023);
POW2[1022] = 1;
for (let k = 1021; k >= 0; k--) POW2[k] = POW2[k + 1] * 0.5;

/** exp(x) for x <= 0 (see above); identical bits to `expNeg` in assembly/profile.ts. */
export function expNeg(x: number): number {
  const xc = x < EXP_MIN ? EXP_MIN : x;
  const kd = xc * INV_LN2 + SHIFTER;
  const k = kd - SHIFTER;
  const r = xc - k * L2U - k * L2L;
  // Estrin's scheme (short dependency chains: the wasm loop is latency-bound with Horner).
  const r2 = r * r;
  const r4 = r2 * r2;
  const r8 = r4 * r4;
  const q0 = 1.0 + r;
  const q1 = C2 + C3 * r;
  const q2 = C4 + C5 * r;
  const q3 = C6 + C7 * r;
  const q4 = C8 + C9 * r;
  const q5 = C10 + C11 * r;
  const s0 = q0 + q1 * r2;
  const s1 = q2 + q3 * r2;
  const s2 = q4 + q5 * r2;
  const t0 = s0 + s1 * r4;
  const t1 = s2 + C12 * r4;
  const p = t0 + t1 * r8;
  const y = p * POW2[k + 1022];
  return x < EXP_MIN ? 0.0 : y;
}

export function gammaProfile(
  heap: Heap, n: number, pA: number, pB: number, pW: number, m: number, pS: number, pLogS: number,
  pG: number, pDG: number, pScratch: number,
): void {
  const f = heap.f64;
  const a = pA >> 3, b = pB >> 3, w = pW >> 3, s = pS >> 3, ls = pLogS >> 3, g = pG >> 3, dg = pDG >> 3;
  const n4 = n & ~3;
  const n2 = n & ~1;
  const wantDG = pDG !== 0;
  for (let j = 0; j < m; j++) {
    const lnS = f[ls + j];
    // Accumulators A = (ga0, ga1) and B = (gb0, gb1), as the wasm kernel's two f64x2 chains.
    let ga0 = 0.0, ga1 = 0.0, gb0 = 0.0, gb1 = 0.0, ha0 = 0.0, ha1 = 0.0, hb0 = 0.0, hb1 = 0.0;
    for (let i = 0; i < n4; i += 4) {
      const b0 = f[b + i], b1 = f[b + i + 1], b2 = f[b + i + 2], b3 = f[b + i + 3];
      const d0 = f[a + i] + b0 * lnS;
      const d1 = f[a + i + 1] + b1 * lnS;
      const d2 = f[a + i + 2] + b2 * lnS;
      const d3 = f[a + i + 3] + b3 * lnS;
      const e0 = f[w + i] * expNeg(-0.5 * (d0 * d0));
      const e1 = f[w + i + 1] * expNeg(-0.5 * (d1 * d1));
      const e2 = f[w + i + 2] * expNeg(-0.5 * (d2 * d2));
      const e3 = f[w + i + 3] * expNeg(-0.5 * (d3 * d3));
      ga0 += e0;
      ga1 += e1;
      gb0 += e2;
      gb1 += e3;
      if (wantDG) {
        ha0 += e0 * (1.0 - d0 * b0);
        ha1 += e1 * (1.0 - d1 * b1);
        hb0 += e2 * (1.0 - d2 * b2);
        hb1 += e3 * (1.0 - d3 * b3);
      }
    }
    if (n4 < n2) {
      const b0 = f[b + n4], b1 = f[b + n4 + 1];
      const d0 = f[a + n4] + b0 * lnS;
      const d1 = f[a + n4 + 1] + b1 * lnS;
      const e0 = f[w + n4] * expNeg(-0.5 * (d0 * d0));
      const e1 = f[w + n4 + 1] * expNeg(-0.5 * (d1 * d1));
      ga0 += e0;
      ga1 += e1;
      ha0 += e0 * (1.0 - d0 * b0);
      ha1 += e1 * (1.0 - d1 * b1);
    }
    let g0 = ga0 + gb0, g1 = ga1 + gb1;
    let h0 = ha0 + hb0, h1 = ha1 + hb1;
    if (n2 < n) {
      const bt = f[b + n2];
      const d = f[a + n2] + bt * lnS;
      const e = f[w + n2] * expNeg(-0.5 * (d * d));
      g0 += e;
      h0 += e * (1.0 - d * bt);
    }
    f[g + j] = f[s + j] * (g0 + g1);
    if (wantDG) f[dg + j] = h0 + h1;
  }
}
