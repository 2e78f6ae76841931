#!/usr/bin/env node
// gammawall CLI: dispatches to one module per command (each exports run(argv, io) and help).
import type { CommandIo } from './io.js';

const COMMANDS: Record<string, () => Promise<{ run(argv: string[], io: CommandIo): Promise<number>; help: string }>> = {
  greeks: () => import('./greeks.js'),
  iv: () => import('./iv.js'),
  gex: () => import('./gex.js'),
};

const USAGE = `gammawall: Black-Scholes-Merton greeks, implied volatility and dealer gamma exposure

Usage:
  gammawall gex [CHAIN]        gamma wall, call/put walls, zero gamma (default: the bundled SPX sample)
  gammawall greeks [FILE|-]    prices and 17 greeks for a CSV of options
  gammawall iv [FILE|-]        implied volatilities for a CSV of option prices
  gammawall <command> --help   options and examples for one command
`;

async function main(argv: string[]): Promise<number> {
  const io: CommandIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(USAGE);
    return cmd === undefined ? 1 : 0;
  }
  const load = COMMANDS[cmd];
  if (!load) {
    process.stderr.write(`gammawall: unknown command ${JSON.stringify(cmd)}\n\n${USAGE}`);
    return 2;
  }
  const mod = await load();
  return mod.run(rest, io);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`gammawall: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
