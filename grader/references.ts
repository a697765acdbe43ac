/**
 * Reference throughput, measured once per grading run for each kind and trace,
 * on the same machine as the submissions. Invariant: one reference runner per
 * kind, asked one request at a time (requests are chained), since a runner
 * serves one program at a time however many submissions are graded at once.
 */
import type { Open_failure } from './ts_runner.ts';
import type { Program, Runner, Submission_kind } from './runner.ts';

export class References {
  private readonly runners = new Map<Submission_kind, Promise<Runner | Open_failure>>();
  private readonly times = new Map<string, Promise<number>>();
  private chain: Promise<unknown> = Promise.resolve();

  /** Ops/s of the reference of `kind` on `trace` (0 if the reference cannot run it). */
  ops_per_sec(kind: Submission_kind, open: () => Promise<Runner | Open_failure>, trace: string, p: Program, min_ms: number, limit_s: number): Promise<number> {
    const key = `${kind}\n${trace}`;
    let t = this.times.get(key);
    if (t === undefined) {
      t = this.serial(async () => {
        if (!this.runners.has(kind)) this.runners.set(kind, open());
        const r = await this.runners.get(kind)!;
        if (!('timed' in r)) return 0;
        const out = await r.timed(p, min_ms, limit_s);
        return out.kind === 'ok' ? out.opsPerSec : 0;
      });
      this.times.set(key, t);
    }
    return t;
  }

  async close(): Promise<void> {
    for (const r of this.runners.values()) {
      const runner = await r;
      if ('close' in runner) await runner.close();
    }
  }

  private serial<T>(f: () => Promise<T>): Promise<T> {
    const next = this.chain.then(f);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
