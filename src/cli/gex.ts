// `gammawall gex [CHAIN]`: gamma wall, call and put walls, zero gamma and exposure by strike for an option
// chain (the bundled SPX sample by default); optional SVG chart and self-contained HTML report.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../index.js';
import { contractCount, readChain } from '../chain/index.js';
import { readTextFile } from '../read-text.js';
import { analyzeChain, DEALER_MODELS, type DealerModel } from '../gex/index.js';
import { JSON_REPORT_KEYS, type GexReport } from '../gex/report.js';
import { fmtBn, fmtLevel, toBn } from '../charts/format.js';
import { skippedText, topStrikes } from '../report/html.js';
import { parseArgs, UsageError, type FlagSpecs } from './args.js';
import { EXIT, runCommand, type CommandIo } from './command.js';
import { fileSink, streamSink } from './sink.js';
import { Progress, styleFor, type Style, type TermStream } from './term.js';

export const SAMPLE_FILE = 'data/sample/spx-2026-01-28.csv';

export const help = `gammawall gex: dealer gamma exposure of an option chain

Usage:
  gammawall gex [CHAIN] [options]

CHAIN is a CBOE delayed-quotes CSV, a long CSV (one contract per row) or JSON; '-' reads stdin.
Without CHAIN: the bundled synthetic SPX chain of 28 Jan 2026 (${SAMPLE_FILE}).

Options:
  --rate R        risk-free rate, continuous decimal (default: the chain's, else 0)
  --dividend Q    dividend yield, continuous decimal (default: the chain's, else 0)
  --as-of ISO     valuation instant, ISO 8601 with offset (default: the chain's quote time)
  --spot S        spot (default: the chain's)
  --band F        walls only among strikes within spot x (1 +- F), e.g. 0.1 (default: all strikes)
  --dealer-model M  longCallsShortPuts (default) or shortCallsLongPuts, for contracts without a signed position
  --json          print the report as JSON (GEX in dollars per 1% move) and nothing else on stdout
  --svg FILE      write the GEX-by-strike chart as SVG
  --html FILE     write a self-contained HTML report (charts inline, no network)
  -h, --help      this text

GEX = sign x gamma x open interest x multiplier x spot^2 x 1%: dollars of dealer delta change per 1% move;
dealers long calls and short puts (--dealer-model to reverse) unless the chain gives signed positions.

Examples:
  gammawall gex                                   the bundled sample: 7,000 gamma wall
  gammawall gex --svg out/gex.svg --html out/gex.html
  gammawall gex quotedata.csv --rate 0.043 --dividend 0.013
  gammawall gex quotedata.csv --as-of 2025-01-06T16:00:00-05:00 --json > gex.json
  gammawall gex chain.csv --band 0.1              walls within +-10% of spot
`;

const FLAGS = {
  rate: { type: 'number' },
  dividend: { type: 'number' },
  'as-of': { type: 'string' },
  spot: { type: 'number' },
  band: { type: 'number' },
  'dealer-model': { type: 'string', values: DEALER_MODELS },
  json: { type: 'boolean' },
  svg: { type: 'string' },
  html: { type: 'string' },
} as const satisfies FlagSpecs;

interface GexArgs {
  chain: string | undefined;
  rate?: number;
  dividend?: number;
  asOf?: string;
  spot?: number;
  band?: number;
  dealerModel?: DealerModel;
  json: boolean;
  svg?: string;
  html?: string;
  help: boolean;
}

/** A number flag that must also lie in a range (the shared parser already checked it is a finite decimal). */
function inRange(name: string, x: number | undefined, ok: (x: number) => boolean, expect: string): number | undefined {
  if (x !== undefined && !ok(x)) throw new UsageError(`--${name} must be ${expect} (got ${x})`);
  return x;
}

