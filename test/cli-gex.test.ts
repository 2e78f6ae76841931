// `gammawall gex`: the summary of the bundled sample, machine-clean --json, --svg/--html files, --help,
// errors on stderr with non-zero exits, colours only on a TTY, progress only on stderr.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run, samplePath } from '../src/cli/gex.js';
import type { CommandIo } from '../src/cli/io.js';
import { Progress, styleFor } from '../src/cli/term.js';
import { JSON_REPORT_KEYS } from '../src/gex/report.js';
import { checkBalanced, externalRefs, svgSize, svgTexts } from './markup.js';

/** A writable stream that collects what is written; `isTTY` as given. */
class Collect extends Writable {
  text = '';
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}
const sink = (isTTY = false) => new Collect(isTTY);

async function gex(argv: string[], opts: { stdin?: string; tty?: boolean } = {}) {
  const stdout = sink(opts.tty), stderr = sink(opts.tty);
  const io = { stdin: Readable.from([opts.stdin ?? '']), stdout, stderr } as unknown as CommandIo;
  const code = await run(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const ANSI = /\x1b\[/;
const tmp = mkdtempSync(join(tmpdir(), 'gammawall-gex-'));

describe('gammawall gex on the bundled sample', () => {
  it('prints the summary: spot, quote instant, total GEX, walls, zero gamma, contracts, top strikes', async () => {
    const { code, stdout, stderr } = await gex([]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).not.toMatch(ANSI); // not a TTY
    expect(stdout).toMatch(/spot\s+6,988\.42/);
    expect(stdout).toMatch(/as of\s+2026-01-28T15:00:00-05:00/);
    expect(stdout).toMatch(/total GEX\s+[+-]\d+\.\d\d \$bn per 1% move/);
    expect(stdout).toMatch(/gamma wall\s+7,000/);
    expect(stdout).toMatch(/call wall\s+7,000/);
    expect(stdout).toMatch(/put wall\s+6,900/);
    expect(stdout).toMatch(/zero gamma\s+6,9\d\d\.\d\d/);
    expect(stdout).toMatch(/contracts\s+[\d,]+ used, [\d,]+ skipped \(zeroOpenInterest [\d,]+\)/);
    expect(stdout).toMatch(/top strikes[\s\S]*\n\s+7,000\s/);
  });

  it('--json prints exactly the contract keys, GEX in dollars, and nothing else', async () => {
    const { code, stdout, stderr } = await gex(['--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).not.toMatch(ANSI);
    const j = JSON.parse(stdout);
    expect(Object.keys(j)).toEqual([...JSON_REPORT_KEYS]);
    expect(j.gammaWall).toBe(7000);
    expect(j.underlying).toBe('SPX');
    expect(Math.abs(j.totalGex)).toBeGreaterThan(1e9); // dollars per 1% move, not $bn
    expect(Object.keys(j.byStrike[0]).sort()).toEqual(['callGex', 'charmExposure', 'netGex', 'putGex', 'strike', 'vannaExposure']);
    // The summary's figures are the JSON's.
    const human = (await gex([])).stdout;
    expect(human).toContain(`zero gamma    ${j.zeroGamma.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
  });

  it('--svg and --html write a well-formed chart and a self-contained report (creating the directory)', async () => {
    const svgFile = join(tmp, 'sub', 'gex.svg');
    const htmlFile = join(tmp, 'sub', 'gex.html');
    const { code, stdout } = await gex(['--svg', svgFile, '--html', htmlFile]);
    expect(code).toBe(0);
    expect(stdout).toContain(`wrote ${svgFile}, ${htmlFile}`);
    const svg = readFileSync(svgFile, 'utf8');
    expect(checkBalanced(svg)).toBe('svg');
    expect(svgSize(svg)).toEqual({ width: 1100, height: 560 });
    const texts = svgTexts(svg);
    expect(texts).toContain('Strike (index points)');
    expect(texts).toContain('GEX ($bn per 1% move)');
    expect(texts).toContain('Spot 6,988.42');
    expect(texts).toContain('Gamma & call wall 7,000');
    expect(texts.some((t) => t.startsWith('Zero gamma 6,9'))).toBe(true);
    const html = readFileSync(htmlFile, 'utf8');
    expect(checkBalanced(html, true)).toBe('html');
    expect(html.match(/<svg\b/g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|<link|<img|<iframe/i);
    expect(externalRefs(html)).toEqual([]);
    expect(html).toContain('Hypothetical spot (index points)');
  });

  it('reads a chain from a file or stdin and honours --spot and --as-of', async () => {
    const text = readFileSync(samplePath(), 'utf8');
    const fromStdin = JSON.parse((await gex(['-', '--json'], { stdin: text })).stdout);
    expect(fromStdin.gammaWall).toBe(7000);
    const moved = JSON.parse((await gex([samplePath(), '--json', '--spot', '6900', '--as-of', '2026-01-28T15:30:00-05:00'])).stdout);
    expect(moved.spot).toBe(6900);
    expect(moved.asOf).toBe('2026-01-28T15:30:00-05:00');
  });

  it('--dealer-model shortCallsLongPuts flips every exposure; the walls, by magnitude, stay', async () => {
    const base = JSON.parse((await gex(['--json'])).stdout);
    const flipped = JSON.parse((await gex(['--json', '--dealer-model', 'shortCallsLongPuts'])).stdout);
    expect(flipped.totalGex).toBe(-base.totalGex);
    expect(flipped.byStrike.map((s: { netGex: number }) => s.netGex)).toEqual(base.byStrike.map((s: { netGex: number }) => -s.netGex));
    expect([flipped.callWall, flipped.putWall, flipped.gammaWall]).toEqual([base.callWall, base.putWall, base.gammaWall]);
    const bad = await gex(['--dealer-model', 'longEverything']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--dealer-model');
  });

  it('--help shows usage with examples on stdout', async () => {
    const { code, stdout } = await gex(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage:');
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('--json');
  });
});

describe('the built CLI (dist/cli.js, built by npm test\'s pretest)', () => {
  it('finds the bundled sample from dist/ and prints the JSON report', () => {
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    if (!existsSync(cli)) throw new Error(`${cli} missing: run npm run build (npm test does it first)`);
    const out = execFileSync(process.execPath, [cli, 'gex', '--json'], { cwd: tmp, encoding: 'utf8' });
    const j = JSON.parse(out);
    expect(j.gammaWall).toBe(7000);
    expect(j.spot).toBe(6988.42);
  });
});

describe('errors go to stderr with a non-zero exit', () => {
  it('a bad number names the option and the value (usage error, exit 2)', async () => {
    const { code, stdout, stderr } = await gex(['--rate', 'abc']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--rate');
    expect(stderr).toContain('"abc"');
    expect(stderr).toContain("Run 'gammawall gex --help'");
  });

  it('an unknown option and an out-of-range band are usage errors; a negative rate is a value', async () => {
    expect((await gex(['--bogus'])).code).toBe(2);
    const negative = await gex(['--rate', '-0.005', '--json']);
    expect(negative.code).toBe(0);
    expect(JSON.parse(negative.stdout).gammaWall).toBe(7000);
    const band = await gex(['--band', '1.5']);
    expect(band.code).toBe(2);
    expect(band.stderr).toContain('--band');
  });

  it('a missing file and a malformed row exit 1 naming the file and line', async () => {
    const missing = await gex([join(tmp, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.csv');
    const bad = join(tmp, 'bad.csv');
    writeFileSync(bad, '# spot: 100\n# asOf: 2026-01-28T15:00:00-05:00\nexpiry,type,strike,iv,openInterest\n2026-02-20T16:00:00-05:00,call,abc,0.2,10\n');
    const r = await gex([bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.csv:4: column 3 \(strike\)/);
  });
});

describe('terminal', () => {
  it('colours only on a TTY, and never with NO_COLOR', () => {
    expect(styleFor({ write: () => true, isTTY: true }, {}).green('x')).toBe('\x1b[32mx\x1b[39m');
    expect(styleFor({ write: () => true, isTTY: false }, {}).green('x')).toBe('x');
    expect(styleFor({ write: () => true, isTTY: true }, { NO_COLOR: '1' }).green('x')).toBe('x');
  });

  it('the summary is coloured on a TTY', async () => {
    const { stdout } = await gex([], { tty: true });
    expect(stdout).toMatch(ANSI);
  });

  it('progress appears on a TTY stderr once past its threshold, is cleared, and never touches a non-TTY', async () => {
    const tty = sink(true);
    const p = new Progress(tty, 0);
    await p.phase('reading');
    p.done();
    expect(tty.text).toContain('reading');
    expect(tty.text.endsWith('\r\x1b[2K')).toBe(true);
    const quiet = sink(true);
    const q = new Progress(quiet, 60_000);
    await q.phase('reading');
    q.done();
    expect(quiet.text).toBe('');
    const plain = sink(false);
    const r = new Progress(plain, 0);
    await r.phase('reading');
    r.done();
    expect(plain.text).toBe('');
  });
});
