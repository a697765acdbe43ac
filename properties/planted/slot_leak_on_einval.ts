/**
 * The factory registers the new session before it looks at the argument, and
 * the -L4_EINVAL path returns without unregistering: a slot, a gate and a
 * session leak on every bad create.
 */
import { l4_is_invalid_cap } from '../../l4re/cap.ts';
import { L4_EINVAL } from '../../l4re/err.ts';
import { L4_VARG_TYPE_STRING, type Server_reply, type Varg } from '../../l4re/ipc.ts';
import { Session_factory } from '../../impl/session_factory.ts';

export class Einval_leak_factory extends Session_factory {
  protected override create(args: readonly Varg[]): Server_reply {
    const cap = this.register(String(args[0] && 'value' in args[0] ? args[0].value : ''));
    if (l4_is_invalid_cap(cap) || args[0]?.type === L4_VARG_TYPE_STRING) return this.hand_out(cap);
    return { ret: -L4_EINVAL };
  }
}