/** The command line of `gammawall gex`; throws UsageError naming the flag and value. */
export function parseGexArgs(argv: string[]): GexArgs {
  const { flags, positionals, help } = parseArgs(argv, FLAGS);
  if (positionals.length > 1) throw new UsageError(`expected at most one CHAIN file (got ${positionals.map((p) => JSON.stringify(p)).join(', ')})`);
  return {
    chain: positionals[0],
    rate: inRange('rate', flags.rate, (x) => Math.abs(x) < 1, 'a decimal rate such as 0.043'),
    dividend: inRange('dividend', flags.dividend, (x) => Math.abs(x) < 1, 'a decimal yield such as 0.013'),
    asOf: flags['as-of'],
    spot: inRange('spot', flags.spot, (x) => x > 0, 'a positive number'),
    band: inRange('band', flags.band, (x) => x > 0 && x < 1, 'a fraction between 0 and 1, e.g. 0.1'),
    dealerModel: flags['dealer-model'] as DealerModel | undefined,
    json: flags.json,
    svg: flags.svg,
    html: flags.html,
    help,
  };
}

/** The bundled sample, found from src/cli (tests) or dist/ (the built CLI) by walking up to the package root. */
export function samplePath(): string {
  let dir = typeof __dirname !== 'undefined' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, SAMPLE_FILE);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`bundled sample ${SAMPLE_FILE} not found above ${dirname(fileURLToPath(import.meta.url))}`);
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The JSON of `--json`: exactly the keys of JSON_REPORT_KEYS, in that order. */
export function jsonReport(report: GexReport): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of JSON_REPORT_KEYS) out[k] = report[k];
  return out;
}

/** The terminal summary (the first screen of the README). */
export function summaryText(r: GexReport, source: string, st: Style): string {
  const lv = (x: number | null, d?: number) => (x === null ? st.dim('none') : st.bold(fmtLevel(x, d)));
  const signed = (bn: number) => (bn > 0 ? st.green : bn < 0 ? st.red : (s: string) => s)(fmtBn(bn));
  const at = (k: number | null) => r.byStrike.find((s) => s.strike === k);
  const gw = at(r.gammaWall);
  const cw = at(r.callWall);
  const pw = at(r.putWall);
  const pct = (x: number) => {
    const p = (x / r.spot - 1) * 100;
    return `${p >= 0 ? '+' : ''}${p.toFixed(2)}% from spot`;
  };
  const skippedTotal = Object.values(r.skipped).reduce((s, n) => s + n, 0);
  const lines = [
    `${st.bold(`${r.underlying} dealer gamma exposure`)}  ${st.dim(source)}`,
    `  spot          ${st.bold(fmtLevel(r.spot))}`,
    `  as of         ${r.asOf}`,
    `  total GEX     ${signed(toBn(r.totalGex))} $bn per 1% move  ${st.dim(r.totalGex >= 0 ? '(dealers long gamma: hedging dampens moves)' : '(dealers short gamma: hedging amplifies moves)')}`,
    `  gamma wall    ${lv(r.gammaWall)}${gw ? st.dim(`  call ${fmtBn(toBn(gw.callGex))} / put ${fmtBn(toBn(gw.putGex))} $bn, ${pct(gw.strike)}`) : ''}`,
    `  call wall     ${lv(r.callWall)}${cw ? st.dim(`  ${fmtBn(toBn(cw.callGex))} $bn, ${pct(cw.strike)}`) : ''}`,
    `  put wall      ${lv(r.putWall)}${pw ? st.dim(`  ${fmtBn(toBn(pw.putGex))} $bn, ${pct(pw.strike)}`) : ''}`,
    `  zero gamma    ${lv(r.zeroGamma, 2)}${r.zeroGamma !== null ? st.dim(`  ${pct(r.zeroGamma)}; all roots: ${r.zeroGammaRoots.map((z) => fmtLevel(z, 2)).join(', ')}`) : st.dim('  (no sign change within the search band)')}`,
    `  contracts     ${fmtLevel(r.contracts)} used, ${fmtLevel(skippedTotal)} skipped${skippedTotal ? st.dim(` (${skippedText(r.skipped)})`) : ''}`,
    '',
    `  ${st.bold('top strikes')} ${st.dim('($bn per 1% move)')}`,
    `  ${st.dim('   strike      call       put       net')}`,
  ];
  for (const s of topStrikes(r, 8)) {
    const col = (bn: number) => signed(bn).padStart(10 + (signed(bn).length - fmtBn(bn).length));
    lines.push(`  ${fmtLevel(s.strike).padStart(9)}${col(toBn(s.callGex))}${col(toBn(s.putGex))}${col(toBn(s.netGex))}`);
  }
  return lines.join('\n') + '\n';
}

