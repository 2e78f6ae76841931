// PLACEHOLDER until the gex branch lands: twin of assembly/profile.ts.
import type { Heap } from '../engine/abi.js';
export function gammaProfile(heap: Heap, n: number): void {
  throw new Error('gammaProfile kernel not built yet');
}
