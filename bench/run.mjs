// `npm run bench` (after `npm run build`): node --expose-gc bench/run.mjs [--quick] [--only W1,iv,...] [--out FILE]
// Times the built package (dist/) against a plain-JS baseline and npm packages, prints markdown tables and saves
// every sample as JSON. Sections: W1, W2, all17, surface, iv, profile, memory, alloc, instantiate. See bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { environment, loadMonitor } from './env.mjs';
import { markdown } from './report.mjs';
import { greeksSection, surfaceSection } from './sections/greeks.mjs';
import { instantiateSection } from './sections/instantiate.mjs';
import { ivSection } from './sections/iv.mjs';
import { memorySection } from './sections/memory.mjs';
import { allocSection } from './sections/alloc.mjs';
import { profileSection } from './sections/profile.mjs';

const SECTIONS = ['W1', 'W2', 'all17', 'surface', 'iv', 'profile', 'memory', 'alloc', 'instantiate'];

// Full run: about 1.5 minutes on the idle 2-vCPU reference machine (roughly double while others load it).
// Each row gets at least rounds x iterations = 15 samples (the count of shared/notes/perf.md).
const FULL = {
  mode: 'full', sizes: [1e3, 1e4, 1e5, 1e6], rounds: 3, iterations: 5, timeMs: 150, warmupMs: 50, warmupIterations: 1,
  minOptionsPerSample: 1e5, checkRows: 20000, ivSize: 1e5, profile: { contracts: 20000, spots: 200 },
  memory: { n: 1e4, ivN: 1e3, bigN: 1e6 }, alloc: { n: 1e6, processes: 3, rounds: 9 }, instantiate: { processes: 5, repeats: 20 },
};
const QUICK = {
  ...FULL, mode: 'quick', sizes: [1e4, 1e6], rounds: 1, iterations: 5, timeMs: 100, warmupMs: 30,
  ivSize: 2e4, profile: { contracts: 5000, spots: 100 }, memory: { n: 1e4, ivN: 1e3, bigN: 2e5 }, alloc: { n: 1e6, processes: 1, rounds: 5 }, instantiate: { processes: 2, repeats: 5 },
};
// Other processes keeping more than this many cores busy on average make the numbers unfit to publish.
const BUSY_CORES = 0.1;

const usage = (msg) => Object.assign(new Error(msg), { usage: true });

function parseArgs(argv) {
  const a = { quick: false, only: undefined, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--quick') a.quick = true;
    else if (x === '--only') a.only = argv[++i];
    else if (x.startsWith('--only=')) a.only = x.slice(7);
    else if (x === '--out') a.out = argv[++i];
    else if (x.startsWith('--out=')) a.out = x.slice(6);
    else if (x === '--help' || x === '-h') {
      console.log(`usage: node --expose-gc bench/run.mjs [--quick] [--only ${SECTIONS.join(',')}] [--out FILE]`);
      process.exit(0);
    } else throw usage(`unknown argument ${JSON.stringify(x)} (try --help)`);
  }
  if (a.only !== undefined) {
    const want = a.only.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = want.filter((w) => !SECTIONS.some((s) => s.toLowerCase() === w.toLowerCase()));
    if (bad.length || want.length === 0) throw usage(`--only takes a comma list of ${SECTIONS.join(', ')}; got ${JSON.stringify(a.only)}`);
    a.only = want.map((w) => SECTIONS.find((s) => s.toLowerCase() === w.toLowerCase()));
  }
  return a;
}

async function loadPackage() {
  try {
    return await import('../dist/index.js');
  } catch (e) {
    throw new Error(`cannot import dist/index.js (${e.message}); run \`npm run build\` first (npm run bench does)`);
  }
}

async function engineOrError(createEngine, backend) {
  try {
    const e = await createEngine({ backend });
    if (e.backend !== backend) return { error: `asked for ${backend}, got ${e.backend}` };
    return e;
  } catch (e) {
    return { error: String(e?.message ?? e) };
  }
}

function progress(rows) {
  for (const r of rows) {
    const what = r.stats ? `${r.stats.median.toPrecision(3)} M/s` : `unavailable (${r.error})`;
    process.stderr.write(`  ${r.workload} n=${r.n} ${r.variant}: ${what}\n`);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const cfg = { ...(args.quick ? QUICK : FULL) };
  cfg.wants = (s) => !args.only || args.only.includes(s);
  if (!globalThis.gc) process.stderr.write('note: run with node --expose-gc so garbage is collected between tasks\n');

  const env = environment();
  const { createEngine } = await loadPackage();
  const engines = { wasm: await engineOrError(createEngine, 'wasm'), js: await engineOrError(createEngine, 'js') };
  const result = {
    environment: env,
    backends: `wasm: ${engines.wasm.error ? `unavailable (${engines.wasm.error})` : 'ok'}; js: ${engines.js.error ? `unavailable (${engines.js.error})` : 'ok'}`,
    config: { ...cfg, wants: undefined, only: args.only ?? 'all' },
    sections: {},
  };

  const seconds = {};
  const timed = async (name, f) => {
    const t0 = performance.now();
    const r = await f();
    seconds[name] = +((performance.now() - t0) / 1e3).toFixed(1);
    return r;
  };
  if (cfg.wants('instantiate')) {
    process.stderr.write('instantiation...\n');
    result.sections.instantiate = await timed('instantiate', () => instantiateSection(createEngine, cfg));
  }
  const load = loadMonitor(); // covers the throughput sections only (the instantiation children are ours)
  if (['W1', 'W2', 'all17'].some(cfg.wants)) {
    process.stderr.write('greeks workloads...\n');
    result.sections.greeks = await timed('greeks', () => greeksSection(engines, cfg, progress));
  }
  if (cfg.wants('surface')) {
    process.stderr.write('surface...\n');
    result.sections.surface = await timed('surface', () => surfaceSection(engines, cfg, progress));
  }
  if (cfg.wants('iv')) {
    process.stderr.write('implied vol...\n');
    result.sections.iv = await timed('iv', () => ivSection(engines, cfg, progress));
  }
  if (cfg.wants('profile')) {
    process.stderr.write('gamma profile...\n');
    result.sections.profile = await timed('profile', () => profileSection(engines, cfg, progress));
  }
  result.load = load.stop();
  if (cfg.wants('memory')) {
    process.stderr.write('memory...\n');
    result.sections.memory = await timed('memory', () => memorySection(createEngine, cfg));
  }
  if (cfg.wants('alloc')) {
    process.stderr.write('fresh output memory (child processes)...\n');
    result.sections.alloc = await timed('alloc', () => allocSection(cfg));
  }
  result.sectionSeconds = seconds;
  if (result.load.otherCores > BUSY_CORES) {
    result.busyWarning = `other processes kept ${result.load.otherCores} cores busy on average during the timing: these numbers are not fit to publish; rerun on an idle machine.`;
  }

  const md = markdown(result);
  console.log(md);
  // a quick or filtered run never replaces the full results (*.tmp.json is git-ignored)
  const partial = args.quick || args.only;
  const out = args.out ?? fileURLToPath(new URL(`results/${partial ? 'partial.tmp' : 'latest'}.json`, import.meta.url));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 1) + '\n');
  if (!partial) writeFileSync(out.replace(/\.json$/, '') + '.md', md + '\n');
  process.stderr.write(`saved ${out} (every sample)${partial ? '' : ' and the tables as .md next to it'}\n`);
}

main().catch((e) => {
  console.error(e?.usage ? `bench: ${e.message}` : e?.stack ?? e);
  process.exit(e?.usage ? 2 : 1);
});
