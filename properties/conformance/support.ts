/** Fixtures the conformance tests share: a recording server object and a booted system. */
import type { Cap } from '../../l4re/cap.ts';
import type { Epiface } from '../../l4re/epiface.ts';
import type { Msg, Server_reply } from '../../l4re/ipc.ts';
import { L4_INVALID_CAP } from '../../l4re/cap.ts';
import type { Log_system } from '../../l4re/world.ts';
import type { World_under_test } from '../worlds.ts';

/** Answers every call with words [rights, opcode, args]; remembers what reached it. */
export class Echo implements Epiface {
  cap: Cap = L4_INVALID_CAP;
  readonly calls: { rights: number; msg: Msg }[] = [];
  releases = 0;
  /** When set, the next replies carry this capability and run `after`. */
  reply_cap: { cap: Cap; rights: number } | undefined;
  after: (() => void) | undefined;

  obj_cap(): Cap {
    return this.cap;
  }

  set_obj_cap(cap: Cap): void {
    this.cap = cap;
  }

  dispatch(rights: number, msg: Msg): Server_reply {
    this.calls.push({ rights, msg });
    const r: { -readonly [K in keyof Server_reply]: Server_reply[K] } = { ret: 7, words: [rights, msg.opcode, msg.args.length] };
    if (this.reply_cap !== undefined) r.cap = this.reply_cap;
    if (this.after !== undefined) r.after = this.after;
    return r;
  }

  release(): void {
    this.releases++;
  }
}

export const QUOTA = 64 * 4096;

export function boot_ab(w: World_under_test, cap_alloc_slots?: number): Log_system {
  return w.boot({ quota: QUOTA, clients: ['a', 'b'], ...(cap_alloc_slots !== undefined && { cap_alloc_slots }) });
}

/** A message of exactly `words` message registers (at least 2). */
export function msg_of_words(words: number): Msg {
  return { proto: 0, opcode: 0, args: Array.from({ length: words - 1 }, () => ({ type: 0 as const })) };
}
