/**
 * Server objects and the registry that names them by gate label
 * (L4::Epiface, L4::Epiface_t, L4Re::Util::Object_registry), and the body of
 * a server loop that dispatches to them (L4::Basic_registry::dispatch).
 */
import { type Cap, L4_CAP_FPAGE_S, L4_CAP_FPAGE_W, L4_INVALID_CAP } from './cap.ts';
import { L4_ENOENT } from './err.ts';
import type { Msg, Server_reply } from './ipc.ts';

export interface Epiface {
  /** The server's capability to this object's gate; L4_INVALID_CAP while unregistered. */
  obj_cap(): Cap;
  /** Set by the registry on register_obj and unregister_obj only. */
  set_obj_cap(cap: Cap): void;
  /**
   * Handle one call. `rights` are the W and S bits of the capability the caller
   * invoked (the two low bits of the label), never anything the message says.
   */
  dispatch(rights: number, msg: Msg): Server_reply;
  /** The object's gate is gone: free everything the object holds. Runs once. */
  release?(): void;
}

/**
 * L4::Epiface_t: the base of every server object of both worlds; it keeps the
 * capability of its gate, and a subclass writes dispatch().
 *
 *   cap   the server's selector of the object's gate; L4_INVALID_CAP while unregistered
 */
export abstract class Epiface_t implements Epiface {
  private cap: Cap = L4_INVALID_CAP;

  obj_cap(): Cap {
    return this.cap;
  }

  set_obj_cap(cap: Cap): void {
    this.cap = cap;
  }

  abstract dispatch(rights: number, msg: Msg): Server_reply;
}

export interface Object_registry {
  /**
   * register_obj(o): allocate a slot in the server's task, create a gate bound to
   * the server with a label that identifies `o`, return the server's capability
   * (rights RWSD). register_obj(o, service): bind the environment capability named
   * `service` instead. L4_INVALID_CAP when no slot is left, the service name is
   * unknown, or `o` is already registered.
   */
  register_obj(o: Epiface, service?: string): Cap;
  /**
   * Delete o's gate (every client copy becomes empty), free the slot register_obj
   * allocated, forget the label for good, and call o.release(). -L4_ENOENT if `o`
   * is not registered.
   */
  unregister_obj(o: Epiface): number;
  /** Registered objects. */
  size(): number;
}

/** The bits of a label the kernel sets on delivery: the W and S rights of the capability the caller invoked. */
export const LABEL_RIGHTS = L4_CAP_FPAGE_W | L4_CAP_FPAGE_S;

/**
 * L4::Basic_registry::dispatch, a server loop's body: the label without its
 * rights finds the object, which gets the rights and the message. An unknown
 * or stale label is answered -L4_ENOENT and reaches no object.
 */
export function registry_dispatch(registry: { find(label: number): Epiface | undefined }, label: number, msg: Msg): Server_reply {
  const o = registry.find(label & ~LABEL_RIGHTS);
  return o === undefined ? { ret: -L4_ENOENT } : o.dispatch(label & LABEL_RIGHTS, msg);
}
