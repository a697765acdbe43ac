/**
 * IPC messages as the kernel moves them: a protocol (the msgtag label), an opcode,
 * typed variable arguments (L4::Ipc::Varg), and optionally a receive slot for a
 * capability the reply maps back.
 *
 * Invariant: a message never carries the gate label. The server's label comes only
 * from the gate the kernel resolved through the caller's capability.
 */
import type { Cap } from './cap.ts';

/** Message registers of one UTCB on amd64: L4_UTCB_GENERIC_DATA_SIZE. */
export const L4_UTCB_GENERIC_DATA_SIZE = 63;
export const L4_MWORD_BYTES = 8;

export const L4_PROTO_LOG = -13;
export const L4_PROTO_FACTORY = -15;

export const L4_VARG_TYPE_NIL = 0x00;
export const L4_VARG_TYPE_UMWORD = 0x01;
export const L4_VARG_TYPE_MWORD = 0x81;
export const L4_VARG_TYPE_STRING = 0x02;

export type Varg =
  | { readonly type: typeof L4_VARG_TYPE_NIL }
  | { readonly type: typeof L4_VARG_TYPE_UMWORD; readonly value: number }
  | { readonly type: typeof L4_VARG_TYPE_MWORD; readonly value: number }
  | { readonly type: typeof L4_VARG_TYPE_STRING; readonly value: string };

export interface Msg {
  readonly proto: number;
  readonly opcode: number;
  readonly args: readonly Varg[];
  /** The caller's slot that receives a capability sent back in the reply. */
  readonly rcv?: Cap;
}

/** What the caller gets back: the return code, and data words on success. */
export interface Reply {
  readonly ret: number;
  readonly words: readonly number[];
}

/** What an Epiface answers; the kernel turns it into the caller's Reply. */
export interface Server_reply {
  readonly ret: number;
  readonly words?: readonly number[];
  /**
   * A capability of the server's task to map into the caller's receive slot,
   * with at most `rights` (L4::Ipc::make_cap). Dropped if the caller gave no slot.
   */
  readonly cap?: { readonly cap: Cap; readonly rights: number };
  /** Runs after the reply has been delivered, before the next receive. */
  readonly after?: () => void;
}

export const nil = (): Varg => ({ type: L4_VARG_TYPE_NIL });
export const umword = (value: number): Varg => ({ type: L4_VARG_TYPE_UMWORD, value });
export const mword = (value: number): Varg => ({ type: L4_VARG_TYPE_MWORD, value });
export const str = (value: string): Varg => ({ type: L4_VARG_TYPE_STRING, value });

/** Bytes a string Varg occupies: its UTF-8 bytes and the terminating NUL. */
export function varg_string_bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8') + 1;
}

/** Message registers a Varg takes: one header word (type, length), then its data. */
export function varg_words(v: Varg): number {
  switch (v.type) {
    case L4_VARG_TYPE_NIL:
      return 1;
    case L4_VARG_TYPE_UMWORD:
    case L4_VARG_TYPE_MWORD:
      return 2;
    case L4_VARG_TYPE_STRING:
      return 1 + Math.ceil(varg_string_bytes(v.value) / L4_MWORD_BYTES);
  }
}

/** Message registers the whole message needs: the opcode word and every Varg. */
export function msg_words(m: Msg): number {
  let n = 1;
  for (const a of m.args) n += varg_words(a);
  return n;
}

/** `"alice"`, `7`, `nil` — a Varg as a line of a counterexample shows it. */
export function varg_text(v: Varg): string {
  switch (v.type) {
    case L4_VARG_TYPE_NIL:
      return 'nil';
    case L4_VARG_TYPE_UMWORD:
      return `${v.value}u`;
    case L4_VARG_TYPE_MWORD:
      return String(v.value);
    case L4_VARG_TYPE_STRING:
      return JSON.stringify(v.value);
  }
}
