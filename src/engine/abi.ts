// The kernel ABI shared by the WebAssembly kernel (assembly/) and its TypeScript twin (src/kernel/).
// Every kernel takes byte offsets into one linear memory plus counts; the JS side owns all allocation
// (no mutable statics in the kernel, so one module can later serve several workers).

/** The 17 quantities, in the column order of the reference file; bit k of a mask is GREEKS[k]. */
export const GREEKS = [
  'price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'epsilon', 'vanna', 'charm',
  'vomma', 'veta', 'speed', 'zomma', 'color', 'ultima', 'dualDelta', 'dualGamma',
] as const;
export type GreekName = (typeof GREEKS)[number];
export const GREEK_COUNT = 17;

/** Bytes of per-instance scratch every kernel call receives (block intermediates, 16-byte aligned). */
export const SCRATCH_BYTES = 1 << 18;

/** Options per chunk when the engine copies caller arrays through its arena. */
export const CHUNK = 4096;

/** Implied-volatility status codes (u8 per row). */
export const IV_STATUS = {
  ok: 0,
  belowIntrinsic: 1,
  aboveUpperBound: 2,
  expired: 3,
  invalidInput: 4,
} as const;
export type IvStatusName = keyof typeof IV_STATUS;
export const IV_STATUS_NAMES: readonly IvStatusName[] = ['ok', 'belowIntrinsic', 'aboveUpperBound', 'expired', 'invalidInput'];

/**
 * Typed views over one linear memory (the wasm instance's, or the TS backend's ArrayBuffer).
 * The TS twin reads `heap.f64[(p >> 3) + i]` where the AssemblyScript kernel reads `load<f64>(p + (i << 3))`.
 */
export interface Heap {
  f64: Float64Array;
  u32: Uint32Array;
  u8: Uint8Array;
}

export function heapOf(buffer: ArrayBuffer): Heap {
  return { f64: new Float64Array(buffer), u32: new Uint32Array(buffer), u8: new Uint8Array(buffer) };
}

/**
 * Kernel entry points, identical in both backends (the TS twin takes a Heap first).
 *
 * greeks(n, pType, pS, pK, pT, pVol, pR, pQ, pOut, pScratch)
 *   inputs: n f64 each; type is +1 (call) or -1 (put), anything else gives a NaN row.
 *   pOut: 17 u32 output addresses in GREEKS order, 0 = not requested (not written, not computed).
 * greeksGrid(nK, nT, spot, pType, pK, pT, pR, pQ, pVol, pOut, pScratch)
 *   a surface with one spot: type and strike per strike (nK f64 each), T, r, q per expiry (nT f64 each), vol
 *   pVol[t * nK + k]; outputs as in greeks, nT x nK (row t = expiry t). log(S/K) per strike and sqrt(T),
 *   e^{-qT}, e^{-rT} per expiry are computed once; every value equals greeks() on the expanded grid, bit for bit.
 * impliedVol(n, pType, pPrice, pS, pK, pT, pR, pQ, pVol, pStatus, pScratch)
 *   outputs: vol (f64, NaN when status != ok) and status (u8, IV_STATUS).
 * gammaProfile: see src/kernel/profile.ts.
 */
export interface KernelExports {
  greeks(n: number, pType: number, pS: number, pK: number, pT: number, pVol: number, pR: number, pQ: number, pOut: number, pScratch: number): void;
  greeksGrid(nK: number, nT: number, spot: number, pType: number, pK: number, pT: number, pR: number, pQ: number, pVol: number, pOut: number, pScratch: number): void;
  impliedVol(n: number, pType: number, pPrice: number, pS: number, pK: number, pT: number, pR: number, pQ: number, pVol: number, pStatus: number, pScratch: number): void;
  gammaProfile(n: number, pA: number, pB: number, pW: number, m: number, pS: number, pLogS: number, pG: number, pDG: number, pScratch: number): void;
}