/** Writes a whole file (creating its directory) through a temporary name, so a failure leaves no partial file. */
async function writeOut(file: string, text: string): Promise<void> {
  await mkdir(dirname(resolve(file)), { recursive: true });
  const f = await fileSink(file);
  try {
    await f.write(text);
    await f.finish();
  } catch (err) {
    await f.abort();
    throw err;
  }
}

export async function run(argv: string[], io: CommandIo): Promise<number> {
  return runCommand('gex', io, async () => {
    const args = parseGexArgs(argv);
    if (args.help) {
      io.stdout.write(help);
      return EXIT.ok;
    }
    const stdout = io.stdout as TermStream & NodeJS.WritableStream;
    const progress = new Progress(io.stderr as TermStream, Number(process.env.GAMMAWALL_PROGRESS_AFTER_MS ?? 1000));
    try {
      const file = args.chain ?? samplePath();
      const source = args.chain === undefined ? `${SAMPLE_FILE} (bundled synthetic sample)` : args.chain === '-' ? 'stdin' : args.chain;
      await progress.phase(`reading ${source}`);
      const text = args.chain === '-' ? await readStdin(io.stdin) : await readTextFile(file);
      await progress.phase('parsing the chain');
      const chain = readChain(text, { source: args.chain === undefined ? SAMPLE_FILE : source });
      await progress.phase(`analysing ${fmtLevel(contractCount(chain))} contracts`);
      const engine = await createEngine();
      const report = analyzeChain(engine, chain, {
        rate: args.rate,
        dividend: args.dividend,
        asOf: args.asOf,
        spot: args.spot,
        band: args.band,
        dealerModel: args.dealerModel,
        profilePoints: 801, // steps of 0.05% of spot over +-20%: smooth through the 0DTE strikes near spot
      });
      if (args.svg !== undefined || args.html !== undefined) {
        await progress.phase('rendering charts');
        // Loaded only when needed: ECharts takes a noticeable part of a second to import.
        const [{ gexByStrikeOption, gexProfileOption, gexSurfaceHeight, gexSurfaceOption }, { renderSvg }, { htmlReport }] = await Promise.all([
          import('../charts/index.js'),
          import('../charts/render-node.js'),
          import('../report/html.js'),
        ]);
        const byStrike = renderSvg(gexByStrikeOption(report), { width: 1100, height: 560 });
        if (args.svg !== undefined) await writeOut(args.svg, byStrike);
        if (args.html !== undefined) {
          const profile = renderSvg(gexProfileOption(report), { width: 1100, height: 560 });
          const surface = renderSvg(gexSurfaceOption(report), { width: 1100, height: gexSurfaceHeight(report) });
          await writeOut(args.html, htmlReport(report, { byStrike, profile, surface }, { source }));
        }
      }
      progress.done();
      const out = streamSink(stdout); // quiet when the reader goes away (`gammawall gex --json | head`)
      if (args.json) {
        await out.write(JSON.stringify(jsonReport(report)) + '\n');
      } else {
        const st = styleFor(stdout);
        const wrote = [args.svg, args.html].filter((f): f is string => f !== undefined);
        await out.write(summaryText(report, source, st) + (wrote.length ? `\n  ${st.dim('wrote')} ${wrote.join(', ')}\n` : ''));
      }
      await out.finish();
      return EXIT.ok;
    } finally {
      progress.done();
    }
  });
}
