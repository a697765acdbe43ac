/** How impl's typed-array tables grow: `b`, a longer array of `a`'s type, with `a`'s entries at its start. */
export function widen<T extends Uint8Array | Uint32Array | Int32Array>(a: T, b: T): T {
  b.set(a);
  return b;
}
