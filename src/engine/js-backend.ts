// The TypeScript twin as a backend: every kernel function of src/kernel/index.ts bound to a JsMemory heap.
import * as kernels from '../kernel/index.js';
import { heapOf, type Heap } from './abi.js';
import type { Backend } from './engine.js';
import { JsMemory } from './memory.js';

// Static data the wasm module keeps below __heap_base; the twin keeps the same address space free.
const JS_HEAP_BASE = 1024;

export function createJsBackend(): Backend {
  const memory = new JsMemory(1);
  let heap: Heap = heapOf(memory.buffer);
  const current = () => (heap.f64.buffer === memory.buffer ? heap : (heap = heapOf(memory.buffer)));
  const exports: Backend['exports'] = {};
  for (const [name, fn] of Object.entries(kernels) as [string, (h: Heap, ...a: number[]) => number | void][]) {
    exports[name] = (...args: number[]) => fn(current(), ...args);
  }
  return { name: 'js', memory, heapBase: JS_HEAP_BASE, exports };
}
