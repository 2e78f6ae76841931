// Linear memory and the JS-side allocator shared by both backends: the wasm instance's memory, or an
// ArrayBuffer of the same layout for the TypeScript twin. All allocation is decided here (no kernel statics).
import { heapOf, type Heap } from './abi.js';

/** What both backends expose: WebAssembly.Memory satisfies it. */
export interface LinearMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}

export const PAGE = 65536;

/** The TS backend's memory: grows by copying into a larger buffer, like wasm memory does (old views go stale). */
export class JsMemory implements LinearMemory {
  buffer: ArrayBuffer;
  constructor(pages: number) {
    this.buffer = new ArrayBuffer(pages * PAGE);
  }
  grow(deltaPages: number): number {
    const old = this.buffer;
    const next = new ArrayBuffer(old.byteLength + deltaPages * PAGE);
    new Uint8Array(next).set(new Uint8Array(old));
    this.buffer = next;
    return old.byteLength / PAGE;
  }
}

const align16 = (x: number) => (x + 15) & ~15;

/** First-fit allocator over [base, memory end), growing the memory on demand; blocks are 16-byte aligned. */
export class Arena {
  private readonly sizes = new Map<number, number>();
  private free: { ptr: number; size: number }[] = [];
  private top: number;
  private views: Heap;
  private viewsOf: ArrayBuffer;

  constructor(readonly memory: LinearMemory, base: number) {
    this.top = align16(base);
    this.viewsOf = memory.buffer;
    this.views = heapOf(this.viewsOf);
  }

  /** Typed views over the current buffer (rebuilt after growth). */
  heap(): Heap {
    if (this.viewsOf !== this.memory.buffer) {
      this.viewsOf = this.memory.buffer;
      this.views = heapOf(this.viewsOf);
    }
    return this.views;
  }

  alloc(bytes: number): number {
    const size = align16(Math.max(16, bytes));
    const i = this.free.findIndex((b) => b.size >= size);
    let ptr: number;
    if (i >= 0) {
      const b = this.free[i];
      ptr = b.ptr;
      if (b.size === size) this.free.splice(i, 1);
      else this.free[i] = { ptr: b.ptr + size, size: b.size - size };
    } else {
      ptr = this.top;
      this.top += size;
      const have = this.memory.buffer.byteLength;
      if (this.top > have) this.memory.grow(Math.ceil((this.top - have) / PAGE));
    }
    this.sizes.set(ptr, size);
    return ptr;
  }

  release(ptr: number): void {
    const size = this.sizes.get(ptr);
    if (size === undefined) throw new Error(`release of unknown block ${ptr}`);
    this.sizes.delete(ptr);
    this.free.push({ ptr, size });
    this.free.sort((a, b) => a.ptr - b.ptr);
    const merged: { ptr: number; size: number }[] = [];
    for (const b of this.free) {
      const last = merged[merged.length - 1];
      if (last && last.ptr + last.size === b.ptr) last.size += b.size;
      else merged.push({ ...b });
    }
    const last = merged[merged.length - 1];
    if (last && last.ptr + last.size === this.top) {
      this.top = last.ptr;
      merged.pop();
    }
    this.free = merged;
  }

  /** Bytes of linear memory (for the no-growth checks). */
  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }
}
