// W1, W2 and all 17 on the issue-3 random domain at each size, and the surface grid: every variant set up outside
// the timed code, checked against the plain-JS loop, then timed together (runGroup interleaves them).
import * as plain from '../baselines/plain-js.mjs';
import { attachResults, repsFor, runGroup } from '../measure.mjs';
import { ALL_GREEKS, WORKLOADS, expand, greeksVariants, inputsFor, surfaceVariants } from '../variants.mjs';
import { prefix, randomOptions, surfaceGrid, withoutDividend } from '../workloads.mjs';

const REL_FLOOR = 1e-6; // relative difference counted only where |plain JS| >= 1e-6 (as in shared/notes/perf.md)

/** Plain-JS values of all 17 quantities on the first m rows: the reference of the agreement column. */
function reference(inp, m) {
  const out = Object.fromEntries(ALL_GREEKS.map((g) => [g, new Float64Array(m)]));
  plain.all17(prefix(expand(inp), m), out, m);
  return out;
}

/** Worst relative difference from the plain-JS values over the requested greeks; NaN rows counted separately. */
function agreement(outputs, ref, greeks, m) {
  let worst = 0, worstGreek = undefined, nan = 0;
  for (const g of greeks) {
    const a = outputs[g], r = ref[g];
    for (let i = 0; i < m; i++) {
      if (Number.isNaN(a[i])) { nan++; continue; }
      if (Math.abs(r[i]) < REL_FLOOR) continue;
      const d = Math.abs(a[i] - r[i]) / Math.abs(r[i]);
      if (!(d <= worst)) { worst = d; worstGreek = g; }
    }
  }
  return { maxRelDiff: worst, worstGreek, nanRows: nan, rowsChecked: m };
}

/** Sets up, checks and times one group of variants on `inp`; returns one row per variant. */
export async function benchGroup({ section, workload, n, inp, greeks, variants, cfg, log }) {
  const m = Math.min(n, cfg.checkRows);
  let ref, refNoQ;
  const rows = [], tasks = [], live = [];
  for (const v of variants) {
    const row = { section, workload, n, variant: v.id, label: v.label, noDividend: !!v.noDividend };
    rows.push(row);
    if (v.engine?.error) {
      row.error = `engine unavailable: ${v.engine.error}`;
      continue;
    }
    const nEff = Math.min(n, v.maxOptions ?? n);
    if (nEff < n) row.timedOptions = nEff;
    // a variant slow enough to be capped (maxOptions) does one call per sample at every n
    const reps = v.maxOptions ? 1 : repsFor(nEff, cfg.minOptionsPerSample);
    row.repsPerSample = reps;
    try {
      const inst = v.make(inputsFor(v, prefix(inp, nEff)), reps);
      live.push(inst);
      inst.fn(); // one sample's worth of calls: first run (lazy compilation) and the outputs to check
      const mm = Math.min(m, nEff);
      if (v.noDividend) refNoQ ??= reference(withoutDividend(expand(prefix(inp, m))), m);
      else ref ??= reference(inp, m);
      row.check = agreement(inst.outputs(), v.noDividend ? refNoQ : ref, greeks, mm);
      tasks.push({ id: v.id, options: nEff, reps, fn: inst.fn, sink: inst.sink });
    } catch (e) {
      row.error = String(e?.message ?? e);
    }
  }
  const res = await runGroup(tasks, cfg);
  for (const inst of live) inst.teardown?.();
  attachResults(rows, res, 'plain-js', 'vsPlain');
  log?.(rows);
  return rows;
}

export async function greeksSection(engines, cfg, log) {
  const rows = [];
  const maxN = Math.max(...cfg.sizes);
  const all = randomOptions(maxN);
  for (const wl of ['W1', 'W2', 'all17']) {
    if (!cfg.wants(wl)) continue;
    for (const n of cfg.sizes) {
      rows.push(...(await benchGroup({
        section: 'greeks', workload: wl, n, inp: prefix(all, n), greeks: WORKLOADS[wl].greeks,
        variants: greeksVariants(wl, engines), cfg, log,
      })));
    }
  }
  return rows;
}

export async function surfaceSection(engines, cfg, log) {
  const rows = [];
  const grid = surfaceGrid();
  for (const [wl, greeks, kernel] of [['surface gamma', ['gamma'], plain.w2], ['surface all17', ALL_GREEKS, plain.all17]]) {
    const variants = surfaceVariants({ greeks, plain: kernel }, engines);
    rows.push(...(await benchGroup({ section: 'surface', workload: wl, n: grid.n, inp: grid, greeks, variants, cfg, log })));
  }
  for (const row of rows) if (row.stats) row.gridMs = grid.n / (row.stats.median * 1e3);
  return rows;
}
