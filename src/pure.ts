// gammawall/pure: the TypeScript engine alone, without the WebAssembly bytes.
import { createEngineWith, type EngineOptions } from './engine/create.js';
import type { Engine } from './engine/engine.js';

export * from './public.js';

/** Creates an engine running the TypeScript twin (backend 'js'). */
export function createEngine(options: EngineOptions = {}): Promise<Engine> {
  return createEngineWith(undefined, options);
}
