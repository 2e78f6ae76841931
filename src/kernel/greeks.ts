// PLACEHOLDER until the kernel branch lands: twin of assembly/greeks.ts.
import type { Heap } from '../engine/abi.js';
export function greeks(heap: Heap, n: number, pType: number, pS: number, pK: number, pT: number, pVol: number, pR: number, pQ: number, pOut: number, pScratch: number): void {
  throw new Error('greeks kernel not built yet');
}
