/** Which operations of a part are linearized, one bit each, and the memo's key for the set. */
export class Bitset {
  private readonly words: Uint16Array;

  constructor(n: number) {
    this.words = new Uint16Array(Math.ceil(n / 16));
  }

  set(i: number): void {
    this.words[i >>> 4]! |= 1 << (i & 15);
  }

  clear(i: number): void {
    this.words[i >>> 4]! &= ~(1 << (i & 15));
  }

  /**
   * Equal sets give equal keys, and a key ends where its own length says, so
   * another key may follow it. The leading full words are counted, not
   * spelled, and the trailing empty ones left out: with operations in call
   * order, the set is mostly a run from the first, and the key stays short
   * however long the part (one character per 16 bits otherwise).
   */
  key(): string {
    const w = this.words;
    let full = 0;
    while (full < w.length && w[full] === 0xffff) full++;
    let end = w.length;
    while (end > full && w[end - 1] === 0) end--;
    return `${full},${end - full};${String.fromCharCode(...w.subarray(full, end))}`;
  }
}
