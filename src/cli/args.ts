// A small command-line flag parser shared by every `gammawall` command.
//
//   const spec = {
//     out: { type: 'string' },                                  // --out FILE, --out=FILE
//     backend: { type: 'string', values: ['auto', 'wasm', 'js'], default: 'auto' },
//     rate: { type: 'number' },                                 // --rate -0.01 (negative values are fine)
//     json: { type: 'boolean' },                                // --json (no value)
//   } as const satisfies FlagSpecs;
//   const { flags, positionals, help } = parseArgs(argv, spec);   // throws UsageError on bad input
//   flags.backend;  // 'auto' | 'wasm' | 'js' as string; flags.rate: number | undefined; flags.json: boolean
//
// Rules: `--help` / `-h` are always accepted and set `help`; `--` ends the flags; `-` alone is a positional
// (stdin); a string or number flag takes the next argument whatever it looks like (so `--rate -0.01` works);
// unknown flags, a missing value, a value given to a boolean, a value outside `values`, a non-number for a
// number flag and a flag given twice all throw UsageError naming the flag.

import { parseDecimal } from './csv.js';

/** A bad command line. Commands print its message (plus a pointer to --help) and exit with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export type FlagSpec =
  | { type: 'boolean'; short?: string }
  | { type: 'string'; short?: string; values?: readonly string[]; default?: string }
  | { type: 'number'; short?: string; default?: number };

export type FlagSpecs = Record<string, FlagSpec>;

/** The parsed value type of each flag: booleans are false when absent, others undefined unless defaulted. */
export type Flags<S extends FlagSpecs> = {
  [K in keyof S]: S[K] extends { type: 'boolean' }
    ? boolean
    : S[K] extends { type: 'number' }
      ? S[K] extends { default: number } ? number : number | undefined
      : S[K] extends { default: string } ? string : string | undefined;
};

export interface ParsedArgs<S extends FlagSpecs> {
  flags: Flags<S>;
  positionals: string[];
  /** True when --help or -h was given (other errors are still reported first). */
  help: boolean;
}

/** Parses `argv` (the arguments after the command name) against `spec`. Throws UsageError. */
export function parseArgs<S extends FlagSpecs>(argv: readonly string[], spec: S): ParsedArgs<S> {
  const values: Record<string, string | number | boolean | undefined> = {};
  const seen = new Set<string>();
  const positionals: string[] = [];
  let help = false;

  const byShort = new Map<string, string>();
  for (const [name, s] of Object.entries(spec)) if (s.short) byShort.set(s.short, name);

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
    } else {
      const long = byShort.get(arg.slice(1));
      if (long === undefined) throw new UsageError(`unknown flag ${arg}`);
      name = long;
    }
    const s = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (s === undefined) throw new UsageError(`unknown flag --${name}`);
    if (seen.has(name)) throw new UsageError(`--${name} given more than once`);
    seen.add(name);

    if (s.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value (got "${inline}")`);
      values[name] = true;
      continue;
    }
    let text = inline;
    if (text === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
      text = argv[++i];
    }
    if (s.type === 'number') {
      const x = parseDecimal(text);
      if (x === undefined) throw new UsageError(`--${name}: expected a finite decimal number, got "${text}"`);
      values[name] = x;
    } else {
      if (s.values && !s.values.includes(text)) {
        throw new UsageError(`--${name}: expected one of ${s.values.join(', ')}, got "${text}"`);
      }
      values[name] = text;
    }
  }

  for (const [name, s] of Object.entries(spec)) {
    if (values[name] !== undefined) continue;
    values[name] = s.type === 'boolean' ? false : s.default;
  }
  return { flags: values as Flags<S>, positionals, help };
}
