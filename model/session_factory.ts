/**
 * The logging server's L4::Factory: create(0, id) registers a new Log_session and
 * hands the client an RW capability to its gate. The server's own copy is then
 * uncounted, so the session dies with its last client copy.
 */
import { L4_CAP_FPAGE_RW, L4_CAP_FPAGE_S, l4_is_invalid_cap } from '../l4re/cap.ts';
import { L4_EBADPROTO, L4_EINVAL, L4_ENODEV, L4_ENOMEM, L4_EPERM } from '../l4re/err.ts';
import { L4_PROTO_FACTORY, L4_VARG_TYPE_STRING, type Msg, type Server_reply } from '../l4re/ipc.ts';
import { Epiface_t } from '../l4re/epiface.ts';
import { Log_session } from './log_session.ts';
import type { Object_registry } from './object_registry.ts';
import type { Task } from './task.ts';

const LOG_SESSION_TYPE = 0;

export class Session_factory extends Epiface_t {
  constructor(
    private readonly server: Task,
    private readonly registry: Object_registry,
    private readonly console: string[],
  ) {
    super();
  }

  dispatch(rights: number, msg: Msg): Server_reply {
    if (msg.proto !== L4_PROTO_FACTORY) return { ret: -L4_EBADPROTO };
    if ((rights & L4_CAP_FPAGE_S) === 0) return { ret: -L4_EPERM };
    if (msg.opcode !== LOG_SESSION_TYPE) return { ret: -L4_ENODEV };
    const id = msg.args[0];
    if (id?.type !== L4_VARG_TYPE_STRING) return { ret: -L4_EINVAL };
    const session = new Log_session(id.value, this.console);
    const cap = this.registry.register_obj(session);
    if (l4_is_invalid_cap(cap)) return { ret: -L4_ENOMEM };
    return {
      ret: 0,
      cap: { cap, rights: L4_CAP_FPAGE_RW },
      after: () => {
        this.server.dec_refcnt(cap);
      },
    };
  }
}
