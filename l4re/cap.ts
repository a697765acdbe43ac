/**
 * Capability selectors and rights, as Fiasco.OC defines them.
 *
 * A selector names a slot of the calling task's object space: `slot << L4_CAP_SHIFT`.
 * Selectors are task-local; the same number in two tasks names unrelated slots.
 */
export type Cap = number;

export const L4_CAP_SHIFT = 12;
/** `~0 << 11`: the selector with the invalid bit (0x800) set. */
export const L4_INVALID_CAP: Cap = ~0 << 11;
export const L4_INVALID_CAP_BIT = 0x800;
/** Slots in one task's object space. */
export const L4_CAP_TABLE_SLOTS = 65536;

export const L4_CAP_FPAGE_W = 0x1;
export const L4_CAP_FPAGE_S = 0x2;
/** Read: every capability has it; a map can never remove it. */
export const L4_CAP_FPAGE_R = 0x4;
/** Delete: the holder may destroy the object for everyone. */
export const L4_CAP_FPAGE_D = 0x8;
export const L4_CAP_FPAGE_RO = L4_CAP_FPAGE_R;
export const L4_CAP_FPAGE_RW = L4_CAP_FPAGE_R | L4_CAP_FPAGE_W;
export const L4_CAP_FPAGE_RS = L4_CAP_FPAGE_R | L4_CAP_FPAGE_S;
export const L4_CAP_FPAGE_RWS = L4_CAP_FPAGE_RW | L4_CAP_FPAGE_S;
export const L4_CAP_FPAGE_RWSD = L4_CAP_FPAGE_RWS | L4_CAP_FPAGE_D;

export function l4_is_invalid_cap(c: Cap): boolean {
  return (c & L4_INVALID_CAP_BIT) !== 0;
}

export function l4_is_valid_cap(c: Cap): boolean {
  return !l4_is_invalid_cap(c);
}

/** The selector of slot `slot`. */
export function cap_of_slot(slot: number): Cap {
  return slot << L4_CAP_SHIFT;
}

/**
 * The slot a selector names, or -1 when the selector is invalid, has bits below
 * the shift set, or lies outside the object space.
 */
export function slot_of_cap(c: Cap): number {
  if (!Number.isInteger(c) || c < 0 || l4_is_invalid_cap(c)) return -1;
  if ((c & ((1 << L4_CAP_SHIFT) - 1)) !== 0) return -1;
  const slot = c >>> L4_CAP_SHIFT;
  return slot < L4_CAP_TABLE_SLOTS ? slot : -1;
}

/** `"RWS"`-style text of a rights mask, for counterexamples. */
export function rights_name(rights: number): string {
  let s = '';
  if (rights & L4_CAP_FPAGE_R) s += 'R';
  if (rights & L4_CAP_FPAGE_W) s += 'W';
  if (rights & L4_CAP_FPAGE_S) s += 'S';
  if (rights & L4_CAP_FPAGE_D) s += 'D';
  return s === '' ? '0' : s;
}
