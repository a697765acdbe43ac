/** A task's object space: its capability table, slot → (object, rights, counted). */
import type { Dataspace } from './dataspace.ts';
import type { Gate } from './gate.ts';

export type Kobject = Gate | Dataspace;

export interface Entry {
  readonly obj: Kobject;
  rights: number;
  /** A counted entry keeps its object alive. */
  counted: boolean;
}

export class Obj_space {
  /** Only non-empty slots are present; every entry names a live object. */
  readonly slots = new Map<number, Entry>();

  constructor(readonly name: string) {}
}
