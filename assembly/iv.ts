// PLACEHOLDER until the iv branch lands: implied-volatility kernel (see src/engine/abi.ts).
export function impliedVol(n: i32, pType: usize, pPrice: usize, pS: usize, pK: usize, pT: usize, pR: usize, pQ: usize, pVol: usize, pStatus: usize, pScratch: usize): void {
  unreachable();
}
