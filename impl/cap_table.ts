/**
 * Cap_table: one task's object space, dense typed arrays indexed by slot, grown
 * by doubling up to L4_CAP_TABLE_SLOTS.
 *
 *   slot      0     1     2    …   capacity-1
 *   obj    [ -1 ][  4 ][  0 ]  …   object index, -1 = never filled
 *   gen    [    ][  2 ][  7 ]  …   the object's generation when copied
 *   rights [    ][RWS ][RWSD]  …
 *   counted[    ][  1 ][  0 ]  …
 *
 * Invariant: an entry is a copy of object `obj` only while Object_table says
 * (obj, gen) is live; otherwise the slot reads as empty. Destroying an object
 * therefore empties its copies in every table without touching them.
 */
import { L4_CAP_TABLE_SLOTS } from '../l4re/cap.ts';
import { widen } from './widen.ts';

const INITIAL_SLOTS = 128;

export class Cap_table {
  obj = new Int32Array(INITIAL_SLOTS).fill(-1);
  gen = new Uint32Array(INITIAL_SLOTS);
  rights = new Uint8Array(INITIAL_SLOTS);
  counted = new Uint8Array(INITIAL_SLOTS);

  capacity(): number {
    return this.obj.length;
  }

  /** The object index recorded in `slot` (possibly stale), or -1. */
  object_at(slot: number): number {
    return slot < this.obj.length ? this.obj[slot]! : -1;
  }

  set(slot: number, obj: number, gen: number, rights: number, counted: boolean): void {
    if (slot >= this.obj.length) this.grow(slot);
    this.obj[slot] = obj;
    this.gen[slot] = gen;
    this.rights[slot] = rights;
    this.counted[slot] = counted ? 1 : 0;
  }

  clear(slot: number): void {
    this.obj[slot] = -1;
    this.counted[slot] = 0;
  }

  protected grow(slot: number): void {
    let n = this.obj.length;
    while (n <= slot) n *= 2;
    n = Math.min(n, L4_CAP_TABLE_SLOTS);
    this.obj = widen(this.obj, new Int32Array(n).fill(-1));
    this.gen = widen(this.gen, new Uint32Array(n));
    this.rights = widen(this.rights, new Uint8Array(n));
    this.counted = widen(this.counted, new Uint8Array(n));
  }
}
