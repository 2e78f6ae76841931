// The gamma-profile workload of issue 5: net dealer GEX of a whole chain re-priced at a ladder of hypothetical
// spots, in contract-spot evaluations per second. The plain-JS gamma loop is the baseline.
import * as plain from '../baselines/plain-js.mjs';
import { attachResults, makeSink, runGroup } from '../measure.mjs';
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

const INV_SQRT_2PI = 0.3989422804014327; // 1/sqrt(2 pi)

/**
 * While GexProfile is not exported by a package entry: the gamma-profile kernel itself through `engine.raw`
 * (the public advanced API), with the per-contract constants hoisted as `hoistContracts` in
 * src/gex/zero-gamma.ts does (b = 1/(sigma sqrt T), a = (-ln(K/c) + (r - q + sigma^2/2) T) b,
 * w = weight e^{-qT} b / sqrt(2 pi) 0.01); the agreement check catches any drift from the kernel's contract.
 */
function rawProfile(engine, chain) {
  const raw = engine.raw, n = chain.contracts, m = chain.spots, c = chain.S0;
  const [pA, pB, pW] = [0, 1, 2].map(() => raw.alloc(n * 8));
  const [pS, pL, pG] = [0, 1, 2].map(() => raw.alloc(m * 8));
  const f = raw.heap().f64; // after every alloc (allocation may grow the memory)
  for (let i = 0; i < n; i++) {
    const T = chain.time[i], sig = chain.vol[i], b = 1 / (sig * Math.sqrt(T));
    f[(pB >> 3) + i] = b;
    f[(pA >> 3) + i] = (-Math.log(chain.strike[i] / c) + (chain.rate - chain.dividend + 0.5 * sig * sig) * T) * b;
    f[(pW >> 3) + i] = chain.type[i] * chain.oi[i] * 100 * Math.exp(-chain.dividend * T) * b * INV_SQRT_2PI * 0.01;
  }
  for (let j = 0; j < m; j++) {
    f[(pS >> 3) + j] = chain.ladder[j];
    f[(pL >> 3) + j] = Math.log(chain.ladder[j] / c);
  }
  const sink = makeSink();
  let last;
  return {
    sink,
    fn() {
      raw.exports.gammaProfile(n, pA, pB, pW, m, pS, pL, pG, 0, raw.scratch);
      last = raw.heap().f64.subarray(pG >> 3, (pG >> 3) + m);
      sink.add(last, m);
    },
    outputs: () => last,
    teardown: () => [pA, pB, pW, pS, pL, pG].forEach((p) => raw.free(p)),
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
    const label = GexProfile ? `${backend} GexProfile.evaluate` : `${backend} gammaProfile kernel (engine.raw; GexProfile is in no package entry)`;
    const row = { section: 'profile', workload: 'gamma profile', n: evals, variant: `${backend}-profile`, label, repsPerSample: 1 };
    rows.push(row);
    if (engines[backend].error) { row.error = `engine unavailable: ${engines[backend].error}`; continue; }
    if (!GexProfile && typeof engines[backend].raw.exports.gammaProfile !== 'function') {
      row.error = 'TODO: no gamma-profile kernel in this build (issue 5); no number measured';
      continue;
    }
    try {
      const inst = GexProfile ? engineProfile(GexProfile, engines[backend], chain) : rawProfile(engines[backend], chain);
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
  attachResults(rows, res, 'plain-js-gamma-loop', 'vsBaseline');
  log?.(rows);
  return rows;
}
