// Output arrays that the engine fills completely before returning them. `new Float64Array(n)` zero-fills (calloc),
// and on glibc the zeroing of recycled blocks, or the page faults of fresh ones, cost more than the kernel at
// n = 1e6 (bench section "alloc"). In Node, Buffer.allocUnsafeSlow skips the zero fill; every element is then
// written by the engine, so no stale byte is ever visible. Elsewhere (browsers) the zeroing constructor.
import { CHUNK } from './abi.js';

type UnsafeAllocator = { allocUnsafeSlow(size: number): Uint8Array };
const nodeBuffer = (globalThis as { Buffer?: UnsafeAllocator }).Buffer; // feature test: no node: import here
/** Below one staging chunk the zeroing constructor is as fast (measured: 4096 doubles break even). */
const UNSAFE_FROM = CHUNK;

function bytes(size: number): ArrayBuffer | undefined {
  if (!nodeBuffer || size < UNSAFE_FROM * 8) return undefined;
  const b = nodeBuffer.allocUnsafeSlow(size);
  return b.byteOffset === 0 && b.byteLength === size ? (b.buffer as ArrayBuffer) : undefined;
}

/** A Float64Array of n elements whose contents the caller overwrites entirely. */
export function outputF64(n: number): Float64Array {
  const b = bytes(n * 8);
  return b ? new Float64Array(b, 0, n) : new Float64Array(n);
}

/** A Uint8Array of n elements whose contents the caller overwrites entirely. */
export function outputU8(n: number): Uint8Array {
  const b = bytes(n);
  return b ? new Uint8Array(b, 0, n) : new Uint8Array(n);
}
