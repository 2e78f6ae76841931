// PLACEHOLDER until the iv branch lands: twin of assembly/iv.ts.
import type { Heap } from '../engine/abi.js';
export function impliedVol(heap: Heap, n: number, pType: number, pPrice: number, pS: number, pK: number, pT: number, pR: number, pQ: number, pVol: number, pStatus: number, pScratch: number): void {
  throw new Error('impliedVol kernel not built yet');
}
