/**
 * The reference allocator of each kind (glibc for C, impl for TypeScript),
 * measured in the same grading run as the submissions, on the same machine:
 * its throughput on each trace, and the CPU time its checked replay of a trace
 * takes, which sets how long a submission may take (suite.ts).
 *
 * Invariant: one reference runner per kind, asked one request at a time
 * (requests are chained), since a runner serves one program at a time however
 * many submissions are graded at once; each figure is measured once per run.
 */
import type { Limit, Program, Runner, Submission_kind } from './runner.ts';
import type { Open_failure } from './ts_runner.ts';

export type Open_reference = () => Promise<Runner | Open_failure>;

export class References {
  private readonly runners = new Map<Submission_kind, Promise<Runner | Open_failure>>();
  private readonly figures = new Map<string, Promise<number | undefined>>();
  private chain: Promise<unknown> = Promise.resolve();

  /** Ops/s of the reference of `kind` on `trace` (0 if the reference cannot run it). */
  async ops_per_sec(kind: Submission_kind, open: Open_reference, trace: string, p: Program, budget_ms: number, limit: Limit): Promise<number> {
    const ops = await this.measure(`timed\n${kind}\n${trace}`, kind, open, async (r) => {
      const out = await r.timed(p, budget_ms, limit);
      return out.kind === 'ok' ? out.opsPerSec : undefined;
    });
    return ops ?? 0;
  }

  /** CPU seconds of the reference's checked replay of `trace`; undefined if it does not pass. */
  checked_cpu_s(kind: Submission_kind, open: Open_reference, trace: string, p: Program, limit: Limit): Promise<number | undefined> {
    return this.measure(`checked\n${kind}\n${trace}`, kind, open, async (r) => {
      const out = await r.checked(p, limit);
      return out.kind === 'ok' ? out.cpu_s : undefined;
    });
  }

  async close(): Promise<void> {
    for (const r of this.runners.values()) {
      const runner = await r;
      if ('close' in runner) await runner.close();
    }
  }

  private measure(key: string, kind: Submission_kind, open: Open_reference, f: (r: Runner) => Promise<number | undefined>): Promise<number | undefined> {
    let figure = this.figures.get(key);
    if (figure === undefined) {
      figure = this.serial(async () => {
        if (!this.runners.has(kind)) this.runners.set(kind, open());
        const r = await this.runners.get(kind)!;
        return 'timed' in r ? f(r) : undefined;
      });
      this.figures.set(key, figure);
    }
    return figure;
  }

  private serial<T>(f: () => Promise<T>): Promise<T> {
    const next = this.chain.then(f);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
