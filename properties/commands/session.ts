/**
 * Commands of clients of the logging server: create sessions through the factory,
 * write short and multi-message texts, pass capabilities, close, forge, guess,
 * and the server unregistering a session.
 */
import {
  type Cap,
  cap_of_slot,
  L4_CAP_FPAGE_D,
  L4_CAP_FPAGE_RW,
  L4_CAP_FPAGE_S,
  rights_name,
} from '../../l4re/cap.ts';
import { L4_EBADPROTO, L4_ENOENT, L4_ENOMEM, L4_EPERM, L4_ERANGE, L4_IPC_NOT_EXISTENT_ERR } from '../../l4re/err.ts';
import { hex } from '../../l4re/hex.ts';
import { Factory_cap } from '../../l4re/factory.ts';
import { L4_PROTO_LOG, L4_VARG_TYPE_STRING, mword, nil, str, umword, type Varg, varg_text } from '../../l4re/ipc.ts';
import { LOG_MORE, LOG_OP_PRINT, log_fragments, log_print_msg, log_write } from '../../l4re/log.ts';
import type { Log_system } from '../../l4re/world.ts';
import { Account, type Print_outcome } from '../account.ts';
import { type Pair, Violation, same } from '../pair.ts';
import { World_command, client_of, pick, ret_text } from './command.ts';

const OUTCOME_RET: Record<Print_outcome, number> = {
  ok: 0,
  dead: L4_IPC_NOT_EXISTENT_ERR,
  perm: -L4_EPERM,
  badproto: -L4_EBADPROTO,
  range: -L4_ERANGE,
};

/** The shapes of op_create arguments: the valid one and the ways to get it wrong. */
export const CREATE_ARGS = ['id', 'id_extra', 'number', 'unsigned', 'nil', 'none'] as const;
export type Create_args = (typeof CREATE_ARGS)[number];

function create_vargs(shape: Create_args, id: string): Varg[] {
  switch (shape) {
    case 'id':
      return [str(id)];
    case 'id_extra':
      return [str(id), mword(7)];
    case 'number':
      return [mword(42)];
    case 'unsigned':
      return [umword(1)];
    case 'nil':
      return [nil()];
    case 'none':
      return [];
  }
}

export function text_text(t: string): string {
  return t.length <= 40 ? JSON.stringify(t) : `${JSON.stringify(t.slice(0, 16))}…(${Buffer.byteLength(t)} bytes)`;
}

function session_obj(sys: Log_system, id: string) {
  return sys.sessions().find((s) => s.id === id);
}

/** Check a print's return code against the account's prediction. */
function expect_outcome(call: string, r: number, outcome: Print_outcome): void {
  if (r !== OUTCOME_RET[outcome]) {
    throw new Violation(`${call} returned ${ret_text(r)}, but the account expects ${ret_text(OUTCOME_RET[outcome])} (${outcome})`);
  }
}

export class Create extends World_command {
  constructor(readonly client: number, readonly via: number, readonly type: number, readonly args: Create_args) {
    super();
  }

  protected exec(acc: Account, pair: Pair): void {
    const c = client_of(acc, this.client);
    const h = this.via === 0 ? acc.handles_of(c, (x) => x.env)[0]! : acc.choose(c, 'factory', this.via);
    const name = acc.fresh_name('s');
    const id = `${acc.clients[c]}.${name}`;
    const vargs = create_vargs(this.args, id);
    const call = `${acc.clients[c]}: ${name} = ${h.name}.create(${[String(this.type), ...vargs.map(varg_text)].join(', ')})`;
    const create = (sys: Log_system) => new Factory_cap(sys.clients[c]!, h.cap).create_vargs(this.type, vargs);
    const r = this.call(acc, pair, call, create, (x) => (x >= 0 ? `cap ${hex(x)}` : ret_text(x)));
    const t = acc.live(h);
    const may =
      t?.kind === 'factory' && (h.rights & L4_CAP_FPAGE_S) !== 0 && this.type === 0 && vargs[0]?.type === L4_VARG_TYPE_STRING;
    if (r >= 0) {
      if (!may) throw new Violation(`${call} created a session, which the capability or arguments forbid`);
      const session = { name, id, alive: true, copies: 0, pending: '' };
      acc.sessions.push(session);
      acc.add_handle({ name, owner: c, cap: r, target: { kind: 'session', session }, rights: L4_CAP_FPAGE_RW, env: false });
    } else if (may && r !== -L4_ENOMEM) {
      throw new Violation(`${call} failed with ${ret_text(r)} though it is a valid create`);
    }
  }

