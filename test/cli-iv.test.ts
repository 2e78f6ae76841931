// `gammawall iv`: the reference file fed straight in (both backends, the iv accuracy rule), statuses as
// names, solver failures as rows (not errors), malformed rows as errors, and the built CLI as a process.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as ivCmd from '../src/cli/iv.js';
import { CHUNK, IV_STATUS_NAMES } from '../src/engine/abi.js';
import { fixture, readCsv, runCli } from './helpers/cli-io.js';

const BACKENDS = ['wasm', 'js'] as const;
const REFERENCE = fixture('bsm-iv.csv'); // copy of shared/reference/bsm-iv.csv (mpmath, 60 digits)

describe.each(BACKENDS)('reference file fed straight in (%s)', (backend) => {
  it('adds iv and iv_status; expect=sigma rows within the rule, expect=nan rows NaN with a failure status', async () => {
    const res = await runCli(ivCmd, ['--backend', backend], REFERENCE);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const input = readCsv(REFERENCE);
    const { header, rows } = readCsv(res.stdout);
    expect(header).toEqual([...input.header, 'iv', 'iv_status']);
    expect(rows.length).toBe(input.rows.length);
    const failures: string[] = [];
    let solved = 0;
    let unsolvable = 0;
    rows.forEach((row, i) => {
      for (const h of input.header) if (row[h] !== input.rows[i][h]) failures.push(`row ${i} column ${h} not passed through`);
      if (!IV_STATUS_NAMES.includes(row.iv_status as never)) failures.push(`id ${row.id}: unknown status ${row.iv_status}`);
      const iv = Number(row.iv);
      if (row.expect === 'sigma') {
        solved++;
        // Accuracy rule of shared/reference/README.md (DESIGN.md section 2): |iv - sigma| <= 1e-12 sigma (1 + cond).
        const sigma = Number(row.sigma);
        const tol = 1e-12 * sigma * (1 + Number(row.cond));
        if (row.iv_status !== 'ok' || !(Math.abs(iv - sigma) <= tol)) {
          failures.push(`id ${row.id}: iv ${row.iv} (${row.iv_status}), sigma ${sigma}, tolerance ${tol}`);
        }
      } else {
        unsolvable++;
        if (row.iv !== 'NaN' || row.iv_status === 'ok') failures.push(`id ${row.id}: expected NaN and a failure status, got ${row.iv} ${row.iv_status}`);
      }
    });
    expect(failures.slice(0, 20)).toEqual([]);
    expect(solved).toBeGreaterThan(0);
    expect(unsolvable).toBeGreaterThan(0);
  });
});

describe('statuses are rows, not errors', () => {
  it('names each failure class: below intrinsic, above the upper bound, expired, NaN price', async () => {
    const input = [
      'id,type,S,K,T,r,q,price',
      'below,call,100,80,0.5,0,0,10', // intrinsic is 20
      'above,call,100,80,0.5,0,0,150', // a call is worth less than S
      'expired,put,100,120,0,0,0,20',
      'nanprice,put,100,120,0.5,0,0,NaN',
      'good,call,100,100,0.5,0,0,5',
    ].join('\n');
    const res = await runCli(ivCmd, [], input);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const byId = Object.fromEntries(readCsv(res.stdout).rows.map((r) => [r.id, r]));
    expect([byId.below.iv, byId.below.iv_status]).toEqual(['NaN', 'belowIntrinsic']);
    expect([byId.above.iv, byId.above.iv_status]).toEqual(['NaN', 'aboveUpperBound']);
    expect([byId.expired.iv, byId.expired.iv_status]).toEqual(['NaN', 'expired']);
    expect([byId.nanprice.iv, byId.nanprice.iv_status]).toEqual(['NaN', 'invalidInput']);
    expect(byId.good.iv_status).toBe('ok');
    expect(Number(byId.good.iv)).toBeGreaterThan(0);
  });

  it('reads aliases and --rate/--dividend: recovers sigma = 0.3 from the Haug reference call price', async () => {
    // Haug's call (60/65/0.25, r = 8%, q = 0) at its 60-digit reference price 2.1333684449162 has sigma = 0.3.
    const res = await runCli(ivCmd, ['--rate', '0.08', '--dividend', '0'], 'cp,spot,strike,time,premium\nc,60,65,0.25,2.1333684449162\n');
    expect(res.stderr).toBe('');
    const [row] = readCsv(res.stdout).rows;
    expect(row.iv_status).toBe('ok');
    // cond = price / (sigma vega) = 2.13337 / (0.3 * 11.35154) ~ 0.63 (reference vega of that row).
    expect(Math.abs(Number(row.iv) - 0.3)).toBeLessThanOrEqual(1e-12 * 0.3 * (1 + 2.1333684449162 / (0.3 * 11.351544053521996)));
  });
});

