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

  /** One character per 16 bits: equal sets give equal keys, and every key of a set has one length. */
  key(): string {
    return String.fromCharCode(...this.words);
  }
}
