/**
 * Session_factory: the L4::Factory of the logging server; each create makes a
 * Log_session with its own gate.
 *
 *   client ──create(0, "id")──> factory ── new Log_session("id")
 *                                        └─ register_obj → gate (server copy, counted)
 *   reply: cap RW into the client's receive slot; after: the server's copy uncounted
 *
 * Invariant: once a create returns, the session's gate lives exactly as long as
 * client copies of it do.
 */
import { L4_CAP_FPAGE_RW, L4_CAP_FPAGE_S, l4_is_invalid_cap } from '../l4re/cap.ts';
import { L4_EBADPROTO, L4_EINVAL, L4_ENODEV, L4_ENOMEM, L4_EPERM } from '../l4re/err.ts';
import { L4_PROTO_FACTORY, L4_VARG_TYPE_STRING, type Msg, type Server_reply } from '../l4re/ipc.ts';
import type { Registry_server } from './registry_server.ts';
import { Server_object } from './server_object.ts';

/** The one object type this factory makes. */
const LOG_SESSION_TYPE = 0;

export class Session_factory extends Server_object {
  constructor(
    protected readonly server: Registry_server,
    protected readonly console: string[],
  ) {
    super();
  }

  dispatch(rights: number, msg: Msg): Server_reply {
    if (msg.proto !== L4_PROTO_FACTORY) return { ret: -L4_EBADPROTO };
    if (!(rights & L4_CAP_FPAGE_S)) return { ret: -L4_EPERM };
    if (msg.opcode !== LOG_SESSION_TYPE) return { ret: -L4_ENODEV };
    const id = msg.args[0];
    if (id?.type !== L4_VARG_TYPE_STRING) return { ret: -L4_EINVAL };
    return this.create(id.value);
  }

  /** A new session named `id`, handed to the caller with RW. */
  protected create(id: string): Server_reply {
    const session = new this.server.task.kernel.parts.Log_session(id, this.console);
    const cap = this.server.registry.register_obj(session);
    if (l4_is_invalid_cap(cap)) return { ret: -L4_ENOMEM };
    const task = this.server.task;
    return { ret: 0, cap: { cap, rights: L4_CAP_FPAGE_RW }, after: () => task.dec_refcnt(cap) };
  }
}