describe('malformed input stops with the line, column and value', () => {
  const H = 'type,S,K,T,r,q,price\n';
  it.each([
    ['a bad price', `${H}call,100,100,0.5,0,0,5\ncall,100,100,0.5,0,0,five\n`, /<stdin>:3: column 7 "price": expected a finite decimal number or NaN, got "five"/],
    ['an empty price', `${H}call,100,100,0.5,0,0,\n`, /<stdin>:2: column 7 "price": expected a finite decimal number or NaN, got ""/],
    ['S <= 0', `${H}call,-1,100,0.5,0,0,5\n`, /<stdin>:2: column 2 "S": must be greater than 0, got "-1"/],
    ['T < 0', `${H}put,100,100,-0.5,0,0,5\n`, /<stdin>:2: column 4 "T": must not be negative, got "-0.5"/],
    ['an unknown type', `${H}cal,100,100,0.5,0,0,5\n`, /<stdin>:2: column 1 "type": unknown option type \(expected call or put\), got "cal"/],
    ['a wrong field count', `${H}call,100,100,0.5,0,5\n`, /<stdin>:2: expected 7 fields as in the header, got 6/],
    ['a missing price column', 'type,S,K,T,r,q,sigma\ncall,100,100,0.5,0,0,0.2\n', /no column for price \(accepted names: price, premium, option_price, mid\)/],
  ])('%s', async (_name, input, message) => {
    const res = await runCli(ivCmd, [], input);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(message);
    expect(res.stdout).toBe('');
  });

  it('usage errors exit 2; --help prints usage with examples', async () => {
    const bad = await runCli(ivCmd, ['--greeks', 'price'], '');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown flag --greeks/);
    const help = await runCli(ivCmd, ['-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: gammawall iv/);
    expect(help.stdout).toMatch(new RegExp(`iv_status  ${IV_STATUS_NAMES.join(', ')}`));
    expect(help.stdout).toMatch(/Examples:\n  gammawall iv quotes.csv/);
  });

  it('processes more than one chunk (row count and order kept)', async () => {
    let text = 'id,type,S,K,T,r,q,price\n';
    const n = 2 * CHUNK + 3;
    for (let i = 0; i < n; i++) text += `${i},call,100,100,0.5,0,0,${(1 + (i % 50) / 10).toFixed(1)}\n`;
    const res = await runCli(ivCmd, ['--backend', 'js'], text);
    expect(res.code).toBe(0);
    const { rows } = readCsv(res.stdout);
    expect(rows.map((r) => Number(r.id))).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(rows.every((r) => r.iv_status === 'ok')).toBe(true);
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

  it('exit 0 with iv and status for good and unsolvable rows; exit 1 for a malformed one', async () => {
    expect(existsSync(cli), 'dist/cli.js missing: run `npm run build` first').toBe(true);
    const ok = await exec(['iv'], 'type,S,K,T,r,q,price\ncall,100,80,0.5,0,0,10\n');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('type,S,K,T,r,q,price,iv,iv_status\ncall,100,80,0.5,0,0,10,NaN,belowIntrinsic\n');
    const bad = await exec(['iv'], 'type,S,K,T,r,q,price\ncall,100,80,0.5,0,zero,10\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('gammawall iv: <stdin>:2: column 6 "q": expected a finite decimal number, got "zero"\n');
  });
});
