/**
 * A task: a protection domain with its object space (capability table), its
 * address space (Rm) and the environment L4Re gives a program, including typed
 * access to its attached memory (Memory).
 */
import type { Cap } from './cap.ts';
import type { Msg, Reply } from './ipc.ts';
import type { Cap_alloc, Mem_alloc, Page_fault, Rm } from './mem.ts';
import type { Memory } from './memory.ts';

export interface Task extends Memory {
  readonly name: string;
  readonly cap_alloc: Cap_alloc;
  readonly mem_alloc: Mem_alloc;
  readonly rm: Rm;

  /** The environment capability `name` (L4Re::Env::get_cap), or L4_INVALID_CAP. */
  get_cap(name: string): Cap;

  /**
   * Call the object behind `cap` and wait for the reply. An invalid selector, an
   * empty slot or a deleted object gives ret = L4_IPC_NOT_EXISTENT_ERR and reaches
   * nothing; a message longer than L4_UTCB_GENERIC_DATA_SIZE words gives
   * -L4_EMSGTOOLONG and reaches nothing; a capability to a dataspace gives
   * -L4_EBADPROTO. Otherwise the gate's server dispatches (label | W/S bits of `cap`).
   */
  invoke(cap: Cap, msg: Msg): Reply;

  /**
   * Map the object behind `cap` into slot `dst` of task `to` with rights
   * `cap's rights & (rights | R)`, as a new counted copy. A capability already in
   * `dst` is unmapped first. 0, or -L4_EINVAL (bad selector, or dst is this very
   * slot), -L4_ENOENT (cap is empty).
   */
  map(cap: Cap, to: Task, dst: Cap, rights: number): number;

  /**
   * Remove this copy only. Removing the last counted copy destroys the object:
   * every copy in every task becomes empty and the object's owner is told.
   * 0, or -L4_EINVAL (bad selector), -L4_ENOENT (empty slot).
   */
  unmap(cap: Cap): number;

  /** Destroy the object for everyone. 0, or -L4_EINVAL, -L4_ENOENT, -L4_EPERM (no D right). */
  delete_obj(cap: Cap): number;

  /**
   * Stop counting this copy (L4::Kobject::dec_refcnt, as Moe does for its session
   * gates), so the object dies with its last client copy. 0, or -L4_EINVAL,
   * -L4_ENOENT, -L4_EEXIST (already uncounted).
   */
  dec_refcnt(cap: Cap): number;

  /** Read `len` bytes; a Page_fault if any byte is not attached readable. */
  read(addr: number, len: number): Uint8Array | Page_fault;
  /** Write all of `data` or, on a Page_fault, nothing. */
  write(addr: number, data: Uint8Array): 0 | Page_fault;
}
