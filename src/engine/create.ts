// createEngine without the wasm bytes: the entry points (index.ts, pure.ts) pass in how to get a wasm backend.
import { Engine, type Backend } from './engine.js';
import { createJsBackend } from './js-backend.js';

export interface EngineOptions {
  /** 'auto' (default) runs WebAssembly SIMD when available, else the TypeScript twin. */
  backend?: 'auto' | 'wasm' | 'js';
  /** Your own compiled kernel (e.g. from `gammawall/kernel.wasm` with streaming compilation) instead of the embedded one. */
  wasm?: WebAssembly.Module | BufferSource;
}

export type WasmLoader = { supported(): boolean; load(source?: WebAssembly.Module | BufferSource): Promise<Backend> };

export async function createEngineWith(loader: WasmLoader | undefined, options: EngineOptions = {}): Promise<Engine> {
  const want = options.backend ?? 'auto';
  if (want !== 'auto' && want !== 'wasm' && want !== 'js') {
    throw new Error(`backend must be 'auto', 'wasm' or 'js', got ${JSON.stringify(want)}`);
  }
  if (want !== 'js') {
    if (loader?.supported()) return new Engine(await loader.load(options.wasm));
    if (want === 'wasm') {
      throw new Error(
        loader
          ? "backend 'wasm' requested but WebAssembly SIMD is not available here"
          : "backend 'wasm' is not in gammawall/pure; import 'gammawall' instead",
      );
    }
  }
  return new Engine(createJsBackend());
}
