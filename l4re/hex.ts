/**
 * Numbers as C prints them in hex: the one formatter for addresses, capability
 * selectors and flag words in every message, transcript and report.
 */

/** `0x10040`, as `printf("%#lx")` (lower case, no padding); a negative number is `-0x10`. */
export function hex(x: number): string {
  return x < 0 ? `-0x${(-x).toString(16)}` : `0x${x.toString(16)}`;
}

/** One byte of memory, always two digits: `0x0a`, as `printf("0x%02x")`. */
export function hex_byte(x: number): string {
  return `0x${(x & 0xff).toString(16).padStart(2, '0')}`;
}
