/**
 * The reference allocator of each kind (glibc for C, impl for TypeScript), in
 * the same grading run as the submissions, on the same machine: timed in turn
 * with each submission (timing.ts), asked how much CPU time its checked replay
 * of a trace takes, which sets how long a submission may take (suite.ts), and
 * with `--throughput instructions` how many instructions a replay of a trace
 * executes (the last two measured once a run).
 *
 * Invariants: one reference runner per kind, and every request to it goes
 * through one chain, since a runner serves one request at a time however many
 * submissions are graded at once; one submission is timed at a time, so that
 * the reference and the submission it is timed with share the machine only
 * with each other's turns (other submissions' checks may run beside them).
 */
import type { Limit, Program, Runner, Submission_kind } from './runner.ts';
import type { Open_failure } from './ts_runner.ts';

export type Open_reference = () => Promise<Runner | Open_failure>;

export class References {
  /** By kind, and by kind + ' counting' for the runner that counts instructions. */
  private readonly runners = new Map<string, Promise<Runner | undefined>>();
  private readonly figures = new Map<string, Promise<number | undefined>>();
  private chain: Promise<unknown> = Promise.resolve();
  private timing: Promise<unknown> = Promise.resolve();

  /** The reference runner of `kind`, its requests chained; undefined if it cannot run. */
  runner(kind: Submission_kind | `${Submission_kind} counting`, open: Open_reference): Promise<Runner | undefined> {
    let r = this.runners.get(kind);
    if (r === undefined) {
      r = this.serial(async () => {
        const opened = await open();
        return 'timed' in opened ? this.chained(opened) : undefined;
      });
      this.runners.set(kind, r);
    }
    return r;
  }

  /** CPU seconds of the reference's checked replay of `trace`; undefined if it does not pass. */
  checked_cpu_s(kind: Submission_kind, open: Open_reference, trace: string, p: Program, limit: Limit): Promise<number | undefined> {
    return this.figure(`checked\n${kind}\n${trace}`, async () => {
      const out = await (await this.runner(kind, open))?.checked(p, limit);
      return out?.kind === 'ok' ? out.cpu_s : undefined;
    });
  }

  /** Instructions of the reference's replay of `trace`, counted by the runner `open` opens; undefined if it cannot. */
  instructions(kind: Submission_kind, open: Open_reference, trace: string, p: Program, limit: Limit): Promise<number | undefined> {
    return this.figure(`instructions\n${kind}\n${trace}`, async () => {
      const out = await (await this.runner(`${kind} counting`, open))?.timed(p, true, limit);
      return out?.kind === 'ok' ? out.instructions : undefined;
    });
  }

  /** Run `f`, a submission's timing, when no other submission's timing runs. */
  timed<T>(f: () => Promise<T>): Promise<T> {
    const next = this.timing.then(f);
    this.timing = next.catch(() => undefined);
    return next;
  }

  private figure(key: string, measure: () => Promise<number | undefined>): Promise<number | undefined> {
    let f = this.figures.get(key);
    if (f === undefined) {
      f = measure();
      this.figures.set(key, f);
    }
    return f;
  }

  async close(): Promise<void> {
    for (const r of this.runners.values()) await (await r)?.close();
  }

  /** `r` with every request put on the chain. */
  private chained(r: Runner): Runner {
    return {
      kind: r.kind,
      checked: (p, limit, opts) => this.serial(() => r.checked(p, limit, opts)),
      timed: (p, first, limit) => this.serial(() => r.timed(p, first, limit)),
      robustness: (limit) => this.serial(() => r.robustness(limit)),
      output: () => r.output(),
      close: () => this.serial(() => r.close()),
    };
  }

  private serial<T>(f: () => Promise<T>): Promise<T> {
    const next = this.chain.then(f);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
