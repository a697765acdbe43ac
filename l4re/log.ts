/**
 * The logging protocol of the course's logging server, and its client stub.
 *
 * Print(text fragment, flags): the session appends the fragment to its pending
 * text; without LOG_MORE the pending text is printed as one line `<id>: <text>`.
 * A text longer than one message is sent as fragments with LOG_MORE set on all
 * but the last. Pending text is per session: fragments of two sessions never mix.
 */
import type { Cap } from './cap.ts';
import {
  L4_PROTO_LOG,
  L4_UTCB_GENERIC_DATA_SIZE,
  L4_MWORD_BYTES,
  str,
  umword,
  type Msg,
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
