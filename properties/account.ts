/**
 * The harness's own account of what every client was given: handles (slots and
 * what they hold), sessions, dataspaces and regions. It is the fast-check model
 * of the command sequences, kept independent of both worlds so that invariants
 * can be checked against it, not just model against impl.
 *
 * Invariants it encodes:
 * - a session lives while it has counted client copies and was not unregistered;
 * - a dataspace lives while a handle or a region refers to it and it was not deleted;
 * - a session's console lines are exactly its completed texts, in order.
 */
import { type Cap, L4_CAP_FPAGE_R, L4_CAP_FPAGE_W } from '../l4re/cap.ts';
import { l4_round_page } from '../l4re/mem.ts';
import { LOG_MAX_TEXT } from '../l4re/log.ts';
import type { Boot_config, World_stats } from '../l4re/world.ts';

export interface Session_account {
  readonly name: string;
  readonly id: string;
  alive: boolean;
  /** Counted client copies of the session's gate. */
  copies: number;
  pending: string;
}

export interface Ds_account {
  readonly name: string;
  readonly size: number;
  alive: boolean;
  /** Counted copies: handles holding it and regions attached to it. */
  copies: number;
}

export type Target =
  | { readonly kind: 'factory' }
  | { readonly kind: 'session'; readonly session: Session_account }
  | { readonly kind: 'ds'; readonly ds: Ds_account };

export interface Handle {
  readonly name: string;
  readonly owner: number;
  readonly cap: Cap;
  /** What the slot holds; null once empty. */
  target: Target | null;
  rights: number;
  /** An environment capability: not from cap_alloc, never freed. */
  readonly env: boolean;
}

export interface Region_account {
  readonly owner: number;
  readonly addr: number;
  readonly size: number;
  readonly flags: number;
  readonly ds: Ds_account;
}

/** What a Print message through a handle must do. */
export type Print_outcome = 'ok' | 'dead' | 'perm' | 'badproto' | 'range';

export class Account {
  readonly clients: readonly string[];
  readonly handles: Handle[] = [];
  /** Caps each client freed and has not got back from cap_alloc since. */
  readonly freed: Cap[][];
  readonly sessions: Session_account[] = [];
  readonly dataspaces: Ds_account[] = [];
  readonly regions: Region_account[] = [];
  /** Every line the console must show, in order. */
  readonly console: string[] = [];
  /** The program as it ran: one call per line, its result as a comment. */
  readonly transcript: string[] = [];
  /** The commands that ran, in order: a counterexample's program. */
  readonly ran: object[] = [];
  private names = 0;
  baseline: World_stats | undefined;

  constructor(readonly config: Boot_config) {
    this.clients = config.clients;
    this.freed = config.clients.map(() => []);
  }

  say(line: string): void {
    this.transcript.push(line);
  }

  /** Annotate the last transcript line with the call's result. */
  result(text: string): void {
    const i = this.transcript.length - 1;
    this.transcript[i] = `${this.transcript[i]}  // ${text}`;
  }

  fresh_name(prefix: string): string {
    return `${prefix}${++this.names}`;
  }

  handles_of(client: number, filter: (h: Handle) => boolean = () => true): Handle[] {
    return this.handles.filter((h) => h.owner === client && filter(h));
  }

  /** Whether any client holds a live `kind` object (or a region). */
  has(kind: Target['kind'] | 'region'): boolean {
    if (kind === 'region') return this.regions.length > 0;
    return this.handles.some((h) => this.live(h)?.kind === kind);
  }

  /**
   * The client for pick `k`: three times in four one that holds a live `kind`
   * object (or a region, for 'region'), when there is one.
   */
  client_for(k: number, kind: Target['kind'] | 'region'): number {
    const n = this.clients.length;
    const has = (c: number) =>
      kind === 'region'
        ? this.regions.some((r) => r.owner === c)
        : this.handles_of(c).some((h) => this.live(h)?.kind === kind);
    const candidates = [...Array(n).keys()].filter(has);
    return k % 4 !== 3 && candidates.length > 0 ? candidates[(k >> 2) % candidates.length]! : k % n;
  }

  /**
   * A handle of `client` for pick `k`: three times in four a live handle to a
   * `kind` object when there is one, otherwise any handle.
   */
  choose(client: number, kind: Target['kind'], k: number): Handle {
    const all = this.handles_of(client);
    const preferred = all.filter((h) => this.live(h)?.kind === kind);
    const list = k % 4 !== 3 && preferred.length > 0 ? preferred : all;
    return list[(k >> 2) % list.length]!;
  }

  handle_at(client: number, cap: Cap): Handle | undefined {
    return this.handles.find((h) => h.owner === client && h.cap === cap);
  }

  add_handle(h: Handle): Handle {
    this.handles.push(h);
    const f = this.freed[h.owner]!;
    const i = f.indexOf(h.cap);
    if (i >= 0) f.splice(i, 1);
    if (h.target) this.add_copy(h.target);
    return h;
  }

  /** The handle's slot is freed: its copy goes. */
  remove_handle(h: Handle): void {
    this.handles.splice(this.handles.indexOf(h), 1);
    if (!h.env) this.freed[h.owner]!.push(h.cap);
    if (h.target) this.drop_copy(h.target);
  }

  /** The target of a handle if the object behind it is still alive. */
  live(h: Handle): Target | null {
    const t = h.target;
    if (t === null) return null;
    if (t.kind === 'session' && !t.session.alive) return null;
    if (t.kind === 'ds' && !t.ds.alive) return null;
    return t;
  }

  add_copy(t: Target): void {
    if (t.kind === 'session') t.session.copies++;
    if (t.kind === 'ds') t.ds.copies++;
  }

  drop_copy(t: Target): void {
    if (t.kind === 'session' && t.session.alive && --t.session.copies === 0) this.destroy(t);
    if (t.kind === 'ds' && t.ds.alive && --t.ds.copies === 0) this.destroy(t);
  }

  destroy(t: Target): void {
    if (t.kind === 'session') {
      t.session.alive = false;
      t.session.copies = 0;
      t.session.pending = '';
    }
    if (t.kind === 'ds') {
      t.ds.alive = false;
      t.ds.copies = 0;
    }
  }

  /**
   * What one Print(fragment, more) through `h` does to the console: the harness's
   * statement of log integrity. Appends the line a completed text prints.
   */
  print(h: Handle | undefined, fragment: string, more: boolean): Print_outcome {
    const t = h ? this.live(h) : null;
    if (t === null) return 'dead';
    if (t.kind !== 'session') return 'badproto';
    if ((h!.rights & L4_CAP_FPAGE_W) === 0) return 'perm';
    const s = t.session;
    s.pending += fragment;
    if (Buffer.byteLength(s.pending, 'utf8') > LOG_MAX_TEXT) {
      s.pending = '';
      return 'range';
    }
    if (!more) {
      this.console.push(`${s.id}: ${s.pending}`);
      s.pending = '';
    }
    return 'ok';
  }

  alive_sessions(): Session_account[] {
    return this.sessions.filter((s) => s.alive);
  }

  /** Bytes the quota must be charged for the dataspaces alive now. */
  quota_used(): number {
    let n = 0;
    for (const d of this.dataspaces) if (d.alive) n += l4_round_page(d.size);
    return n;
  }

  /** Rights a copy gets when mapped with `mask`: R is never removed. */
  static mapped_rights(src: number, mask: number): number {
    return src & (mask | L4_CAP_FPAGE_R);
  }
}
