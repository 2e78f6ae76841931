// `gammawall greeks`: the reference file fed straight in (both backends, tolerance rule), column handling,
// every class of malformed input, --out, bounded streaming of 1,000,000 rows, and the built CLI as a process.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as greeksCmd from '../src/cli/greeks.js';
import { GreeksProcessor, type GreeksEngine } from '../src/cli/greeks.js';
import { streamSink } from '../src/cli/sink.js';
import { transformCsv } from '../src/cli/table.js';
import { CHUNK, GREEKS } from '../src/engine/abi.js';
import { createEngine } from '../src/index.js';
import { fixture, memoryWritable, readCsv, runCli } from './helpers/cli-io.js';

const BACKENDS = ['wasm', 'js'] as const;
const REFERENCE = fixture('bsm-greeks.csv'); // copy of shared/reference/bsm-greeks.csv (mpmath, 60 digits)

// Tolerance rule of shared/reference/README.md (DESIGN.md section 2): |x - ref| <= 1e-12 |ref| + 1e-12 scale.
function withinRule(x: number, ref: number, scale: number): boolean {
  return Math.abs(x - ref) <= 1e-12 * Math.abs(ref) + 1e-12 * scale;
}

describe.each(BACKENDS)('reference file fed straight in (%s)', (backend) => {
  it('keeps every input column, adds the 17 greeks, each within the tolerance rule', async () => {
    const res = await runCli(greeksCmd, ['--backend', backend], REFERENCE);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const input = readCsv(REFERENCE);
    const { header, rows } = readCsv(res.stdout);
    // The reference's own value columns collide with ours and come out renamed with _in.
    const renamed = input.header.map((h) => ((GREEKS as readonly string[]).includes(h) ? `${h}_in` : h));
    expect(header).toEqual([...renamed, ...GREEKS]);
    expect(rows.length).toBe(input.rows.length);
    const failures: string[] = [];
    rows.forEach((row, i) => {
      for (const h of input.header) {
        const key = (GREEKS as readonly string[]).includes(h) ? `${h}_in` : h;
        if (row[key] !== input.rows[i][h]) failures.push(`row ${i} column ${h} not passed through verbatim`);
      }
      for (const g of GREEKS) {
        const x = Number(row[g]);
        const ref = Number(row[`${g}_in`]);
        const scale = Number(row[`scale_${g}`]);
        if (!withinRule(x, ref, scale)) failures.push(`id ${row.id} ${g}: got ${row[g]}, reference ${ref}, scale ${scale}`);
      }
    });
    expect(failures.slice(0, 20)).toEqual([]);
  });
});

