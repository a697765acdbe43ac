/**
 * Pictures of a heap for the reports, as plain data: its footprint over a
 * replay, and its layout at the peak. Producers fill them where they can look
 * (impl's allocator, a runner that reports them); every field is optional in
 * the results that carry them.
 */

/**
 * Sampled after ops op[i], in order, at most a few hundred samples: the bytes
 * of payload live then, and the bytes held from the environment (Mem_alloc's
 * dataspaces, memlib's heap). held - live is what fragmentation and headers cost.
 */
export interface Footprint {
  readonly op: readonly number[];
  readonly live: readonly number[];
  readonly held: readonly number[];
}

/** A block of a strip: [offset, offset + size) from the strip's start. */
export interface Heap_block {
  readonly offset: number;
  readonly size: number;
  /** live: a block's payload the program holds; free: the allocator's free memory; meta: headers, footers, its own tables. */
  readonly kind: 'live' | 'free' | 'meta';
}

/** The heap after op `op`, where held memory peaked: each dataspace (or heap region) a strip of blocks, in address order. */
export interface Heap_map {
  readonly op: number;
  readonly strips: readonly { readonly start: number; readonly size: number; readonly blocks: readonly Heap_block[] }[];
  /**
   * Present when the map was too big to list block by block: runs of blocks
   * under this many bytes were cut into pieces of about this size, and each
   * piece's bytes regrouped into one block a kind. Strips, the tiling and
   * each kind's bytes stay exact; no byte moves by this much or more.
   */
  readonly grain?: number;
}

/** A trace's pictures. */
export interface Heap_picture {
  readonly footprint: Footprint;
  readonly heap_map?: Heap_map;
}
