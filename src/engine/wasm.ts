// Loads the embedded WebAssembly SIMD kernel: decode once, compile once and cache the module.
import { KERNEL_WASM_BASE64 } from '../generated/kernel.wasm.js';
import type { LinearMemory } from './memory.js';

// Smallest module using a SIMD op (i32.const 0; i8x16.splat): validates only where fixed-width SIMD is supported.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01,
  0x00, 0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b,
]);

/** True when WebAssembly with fixed-width SIMD is available here. */
export function wasmSimdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

let cached: Promise<WebAssembly.Module> | undefined;

/** The compiled kernel module (compiled once per realm). */
export function kernelModule(): Promise<WebAssembly.Module> {
  cached ??= WebAssembly.compile(decodeBase64(KERNEL_WASM_BASE64) as Uint8Array<ArrayBuffer>);
  return cached;
}

export interface WasmInstance {
  exports: Record<string, (...args: number[]) => number | void>;
  memory: LinearMemory;
  heapBase: number;
}

/** Instantiates the kernel: the embedded bytes by default, or a module/bytes the caller supplies (CSP, streaming). */
export async function instantiateKernel(source?: WebAssembly.Module | BufferSource): Promise<WasmInstance> {
  const module =
    source instanceof WebAssembly.Module ? source : source ? await WebAssembly.compile(source) : await kernelModule();
  const instance = await WebAssembly.instantiate(module, {
    env: {
      abort(_msg: number, _file: number, line: number, col: number): never {
        throw new Error(`gammawall kernel aborted at ${line}:${col}`);
      },
    },
  });
  const ex = instance.exports as Record<string, unknown>;
  const memory = ex.memory as WebAssembly.Memory;
  const heapBase = (ex.heapBase as () => number)();
  return { exports: ex as WasmInstance['exports'], memory, heapBase };
}
