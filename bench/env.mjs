// The environment a benchmark ran in, and how busy the rest of the machine was meanwhile.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';

// Feature probes from GoogleChromeLabs/wasm-feature-detect (src/detectors/simd, relaxed-simd):
// a function returning i8x16.splat(0) + i8x16.popcnt, and one using i8x16.relaxed_swizzle.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
const RELAXED_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 15, 1, 13, 0, 65, 1, 253, 15, 65, 2, 253, 15, 253, 128, 2, 11]);

/** Fields of the first processor in /proc/cpuinfo (the model name alone says only "AMD EPYC" in a KVM guest). */
function cpuInfo() {
  const f = {};
  try {
    for (const line of readFileSync('/proc/cpuinfo', 'utf8').split('\n\n')[0].split('\n')) {
      const i = line.indexOf(':');
      if (i > 0) f[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
  } catch {}
  const model = f['model name'] ?? os.cpus()[0]?.model ?? 'unknown';
  const detail = f['cpu family'] ? `family ${f['cpu family']}, model ${f.model}, stepping ${f.stepping}` : undefined;
  const flags = (f.flags ?? '').split(' ');
  const isa = ['avx2', 'fma', 'avx512f'].filter((x) => flags.includes(x)).join(', ');
  return { model, detail: [detail, isa && `host ISA ${isa}`].filter(Boolean).join('; ') || undefined };
}

function git(args) {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Installed versions of the benchmark's tools and peers (from their package.json). */
function versions() {
  const v = {};
  for (const name of ['tinybench', 'greeks', 'black-scholes', '@uqee/black-scholes', 'assemblyscript']) {
    try {
      v[name] = JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
    } catch {
      v[name] = undefined;
    }
  }
  return v;
}

export function environment() {
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return {
    date: new Date().toISOString(),
    cpu: cpuInfo().model,
    cpuDetail: cpuInfo().detail,
    logicalCpus: os.cpus().length,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    v8: process.versions.v8,
    wasmSimd: WebAssembly.validate(SIMD_PROBE),
    wasmRelaxedSimd: WebAssembly.validate(RELAXED_PROBE),
    execArgv: process.execArgv,
    packages: versions(),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: status === undefined ? undefined : status.length > 0,
    loadavgAtStart: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

/** Busy jiffies of all CPUs from /proc/stat (undefined where there is none). */
function busyTicks() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = f;
    return { busy: user + nice + system + irq + softirq, steal: steal ?? 0 };
  } catch {
    return undefined;
  }
}

const TICKS_PER_S = 100; // USER_HZ; Linux reports /proc/stat in 1/100 s on every common configuration

/**
 * Measures the CPU time used by other processes during a stretch of benchmarking: all busy time of the machine
 * minus this process's own. On an idle 2-core machine it stays near 0.
 */
export function loadMonitor() {
  const t0 = busyTicks(), c0 = process.cpuUsage(), w0 = performance.now();
  return {
    stop() {
      const t1 = busyTicks(), c1 = process.cpuUsage(c0), wall = (performance.now() - w0) / 1e3;
      if (!t0 || !t1) return { wallSeconds: wall };
      const all = (t1.busy - t0.busy) / TICKS_PER_S, own = (c1.user + c1.system) / 1e6;
      const other = Math.max(0, all - own);
      return {
        wallSeconds: +wall.toFixed(1),
        ownCpuSeconds: +own.toFixed(1),
        otherCpuSeconds: +other.toFixed(1),
        otherCores: +(other / wall).toFixed(2), // average number of cores other processes kept busy
        stealSeconds: +((t1.steal - t0.steal) / TICKS_PER_S).toFixed(1),
        loadavgAtEnd: os.loadavg().map((x) => +x.toFixed(2)),
      };
    },
  };
}
