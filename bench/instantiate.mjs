// Child process of the instantiation timing (bench/sections/instantiate.mjs): a fresh Node process imports the
// built package and times the first createEngine per backend (wasm: decode + compile + instantiate) and a second
// one (wasm: module cached, instantiate only). Prints one JSON line.
const t0 = performance.now();
const { createEngine } = await import('../dist/index.js');
const t1 = performance.now();
const r = { importMs: t1 - t0 };
for (const backend of ['wasm', 'js']) {
  try {
    const a = performance.now();
    await createEngine({ backend });
    const b = performance.now();
    await createEngine({ backend });
    const c = performance.now();
    r[backend] = { firstMs: b - a, secondMs: c - b };
  } catch (e) {
    r[backend] = { error: String(e?.message ?? e) };
  }
}
console.log(JSON.stringify(r));
