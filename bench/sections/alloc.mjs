// Fresh output memory: what returning new 8 MB arrays costs at n = 1e6, and how much of it is the C allocator.
// Runs bench/alloc-child.mjs in fresh Node processes, alternately under glibc's default malloc settings and with
// freed large blocks kept for reuse (mallopt(3): M_MMAP_THRESHOLD at its 32 MiB maximum so 8 MB blocks come from
// the heap, M_TRIM_THRESHOLD 1 GiB so free() does not hand them back to the kernel). Environment variables are the
// only way to set these for a Node process; the library cannot, so the default row is the one the goals use.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stats } from '../measure.mjs';

const CHILD = fileURLToPath(new URL('../alloc-child.mjs', import.meta.url));
export const MALLOC_SETTINGS = {
  default: {},
  'freed blocks kept': { MALLOC_MMAP_THRESHOLD_: String(32 * 2 ** 20), MALLOC_TRIM_THRESHOLD_: String(2 ** 30) },
};

export function allocSection(cfg) {
  const { n, processes, rounds } = cfg.alloc;
  const runs = Object.fromEntries(Object.keys(MALLOC_SETTINGS).map((k) => [k, []]));
  for (let p = 0; p < processes; p++) {
    for (const [name, vars] of Object.entries(MALLOC_SETTINGS)) {
      try {
        const out = execFileSync(process.execPath, [CHILD, String(n), String(rounds)], { encoding: 'utf8', env: { ...process.env, ...vars } });
        runs[name].push(JSON.parse(out.trim().split('\n').pop()));
      } catch (e) {
        runs[name].push({ error: String(e?.message ?? e) });
      }
    }
  }
  // Per setting and row: median over processes of the per-process medians; ratios to plain JS of the same process.
  const median = (a) => stats(a).median;
  const rows = [];
  for (const [setting, list] of Object.entries(runs)) {
    const ok = list.filter((r) => r.rows && r.sink);
    if (!ok.length) {
      rows.push({ setting, error: list.find((r) => r.error)?.error ?? 'no result' });
      continue;
    }
    for (const { workload, variant, label } of ok[0].rows) {
      const mine = ok.map((r) => r.rows.find((x) => x.workload === workload && x.variant === variant));
      const base = ok.map((r) => r.rows.find((x) => x.workload === workload && x.variant === 'plain-js'));
      rows.push({
        setting, workload, variant, label,
        mopts: n / median(mine.map((x) => x.medianMs)) / 1e3,
        vsPlain: median(mine.map((x, i) => base[i].medianMs / x.medianMs)),
        faultsPerCall: median(mine.map((x) => x.faultsPerCall)),
      });
    }
  }
  return { n, processes, rounds, settings: MALLOC_SETTINGS, rows };
}
