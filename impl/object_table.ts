/**
 * Object_table: every kernel object of a world, as a struct of arrays indexed by
 * object index, with a free list and a generation per index.
 *
 *   index      0        1        2        3
 *   kind    [ GATE ][ FREE ][  DS  ][RETIRED]
 *   gen     [  3   ][  8   ][  1   ][ max  ]   bumped when the object dies
 *   count   [  2   ][  0   ][  1   ][  0   ]   counted copies: cap entries + regions
 *   next    [  -   ][  -1  ][  -   ][  -   ]   free list through FREE indices (head: 1)
 *   ds      [      ][      ][ Dataspace    ]
 *   server  [ Gate_server | null ]   label [ gate label ]   (gates only)
 *
 * Invariants: a reference (index, gen) names a live object iff kind[index] is
 * GATE or DS and gen[index] = gen, so a stale reference never aliases a later
 * object; an index whose generation would wrap is RETIRED and never reused.
 */
import type { Msg, Server_reply } from '../l4re/ipc.ts';
import type { Dataspace } from './dataspace.ts';
import type { Impl_task } from './task.ts';
import { widen } from './widen.ts';

export const FREE = 0;
export const GATE = 1;
export const DATASPACE = 2;
export const RETIRED = 3;
export type Kind = typeof GATE | typeof DATASPACE;

/** The server thread a gate is bound to (Registry_server). */
export interface Gate_server {
  readonly task: Impl_task;
  /** One call: `label` is the gate label or-ed with the caller's W and S bits. */
  dispatch(label: number, msg: Msg): Server_reply;
  /** The deletion notification: the gate with `label` is gone. */
  gate_deleted(label: number): void;
}

const INITIAL_CAPACITY = 64;
const NO_INDEX = -1;

export class Object_table {
  kind = new Uint8Array(INITIAL_CAPACITY);
  gen = new Uint32Array(INITIAL_CAPACITY);
  count = new Int32Array(INITIAL_CAPACITY);
  protected next = new Int32Array(INITIAL_CAPACITY);
  readonly ds: (Dataspace | null)[] = [];
  readonly server: (Gate_server | null)[] = [];
  label = new Int32Array(INITIAL_CAPACITY);
  protected free_head = NO_INDEX;
  /** Indices ever used: [0, used) */
  protected used = 0;
  readonly live = { gates: 0, dataspaces: 0 };

  constructor(protected readonly max_generation = 0xffff_ffff) {}

  capacity(): number {
    return this.used;
  }

  is_live(index: number, gen: number): boolean {
    const k = this.kind[index];
    return (k === GATE || k === DATASPACE) && this.gen[index] === gen;
  }

  /** A new object of `kind` with no copies yet, `ds` its dataspace (null for a gate); O(1) amortized. */
  alloc(kind: Kind, ds: Dataspace | null = null): number {
    let index = this.free_head;
    if (index !== NO_INDEX) {
      this.free_head = this.next[index]!;
    } else {
      index = this.used++;
      if (index === this.kind.length) this.grow();
    }
    this.kind[index] = kind;
    this.count[index] = 0;
    this.ds[index] = ds;
    this.server[index] = null;
    this.label[index] = 0;
    if (kind === GATE) this.live.gates++;
    else this.live.dataspaces++;
    return index;
  }

  /** The object at `index` dies: every (index, old gen) reference goes stale. */
  free(index: number): void {
    if (this.kind[index] === GATE) this.live.gates--;
    else this.live.dataspaces--;
    this.ds[index] = null;
    this.server[index] = null;
    this.count[index] = 0;
    this.bump_generation(index);
  }

  protected bump_generation(index: number): void {
    if (this.gen[index] === this.max_generation) {
      this.kind[index] = RETIRED;
      return;
    }
    this.gen[index] = this.next_generation(this.gen[index]!);
    this.kind[index] = FREE;
    this.next[index] = this.free_head;
    this.free_head = index;
  }

  /** The generation an index gets when its object dies: any other makes every old reference stale. */
  protected next_generation(gen: number): number {
    return gen + 1;
  }

  protected grow(): void {
    const n = this.kind.length * 2;
    this.kind = widen(this.kind, new Uint8Array(n));
    this.gen = widen(this.gen, new Uint32Array(n));
    this.count = widen(this.count, new Int32Array(n));
    this.next = widen(this.next, new Int32Array(n));
    this.label = widen(this.label, new Int32Array(n));
  }

  /** Throws unless the free list holds exactly the FREE indices and the live counts match. */
  check_invariants(): void {
    const seen = new Uint8Array(this.used);
    let listed = 0;
    for (let i = this.free_head; i !== NO_INDEX; i = this.next[i]!) {
      if (this.kind[i] !== FREE || seen[i]) throw new Error(`Object_table: free list reaches index ${i} of kind ${this.kind[i]}`);
      seen[i] = 1;
      listed++;
    }
    const tally = [0, 0, 0, 0];
    for (let i = 0; i < this.used; i++) tally[this.kind[i]!]!++;
    if (tally[FREE] !== listed) throw new Error(`Object_table: ${tally[FREE]} free indices, free list holds ${listed}`);
    if (tally[GATE] !== this.live.gates || tally[DATASPACE] !== this.live.dataspaces) {
      throw new Error(
        `Object_table: ${tally[GATE]} gates and ${tally[DATASPACE]} dataspaces, counters say ${this.live.gates} and ${this.live.dataspaces}`,
      );
    }
    for (let i = 0; i < this.used; i++) {
      const k = this.kind[i];
      if ((k === DATASPACE) !== (this.ds[i] != null)) throw new Error(`Object_table: index ${i} of kind ${k} and its dataspace disagree`);
    }
  }
}
