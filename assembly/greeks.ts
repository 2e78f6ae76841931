// PLACEHOLDER until the kernel branch lands: BSM greeks kernel (see src/engine/abi.ts).
export function greeks(n: i32, pType: usize, pS: usize, pK: usize, pT: usize, pVol: usize, pR: usize, pQ: usize, pOut: usize, pScratch: usize): void {
  unreachable();
}
