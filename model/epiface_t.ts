/** L4::Epiface_t: a server object that remembers the capability of its gate. */
import { type Cap, L4_INVALID_CAP } from '../l4re/cap.ts';
import type { Epiface } from '../l4re/epiface.ts';
import type { Msg, Server_reply } from '../l4re/ipc.ts';

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
