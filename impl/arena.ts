/**
 * Arena: one stretch of the heap's address space, made of segments attached
 * back to back, with a per-page view table for metadata accesses.
 *
 *   base (a multiple of 2^ARENA_ALIGN_BITS)                     base + len
 *   | segment 0            | segment 1    | segment 2            |  free address space
 *   | page 0 | page 1 | …  |              |                      |  (the arena grows here)
 *     words[0] words[1]                                  one Uint32Array of
 *                                                        PAGE_WORDS per page
 *
 * Offsets are arena-relative bytes below ARENA_MAX_SIZE. A word access is one
 * table load and one typed-array load, never a region lookup.
 *
 * Invariants: segments are ascending and adjacent, the first at base, the last
 * ending at base + len; words.length = len / L4_PAGESIZE and words[p] aliases
 * page p of the dataspace attached there.
 */
import { L4_PAGESHIFT, L4_PAGESIZE, L4RE_RM_START } from '../l4re/mem.ts';
import { AT_EXACTLY, map_segment, unmap_segment, type Segment } from './segment.ts';
import type { Impl_task } from './task.ts';

const WORD_SHIFT = 2;
const PAGE_WORDS = L4_PAGESIZE >>> WORD_SHIFT;
const PAGE_WORD_MASK = PAGE_WORDS - 1;
/** Arenas start at multiples of 4 GiB, so each has room to grow below the next. */
const ARENA_ALIGN_BITS = 32;
export const ARENA_MAX_BITS = 31;
export const ARENA_MAX_SIZE = 2 ** ARENA_MAX_BITS;

export class Arena {
  readonly segments: Segment[] = [];
  protected readonly words: Uint32Array[] = [];
  /** Bytes attached from base. */
  len = 0;

  protected constructor(
    readonly task: Impl_task,
    readonly base: number,
  ) {}

  /** A new arena of `size` bytes (a page multiple), or null with nothing changed. */
  static map(task: Impl_task, size: number): Arena | null {
    const s = map_segment(task, L4RE_RM_START, size, ARENA_ALIGN_BITS);
    if (s === null) return null;
    const a = new Arena(task, s.start);
    a.add(s);
    return a;
  }

  /** Attach `size` more bytes (a page multiple) right at the end; false, with nothing changed, if that fails. */
  grow(size: number): boolean {
    if (this.len + size > ARENA_MAX_SIZE) return false;
    const s = map_segment(this.task, this.base + this.len, size, AT_EXACTLY);
    if (s === null) return false;
    this.add(s);
    return true;
  }

  protected add(s: Segment): void {
    this.segments.push(s);
    const bytes = this.task.view(s.start, s.size)!;
    for (let at = 0; at < s.size; at += L4_PAGESIZE) {
      this.words.push(new Uint32Array(bytes.buffer, bytes.byteOffset + at, PAGE_WORDS));
    }
    this.len += s.size;
  }

  /** Give back every segment starting at or after offset `cut`, which is a segment start. */
  shrink_to(cut: number): void {
    while (this.len > cut) {
      const s = this.segments.pop()!;
      unmap_segment(this.task, s);
      this.len -= s.size;
    }
    this.words.length = this.len >>> L4_PAGESHIFT;
  }

  /** The lowest segment start that is >= `off`, or len when there is none. */
  segment_start_from(off: number): number {
    let cut = this.len;
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const s = this.segments[i]!.start - this.base;
      if (s < off) break;
      cut = s;
    }
    return cut;
  }

  get(off: number): number {
    return this.words[off >>> L4_PAGESHIFT]![(off >>> WORD_SHIFT) & PAGE_WORD_MASK]!;
  }

  set(off: number, v: number): void {
    this.words[off >>> L4_PAGESHIFT]![(off >>> WORD_SHIFT) & PAGE_WORD_MASK] = v;
  }

  check_invariants(): void {
    let at = this.base;
    for (const s of this.segments) {
      if (s.start !== at) throw new Error(`Arena at ${this.base}: segment at ${s.start}, expected ${at}`);
      at += s.size;
    }
    if (at !== this.base + this.len || this.words.length !== this.len / L4_PAGESIZE) {
      throw new Error(`Arena at ${this.base}: segments end at ${at}, len ${this.len}, ${this.words.length} page views`);
    }
  }
}
