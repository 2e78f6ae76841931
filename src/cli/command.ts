// Plumbing shared by the table commands: the io contract with the dispatcher, error reporting and exit codes,
// and wiring an input file or stdin and an output file or stdout around the streaming transform.

import { open } from 'node:fs/promises';
import { UsageError } from './args.js';
import { InputError } from './csv.js';
import type { CommandIo } from './io.js';
import { Progress } from './term.js';
import { fileSink, streamSink, type Sink } from './sink.js';
import { transformCsv, type ChunkProcessor } from './table.js';

export type { CommandIo };

/** Exit codes: 0 success, 1 bad input data or a runtime failure, 2 a bad command line. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A failure whose message is already complete (printed after the command name). */
export class CliError extends Error {
  override name = 'CliError';
}

/**
 * Runs a command body, turning thrown errors into one line on stderr and an exit code:
 * `gammawall NAME: message` (usage errors add a pointer to --help).
 */
export async function runCommand(name: string, io: CommandIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`gammawall ${name}: ${err.message}\nRun 'gammawall ${name} --help' for usage.\n`);
      return EXIT.usage;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`gammawall ${name}: ${message}\n`);
    return EXIT.failure;
  }
}

/**
 * Streams `file` (or stdin when absent or `-`) through `proc` into `out` (or stdout). Input errors are
 * rethrown as CliError `SOURCE:LINE: message`; a file output is only renamed into place on success.
 * `name` labels the progress line (rows done) that a terminal stderr shows for runs longer than a second
 * (GAMMAWALL_PROGRESS_AFTER_MS overrides the delay, as for gex).
 */
export async function transformFile(
  name: string,
  io: CommandIo,
  file: string | undefined,
  out: string | undefined,
  proc: ChunkProcessor,
): Promise<number> {
  if (file === undefined && (io.stdin as { isTTY?: boolean }).isTTY) {
    throw new UsageError('no input: give a CSV file, or pipe one into stdin (use - to type it in)');
  }
  const fromStdin = file === undefined || file === '-';
  const source = fromStdin ? '<stdin>' : file;
  let input: AsyncIterable<string | Uint8Array>;
  let closeInput = async (): Promise<void> => {};
  if (fromStdin) {
    input = io.stdin;
  } else {
    const fh = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
      throw new CliError(`cannot read ${file}: ${err.code ?? err.message}`);
    });
    const stream = fh.createReadStream({ highWaterMark: 1 << 16 });
    input = stream;
    closeInput = async () => {
      stream.destroy();
    };
  }
  let sink: Sink;
  try {
    sink = out === undefined || out === '-' ? streamSink(io.stdout) : await fileSink(out);
  } catch (err) {
    await closeInput();
    throw new CliError((err as Error).message);
  }
  const progress = new Progress(io.stderr as NodeJS.WritableStream & { isTTY?: boolean }, Number(process.env.GAMMAWALL_PROGRESS_AFTER_MS ?? 1000));
  try {
    await transformCsv(input, sink, proc, (rows) => progress.phase(`gammawall ${name}: ${rows.toLocaleString('en-US')} rows`));
    progress.done();
    await sink.finish();
    return EXIT.ok;
  } catch (err) {
    progress.done();
    await sink.abort();
    if (err instanceof InputError) {
      throw new CliError(`${source}${err.line > 0 ? `:${err.line}` : ''}: ${err.message}`);
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code && e.syscall === 'read') throw new CliError(`cannot read ${source}: ${e.code}`);
    throw err;
  } finally {
    await closeInput();
  }
}
