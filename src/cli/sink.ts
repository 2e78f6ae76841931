// Output endpoints for the CLI: a writable stream with backpressure that goes quiet on EPIPE (the reader,
// e.g. `head`, has gone), and a file written under a temporary name and renamed only when complete, so a
// failed run never leaves a plausible-looking partial file behind.

import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';

export interface Sink {
  /** Writes text, resolving when the stream can take more. Rejects on a write error other than EPIPE. */
  write(text: string): Promise<void>;
  /** True once the reader has gone (EPIPE): further writes are dropped and the producer should stop. */
  readonly closed: boolean;
  /** Completes the output (flushes; for a file: closes and renames into place). */
  finish(): Promise<void>;
  /** Abandons the output after an error (for a file: removes the temporary file). */
  abort(): Promise<void>;
}

function isEpipe(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

/** A sink over an open writable stream (stdout, or a test's in-memory stream); it never ends the stream. */
export function streamSink(stream: NodeJS.WritableStream): Sink {
  let closed = false;
  let failure: Error | undefined;
  const wake = new Set<() => void>();
  // Stays attached: a late EPIPE from the last write must not surface as an unhandled 'error' event.
  stream.on('error', (err: Error) => {
    if (isEpipe(err)) closed = true;
    else failure ??= err;
    for (const w of wake) w();
  });
  const settle = (): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        wake.delete(done);
        stream.removeListener('drain', done);
        resolve();
      };
      wake.add(done);
      stream.once('drain', done);
    });
  let last: Promise<void> = Promise.resolve();

  return {
    get closed() {
      return closed;
    },
    async write(text) {
      if (failure) throw failure;
      if (closed) return;
      let flushed!: () => void;
      last = new Promise<void>((resolve) => (flushed = resolve));
      const ok = stream.write(text, (err?: Error | null) => {
        if (err && isEpipe(err)) closed = true;
        else if (err) failure ??= err;
        flushed();
      });
      if (!ok && !closed && !failure) await settle();
      if (failure) throw failure;
    },
    async finish() {
      if (failure) throw failure;
      if (!closed) await last;
      if (failure) throw failure;
    },
    async abort() {},
  };
}

/** A sink writing `path` via `path.<pid>.tmp`, renamed to `path` on finish() and removed on abort(). */
export async function fileSink(path: string): Promise<Sink> {
  const tmp = `${path}.${process.pid}.tmp`;
  const stream = createWriteStream(tmp);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new Error(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? err.message}`)));
  });
  const inner = streamSink(stream);
  const close = (): Promise<void> =>
    new Promise((resolve, reject) => {
      stream.once('error', reject);
      stream.end(() => resolve());
    });
  return {
    get closed() {
      return inner.closed;
    },
    write: (text) => inner.write(text),
    async finish() {
      await inner.finish();
      await close();
      await rename(tmp, path);
    },
    async abort() {
      stream.destroy();
      await unlink(tmp).catch(() => undefined);
    },
  };
}
