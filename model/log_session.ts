/**
 * One client session of the logging server. Its pending text collects LOG_MORE
 * fragments; it never exceeds LOG_MAX_TEXT bytes and never mixes with another session's.
 */
import { L4_CAP_FPAGE_W } from '../l4re/cap.ts';
import { L4_EBADPROTO, L4_EINVAL, L4_ENOSYS, L4_EPERM, L4_ERANGE } from '../l4re/err.ts';
import { L4_PROTO_LOG, L4_VARG_TYPE_STRING, L4_VARG_TYPE_UMWORD, type Msg, type Server_reply } from '../l4re/ipc.ts';
import { LOG_MAX_TEXT, LOG_MORE, LOG_OP_PRINT } from '../l4re/log.ts';
import type { Log_session as Log_session_api } from '../l4re/world.ts';
import { Epiface_t } from '../l4re/epiface.ts';

export class Log_session extends Epiface_t implements Log_session_api {
  private pending = '';

  constructor(
    readonly id: string,
    private readonly console: string[],
  ) {
    super();
  }

  dispatch(rights: number, msg: Msg): Server_reply {
    if (msg.proto !== L4_PROTO_LOG) return { ret: -L4_EBADPROTO };
    if (msg.opcode !== LOG_OP_PRINT) return { ret: -L4_ENOSYS };
    if ((rights & L4_CAP_FPAGE_W) === 0) return { ret: -L4_EPERM };
    const [text, flags] = msg.args;
    if (text?.type !== L4_VARG_TYPE_STRING || flags?.type !== L4_VARG_TYPE_UMWORD) return { ret: -L4_EINVAL };
    this.pending += text.value;
    if (Buffer.byteLength(this.pending, 'utf8') > LOG_MAX_TEXT) {
      this.pending = '';
      return { ret: -L4_ERANGE };
    }
    if ((flags.value & LOG_MORE) === 0) {
      this.console.push(`${this.id}: ${this.pending}`);
      this.pending = '';
    }
    return { ret: 0 };
  }

  /** A pending text is dropped unprinted. */
  release(): void {
    this.pending = '';
  }
}
