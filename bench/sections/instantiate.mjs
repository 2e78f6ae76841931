// Module instantiation, timed apart from the throughput runs: fresh Node processes (bench/instantiate.mjs) for the
// first createEngine, and in-process repeats for the cached path.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stats } from '../measure.mjs';

const CHILD = fileURLToPath(new URL('../instantiate.mjs', import.meta.url));

export async function instantiateSection(createEngine, cfg) {
  const runs = [];
  for (let i = 0; i < cfg.instantiate.processes; i++) {
    try {
      runs.push(JSON.parse(execFileSync(process.execPath, [CHILD], { encoding: 'utf8' }).trim().split('\n').pop()));
    } catch (e) {
      runs.push({ error: String(e?.message ?? e) });
    }
  }
  const pick = (f) => stats(runs.map(f).filter((x) => Number.isFinite(x)));
  const inProcess = {};
  for (const backend of ['wasm', 'js']) {
    const ms = [];
    try {
      for (let i = 0; i < cfg.instantiate.repeats; i++) {
        const a = performance.now();
        await createEngine({ backend });
        ms.push(performance.now() - a);
      }
      inProcess[backend] = stats(ms);
    } catch (e) {
      inProcess[backend] = { error: String(e?.message ?? e) };
    }
  }
  return {
    processes: runs,
    importMs: pick((r) => r.importMs),
    wasmFirstMs: pick((r) => r.wasm?.firstMs),
    wasmSecondMs: pick((r) => r.wasm?.secondMs),
    jsFirstMs: pick((r) => r.js?.firstMs),
    inProcess,
    errors: [...new Set(runs.flatMap((r) => [r.error, r.wasm?.error, r.js?.error]).filter(Boolean))],
  };
}
