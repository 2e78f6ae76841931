// The gamma-profile workload of issue 5: net dealer GEX of a whole chain re-priced at a ladder of hypothetical
// spots, in contract-spot evaluations per second. The plain-JS gamma loop is the baseline.
import * as plain from '../baselines/plain-js.mjs';
import { makeSink, runGroup, stats } from '../measure.mjs';
import { profileChain } from '../workloads.mjs';

/** Engine adapter, once the gamma-profile API from the gex branch is on main (issue 5); until then undefined. */
const engineProfile = undefined;

export async function profileSection(engines, cfg, log) {
  const chain = profileChain(cfg.profile.contracts, cfg.profile.spots);
  const evals = chain.contracts * chain.spots;
  const out = new Float64Array(chain.spots), sink = makeSink();
  const rows = [{
    section: 'profile', workload: 'gamma profile', n: evals, variant: 'plain-js-gamma-loop',
    label: `plain JS gamma loop (${chain.contracts} contracts x ${chain.spots} spots)`, repsPerSample: 1,
  }];
  const tasks = [{ id: 'plain-js-gamma-loop', options: evals, reps: 1, sink, fn: () => { plain.gammaProfile(chain, out); sink.add(out, out.length); } }];
  if (engineProfile) {
    // (adapter goes here, timed in the same group)
  } else {
    rows.push({
      section: 'profile', workload: 'gamma profile', n: evals, variant: 'wasm-profile', label: 'wasm gamma-profile kernel',
      error: 'TODO: the gamma-profile API (issue 5, gex branch) is not on main yet; no number measured',
    });
  }
  const res = await runGroup(tasks, cfg);
  const base = stats(res.get('plain-js-gamma-loop').samples);
  for (const row of rows) {
    const r = res.get(row.variant);
    if (!r) continue;
    if (r.error) row.error = r.error;
    row.samples = r.samples;
    row.latencyMs = r.latencyMs;
    row.stats = stats(r.samples);
    if (row.stats && base) row.vsBaseline = row.stats.median / base.median;
  }
  log?.(rows);
  return rows;
}
