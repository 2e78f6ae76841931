// The TypeScript twin of assembly/index.ts: every kernel function takes the Heap first, then the same
// arguments as its WebAssembly export.
export { greeks, greeksGrid } from './greeks.js';
export { impliedVol } from './iv.js';
export { gammaProfile } from './profile.js';
