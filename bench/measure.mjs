// Timing on top of tinybench: every group of tasks (the variants of one workload and size) runs in `rounds`
// rounds, in a rotated order each round, so that machine noise falls on all variants alike. Samples of all rounds
// are pooled. One sample = one task-function call = `reps` calls of the measured operation on `options` options.
import { Bench } from 'tinybench';

/**
 * A per-task checksum: a few outputs of every call are summed, so the JIT cannot drop the work, and a NaN or
 * Infinity produced during the timed runs is caught (the benchmark domains are valid inputs only).
 */
export function makeSink() {
  return {
    sum: 0,
    add(a, n) {
      this.sum += a[0] + a[n >> 1] + a[n - 1];
    },
  };
}

/** For outputs where NaN is legitimate (unidentifiable implied vols): sums the finite values only. */
export function makeFiniteSink() {
  return {
    sum: 0,
    add(a, n) {
      for (const x of [a[0], a[n >> 1], a[n - 1]]) if (Number.isFinite(x)) this.sum += x;
    },
  };
}

/** Repetitions per sample so that one sample covers at least `minOptions` options (small n is otherwise timer noise). */
export function repsFor(options, minOptions) {
  return Math.max(1, Math.ceil(minOptions / options));
}

/**
 * tasks: [{ id, options, reps, fn, sink }]; fn does `reps` calls and adds their outputs to its sink.
 * Returns Map id -> { samples: M options/s per sample, latencyMs: ms per sample, error? }.
 */
export async function runGroup(tasks, cfg) {
  const res = new Map(tasks.map((t) => [t.id, { samples: [], latencyMs: [], error: undefined }]));
  for (let round = 0; round < cfg.rounds; round++) {
    const live = tasks.filter((t) => !res.get(t.id).error);
    if (live.length === 0) break;
    const k = round % live.length;
    const order = live.slice(k).concat(live.slice(0, k));
    const bench = new Bench({
      time: cfg.timeMs,
      iterations: cfg.iterations,
      warmupTime: cfg.warmupMs,
      warmupIterations: cfg.warmupIterations,
      retainSamples: true,
      timestampProvider: 'hrtimeNow',
      throws: false,
    });
    for (const t of order) {
      // collect garbage left by the previous task, before its warm-up (run.mjs runs with --expose-gc)
      bench.add(t.id, t.fn, { beforeAll: (mode) => { if (mode !== 'run') globalThis.gc?.(); } });
    }
    await bench.run();
    for (const task of bench.tasks) {
      const r = res.get(task.name), t = tasks.find((x) => x.id === task.name);
      const result = task.result;
      if (result.state === 'errored') {
        r.error = String(result.error?.message ?? result.error);
        continue;
      }
      if (!result.latency?.samples) {
        r.error = `tinybench state ${result.state}`;
        continue;
      }
      for (const ms of result.latency.samples) {
        r.latencyMs.push(ms);
        r.samples.push((t.options * t.reps) / (ms * 1e3)); // options per microsecond = M options/s
      }
    }
    for (const t of order) {
      if (!Number.isFinite(t.sink.sum)) res.get(t.id).error ??= 'non-finite output (NaN or Infinity) during the timed runs';
    }
  }
  return res;
}

export function stats(samples) {
  if (samples.length === 0) return undefined;
  const s = [...samples].sort((a, b) => a - b);
  const m = s.length >> 1;
  const median = s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
  return { median, min: s[0], max: s[s.length - 1], count: s.length };
}

/**
 * Copies each variant's samples and statistics from a runGroup result into its row, with the ratio of its median to
 * the baseline variant's median (same run) under `ratioKey`.
 */
export function attachResults(rows, res, baseId, ratioKey) {
  const base = res.get(baseId);
  const baseStats = base && !base.error ? stats(base.samples) : undefined;
  for (const row of rows) {
    const r = res.get(row.variant);
    if (!r) continue;
    if (r.error) row.error = r.error;
    row.samples = r.samples;
    row.latencyMs = r.latencyMs;
    row.stats = stats(r.samples);
    if (row.stats && baseStats) row[ratioKey] = row.stats.median / baseStats.median;
  }
}