  protected describe(): string {
    return `create(client ${this.client}, via ${this.via}, type ${this.type}, ${this.args})`;
  }
}

export class Write extends World_command {
  constructor(readonly client: number, readonly via: number, readonly text: string, readonly more: boolean) {
    super('session', via);
  }

  protected exec(acc: Account, pair: Pair): void {
    const [c, h] = this.holder(acc, this.client);
    const who = acc.clients[c]!;
    const call = this.more
      ? `${who}: ${h.name}.print(${text_text(this.text)}, LOG_MORE)`
      : `${who}: log_write(${h.name}, ${text_text(this.text)})`;
    const r = this.call(acc, pair, call, (sys) => {
      const task = sys.clients[c]!;
      return this.more ? task.invoke(h.cap, log_print_msg(this.text, LOG_MORE)).ret : log_write(task, h.cap, this.text);
    });
    const parts = this.more ? [this.text] : log_fragments(this.text);
    let outcome: Print_outcome = 'ok';
    for (let i = 0; i < parts.length && outcome === 'ok'; i++) {
      outcome = acc.print(h, parts[i]!, this.more || i < parts.length - 1);
    }
    expect_outcome(call, r, outcome);
  }

  protected describe(): string {
    return `write(client ${this.client}, via ${this.via}, ${text_text(this.text)}${this.more ? ', more' : ''})`;
  }
}

/**
 * A client writes through its own capability with a message stuffed with another
 * session's real label and id: the server must still hear the caller's own gate.
 */
export class Forge extends World_command {
  constructor(readonly client: number, readonly via: number, readonly victim: number, readonly text: string) {
    super('session', via);
  }

  protected exec(acc: Account, pair: Pair): void {
    const [c, h] = this.holder(acc, this.client);
    const v = pick(acc.sessions, this.victim);
    const call = `${acc.clients[c]}: ${h.name}.print(${text_text(this.text)}, 0, label_of(${v?.name ?? 'none'}), "${v?.id ?? ''}")`;
    const r = this.call(acc, pair, call, (sys) => {
      const obj = v && session_obj(sys, v.id);
      const label = (obj && sys.world.debug_label(sys.server, obj.obj_cap())) ?? 4;
      const args = [str(this.text), umword(0), umword(label), umword(label | 3), str(v?.id ?? '')];
      return sys.clients[c]!.invoke(h.cap, { proto: L4_PROTO_LOG, opcode: LOG_OP_PRINT, args }).ret;
    });
    expect_outcome(call, r, acc.print(h, this.text, false));
  }

  protected describe(): string {
    return `forge(client ${this.client}, via ${this.via}, victim ${this.victim}, ${text_text(this.text)})`;
  }
}

/** A client invokes a slot number it guesses, whatever the slot holds. */
export class Guess extends World_command {
  constructor(readonly client: number, readonly slot: number, readonly text: string) {
    super();
  }

  protected exec(acc: Account, pair: Pair): void {
    const c = client_of(acc, this.client);
    const cap: Cap = cap_of_slot(this.slot);
    const h = acc.handle_at(c, cap);
    const call = `${acc.clients[c]}: invoke(slot ${this.slot}${h ? ` = ${h.name}` : ''}, print(${text_text(this.text)}))`;
    const r = this.call(acc, pair, call, (sys) => sys.clients[c]!.invoke(cap, log_print_msg(this.text, 0)).ret);
    expect_outcome(call, r, acc.print(h, this.text, false));
  }

  protected describe(): string {
    return `guess(client ${this.client}, slot ${this.slot})`;
  }
}

export class Pass extends World_command {
  constructor(readonly from: number, readonly via: number, readonly to: number, readonly rights: number) {
    super('session', via);
  }

