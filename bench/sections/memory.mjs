// Memory check (issue 3): engine linear memory and JS heap before and after 1,000 repeated calls of the same size,
// on a fresh engine per backend, and the linear memory after one large call (chunked through a bounded arena).
import { W1_GREEKS, ALL_GREEKS } from '../variants.mjs';
import { prefix, randomOptions } from '../workloads.mjs';

const CALLS = 1000;

function jsHeap() {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

function measure(engine, label, call) {
  const row = { label };
  try {
    call(); // first call: the engine sizes its arena for this batch
    const mem0 = engine.raw.memoryBytes(), heap0 = jsHeap();
    for (let i = 0; i < CALLS; i++) call();
    const mem1 = engine.raw.memoryBytes(), heap1 = jsHeap();
    Object.assign(row, { calls: CALLS, memoryBefore: mem0, memoryAfter: mem1, jsHeapBefore: heap0, jsHeapAfter: heap1 });
  } catch (e) {
    row.error = String(e?.message ?? e);
  }
  return row;
}

export async function memorySection(createEngine, cfg) {
  const n = cfg.memory.n;
  const big = cfg.memory.bigN;
  const all = randomOptions(Math.max(n, big));
  const inp = prefix(all, n);
  const ivInp = prefix(all, cfg.memory.ivN); // IV costs about 10x a W1 option: fewer rows keep the 1,000 calls short
  const ivFields = { ...ivInp, price: ivInp.spot.map((s) => 0.1 * s) }; // any valid prices: memory is checked here
  const fields = { type: inp.type, spot: inp.spot, strike: inp.strike, time: inp.time, vol: inp.vol, rate: inp.rate, dividend: inp.dividend };
  const rows = [];
  for (const backend of ['wasm', 'js']) {
    let engine;
    try {
      engine = await createEngine({ backend });
    } catch (e) {
      rows.push({ backend, label: 'all checks', error: `engine unavailable: ${e?.message ?? e}` });
      continue;
    }
    const tag = (r) => rows.push({ backend, ...r });
    tag(measure(engine, `engine.greeks W1, n = ${n}`, () => engine.greeks(fields, { greeks: W1_GREEKS })));
    let b;
    try {
      b = engine.batch(n, W1_GREEKS);
      for (const k of Object.keys(fields)) b[k].set(fields[k]);
      tag(measure(engine, `engine.batch W1 run(), n = ${n}`, () => b.run()));
    } catch (e) {
      tag({ label: `engine.batch W1 run(), n = ${n}`, error: String(e?.message ?? e) });
    } finally {
      b?.free();
    }
    tag(measure(engine, `engine.impliedVol, n = ${cfg.memory.ivN}`, () => engine.impliedVol(ivFields)));
    // one large ordinary call: inputs and outputs stay in JS, the arena only stages CHUNK options at a time
    try {
      const before = engine.raw.memoryBytes();
      engine.greeks(prefix(all, big), { greeks: ALL_GREEKS });
      tag({ label: `one engine.greeks call, all 17, n = ${big}`, calls: 1, memoryBefore: before, memoryAfter: engine.raw.memoryBytes() });
    } catch (e) {
      tag({ label: `one engine.greeks call, all 17, n = ${big}`, error: String(e?.message ?? e) });
    }
  }
  return rows;
}
