/*
 * The byte pattern the checker writes into every live block, and the parts of
 * a block it covers: the same pattern and spans as properties/heap/pattern.ts.
 *
 *   byte i of block #s = PATTERN[(phase(s) + i) mod PERIOD]
 *
 * Blocks up to FULL_LIMIT bytes are covered whole; bigger ones by their first
 * and last EDGE bytes and SAMPLES pages between, one in each SAMPLES-th of the
 * middle, at an offset chosen from the serial number.
 */
#ifndef L4CHECK_PATTERN_H
#define L4CHECK_PATTERN_H

#include <stddef.h>
#include <stdint.h>

#define PATTERN_FULL_LIMIT ((size_t)1 << 14)
#define PATTERN_MAX_SPANS (2 + 8)

/* Covered parts of a block: ascending, disjoint, each len <= FULL_LIMIT. */
struct spans {
  size_t count;
  size_t off[PATTERN_MAX_SPANS];
  size_t len[PATTERN_MAX_SPANS];
};

void pattern_init(void);
/* Block #serial's pattern for its bytes [off, off + len); len <= FULL_LIMIT. */
const uint8_t *pattern(uint64_t serial, size_t off);
void spans_of(size_t size, uint64_t serial, struct spans *out);
/* Bytes spans_of(size, ...) covers. */
size_t covered_bytes(size_t size);
/* Write block #serial's pattern into the spans of its `size` bytes at p. */
void pattern_fill(uint8_t *p, size_t size, uint64_t serial);
/* The offset of the first byte below `limit`, in the spans of block #serial of `size` bytes, that p does not hold as its pattern; SIZE_MAX if none. */
size_t pattern_mismatch(const uint8_t *p, size_t size, uint64_t serial, size_t limit);

#endif