  protected exec(acc: Account, pair: Pair): void {
    const [c, h] = this.holder(acc, this.from);
    const to = client_of(acc, this.to);
    const t = acc.live(h);
    const name = acc.fresh_name(t?.kind === 'session' ? 's' : t?.kind === 'ds' ? 'ds' : t?.kind === 'factory' ? 'f' : 'cap');
    const [dst] = this.alloc_slot(acc, pair, to, name);
    if (dst === undefined) return;
    const handle = acc.add_handle({ name, owner: to, cap: dst, target: null, rights: 0, env: false });
    const call = `${acc.clients[c]}: map(${h.name}, ${acc.clients[to]}, ${name}, ${rights_name(this.rights)})`;
    const r = this.call(acc, pair, call, (sys) => sys.clients[c]!.map(h.cap, sys.clients[to]!, dst, this.rights));
    if (r !== (t ? 0 : -L4_ENOENT)) throw new Violation(`${call} returned ${ret_text(r)}`);
    if (t) {
      handle.target = t;
      handle.rights = Account.mapped_rights(h.rights, this.rights);
      acc.add_copy(t);
    }
  }

  protected describe(): string {
    return `pass(client ${this.from}, via ${this.via}, to ${this.to}, ${rights_name(this.rights)})`;
  }
}

/** Free a slot the client allocated: a session closes when its last copy goes. */
export class Close extends World_command {
  constructor(readonly client: number, readonly via: number) {
    super();
  }

  protected exec(acc: Account, pair: Pair): void {
    const c = client_of(acc, this.client);
    const h = pick(acc.handles_of(c, (x) => !x.env), this.via);
    if (!h) return;
    const call = `${acc.clients[c]}: cap_alloc.free(${h.name})`;
    const r = this.call(acc, pair, call, (sys) => sys.clients[c]!.cap_alloc.free(h.cap));
    if (r !== 0) throw new Violation(`${call} returned ${ret_text(r)} for an allocated slot`);
    acc.remove_handle(h);
  }

  protected describe(): string {
    return `close(client ${this.client}, via ${this.via})`;
  }
}

/** Free a slot that is already free, or one cap_alloc never manages: an error that changes nothing. */
export class Free_again extends World_command {
  constructor(readonly client: number, readonly which: number) {
    super();
  }

  protected exec(acc: Account, pair: Pair): void {
    const c = client_of(acc, this.client);
    const cap = pick(acc.freed[c]!, this.which) ?? acc.handles_of(c, (h) => h.env)[0]!.cap;
    const call = `${acc.clients[c]}: cap_alloc.free(${hex(cap)})`;
    const before = pair.both('stats()', (sys) => sys.world.stats());
    const r = this.call(acc, pair, call, (sys) => sys.clients[c]!.cap_alloc.free(cap));
    if (r >= 0) throw new Violation(`double free: ${call} succeeded on a slot that is not allocated`);
    pair.both(`stats() after ${call}`, (sys) => {
      const after = sys.world.stats();
      if (!same(after, before)) {
        throw new Violation(`double free: ${call} changed the world's counts`);
      }
      return after;
    });
  }

  protected describe(): string {
    return `free_again(client ${this.client}, ${this.which})`;
  }
}

/** Destroy the object behind a capability for everyone; only a holder with D may. */
export class Delete extends World_command {
  constructor(readonly client: number, readonly via: number) {
    super('ds', via);
  }

  protected exec(acc: Account, pair: Pair): void {
    const [c, h] = this.holder(acc, this.client);
    const call = `${acc.clients[c]}: delete_obj(${h.name})`;
    const r = this.call(acc, pair, call, (sys) => sys.clients[c]!.delete_obj(h.cap));
    const t = acc.live(h);
    const want = t === null ? -L4_ENOENT : (h.rights & L4_CAP_FPAGE_D) === 0 ? -L4_EPERM : 0;
    if (r !== want) throw new Violation(`${call} returned ${ret_text(r)}, expected ${ret_text(want)}`);
    if (t && r === 0) acc.destroy(t);
  }

  protected describe(): string {
    return `delete(client ${this.client}, via ${this.via})`;
  }
}

/** The server unregisters a live session (kicks its client out). */
export class Kick extends World_command {
  constructor(readonly which: number) {
    super();
  }

  protected exec(acc: Account, pair: Pair): void {
    const v = pick(acc.alive_sessions(), this.which);
    if (!v) return;
    const call = `logging: registry.unregister_obj(${v.name})`;
    const r = this.call(acc, pair, call, (sys) => {
      const o = session_obj(sys, v.id);
      return o ? sys.registry.unregister_obj(o) : -L4_ENOENT;
    });
    if (r !== 0) throw new Violation(`${call} returned ${ret_text(r)} for a live session`);
    acc.destroy({ kind: 'session', session: v });
  }

  protected describe(): string {
    return `kick(${this.which})`;
  }
}
