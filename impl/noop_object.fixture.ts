/**
 * Server objects for impl's tests. Not part of the world (excluded from
 * coverage and mutation).
 */
import type { Msg, Server_reply } from '../l4re/ipc.ts';
import { Epiface_t } from '../l4re/epiface.ts';

/** Answers every call with 0; has a `release` only when given one, as an Epiface may. */
export class Noop extends Epiface_t {
  constructor(readonly release?: () => void) {
    super();
  }

  dispatch(_rights: number, _msg: Msg): Server_reply {
    return { ret: 0 };
  }
}

/** Answers every call with 0 and counts its releases. */
export class Counting_noop extends Epiface_t {
  released = 0;

  dispatch(_rights: number, _msg: Msg): Server_reply {
    return { ret: 0 };
  }

  release(): void {
    this.released++;
  }
}
