/**
 * Segment: one dataspace of the allocator's, attached RW at one address and
 * held through one cap_alloc slot.
 *
 *   [start, start + size)  ── region ──> dataspace (round_page(size) bytes) <── slot cap
 *
 * map_segment either does all three steps or, on any failure, undoes the ones
 * done, so that a failed request changes neither slots, quota nor regions.
 */
import { l4_is_invalid_cap, type Cap } from '../l4re/cap.ts';
import { L4RE_RM_F_RW, L4RE_RM_F_SEARCH_ADDR } from '../l4re/mem.ts';
import type { Impl_task } from './task.ts';

export interface Segment {
  readonly start: number;
  readonly size: number;
  readonly cap: Cap;
}

/** Where map_segment attaches: exactly at `start`, or the lowest free multiple of 2^align_bits >= start. */
export const AT_EXACTLY = -1;

/** A new segment of `size` (a positive page multiple) bytes, or null, having changed nothing. */
export function map_segment(task: Impl_task, start: number, size: number, align_bits: number): Segment | null {
  const cap = task.cap_alloc.alloc();
  if (l4_is_invalid_cap(cap)) return null;
  if (task.mem_alloc.alloc(size, cap) < 0) {
    task.cap_alloc.free(cap);
    return null;
  }
  const flags = align_bits === AT_EXACTLY ? L4RE_RM_F_RW : L4RE_RM_F_RW | L4RE_RM_F_SEARCH_ADDR;
  const at = task.rm.attach(start, size, flags, cap, 0, Math.max(align_bits, 0));
  if (at < 0) {
    task.cap_alloc.free(cap);
    return null;
  }
  return { start: at, size, cap };
}

/** Detach a segment and free its slot: its dataspace dies and its pages go back to the quota. */
export function unmap_segment(task: Impl_task, s: Segment): void {
  task.rm.detach(s.start);
  task.cap_alloc.free(s.cap);
}
