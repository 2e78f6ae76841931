// The shared CLI flag parser.
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError, type FlagSpecs } from '../src/cli/args.js';

const SPEC = {
  out: { type: 'string', short: 'o' },
  backend: { type: 'string', values: ['auto', 'wasm', 'js'], default: 'auto' },
  rate: { type: 'number' },
  band: { type: 'number', default: 0.2 },
  json: { type: 'boolean' },
} as const satisfies FlagSpecs;

describe('parseArgs', () => {
  it('reads --flag value, --flag=value, short flags, booleans and positionals; applies defaults', () => {
    const a = parseArgs(['in.csv', '--out', 'x.csv', '--rate=0.05', '--json'], SPEC);
    expect(a.positionals).toEqual(['in.csv']);
    expect(a.flags).toEqual({ out: 'x.csv', backend: 'auto', rate: 0.05, band: 0.2, json: true });
    expect(a.help).toBe(false);
    expect(parseArgs(['-o', 'y.csv'], SPEC).flags.out).toBe('y.csv');
    expect(parseArgs([], SPEC).flags).toEqual({ out: undefined, backend: 'auto', rate: undefined, band: 0.2, json: false });
  });
  it('takes a value starting with a dash (negative rates) and keeps - as a positional (stdin)', () => {
    const a = parseArgs(['-', '--rate', '-0.01'], SPEC);
    expect(a.positionals).toEqual(['-']);
    expect(a.flags.rate).toBe(-0.01);
  });
  it('treats everything after -- as positionals', () => {
    expect(parseArgs(['--', '--json', '-o'], SPEC).positionals).toEqual(['--json', '-o']);
  });
  it('recognises --help and -h', () => {
    expect(parseArgs(['--help'], SPEC).help).toBe(true);
    expect(parseArgs(['-h'], SPEC).help).toBe(true);
  });
  it.each([
    [['--nope'], /unknown flag --nope/],
    [['-x'], /unknown flag -x/],
    [['--out'], /--out needs a value/],
    [['--json=yes'], /--json takes no value/],
    [['--backend', 'gpu'], /--backend: expected one of auto, wasm, js, got "gpu"/],
    [['--rate', 'abc'], /--rate: expected a finite decimal number, got "abc"/],
    [['--rate', '0x10'], /--rate: expected a finite decimal number/],
    [['--out', 'a', '--out', 'b'], /--out given more than once/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv, SPEC)).toThrow(UsageError);
    expect(() => parseArgs(argv, SPEC)).toThrow(message);
  });
});