describe('columns and output form', () => {
  const haugRef = readCsv(REFERENCE).rows[0]; // Haug's 60/65/0.25/30%/8% call, price 2.1333684449162

  it('reads aliases in any order, --rate/--dividend for absent columns, --greeks subset in the given order', async () => {
    const input = 'Strike,Spot,vol,time,cp,tag\n65,60,0.3,0.25,c,"Haug, p.2"\n';
    const res = await runCli(greeksCmd, ['--greeks', 'gamma,price', '--rate', '0.08', '--dividend', '0'], input);
    expect(res.stderr).toBe('');
    const { header, rows } = readCsv(res.stdout);
    expect(header).toEqual(['Strike', 'Spot', 'vol', 'time', 'cp', 'tag', 'gamma', 'price']);
    expect(rows[0].tag).toBe('Haug, p.2');
    expect(withinRule(Number(rows[0].price), Number(haugRef.price), Number(haugRef.scale_price))).toBe(true);
    expect(withinRule(Number(rows[0].gamma), Number(haugRef.gamma), Number(haugRef.scale_gamma))).toBe(true);
  });

  it('writes every number in shortest round-trip form (String(x))', async () => {
    const res = await runCli(greeksCmd, ['--backend', 'js'], REFERENCE.split('\n').slice(0, 200).join('\n'));
    const { rows } = readCsv(res.stdout);
    expect(rows.length).toBe(199);
    for (const row of rows) for (const g of GREEKS) expect(String(Number(row[g]))).toBe(row[g]);
  });

  it('accepts a header-only input (header out, no rows)', async () => {
    const res = await runCli(greeksCmd, ['--greeks', 'price'], 'type,S,K,T,sigma,r,q\n');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('type,S,K,T,sigma,r,q,price\n');
  });

  it('--help prints usage with examples on stdout', async () => {
    const res = await runCli(greeksCmd, ['--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Usage: gammawall greeks/);
    expect(res.stdout).toMatch(/Examples:\n  gammawall greeks chain.csv/);
  });
});

describe('malformed input stops with the line, column and value; nothing is written', () => {
  const H = 'id,type,S,K,T,sigma,r,q\n';
  const OK = '1,call,100,100,0.5,0.2,0.01,0\n';
  it.each([
    ['a bad number', `${H}${OK}2,put,100,1OO,0.5,0.2,0.01,0\n`, /^gammawall greeks: <stdin>:3: column 4 "K": expected a finite decimal number, got "1OO"\n$/],
    ['an empty field', `${H}${OK}2,put,100,100,,0.2,0.01,0\n`, /<stdin>:3: column 5 "T": expected a finite decimal number, got ""/],
    ['NaN', `${H}2,put,NaN,100,0.5,0.2,0.01,0\n`, /<stdin>:2: column 3 "S": expected a finite decimal number, got "NaN"/],
    ['a hex number', `${H}2,put,0x64,100,0.5,0.2,0.01,0\n`, /<stdin>:2: column 3 "S": expected a finite decimal number, got "0x64"/],
    ['too few fields', `${H}${OK}2,put,100,100,0.5,0.2,0.01\n`, /<stdin>:3: expected 8 fields as in the header, got 7/],
    ['too many fields', `${H}2,put,100,100,0.5,0.2,0.01,0,9\n`, /<stdin>:2: expected 8 fields as in the header, got 9/],
    ['an unknown type', `${H}2,straddle,100,100,0.5,0.2,0.01,0\n`, /<stdin>:2: column 2 "type": unknown option type \(expected call or put\), got "straddle"/],
    ['S = 0', `${H}2,put,0,100,0.5,0.2,0.01,0\n`, /<stdin>:2: column 3 "S": must be greater than 0, got "0"/],
    ['K < 0', `${H}2,put,100,-5,0.5,0.2,0.01,0\n`, /<stdin>:2: column 4 "K": must be greater than 0, got "-5"/],
    ['T < 0', `${H}2,put,100,100,-0.1,0.2,0.01,0\n`, /<stdin>:2: column 5 "T": must not be negative, got "-0.1"/],
    ['sigma < 0', `${H}2,put,100,100,0.5,-0.2,0.01,0\n`, /<stdin>:2: column 6 "sigma": must not be negative, got "-0.2"/],
    ['an alias column', 'type,spot,strike,time,vol,rate,dividend\nput,100,100,0.5,0.2,abc,0\n', /<stdin>:2: column 6 "rate" \(r\): expected a finite decimal number, got "abc"/],
    ['a missing column', 'type,S,K,T,r,q\nput,100,100,0.5,0.01,0\n', /<stdin>:1: header: no column for sigma \(accepted names: sigma, vol, volatility, iv\)/],
    ['an empty input', '', /<stdin>: empty input: expected a header line/],
    ['a broken quote', `${H}"2,put,100,100,0.5,0.2,0.01,0\n`, /<stdin>:2: unterminated quoted field/],
  ])('%s', async (_name, input, message) => {
    const res = await runCli(greeksCmd, [], input);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(message);
    expect(res.stdout).toBe('');
  });

  it('a bad row in a later chunk: earlier chunks are out, the error names its line, exit code 1', async () => {
    let text = H;
    for (let i = 0; i < CHUNK + 10; i++) text += `${i},call,100,${80 + (i % 40)},0.5,0.2,0.01,0\n`;
    text += 'bad,call,100,100,0.5,-1,0.01,0\n';
    const res = await runCli(greeksCmd, ['--greeks', 'delta'], text);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(new RegExp(`<stdin>:${CHUNK + 12}: column 6 "sigma": must not be negative, got "-1"`));
    expect(readCsv(res.stdout).rows.length).toBe(CHUNK);
  });

  it.each([
    [['--greeks', 'price,gama'], /--greeks: unknown greek "gama"/],
    [['--greeks', 'price,price'], /--greeks: "price" listed twice/],
    [['--backend', 'gpu'], /--backend: expected one of auto, wasm, js, got "gpu"/],
    [['a.csv', 'b.csv'], /expected at most one input file, got 2/],
    [['--verbose'], /unknown flag --verbose/],
    [['--rate', '0.01'], /--rate given but the input has an r column; use one/],
  ])('usage error %j exits 2 with a pointer to --help', async (argv, message) => {
    const res = await runCli(greeksCmd, argv, 'type,S,K,T,sigma,r,q\ncall,1,1,1,0.2,0,0\n');
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).toMatch(/Run 'gammawall greeks --help' for usage\./);
  });

  it('a missing input file is named', async () => {
    const res = await runCli(greeksCmd, ['/nonexistent/chain.csv']);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('gammawall greeks: cannot read /nonexistent/chain.csv: ENOENT\n');
  });
});

describe('--out', () => {
  it('writes the file (same bytes as stdout) and prints nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-greeks-'));
    const input = join(dir, 'in.csv');
    writeFileSync(input, REFERENCE.split('\n').slice(0, 50).join('\n'));
    const toStdout = await runCli(greeksCmd, [input]);
    const res = await runCli(greeksCmd, [input, '--out', join(dir, 'out.csv')]);
    expect(res).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(toStdout.stdout);
  });
  it('leaves no file (and no temporary file) when the input is malformed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-greeks-'));
    const res = await runCli(greeksCmd, ['-', '-o', join(dir, 'out.csv')], 'type,S,K,T,sigma,r,q\ncall,1,1,1,x,0,0\n');
    expect(res.code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });
  it('names an output path that cannot be written', async () => {
    const res = await runCli(greeksCmd, ['--out', '/nonexistent/dir/out.csv'], 'type,S,K,T,sigma,r,q\n');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/cannot write \/nonexistent\/dir\/out.csv: ENOENT/);
  });
});

