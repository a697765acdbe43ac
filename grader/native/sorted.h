/*
 * Binary search in an array of structs kept sorted by an address field: the
 * checker's blocks (by ptr) and the shim's regions (by start).
 *
 * Precondition: the n entries of `stride` bytes at `base` ascend by the
 * uintptr_t at `key` bytes into each.
 */
#ifndef L4CHECK_SORTED_H
#define L4CHECK_SORTED_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Index of the first entry whose address is above addr (n if none). */
static inline size_t sorted_above(const void *base, size_t n, size_t stride, size_t key, uintptr_t addr) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    uintptr_t at;
    memcpy(&at, (const char *)base + mid * stride + key, sizeof at);
    if (at <= addr) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

#endif
