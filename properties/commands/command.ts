/**
 * A step of a differential program. fast-check generates commands up front with
 * abstract picks (integers); `exec` resolves them against the account at run time,
 * runs the call on both systems, writes one line of C-like transcript, and updates
 * the account. Every invariant is checked after each step.
 */
import type fc from 'fast-check';
import { l4_err_name } from '../../l4re/err.ts';
import { hex } from '../../l4re/hex.ts';
import { is_page_fault } from '../../l4re/mem.ts';
import type { Account, Target } from '../account.ts';
import { check_all } from '../invariants.ts';
import type { Pair } from '../pair.ts';

/** What a program's state records as it runs: its transcript and the commands that ran, in order. */
export interface Transcribed {
  readonly transcript: string[];
  readonly ran: object[];
}

/** A command whose toString() is the transcript lines it wrote when it ran. */
export abstract class Transcribed_command<M extends Transcribed, R> implements fc.Command<M, R> {
  private ran: string | undefined;

  abstract check(m: Readonly<M>): boolean;

  run(m: M, r: R): void {
    m.ran.push(this);
    const from = m.transcript.length;
    try {
      this.exec(m, r);
    } finally {
      this.ran = m.transcript.slice(from).join('; ');
    }
    this.after(m, r);
  }

  protected abstract exec(m: M, r: R): void;

  /** What must hold after the command. */
  protected abstract after(m: M, r: R): void;

  /** The command before resolution, as fast-check generated it. */
  protected abstract describe(): string;

  toString(): string {
    return this.ran ?? this.describe();
  }
}

export abstract class World_command extends Transcribed_command<Account, Pair> {
  /** What the command works on, if anything: it runs without one only one time in four. */
  protected readonly needs: Target['kind'] | 'region' | undefined = undefined;
  protected get pick_key(): number {
    return 0;
  }

  check(acc: Readonly<Account>): boolean {
    return this.needs === undefined || this.pick_key % 4 === 3 || acc.has(this.needs);
  }

  protected after(acc: Account, pair: Pair): void {
    check_all(acc, pair);
  }
}

/** The k-th element, wrapping; undefined for an empty list. */
export function pick<T>(xs: readonly T[], k: number): T | undefined {
  return xs.length === 0 ? undefined : xs[k % xs.length];
}

/** A return value as the transcript shows it: error names for negative codes. */
export function ret_text(r: unknown): string {
  if (typeof r === 'number') return r < 0 ? l4_err_name(r) : String(r);
  if (is_page_fault(r)) return `page fault (${r.fault} at ${hex(r.addr)})`;
  if (r instanceof Uint8Array) return `${r.length} bytes`;
  return String(r);
}
