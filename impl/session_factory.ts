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
import { type Cap, L4_CAP_FPAGE_RW, L4_CAP_FPAGE_S, l4_is_invalid_cap } from '../l4re/cap.ts';
import { L4_EBADPROTO, L4_EINVAL, L4_ENODEV, L4_ENOMEM, L4_EPERM } from '../l4re/err.ts';
import { L4_PROTO_FACTORY, L4_VARG_TYPE_STRING, type Msg, type Server_reply, type Varg } from '../l4re/ipc.ts';
import { Log_session } from './log_session.ts';
import type { Registry_server } from './registry_server.ts';
import type { World_parts } from './world.ts';
import { Epiface_t } from '../l4re/epiface.ts';

/** The one object type this factory makes. */
const LOG_SESSION_TYPE = 0;

export class Session_factory extends Epiface_t {
  constructor(
    protected readonly server: Registry_server,
    protected readonly console: string[],
    protected readonly parts: Pick<World_parts, 'Log_session'> = { Log_session },
  ) {
    super();
  }

  dispatch(rights: number, msg: Msg): Server_reply {
    if (msg.proto !== L4_PROTO_FACTORY) return { ret: -L4_EBADPROTO };
    if (!(rights & L4_CAP_FPAGE_S)) return { ret: -L4_EPERM };
    if (msg.opcode !== LOG_SESSION_TYPE) return { ret: -L4_ENODEV };
    return this.create(msg.args);
  }

  /** A new session named by args[0], handed to the caller; -L4_EINVAL unless args[0] is a string. */
  protected create(args: readonly Varg[]): Server_reply {
    const id = args[0];
    if (id?.type !== L4_VARG_TYPE_STRING) return { ret: -L4_EINVAL };
    return this.hand_out(this.register(id.value));
  }

  /** A new session named `id`, registered: the server's capability to its gate, or L4_INVALID_CAP. */
  protected register(id: string): Cap {
    return this.server.registry.register_obj(new this.parts.Log_session(id, this.console));
  }

  /** The reply that hands registered `cap` to the caller with RW, the server's copy uncounted after; -L4_ENOMEM for no cap. */
  protected hand_out(cap: Cap): Server_reply {
    if (l4_is_invalid_cap(cap)) return { ret: -L4_ENOMEM };
    const task = this.server.task;
    return { ret: 0, cap: { cap, rights: L4_CAP_FPAGE_RW }, after: () => task.dec_refcnt(cap) };
  }
}
