// Markdown tables from a benchmark result (the object saved to bench/results/*.json).

const fmt = (x, digits = 3) => {
  if (x === undefined || x === null || Number.isNaN(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 10 ** digits) return Math.round(x).toLocaleString('en-US');
  if (a < 1e-3) return x.toExponential(1);
  return x.toPrecision(digits);
};
const ratio = (x) => (x === undefined ? '—' : `${fmt(x)}x`);
const count = (n) => n.toLocaleString('en-US');
const mib = (b) => (b === undefined ? '—' : `${(b / 2 ** 20).toFixed(2)} MiB`);
const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

// Differences above this from the plain-JS values are shown in bold: double-precision closed forms agree to
// about 1e-13 here; larger means a less accurate method (e.g. an A&S CDF) or a wrong formula.
const MISMATCH = 1e-9;

const unavailable = (r) => `unavailable: ${cell(r.error)}`;

function agreementCell(r) {
  const c = r.check;
  if (!c) return '—';
  const nan = c.nanRows ? `, **${c.nanRows} NaN**` : '';
  const d = `${fmt(c.maxRelDiff, 2)}${c.worstGreek ? ` (${c.worstGreek})` : ''}`;
  return `${c.maxRelDiff > MISMATCH ? `**${d}**` : d}${nan}`;
}

function throughputRows(rows, { surface = false } = {}) {
  const out = [];
  for (const r of rows) {
    const note = [r.noDividend ? 'q = 0' : '', r.timedOptions ? `timed on ${count(r.timedOptions)} options, scaled` : ''].filter(Boolean).join('; ');
    const label = `${r.label}${note ? ` (${note})` : ''}`;
    const head = surface ? [r.workload, label] : [r.workload, count(r.n), label];
    if (!r.stats) {
      out.push([...head, unavailable(r), '', '', '', ...(surface ? [''] : []), '', ''].join(' | '));
      continue;
    }
    const s = r.stats;
    const err = r.error ? ` (then failed: ${cell(r.error)})` : '';
    out.push([...head, `**${fmt(s.median)}**${err}`, fmt(s.min), fmt(s.max), ...(surface ? [fmt(r.gridMs)] : []), ratio(r.vsPlain), agreementCell(r), s.count].join(' | '));
  }
  return out.map((l) => `| ${l} |`);
}

/** The throughput goals of issues 3-5, each checked against this run's medians (at the largest n run). */
function goalsTable(result) {
  const greeks = result.sections.greeks ?? [];
  const maxN = Math.max(0, ...greeks.map((r) => r.n));
  const find = (sec, wl, variant, n) => (result.sections[sec] ?? []).find((r) => r.workload === wl && r.variant === variant && (n === undefined || r.n === n));
  const goals = [];
  // goals of workloads this run did not include are left out
  const speed = (label, row, min) => row && goals.push({ label, value: row.stats?.median, unit: 'M/s', min, row });
  const times = (label, row, min, key, context = false) => row && goals.push({ label, value: row[key], unit: 'x', min, row, context });
  if (maxN) {
    speed('W1 wasm zero-copy >= 40 M options/s', find('greeks', 'W1', 'wasm-batch', maxN), 40);
    times('W1 wasm engine.greeks >= 3.0x plain JS', find('greeks', 'W1', 'wasm-call', maxN), 3.0, 'vsPlain');
    speed('W2 wasm zero-copy >= 100 M options/s', find('greeks', 'W2', 'wasm-batch', maxN), 100);
    times('W2 wasm engine.greeks >= 2.5x plain JS', find('greeks', 'W2', 'wasm-call', maxN), 2.5, 'vsPlain');
    // Issue 3 states absolute rates with inputs and outputs in engine memory and the ordinary call as ratios (W1, W2).
    speed('all 17 wasm zero-copy >= 20 M options/s', find('greeks', 'all17', 'wasm-batch', maxN), 20);
  }
  if (result.sections.iv) {
    // Issue 4's ratio compares like with like: the Newton baseline writes into an array allocated once, as
    // engine.impliedVol does with `out`. The call that allocates its outputs is listed too, against the baseline and
    // against Newton allocating likewise (both pay the same page faults for fresh memory; README, Performance).
    speed('implied vol wasm engine.impliedVol >= 5 M/s', find('iv', 'implied vol', 'wasm-iv'), 5);
    speed('implied vol wasm, preallocated out >= 5 M/s', find('iv', 'implied vol', 'wasm-iv-out'), 5);
    times('implied vol wasm, preallocated out >= 4x Newton baseline (same output memory)', find('iv', 'implied vol', 'wasm-iv-out'), 4, 'vsBaseline');
    times('(context) engine.impliedVol allocating its outputs, x Newton baseline', find('iv', 'implied vol', 'wasm-iv'), 4, 'vsBaseline', true);
    times('(context) engine.impliedVol allocating, x Newton allocating likewise', find('iv', 'implied vol', 'wasm-iv'), 4, 'vsFreshBaseline', true);
  }
  if (result.sections.profile) {
    speed('gamma profile wasm >= 250 M evaluations/s', find('profile', 'gamma profile', 'wasm-profile'), 250);
  }
  if (!goals.length) return [];
  const lines = [`## Goals (issues 3-5${maxN ? `; greeks at n = ${count(maxN)}` : ''})`, '', '| goal | measured (median) | met |', '|---|---:|---|'];
  for (const g of goals) {
    const v = g.value === undefined ? (g.row?.error ? unavailable(g.row) : 'not measured') : `${fmt(g.value)}${g.unit === 'x' ? 'x' : ' M/s'}`;
    const met = g.value === undefined ? '—' : g.context ? `${g.value >= g.min ? '>=' : '<'} ${g.min}x, not a goal` : g.value >= g.min ? 'yes' : '**no**';
    lines.push(`| ${g.label} | ${v} | ${met} |`);
  }
  lines.push('');
  return lines;
}

export function markdown(result) {
  const e = result.environment, L = result.load;
  const lines = [];
  lines.push(`# gammawall benchmark (${result.config.mode} run)`, '');
  lines.push('| environment | |', '|---|---|');
  lines.push(`| date | ${e.date} |`);
  lines.push(`| CPU | ${e.cpu}${e.cpuDetail ? ` (${e.cpuDetail})` : ''}, ${e.logicalCpus} logical CPUs, ${e.memoryGiB} GiB |`);
  lines.push(`| Node / V8 | ${e.node} / ${e.v8} |`);
  lines.push(`| wasm features | SIMD: ${e.wasmSimd ? 'yes' : 'no'}; relaxed SIMD: ${e.wasmRelaxedSimd ? 'yes' : 'no'} |`);
  lines.push(`| engine backends | ${result.backends} |`);
  if (e.packages) lines.push(`| packages | ${Object.entries(e.packages).map(([k, v]) => `${k} ${v ?? 'missing'}`).join(', ')} |`);
  lines.push(`| commit | ${e.commit ?? '?'}${e.dirty ? ' (with uncommitted changes)' : ''} |`);
  if (L) {
    lines.push(`| machine load | other processes used ${L.otherCpuSeconds} CPU-s during ${L.wallSeconds} s of timing (${L.otherCores} cores on average); steal ${L.stealSeconds} s; load average ${e.loadavgAtStart.join(', ')} at start, ${L.loadavgAtEnd.join(', ')} at end |`);
  }
  lines.push('');
  if (result.busyWarning) lines.push(`> **Warning:** ${result.busyWarning}`, '');
  const c = result.config;
  lines.push(`Throughput in million options per second on one thread: median, min and max over all samples (${c.rounds} round(s), at least ${c.iterations} samples per round, variants interleaved). A sample is one or more calls covering at least ${count(c.minOptionsPerSample)} options. "x plain JS" is the ratio of medians to the plain-JS loop in the same run. "vs plain JS" is the largest relative difference from the plain-JS values on the first ${count(c.checkRows)} options where |plain JS| >= 1e-6 (q = 0 rows are compared with plain JS at q = 0).`, '');

  lines.push(...goalsTable(result));
  const greeks = result.sections.greeks;
  if (greeks?.length) {
    lines.push('## Greeks (issue-3 random domain)', '');
    lines.push('| workload | n | variant | M opt/s median | min | max | x plain JS | vs plain JS (max rel diff) | samples |');
    lines.push('|---|---:|---|---:|---:|---:|---:|---|---:|');
    lines.push(...throughputRows(greeks), '');
  }
  const surface = result.sections.surface;
  if (surface?.length) {
    lines.push(`## Surface: one spot, ${count(surface[0].n)} options (4,000 strikes x 50 expiries), smile vol`, '');
    lines.push('| workload | variant | M opt/s median | min | max | whole grid (ms, median) | x plain JS | vs plain JS (max rel diff) | samples |');
    lines.push('|---|---|---:|---:|---:|---:|---:|---|---:|');
    lines.push(...throughputRows(surface, { surface: true }), '');
  }
  const iv = result.sections.iv;
  if (iv?.length) {
    lines.push(`## Implied volatility (issue-4 moderate domain, n = ${count(iv[0].n)})`, '');
    lines.push('| variant | M IV/s median | min | max | x Newton baseline | x Newton, fresh output per call | rows within 1e-12 sigma (1 + cond) | NaN on identifiable rows | samples |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of iv) {
      if (!r.stats) { lines.push(`| ${r.label} | ${unavailable(r)} | | | | | | | |`); continue; }
      const k = r.check;
      lines.push(`| ${r.label} | **${fmt(r.stats.median)}** | ${fmt(r.stats.min)} | ${fmt(r.stats.max)} | ${ratio(r.vsBaseline)} | ${ratio(r.vsFreshBaseline)} | ${k ? `${count(k.withinRule)} / ${count(k.rowsChecked)}` : '—'} | ${k ? k.nanRows : '—'} | ${r.stats.count} |`);
    }
    lines.push('', 'The baseline writes into an array allocated once, like the preallocated call; "fresh output per call" divides by the Newton solver allocating a new output array each call, like the ordinary call (both then pay the page faults of fresh memory).');
    lines.push('');
  }
  const profile = result.sections.profile;
  if (profile?.length) {
    lines.push('## Gamma profile (contract-spot evaluations)', '');
    lines.push('| variant | M evaluations/s median | min | max | x plain JS loop | vs plain JS (max diff / max \\|G\\|) | samples |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const r of profile) {
      if (!r.stats) { lines.push(`| ${r.label} | ${unavailable(r)} | | | | | |`); continue; }
      const d = r.check ? fmt(r.check.maxDiffOverScale, 2) : '—';
      lines.push(`| ${r.label} | **${fmt(r.stats.median)}** | ${fmt(r.stats.min)} | ${fmt(r.stats.max)} | ${ratio(r.vsBaseline)} | ${d} | ${r.stats.count} |`);
    }
    lines.push('');
  }
  const mem = result.sections.memory;
  if (mem?.length) {
    lines.push('## Memory (fresh engine per backend)', '');
    lines.push('| backend | check | calls | engine memory before -> after | JS heap before -> after (after gc) |', '|---|---|---:|---|---|');
    for (const r of mem) {
      if (r.error) { lines.push(`| ${r.backend} | ${r.label} | | ${unavailable(r)} | |`); continue; }
      const grew = r.memoryAfter > r.memoryBefore ? ' **grew**' : '';
      const heap = r.jsHeapBefore === undefined ? '—' : `${mib(r.jsHeapBefore)} -> ${mib(r.jsHeapAfter)}`;
      lines.push(`| ${r.backend} | ${r.label} | ${count(r.calls)} | ${mib(r.memoryBefore)} -> ${mib(r.memoryAfter)}${grew} | ${heap} |`);
    }
    lines.push('');
  }
  const alloc = result.sections.alloc;
  if (alloc?.rows?.length) {
    lines.push(`## Fresh output memory (n = ${count(alloc.n)}; ${alloc.processes} processes per malloc setting, ${alloc.rounds} interleaved rounds each)`, '');
    lines.push('Fresh Node processes running bench/alloc-child.mjs under glibc\'s default malloc settings and with freed large blocks kept for reuse (`' + Object.entries(alloc.settings['freed blocks kept']).map(([k, v]) => `${k}=${v}`).join(' ') + '`). Medians over processes of per-process medians; "x plain JS" against the baseline of the same process.', '');
    lines.push('| malloc | workload | variant | M opt/s | x plain JS | page faults per call |', '|---|---|---|---:|---:|---:|');
    for (const r of alloc.rows) {
      if (r.error) { lines.push(`| ${r.setting} | | ${unavailable(r)} | | | |`); continue; }
      lines.push(`| ${r.setting} | ${r.workload} | ${r.label} | ${fmt(r.mopts)} | ${ratio(r.vsPlain)} | ${count(Math.round(r.faultsPerCall))} |`);
    }
    lines.push('');
  }
  const inst = result.sections.instantiate;
  if (inst) {
    const ms = (s) => (s?.median === undefined ? (s?.error ? unavailable(s) : '—') : `${fmt(s.median)} (${fmt(s.min)}-${fmt(s.max)}, ${s.count} runs)`);
    lines.push('## Instantiation (timed apart from the throughput runs)', '');
    lines.push('| | ms: median (min-max) |', '|---|---|');
    lines.push(`| import of dist/index.js, fresh process | ${ms(inst.importMs)} |`);
    lines.push(`| first createEngine({ backend: 'wasm' }): decode + compile + instantiate | ${ms(inst.wasmFirstMs)} |`);
    lines.push(`| second createEngine({ backend: 'wasm' }): cached module, instantiate only | ${ms(inst.wasmSecondMs)} |`);
    lines.push(`| first createEngine({ backend: 'js' }) | ${ms(inst.jsFirstMs)} |`);
    lines.push(`| createEngine wasm, in process, module cached | ${ms(inst.inProcess.wasm)} |`);
    if (inst.errors.length) lines.push(`| errors | ${cell(inst.errors.join('; '))} |`);
    lines.push('');
  }
  return lines.join('\n');
}
