/**
 * Log_session: one client session of the logging server.
 *
 *   pending: [ "frag" ][ "ment" ][ … ]   chunks of the unprinted line
 *   bytes:   UTF-8 length of their concatenation
 *   last:    the last UTF-16 unit of the pending text (0 when empty)
 *
 * Invariant: bytes = Buffer.byteLength(pending.join('')) ≤ LOG_MAX_TEXT; a
 * surrogate pair split across two fragments counts 4 bytes, not 3 + 3.
 */
import { L4_CAP_FPAGE_W } from '../l4re/cap.ts';
import { L4_EBADPROTO, L4_EINVAL, L4_ENOSYS, L4_EPERM, L4_ERANGE } from '../l4re/err.ts';
import { L4_PROTO_LOG, L4_VARG_TYPE_STRING, L4_VARG_TYPE_UMWORD, type Msg, type Server_reply } from '../l4re/ipc.ts';
import { LOG_MAX_TEXT, LOG_MORE, LOG_OP_PRINT } from '../l4re/log.ts';
import type { Log_session as L4_log_session } from '../l4re/world.ts';
import { Epiface_t } from '../l4re/epiface.ts';

/** Bytes two lone surrogates (3 + 3) take beyond the pair they form (4). */
const SPLIT_PAIR_EXCESS = 2;

function is_high_surrogate(u: number): boolean {
  return u >= 0xd800 && u <= 0xdbff;
}

function is_low_surrogate(u: number): boolean {
  return u >= 0xdc00 && u <= 0xdfff;
}

export class Log_session extends Epiface_t implements L4_log_session {
  protected pending: string[] = [];
  protected bytes = 0;
  protected last = 0;

  constructor(
    readonly id: string,
    protected readonly console: string[],
  ) {
    super();
  }

  dispatch(rights: number, msg: Msg): Server_reply {
    if (msg.proto !== L4_PROTO_LOG) return { ret: -L4_EBADPROTO };
    if (msg.opcode !== LOG_OP_PRINT) return { ret: -L4_ENOSYS };
    if (!(rights & L4_CAP_FPAGE_W)) return { ret: -L4_EPERM };
    const [text, flags] = msg.args;
    if (text?.type !== L4_VARG_TYPE_STRING || flags?.type !== L4_VARG_TYPE_UMWORD) return { ret: -L4_EINVAL };
    this.append(text.value);
    if (this.bytes > LOG_MAX_TEXT) {
      this.drop();
      return { ret: -L4_ERANGE };
    }
    if (!(flags.value & LOG_MORE)) this.print();
    return { ret: 0 };
  }

  release(): void {
    this.drop();
  }

  protected append(fragment: string): void {
    if (fragment.length === 0) return;
    this.bytes += Buffer.byteLength(fragment, 'utf8');
    if (is_high_surrogate(this.last) && is_low_surrogate(fragment.charCodeAt(0))) this.bytes -= SPLIT_PAIR_EXCESS;
    this.pending.push(fragment);
    this.last = fragment.charCodeAt(fragment.length - 1);
  }

  protected print(): void {
    this.console.push(`${this.id}: ${this.pending.join('')}`);
    this.drop();
  }

  protected drop(): void {
    this.pending = [];
    this.bytes = 0;
    this.last = 0;
  }
}
