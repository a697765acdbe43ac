/**
 * Progress of a long run, on stderr so that stdout stays the report: on a
 * TTY a bar redrawn in place with counts and an ETA; otherwise (CI logs) a
 * plain line every PERIOD_S seconds and one at the end. Notes (a submission
 * graded, a finding) are lines of their own either way.
 *
 * cli-progress and its kin draw TTY bars only; the plain-line mode is what CI
 * needs, and both together are this file.
 */
const PERIOD_S = 10;
const BAR = 30;

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}

export class Progress {
  private done = 0;
  private readonly t0 = performance.now();
  private next_line_s = PERIOD_S;
  private drawn = false;

  /** `total` items of `unit` (traces, submissions, properties, seconds). */
  constructor(
    private readonly unit: string,
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  /** `done` items are done now; `what` is the last one. */
  at(done: number, what = ''): void {
    this.done = done;
    const s = (performance.now() - this.t0) / 1000;
    const eta = done > 0 ? (s / done) * (this.total - done) : Infinity;
    const counts = `${done}/${this.total} ${this.unit}, ${duration(s)}, ETA ${duration(eta)}`;
    if (this.out.isTTY) {
      const filled = this.total > 0 ? Math.round((BAR * done) / this.total) : BAR;
      const line = `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${counts}${what === '' ? '' : `  ${what}`}`;
      this.out.write(`\r${line.slice(0, (this.out.columns ?? 120) - 1)}\x1b[K`);
      this.drawn = true;
    } else if (s >= this.next_line_s) {
      this.out.write(`${counts}${what === '' ? '' : `  ${what}`}\n`);
      this.next_line_s = s + PERIOD_S;
    }
  }

  tick(what = ''): void {
    this.at(this.done + 1, what);
  }

  /** A line of its own, above the bar. */
  note(line: string): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.out.write(`${line}\n`);
    this.drawn = false;
  }

  /** The last line: counts and time, the bar gone. */
  end(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.out.write(`${this.done}/${this.total} ${this.unit} in ${duration((performance.now() - this.t0) / 1000)}\n`);
  }
}
