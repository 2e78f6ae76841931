// In-memory stdin/stdout/stderr for driving CLI commands through run(), and a CSV reader for their output.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { Readable, Writable } from 'node:stream';
import { CsvSplitter } from '../../src/cli/csv.js';
import type { CommandIo } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A writable that keeps everything written to it. */
export function memoryWritable(): Writable & { text(): string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      cb();
    },
  });
  return Object.assign(w, { text: () => chunks.join('') });
}

/** Runs a command module's run() with `stdin` as input (a string, or chunks given one by one). */
export async function runCli(
  mod: { run(argv: string[], io: CommandIo): Promise<number> },
  argv: string[],
  stdin: string | Iterable<string> | AsyncIterable<string> = '',
): Promise<CliResult> {
  const stdout = memoryWritable();
  const stderr = memoryWritable();
  const input = Readable.from(typeof stdin === 'string' ? [stdin] : stdin);
  const code = await mod.run(argv, { stdin: input, stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Parses CSV text (header + rows) into objects keyed by header name. */
export function readCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const s = new CsvSplitter();
  const records = s.push(text).concat(s.end());
  const header = records[0]?.fields ?? [];
  const rows = records.slice(1).map((r) => {
    expect(r.fields.length).toBe(header.length);
    return Object.fromEntries(header.map((h, i) => [h, r.fields[i]]));
  });
  return { header, rows };
}

/** A file of test/fixtures as text. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}
