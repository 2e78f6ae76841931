// A row counter on stderr for long runs (issue 6: "a progress indicator on stderr for inputs that take more
// than a second"). Only on a terminal, so pipes, files and tests see nothing; erased when the run ends.

/** Reports rows done; silent for the first second, then at most every 250 ms. */
export class Progress {
  private readonly start: number;
  private last = -Infinity;
  private shown = false;

  constructor(
    private readonly label: string,
    private readonly stderr: NodeJS.WritableStream,
    private readonly now: () => number = Date.now,
  ) {
    this.start = now();
  }

  /** A progress reporter when `stderr` is a terminal, else undefined. */
  static forTerminal(label: string, stderr: NodeJS.WritableStream): Progress | undefined {
    return (stderr as { isTTY?: boolean }).isTTY ? new Progress(label, stderr) : undefined;
  }

  update(rows: number): void {
    const t = this.now();
    if (t - this.start < 1000 || t - this.last < 250) return;
    this.last = t;
    this.shown = true;
    this.stderr.write(`\r${this.label}: ${rows.toLocaleString('en-US')} rows`);
  }

  /** Erases the line if anything was shown. */
  done(): void {
    if (this.shown) this.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
