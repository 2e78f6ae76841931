// Terminal niceties for the CLI: ANSI colours only on a TTY (and never with NO_COLOR), and a progress line
// on stderr that appears only once a command has run longer than a second.

/** A stream as the CLI sees it: something to write to, maybe a TTY. */
export interface TermStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

/** Colours for a stream: ANSI escapes on a TTY unless NO_COLOR is set (no-color.org), plain text otherwise. */
export function styleFor(stream: TermStream, env: Record<string, string | undefined> = process.env): Style {
  const on = stream.isTTY === true && !env.NO_COLOR;
  const wrap = (open: number, close: number) => (s: string) => (on ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    green: wrap(32, 39),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
  };
}

const FRAMES = ['|', '/', '-', '\\'];

/**
 * Progress on stderr, on a TTY only (a log file or CI output gets no spinner noise). The work is a sequence
 * of phases; `phase(label)` yields to the event loop and, once more than `afterMs` have passed since the
 * start, shows the phase on one rewritten line; a timer keeps it ticking between phases. `done()` clears the
 * line. Nothing is ever written to stdout.
 */
export class Progress {
  private readonly start = Date.now();
  private shown = false;
  private frame = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private label = '';

  constructor(
    private readonly stream: TermStream,
    private readonly afterMs = 1000,
  ) {}

  async phase(label: string): Promise<void> {
    if (!this.stream.isTTY) return;
    this.label = label;
    await new Promise<void>((resolve) => setImmediate(resolve)); // let a pending timer tick first
    this.tick();
    if (!this.timer) {
      // A long synchronous phase cannot tick; the timer fires at the next phase boundary at the latest.
      this.timer = setInterval(() => this.tick(), 100);
      this.timer.unref?.();
    }
  }

  private tick(): void {
    const ms = Date.now() - this.start;
    if (ms < this.afterMs) return;
    this.stream.write(`\r\x1b[2K${FRAMES[this.frame++ % FRAMES.length]} ${this.label} (${(ms / 1000).toFixed(1)} s)`);
    this.shown = true;
  }

  done(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
