import type { Logger } from '@imcat/source-kit';

/**
 * Progress for long runs: one redrawn status line on a TTY, plain lines
 * elsewhere (CI logs). Log lines go to stderr so stdout stays clean for
 * query output.
 */
export class Progress implements Logger {
  private statusLine = '';
  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly tty = Boolean(process.stderr.isTTY) && !process.env.CI,
    private readonly verbose = false,
  ) {}

  private clear(): void {
    if (this.tty && this.statusLine) this.stream.write('\r\x1b[2K');
  }

  private redraw(): void {
    if (this.tty && this.statusLine) this.stream.write(this.statusLine);
  }

  line(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
    this.redraw();
  }

  /** A bar on a TTY ("scrape [####------] 4/10 openneuro"), a plain line otherwise. */
  step(stage: string, done: number, total: number, detail: string): void {
    if (!this.tty) {
      this.stream.write(`${stage} ${done}/${total} ${detail}\n`);
      return;
    }
    const width = 20;
    const filled = total ? Math.round((done / total) * width) : width;
    this.clear();
    this.statusLine = `${stage} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${detail}`.slice(0, (this.stream.columns ?? 100) - 1);
    this.redraw();
  }

  /** Only on a TTY: what is running now (CI logs get the finished line from step()). */
  status(stage: string, done: number, total: number, detail: string): void {
    if (this.tty) this.step(stage, done, total, detail);
  }

  done(): void {
    this.clear();
    this.statusLine = '';
  }

  info(message: string): void {
    if (this.verbose) this.line(message);
  }
  warn(message: string): void {
    this.line(`warning: ${message}`);
  }
  error(message: string): void {
    this.line(`error: ${message}`);
  }
}