describe('streaming', () => {
  it('streams 1,000,000 rows through engine.greeks in chunks, never holding more than a chunk plus read-ahead', async () => {
    const N = 1_000_000;
    const PER_READ = 500; // rows per input chunk handed to the reader
    const row = (i: number) => `${i % 2 ? 'put' : 'call'},100,${50 + (i % 101)},${0.01 + (i % 13) * 0.2},${0.1 + (i % 7) * 0.1},0.03,0.01`;
    let produced = 0;
    async function* input(): AsyncGenerator<string> {
      yield 'type,S,K,T,sigma,r,q\n';
      for (let i = 0; i < N; i += PER_READ) {
        let s = '';
        for (let j = i; j < i + PER_READ; j++) s += row(j) + '\n';
        produced += PER_READ;
        yield s;
      }
    }
    const engine = await createEngine();
    const calls: number[] = [];
    let computed = 0;
    let maxHeld = 0;
    const spy: GreeksEngine = {
      greeks(inputs, options) {
        calls.push(inputs.spot.length);
        maxHeld = Math.max(maxHeld, produced - computed);
        computed += inputs.spot.length;
        return engine.greeks(inputs, options);
      },
    };
    const sample = new Map<number, string>([[0, ''], [123_457, ''], [N - 1, '']]);
    let lines = 0;
    let partial = '';
    const sink = new Writable({
      highWaterMark: 1 << 16,
      write(chunk: Buffer, _enc, cb) {
        const parts = (partial + chunk.toString()).split('\n');
        partial = parts.pop()!;
        for (const p of parts) {
          if (sample.has(lines - 1)) sample.set(lines - 1, p);
          lines++;
        }
        setImmediate(cb); // a slow consumer, so backpressure matters
      },
    });
    await transformCsv(Readable.from(input()), streamSink(sink), new GreeksProcessor(spy, ['gamma']));
    expect(lines).toBe(N + 1);
    expect(calls.length).toBe(Math.ceil(N / CHUNK));
    expect(calls.slice(0, -1).every((m) => m === CHUNK)).toBe(true);
    expect(calls.at(-1)).toBe(N - CHUNK * (calls.length - 1));
    // Rows read but not yet computed: one chunk, plus what Readable.from buffers ahead (16 reads by default)
    // and the read being split. A reader that loaded the whole input would hold ~N.
    expect(maxHeld).toBeLessThanOrEqual(CHUNK + 18 * PER_READ);
    // The sampled output rows carry the engine's own values for those inputs.
    for (const [i, line] of sample) {
      const [type, S, K, T, sigma, r, q] = row(i).split(',');
      const want = engine.greeks(
        { type: type as 'call' | 'put', spot: +S, strike: +K, time: +T, vol: +sigma, rate: +r, dividend: +q },
        { greeks: ['gamma'] },
      ).gamma[0];
      expect(line).toBe(`${row(i)},${String(want)}`);
    }
  });
});

