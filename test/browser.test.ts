// The built ESM bundle in a real headless Chromium, served from localhost: it must load with no configuration
// and compute greeks on the wasm backend. Needs `npm run build` (pretest does it) and Debian's chromium.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm', '.map': 'application/json' };
const PAGE = `<!doctype html><meta charset="utf-8"><title>gammawall</title>
<script type="module">
  import { createEngine } from '/dist/index.js';
  const engine = await createEngine();
  // Haug's example (reference row 0): call S=60 K=65 T=0.25 sigma=0.3 r=0.08
  const out = engine.greeks({ type: 'call', spot: 60, strike: 65, time: 0.25, vol: 0.3, rate: 0.08 }, { greeks: ['price', 'gamma'] });
  window.result = { backend: engine.backend, price: out.price[0], gamma: out.gamma[0], crossOriginIsolated };
</script>`;

let server: Server;
let browser: Browser;
let base = '';

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`).toBe(true);
  expect(existsSync(join(ROOT, 'dist/index.js')), 'dist/index.js is missing: run npm run build').toBe(true);
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    if (!path.startsWith('/dist/')) return void res.writeHead(404).end();
    try {
      const body = await readFile(join(ROOT, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

describe('built ESM bundle in headless Chromium', () => {
  it('loads from a localhost page and computes greeks with the wasm backend', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base + '/');
    await page.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined || false, null, { timeout: 20_000 }).catch(() => undefined);
    const result = await page.evaluate(() => (window as unknown as { result?: Record<string, unknown> }).result);
    expect(errors).toEqual([]);
    expect(result?.backend).toBe('wasm');
    // 60-digit reference (test/fixtures/bsm-greeks.csv row 0), tolerance rule of DESIGN.md section 2
    const ref = { price: 2.1333684449162, gamma: 0.042042755753785174 };
    const scale = { price: 63.71291376493909, gamma: 0.04432692004460363 };
    for (const k of ['price', 'gamma'] as const) {
      const got = result?.[k] as number;
      expect(Math.abs(got - ref[k])).toBeLessThanOrEqual(1e-12 * Math.abs(ref[k]) + 1e-12 * scale[k]);
    }
  });
});
