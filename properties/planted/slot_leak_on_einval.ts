/**
 * The factory registers the new session before it looks at the argument, and
 * the -L4_EINVAL path returns without unregistering: a slot, a gate and a
 * session leak on every bad create.
 */
import { L4_CAP_FPAGE_RW, L4_CAP_FPAGE_S, l4_is_invalid_cap } from '../../l4re/cap.ts';
import { L4_EBADPROTO, L4_EINVAL, L4_ENODEV, L4_ENOMEM, L4_EPERM } from '../../l4re/err.ts';
import { L4_PROTO_FACTORY, L4_VARG_TYPE_STRING, type Msg, type Server_reply } from '../../l4re/ipc.ts';
import { Session_factory } from '../../impl/session_factory.ts';

export class Einval_leak_factory extends Session_factory {
  override dispatch(rights: number, msg: Msg): Server_reply {
    if (msg.proto !== L4_PROTO_FACTORY) return { ret: -L4_EBADPROTO };
    if (!(rights & L4_CAP_FPAGE_S)) return { ret: -L4_EPERM };
    if (msg.opcode !== 0) return { ret: -L4_ENODEV };
    const arg = msg.args[0];
    const session = new this.server.task.kernel.parts.Log_session(String(arg && 'value' in arg ? arg.value : ''), this.console);
    const cap = this.server.registry.register_obj(session);
    if (l4_is_invalid_cap(cap)) return { ret: -L4_ENOMEM };
    if (arg?.type !== L4_VARG_TYPE_STRING) return { ret: -L4_EINVAL };
    const task = this.server.task;
    return { ret: 0, cap: { cap, rights: L4_CAP_FPAGE_RW }, after: () => task.dec_refcnt(cap) };
  }
}
