/**
 * Server objects for impl's tests. Not part of the world (excluded from
 * coverage and mutation).
 */
import type { Msg, Server_reply } from '../l4re/ipc.ts';
import { Server_object } from './server_object.ts';

/** Answers every call with 0; has a `release` only when given one, as an Epiface may. */
export class Noop extends Server_object {
  constructor(readonly release?: () => void) {
    super();
  }

  dispatch(_rights: number, _msg: Msg): Server_reply {
    return { ret: 0 };
  }
}

/** Answers every call with 0 and counts its releases. */
export class Counting_noop extends Server_object {
  released = 0;

  dispatch(_rights: number, _msg: Msg): Server_reply {
    return { ret: 0 };
  }

  release(): void {
    this.released++;
  }
}
