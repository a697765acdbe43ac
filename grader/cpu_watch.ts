/**
 * Enforcing a runner's Limit (runner.ts) on its child process: CPU seconds,
 * read from /proc/<pid>/stat, so a busy machine slows the answer but never
 * makes it a timeout; and a child that uses no CPU at all for BLOCKED_POLLS
 * polls in a row is blocked (a deadlock: a C allocator waiting on its own
 * lock). Polls are counted, not wall time, so a grader whose event loop
 * stalls never mistakes the stall for a blocked child.
 */
import { readFileSync } from 'node:fs';
import type { Limit } from './runner.ts';

/** Linux reports utime and stime in clock ticks of 1/100 s (sysconf(_SC_CLK_TCK)). */
const TICKS_PER_S = 100;
const POLL_MS = 50;
/** 10 s of polls without CPU progress. */
const BLOCKED_POLLS = 200;

/** User plus system CPU seconds of process `pid`, its threads included; undefined once it is gone. */
export function cpu_seconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const after_name = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(after_name[11]) + Number(after_name[12])) / TICKS_PER_S;
  } catch {
    return undefined;
  }
}

export type Watch_end = { readonly kind: 'cpu'; readonly used: number; readonly limit: number } | { readonly kind: 'blocked'; readonly seconds: number };

export class Cpu_watch {
  /** Settles when the child has used up its limit or is blocked; never if stopped first. */
  readonly ended: Promise<Watch_end>;
  private readonly start: number;
  private last: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pid: number,
    limit: Limit,
  ) {
    this.start = this.last = cpu_seconds(pid) ?? 0;
    let cpu_s = limit.cpu_s;
    let asked = false;
    let idle = 0;
    this.ended = new Promise<Watch_end>((end) => {
      const tick = async () => {
        const now = cpu_seconds(this.pid);
        if (now === undefined || this.timer === undefined) return;
        idle = now > this.last ? 0 : idle + 1;
        this.last = now;
        if (idle >= BLOCKED_POLLS) return end({ kind: 'blocked', seconds: (BLOCKED_POLLS * POLL_MS) / 1000 });
        if (now - this.start < cpu_s) return;
        if (limit.more !== undefined && !asked) {
          asked = true;
          clearInterval(this.timer);
          cpu_s = Math.max(cpu_s, await limit.more());
          if (this.timer === undefined) return;
          this.timer = setInterval(tick, POLL_MS);
          return;
        }
        end({ kind: 'cpu', used: now - this.start, limit: cpu_s });
      };
      this.timer = setInterval(tick, POLL_MS);
    });
  }

  /** CPU seconds used since the watch began. */
  used(): number {
    return (cpu_seconds(this.pid) ?? this.last) - this.start;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** `used 5.0 s of CPU time, its limit` or `used no CPU for 10 s: blocked`. */
export function watch_text(e: Watch_end): string {
  return e.kind === 'cpu' ? `used ${e.used.toFixed(1)} s of CPU time, its limit of ${e.limit.toFixed(1)} s` : `used no CPU time for ${e.seconds} s without answering: blocked (a deadlock?)`;
}