describe('terminal niceties', () => {
  it('progress: a terminal stderr gets a rows-done line, erased at the end; stdout is unchanged', async () => {
    const input = 'type,S,K,T,sigma,r,q\n' + 'call,100,90,0.5,0.2,0.01,0\n'.repeat(CHUNK + 1);
    const plain = await runCli(greeksCmd, ['--greeks', 'price'], input);
    let text = '';
    const stderr = Object.assign(new Writable({ write: (c, _e, cb) => ((text += c), cb()) }), { isTTY: true });
    const stdout = memoryWritable();
    process.env.GAMMAWALL_PROGRESS_AFTER_MS = '0'; // show at once (default: after 1 s)
    try {
      expect(await greeksCmd.run(['--greeks', 'price'], { stdin: Readable.from([input]), stdout, stderr })).toBe(0);
    } finally {
      delete process.env.GAMMAWALL_PROGRESS_AFTER_MS;
    }
    expect(stdout.text()).toBe(plain.stdout);
    expect(text).toMatch(/gammawall greeks: 4,096 rows/);
    expect(text.endsWith('\r\x1b[2K')).toBe(true);
  });
  it('no FILE and a terminal on stdin: a usage error instead of waiting for typed input', async () => {
    const stdin = Object.assign(Readable.from([]), { isTTY: true });
    let err = '';
    const stderr = new Writable({ write: (c, _e, cb) => ((err += c), cb()) });
    const code = await greeksCmd.run([], { stdin, stdout: new Writable({ write: (_c, _e, cb) => cb() }), stderr });
    expect(code).toBe(2);
    expect(err).toMatch(/no input: give a CSV file, or pipe one into stdin/);
  });
});

describe('EPIPE on stdout', () => {
  it('stops reading and exits 0 with nothing on stderr once the reader has gone', async () => {
    const TOTAL = 100 * CHUNK;
    let produced = 0;
    async function* input(): AsyncGenerator<string> {
      yield 'type,S,K,T,sigma,r,q\n';
      for (; produced < TOTAL; produced += 256) yield 'call,100,90,0.5,0.2,0.01,0\n'.repeat(256);
    }
    let writes = 0;
    const stdout = new Writable({
      write(_chunk, _enc, cb) {
        // The first write (header + first chunk) goes through; then the pipe is closed, like `| head`.
        if (writes++ === 0) cb();
        else cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    let errText = "";
    const stderr = new Writable({ write: (c, _e, cb) => { errText += c; cb(); } });
    const code = await greeksCmd.run(['--greeks', 'price', '--backend', 'js'], { stdin: Readable.from(input()), stdout, stderr });
    expect(errText).toBe('');
    expect(code).toBe(0);
    expect(writes).toBeGreaterThanOrEqual(2);
    expect(produced).toBeLessThan(TOTAL / 2); // it stopped reading soon after the failed write
  });
});

describe('the built CLI (dist/cli.js) as a process', () => {
  const cli = new URL('../dist/cli.js', import.meta.url).pathname;
  const exec = (args: string[], stdin: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, [cli, ...args]);
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d) => (stdout += d));
      p.stderr.on('data', (d) => (stderr += d));
      p.on('close', (code) => resolve({ code, stdout, stderr }));
      p.stdin.end(stdin);
    });

  it('is built (npm run build)', () => {
    expect(existsSync(cli), 'dist/cli.js missing: run `npm run build` first').toBe(true);
  });
  it('exit 0 and CSV on stdout for good input', async () => {
    const r = await exec(['greeks', '--greeks', 'price'], 'type,S,K,T,sigma,r,q\ncall,60,65,0.25,0.3,0.08,0\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const price = Number(r.stdout.split('\n')[1].split(',').at(-1));
    expect(withinRule(price, 2.1333684449162, 63.71291376493909)).toBe(true); // reference row 0 and its scale
  });
  it('exit 1 and the located error on stderr for a malformed row', async () => {
    const r = await exec(['greeks'], 'type,S,K,T,sigma,r,q\ncall,60,65,0.25,0.3,0.08,0\ncall,60,65,-1,0.3,0.08,0\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('gammawall greeks: <stdin>:3: column 4 "T": must not be negative, got "-1"\n');
  });
  it('exit 2 for a bad flag', async () => {
    const r = await exec(['greeks', '--bogus'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown flag --bogus/);
  });
  it('stops quietly (exit 0, empty stderr) when the reader goes away (EPIPE, like `| head -1`)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-epipe-'));
    const file = join(dir, 'big.csv');
    let text = 'type,S,K,T,sigma,r,q\n';
    for (let i = 0; i < 200_000; i++) text += `call,100,${50 + (i % 100)},0.5,0.2,0.01,0\n`;
    writeFileSync(file, text);
    const r = await new Promise<{ code: number | null; stderr: string; first: string }>((resolve) => {
      const p = spawn(process.execPath, [cli, 'greeks', file, '--greeks', 'price']);
      let stderr = '';
      let first = '';
      p.stderr.on('data', (d) => (stderr += d));
      p.stdout.once('data', (d: Buffer) => {
        first = d.toString().split('\n')[0];
        p.stdout.destroy(); // close our end of the pipe: the CLI's next write fails with EPIPE
      });
      p.on('close', (code) => resolve({ code, stderr, first }));
    });
    expect(r.first).toBe('type,S,K,T,sigma,r,q,price');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
