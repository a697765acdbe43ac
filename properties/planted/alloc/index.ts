/**
 * Bugs planted in variants of impl/malloc.ts, each a subclass of one of its
 * parts (Malloc_parts) overriding one protected seam, swapped in through
 * create_malloc_with (impl/parts.ts), in a file named after the bug. The allocator
 * property must refute every one; l4check's own self-test for allocators.
 */
import { create_malloc_with, type Malloc_parts } from '../../../impl/malloc.ts';
import { ALLOCATORS } from '../../allocators.ts';
import type { Allocator_under_test } from '../../trace/replay.ts';
import { Headerless_size_allocator } from './block_size_forgets_header.ts';
import { Double_free_slabs } from './chunk_double_free_accepted.ts';
import { Listed_twice_tlsf } from './coalesce_leaves_next_listed.ts';
import { Short_grow_tlsf } from './grow_in_place_short.ts';
import { Rounding_tlsf } from './interior_pointer_accepted.ts';
import { Headed_large_blocks } from './large_block_misaligned.ts';
import { Leaky_large_blocks } from './large_free_keeps_dataspace.ts';
import { Short_usable_tlsf } from './realloc_copies_too_little.ts';
import { Slab_blind_tlsf } from './trim_ignores_slabs.ts';

export interface Planted_alloc_bug {
  readonly name: string;
  readonly allocator: Allocator_under_test;
  /**
   * Whether the bug only shows against the reference: the bugged allocator
   * accepts a call the contract says to refuse, which no heap checker sees.
   */
  readonly differential_only: boolean;
  /** The first line of the failure it must cause, against the model or on its own: the planted reason, not any failure. */
  readonly reason: RegExp;
}

function planted(name: string, parts: Partial<Malloc_parts>, reason: RegExp, differential_only = false): Planted_alloc_bug {
  return {
    name,
    allocator: { name: `impl+${name}`, create_world: ALLOCATORS.impl.create_world, create_malloc: create_malloc_with(parts) },
    differential_only,
    reason,
  };
}

export const PLANTED_ALLOC_BUGS: readonly Planted_alloc_bug[] = [
  planted('realloc_copies_too_little', { Tlsf: Short_usable_tlsf }, /realloc copy: /),
  // A garbled header trips the impl up later, as free() would in C.
  planted('block_size_forgets_header', { Impl_allocator: Headerless_size_allocator }, /^(TypeError|RangeError|Error: Tlsf)|overlap: |byte \d+ is /),
  planted('coalesce_leaves_next_listed', { Tlsf: Listed_twice_tlsf }, /overlap: |Tlsf at \d+: (list|free blocks)|payload of p\d+ .* byte \d+ is/),
  planted('large_block_misaligned', { Large_blocks: Headed_large_blocks }, /alignment: .*not 16-aligned/),
  planted('large_free_keeps_dataspace', { Large_blocks: Leaky_large_blocks }, /leak after freeing everything/),
  planted('trim_ignores_slabs', { Tlsf: Slab_blind_tlsf }, /page-faults on (read|write)|Tlsf at \d+: \d+ used blocks|leak after freeing everything/),
  planted('grow_in_place_short', { Tlsf: Short_grow_tlsf }, /page-faults on (read|write)|Tlsf at \d+: /),
  planted('chunk_double_free_accepted', { Slabs: Double_free_slabs }, /free\(p\d+\): model gives -L4_EINVAL/, true),
  planted('interior_pointer_accepted', { Tlsf: Rounding_tlsf }, /(free|realloc)\(p\d+ \+ \d+.*model gives -L4_EINVAL/, true),
];
