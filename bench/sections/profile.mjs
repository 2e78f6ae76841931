// The gamma-profile workload of issue 5: net dealer GEX of a whole chain re-priced at a ladder of hypothetical
// spots, in contract-spot evaluations per second. The plain-JS gamma loop is the baseline.
import * as plain from '../baselines/plain-js.mjs';
import { makeSink, runGroup, stats } from '../measure.mjs';
import { profileChain } from '../workloads.mjs';

/** GexProfile (issue 5, gex branch) from whichever built entry exports it, or undefined while it is not on main. */
async function findGexProfile() {
  for (const entry of ['../../dist/index.js', '../../dist/node.js']) {
    try {
      const m = await import(entry);
      if (typeof m.GexProfile === 'function') return m.GexProfile;
    } catch {}
  }
  return undefined;
}

/**
 * The engine's profile: contracts hoisted once into engine memory (setup), then `evaluate(ladder)` timed, which is
 * what a spot slider or a root bracket calls repeatedly. Weights are signed contracts x multiplier 100.
 */
function engineProfile(GexProfile, engine, chain) {
  const weight = Float64Array.from(chain.oi, (oi, i) => chain.type[i] * oi * 100);
  const p = new GexProfile(engine.raw, chain.contracts, chain.strike, chain.time, chain.vol, weight, chain.rate, chain.dividend, chain.S0);
  const sink = makeSink();
  let last;
  return {
    sink,
    fn() {
      last = p.evaluate(chain.ladder).g;
      sink.add(last, last.length);
    },
    outputs: () => last,
    teardown: () => p.free(),
  };
}

/** Largest |engine - plain| over the profile, relative to the largest |plain| (the profile crosses zero). */
function agreement(got, ref) {
  let scale = 0, worst = 0;
  for (const x of ref) scale = Math.max(scale, Math.abs(x));
  for (let j = 0; j < ref.length; j++) worst = Math.max(worst, Math.abs(got[j] - ref[j]) / scale);
  return { maxDiffOverScale: worst };
}

export async function profileSection(engines, cfg, log) {
  const chain = profileChain(cfg.profile.contracts, cfg.profile.spots);
  const evals = chain.contracts * chain.spots;
  const out = new Float64Array(chain.spots), sink = makeSink();
  const rows = [{
    section: 'profile', workload: 'gamma profile', n: evals, variant: 'plain-js-gamma-loop',
    label: `plain JS gamma loop (${chain.contracts} contracts x ${chain.spots} spots)`, repsPerSample: 1,
  }];
  const tasks = [{ id: 'plain-js-gamma-loop', options: evals, reps: 1, sink, fn: () => { plain.gammaProfile(chain, out); sink.add(out, out.length); } }];
  plain.gammaProfile(chain, out);
  const ref = Float64Array.from(out);
  const GexProfile = await findGexProfile();
  const live = [];
  for (const backend of ['wasm', 'js']) {
    const row = { section: 'profile', workload: 'gamma profile', n: evals, variant: `${backend}-profile`, label: `${backend} GexProfile.evaluate`, repsPerSample: 1 };
    rows.push(row);
    if (!GexProfile) {
      row.error = 'TODO: the gamma-profile API (issue 5, gex branch) is not on main yet; no number measured';
      continue;
    }
    if (engines[backend].error) { row.error = `engine unavailable: ${engines[backend].error}`; continue; }
    try {
      const inst = engineProfile(GexProfile, engines[backend], chain);
      live.push(inst);
      inst.fn();
      row.check = agreement(inst.outputs(), ref);
      tasks.push({ id: row.variant, options: evals, reps: 1, fn: inst.fn, sink: inst.sink });
    } catch (e) {
      row.error = String(e?.message ?? e);
    }
  }
  const res = await runGroup(tasks, cfg);
  for (const inst of live) inst.teardown();
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
