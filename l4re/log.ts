/**
 * The logging protocol of the course's logging server, and its client stub.
 *
 * Print(text fragment, flags): the session appends the fragment to its pending
 * text; without LOG_MORE the pending text is printed as one line `<id>: <text>`.
 * A text longer than one message is sent as fragments with LOG_MORE set on all
 * but the last. Pending text is per session: fragments of two sessions never mix.
 */
import { type Cap, L4_CAP_FPAGE_W } from './cap.ts';
import { Epiface_t } from './epiface.ts';
import { L4_EBADPROTO, L4_EINVAL, L4_ENOSYS, L4_EPERM, L4_ERANGE } from './err.ts';
import {
  L4_PROTO_LOG,
  L4_UTCB_GENERIC_DATA_SIZE,
  L4_MWORD_BYTES,
  L4_VARG_TYPE_STRING,
  L4_VARG_TYPE_UMWORD,
  str,
  umword,
  type Msg,
  type Server_reply,
} from './ipc.ts';
import type { Task } from './task.ts';

export const LOG_OP_PRINT = 0;
export const LOG_MORE = 0x1;
/** A pending text longer than this (bytes) is dropped with -L4_ERANGE. */
export const LOG_MAX_TEXT = 16384;

/**
 * Longest fragment (bytes, NUL excluded) one Print message carries:
 * 63 MRs less the opcode, the string header and the flags Varg (2 words).
 */
export const LOG_MAX_FRAGMENT = (L4_UTCB_GENERIC_DATA_SIZE - 1 - 1 - 2) * L4_MWORD_BYTES - 1;

export function log_print_msg(fragment: string, flags: number): Msg {
  return { proto: L4_PROTO_LOG, opcode: LOG_OP_PRINT, args: [str(fragment), umword(flags)] };
}

/** A Print call as a session reads it: the fragment, and whether more of the text follows. */
export interface Log_print {
  readonly fragment: string;
  readonly more: boolean;
}

/**
 * The server's side of log_print_msg: the Print call a message through a
 * capability with `rights` makes, or the error to reply, checked in this order:
 * -L4_EBADPROTO, -L4_ENOSYS, -L4_EPERM (no W), -L4_EINVAL (not a string and flags).
 */
export function log_print_of(rights: number, msg: Msg): Log_print | number {
  if (msg.proto !== L4_PROTO_LOG) return -L4_EBADPROTO;
  if (msg.opcode !== LOG_OP_PRINT) return -L4_ENOSYS;
  if ((rights & L4_CAP_FPAGE_W) === 0) return -L4_EPERM;
  const [text, flags] = msg.args;
  if (text?.type !== L4_VARG_TYPE_STRING || flags?.type !== L4_VARG_TYPE_UMWORD) return -L4_EINVAL;
  return { fragment: text.value, more: (flags.value & LOG_MORE) !== 0 };
}

/**
 * The session object of the logging server, both worlds': Print appends the
 * fragment to the session's pending text; a pending text over LOG_MAX_TEXT
 * bytes is dropped with -L4_ERANGE; without LOG_MORE it is printed. A world
 * keeps the pending text its own way.
 */
export abstract class Log_session_t extends Epiface_t {
  dispatch(rights: number, msg: Msg): Server_reply {
    const print = log_print_of(rights, msg);
    if (typeof print === 'number') return { ret: print };
    this.append(print.fragment);
    if (this.pending_bytes() > LOG_MAX_TEXT) {
      this.drop();
      return { ret: -L4_ERANGE };
    }
    if (!print.more) this.print();
    return { ret: 0 };
  }

  /** The session is gone: a pending text is dropped unprinted. */
  release(): void {
    this.drop();
  }

  protected abstract append(fragment: string): void;
  /** The UTF-8 length of the pending text. */
  protected abstract pending_bytes(): number;
  /** Print the pending text as the console line `<id>: <text>`; then none is pending. */
  protected abstract print(): void;
  /** Then no text is pending. */
  protected abstract drop(): void;
}

/** One byte a character in UTF-8. */
const ASCII = /^[\0-\x7f]*$/;

/** UTF-8 bytes of the code point `cp` (a lone surrogate is 3, as Buffer.byteLength counts it). */
function utf8_bytes(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** Split `text` into fragments of at most LOG_MAX_FRAGMENT UTF-8 bytes, never inside a character. */
export function log_fragments(text: string): string[] {
  if (text.length * 3 <= LOG_MAX_FRAGMENT) return [text];
  const out: string[] = [];
  if (ASCII.test(text)) {
    for (let i = 0; i < text.length; i += LOG_MAX_FRAGMENT) out.push(text.slice(i, i + LOG_MAX_FRAGMENT));
    return out;
  }
  let from = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const b = utf8_bytes(cp);
    if (bytes + b > LOG_MAX_FRAGMENT) {
      out.push(text.slice(from, i));
      from = i;
      bytes = 0;
    }
    bytes += b;
    i += cp > 0xffff ? 2 : 1;
  }
  out.push(text.slice(from));
  return out;
}

/**
 * Write one text through a session capability, in as many messages as it takes.
 * Returns 0, or the first error reply (the rest is not sent).
 */
export function log_write(task: Task, session: Cap, text: string): number {
  const parts = log_fragments(text);
  for (let i = 0; i < parts.length; i++) {
    const more = i < parts.length - 1 ? LOG_MORE : 0;
    const r = task.invoke(session, log_print_msg(parts[i]!, more));
    if (r.ret !== 0) return r.ret;
  }
  return 0;
}
