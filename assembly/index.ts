// WebAssembly kernel entry: pointer-and-length functions only (see src/engine/abi.ts).
export { greeks, greeksGrid } from './greeks';
export { impliedVol } from './iv';
export { gammaProfile } from './profile';

/** First free byte after static data: the JS side manages memory from here up. */
export function heapBase(): usize {
  return __heap_base;
}
