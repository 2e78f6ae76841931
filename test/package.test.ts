// The built package as a consumer meets it (needs `npm run build`; pretest does it): every export resolves, ESM and
// CJS load, the browser-safe entries import no node: module, gammawall/pure carries no wasm bytes, and the raw
// kernel.wasm subpath works with createEngine({ wasm }).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const WASM_MAGIC_B64 = 'AGFzbQ'; // base64 of "\0asm", the first bytes of every wasm module

/** A dist file and every file it imports statically, transitively. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:^|[;\n])\s*(?:import|export)\s[^;]*?from\s*["'](\.[^"']+)["']/g)) closure(join(dirname(file), m[1]), seen);
  return seen;
}

describe('package exports', () => {
  it('every path in package.json exports and bin exists after the build', () => {
    const paths: string[] = [];
    const walk = (v: unknown) => (typeof v === 'string' ? paths.push(v) : v && typeof v === 'object' && Object.values(v).forEach(walk));
    walk(pkg.exports);
    walk(pkg.bin);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it.each(['index', 'pure', 'charts'])('dist/%s.js and its chunks import no node: module (browser-safe)', (name) => {
    const files = [...closure(join(ROOT, `dist/${name}.js`))];
    const offenders = files.filter((f) => /from\s*["']node:|require\(["']node:/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('gammawall/pure carries no wasm bytes; gammawall does', () => {
    const has = (name: string) => [...closure(join(ROOT, `dist/${name}.js`))].some((f) => readFileSync(f, 'utf8').includes(WASM_MAGIC_B64));
    expect(has('pure')).toBe(false);
    expect(has('index')).toBe(true);
  });

  it('loads as ESM and as CJS in a fresh Node process', () => {
    const esm = `import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/index.js')).href)}).then(async (m) => console.log((await m.createEngine()).backend))`;
    const cjs = `require(${JSON.stringify(join(ROOT, 'dist/index.cjs'))}).createEngine().then((e) => console.log(e.backend))`;
    const pure = `require(${JSON.stringify(join(ROOT, 'dist/pure.cjs'))}).createEngine().then((e) => console.log(e.backend))`;
    for (const [code, want] of [[esm, 'wasm'], [cjs, 'wasm'], [pure, 'js']]) {
      expect(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' }).trim()).toBe(want);
    }
  });

  it('the raw kernel.wasm subpath validates and serves createEngine({ wasm })', async () => {
    const bytes = readFileSync(join(ROOT, 'dist/kernel.wasm'));
    expect(WebAssembly.validate(bytes)).toBe(true);
    const { createEngine } = await import(pathToFileURL(join(ROOT, 'dist/index.js')).href);
    const engine = await createEngine({ wasm: bytes });
    expect(engine.backend).toBe('wasm');
    const ref = 2.1333684449162; // Haug's example, 60-digit reference (test/fixtures/bsm-greeks.csv row 0)
    const got = engine.greeks({ type: 'call', spot: 60, strike: 65, time: 0.25, vol: 0.3, rate: 0.08 }, { greeks: ['price'] }).price[0];
    expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-12 * ref + 1e-12 * 63.71291376493909);
  });
});
