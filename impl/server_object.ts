/**
 * Server_object: what every Epiface of this world keeps, its gate capability
 * (L4::Epiface::obj_cap).
 *
 *   cap   the server's selector of the object's gate; L4_INVALID_CAP while unregistered
 */
import { L4_INVALID_CAP, type Cap } from '../l4re/cap.ts';
import type { Epiface } from '../l4re/epiface.ts';
import type { Msg, Server_reply } from '../l4re/ipc.ts';

export abstract class Server_object implements Epiface {
  protected cap: Cap = L4_INVALID_CAP;

  obj_cap(): Cap {
    return this.cap;
  }

  set_obj_cap(cap: Cap): void {
    this.cap = cap;
  }

  abstract dispatch(rights: number, msg: Msg): Server_reply;
}
