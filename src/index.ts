// gammawall: BSM greeks, implied volatility and gamma exposure; WebAssembly SIMD with a TypeScript fallback.
// Browser-safe: this entry imports no node: module.
import { createEngineWith, type EngineOptions } from './engine/create.js';
import type { Engine } from './engine/engine.js';
import { instantiateKernel, wasmSimdSupported } from './engine/wasm.js';

export * from './public.js';
export { wasmSimdSupported };

/** Creates an engine: WebAssembly SIMD when available ('auto'), else the TypeScript twin; `engine.backend` says which. */
export function createEngine(options: EngineOptions = {}): Promise<Engine> {
  return createEngineWith(
    {
      supported: wasmSimdSupported,
      load: async (source) => ({ name: 'wasm', ...(await instantiateKernel(source)) }),
    },
    options,
  );
}
