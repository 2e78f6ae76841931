// The probes' kernel loader (scripts/kernel-speed.mjs, scripts/iv-speed.mjs): one build of the kernel in its own
// instance, with a bump allocator over its memory from heapBase (16-byte aligned, growing the memory as needed).
// Views made with f64() stay valid only until the next alloc that grows the memory.
import { readFileSync } from 'node:fs';

export async function loadKernel(file) {
  const { instance } = await WebAssembly.instantiate(readFileSync(file), { env: { abort() { throw new Error('abort'); } } });
  const ex = instance.exports, mem = ex.memory;
  let top = (ex.heapBase() + 15) & ~15;
  const alloc = (bytes) => {
    const p = top;
    top = (top + bytes + 15) & ~15;
    const need = Math.ceil(top / 65536) - mem.buffer.byteLength / 65536;
    if (need > 0) mem.grow(need);
    return p;
  };
  const f64 = (ptr, len) => new Float64Array(mem.buffer, ptr, len);
  return { ex, mem, alloc, f64 };
}
