/**
 * A Dataspace kernel object: `size` bytes of memory, charged to the quota as whole
 * pages. Pages are stored sparsely: a page never written reads as zero and costs
 * nothing, so a huge dataspace that is barely touched stays cheap.
 */
import { L4_PAGESHIFT, L4_PAGESIZE, l4_round_page } from '../l4re/mem.ts';

export class Dataspace {
  readonly kind = 'dataspace';
  /** False once destroyed; a dead dataspace is in no capability table. */
  alive = true;
  /** Counted capability copies plus attached regions. */
  count = 0;
  private readonly pages = new Map<number, Uint8Array>();

  constructor(readonly size: number) {}

  /** Bytes charged to the quota while alive. */
  charged(): number {
    return l4_round_page(this.size);
  }

  /** Copy `out.length` bytes starting at dataspace offset `offset` into `out`. */
  read(offset: number, out: Uint8Array): void {
    this.walk(offset, out.length, (page, in_page, done, n) => {
      const p = this.pages.get(page);
      if (p !== undefined) out.set(p.subarray(in_page, in_page + n), done);
    });
  }

  /** Store `data` at dataspace offset `offset`. */
  write(offset: number, data: Uint8Array): void {
    this.walk(offset, data.length, (page, in_page, done, n) => {
      let p = this.pages.get(page);
      if (p === undefined) {
        p = new Uint8Array(L4_PAGESIZE);
        this.pages.set(page, p);
      }
      p.set(data.subarray(done, done + n), in_page);
    });
  }

  /** The bytes of page `index` (offset / L4_PAGESIZE), if it was ever written. */
  page(index: number): Uint8Array | undefined {
    return this.pages.get(index);
  }

  /** The memory went back to the quota: nothing of it is reachable any more. */
  destroy(): void {
    this.alive = false;
    this.pages.clear();
  }

  private walk(offset: number, len: number, step: (page: number, in_page: number, done: number, n: number) => void): void {
    let done = 0;
    while (done < len) {
      const at = offset + done;
      const in_page = at % L4_PAGESIZE;
      const n = Math.min(L4_PAGESIZE - in_page, len - done);
      step(Math.floor(at / 2 ** L4_PAGESHIFT), in_page, done, n);
      done += n;
    }
  }
}
