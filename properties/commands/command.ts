/**
 * A step of a differential program. fast-check generates commands up front with
 * abstract picks (integers); `exec` resolves them against the account at run time,
 * runs the call on both systems, writes one line of C-like transcript, and updates
 * the account. Every invariant is checked after each step.
 */
import type fc from 'fast-check';
import { type Cap, l4_is_invalid_cap } from '../../l4re/cap.ts';
import { l4_err_name } from '../../l4re/err.ts';
import { hex } from '../../l4re/hex.ts';
import { is_page_fault } from '../../l4re/mem.ts';
import type { Log_system } from '../../l4re/world.ts';
import type { Account, Handle, Target } from '../account.ts';
import { check_all, walk_due, walk_on_failure } from '../invariants.ts';
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
  /**
   * `needs`: what the command works on, if anything; `pick_key`: its pick among
   * such things. Without one it runs only when `pick_key % 4 === 3` (one time in four).
   */
  constructor(
    private readonly needs?: Target['kind'] | 'region',
    private readonly pick_key = 0,
  ) {
    super();
  }

  check(acc: Readonly<Account>): boolean {
    return this.needs === undefined || this.pick_key % 4 === 3 || acc.has(this.needs);
  }

  override run(acc: Account, pair: Pair): void {
    walk_on_failure([pair.ref.world, pair.cand.world], () => super.run(acc, pair));
  }

  protected after(acc: Account, pair: Pair): void {
    check_all(acc, pair, walk_due(acc.ran.length));
  }

  /** One transcript line: say `line`, run `f` on both systems, note the result as `shown` writes it; return it. */
  protected call<T>(acc: Account, pair: Pair, line: string, f: (sys: Log_system) => T, shown: (r: T) => string = ret_text): T {
    acc.say(line);
    const r = pair.both(line, f);
    acc.result(shown(r));
    return r;
  }

  /**
   * The client for pick `client` and its handle for the command's pick: three
   * times in four a client holding a live object of the kind the command needs,
   * and a handle to one (Account.client_for, Account.choose).
   */
  protected holder(acc: Account, client: number): [number, Handle] {
    const kind = this.needs;
    if (kind === undefined || kind === 'region') throw new TypeError(`holder: ${this.constructor.name} works through no handle`);
    const c = acc.client_for(client, kind);
    return [c, acc.choose(c, kind, this.pick_key)];
  }

  /** `name = cap_alloc.alloc()` in client `c`: the slot (undefined when cap_alloc has none) and the call's line. */
  protected alloc_slot(acc: Account, pair: Pair, c: number, name: string): [Cap | undefined, string] {
    const line = `${acc.clients[c]}: ${name} = cap_alloc.alloc()`;
    const cap = this.call(acc, pair, line, (sys) => sys.clients[c]!.cap_alloc.alloc(), cap_text);
    return [l4_is_invalid_cap(cap) ? undefined : cap, line];
  }
}

/** The client for pick `k`, whatever it holds. */
export function client_of(acc: Readonly<Account>, k: number): number {
  return k % acc.clients.length;
}

function cap_text(cap: Cap): string {
  return l4_is_invalid_cap(cap) ? 'L4_INVALID_CAP' : `cap ${hex(cap)}`;
}

/**
 * The k-th element counting back from the newest, wrapping; undefined for an
 * empty list. Counting from the newest keeps a pick on the same element when
 * the shrinker drops commands that made older ones.
 */
export function pick<T>(xs: readonly T[], k: number): T | undefined {
  return xs.length === 0 ? undefined : xs[xs.length - 1 - (k % xs.length)];
}

/** A return value as the transcript shows it: error names for negative codes. */
export function ret_text(r: unknown): string {
  if (typeof r === 'number') return r < 0 ? l4_err_name(r) : String(r);
  if (is_page_fault(r)) return `page fault (${r.fault} at ${hex(r.addr)})`;
  if (r instanceof Uint8Array) return `${r.length} bytes`;
  return String(r);
}
