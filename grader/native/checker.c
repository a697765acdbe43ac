/*
 * The heap checker (checker.h). Live blocks are an array sorted by address:
 * O(log n) lookups, O(n) memmove on insert and delete, which is cheaper than the
 * byte checks around it. Invariant: blocks[0..count) strictly ascending by ptr,
 * pairwise disjoint (a zero-size block, which malloc(0) may return, owns its
 * first byte); live == sum of their sizes; sweep_cost == sum over them of
 * covered_bytes(size) + BLOCK_COST.
 */
#include "checker.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pattern.h"
#include "report.h"
#include "sorted.h"
#include "subject.h"

#define ALIGNMENT 16
/* Work a block costs beyond its covered bytes, in byte equivalents. */
#define BLOCK_COST 256
/* Sweeps may cost this many times the per-op checks. */
#define SWEEP_SHARE 2

struct block {
  uintptr_t ptr;
  size_t size;
  uint64_t serial;
  int64_t op;
};

int64_t checker_op;
static struct block *blocks;
static size_t count, capacity;
static uint64_t serials;
static size_t live;
static uint64_t sweep_cost, since_sweep;
/* The block this op created and filled, if any: its bytes are the pattern, end_op need not look. */
static uintptr_t filled;

/* `p12 (0x10040, 24 bytes, from op 17)`, in one of two rotating buffers. */
static const char *text(const struct block *b) {
  static char buf[2][96];
  static int which;
  which ^= 1;
  snprintf(buf[which], sizeof buf[which], "p%" PRIu64 " (%#" PRIxPTR ", %zu bytes, from op %" PRId64 ")", b->serial, b->ptr, b->size, b->op);
  return buf[which];
}

/* Index of the first block starting above addr. */
static size_t above(uintptr_t addr) {
  return sorted_above(blocks, count, sizeof *blocks, offsetof(struct block, ptr), addr);
}

static struct block *at(uintptr_t p) {
  size_t i = above(p);
  return i > 0 && blocks[i - 1].ptr == p ? &blocks[i - 1] : NULL;
}

void checker_reset(void) {
  count = 0;
  filled = 0;
  serials = 0;
  live = 0;
  sweep_cost = since_sweep = 0;
  checker_op = 0;
}

/*
 * b's bytes in src's spans below limit must hold src's pattern. A failure names
 * b as `prefix` + text(b): the text is only formatted then, since this runs
 * several times an op.
 */
static int compare(const struct block *b, const struct block *src, size_t limit, const char *prefix) {
  size_t off = pattern_mismatch((const uint8_t *)b->ptr, src->size, src->serial, limit);
  if (off != SIZE_MAX) {
    char what[128], of[40] = "";
    snprintf(what, sizeof what, "%s%s", prefix, text(b));
    if (src != b) snprintf(of, sizeof of, " of p%" PRIu64, src->serial);
    return fail(src == b ? "payload" : "realloc copy", checker_op, "%s byte %zu is 0x%02x, expected 0x%02x%s (checked at op %" PRId64 ")", what, off,
                ((const uint8_t *)b->ptr)[off], *pattern(src->serial, off), of, checker_op);
  }
  since_sweep += covered_bytes(limit) + BLOCK_COST;
  return 1;
}

/* A live block's bytes; its memory may have gone since (an l4re region detached). A zero-size block has none. */
static int verify(const struct block *b) {
  if (b->size == 0) return 1;
  const char *outside = subject_bounds((const void *)b->ptr, b->size);
  if (outside != NULL) return fail("bounds", checker_op, "%s, live, is no longer in the heap: %s (op %" PRId64 ")", text(b), outside, checker_op);
  return compare(b, b, b->size, "payload of ");
}

static void fill(const struct block *b) {
  pattern_fill((uint8_t *)b->ptr, b->size, b->serial);
  since_sweep += covered_bytes(b->size) + BLOCK_COST;
}

/* Bytes a block takes up for overlap: a zero-size block still owns its address. */
static size_t extent(size_t size) {
  return size > 0 ? size : 1;
}

/* Check a new block (copied from `from` unless NULL), fill it, make it live. */
static int create(uintptr_t ptr, size_t size, const struct block *from) {
  if (ptr % ALIGNMENT != 0) {
    char call[64];
    if (from == NULL) snprintf(call, sizeof call, "malloc(%zu)", size);
    else snprintf(call, sizeof call, "realloc(p%" PRIu64 ", %zu)", from->serial, size);
    return fail("alignment", checker_op, "%s returned %#" PRIxPTR ", not %d-aligned (op %" PRId64 ")", call, ptr, ALIGNMENT, checker_op);
  }
  struct block b = {ptr, size, ++serials, checker_op};
  const char *outside = size > 0 ? subject_bounds((const void *)ptr, size) : NULL;
  if (outside != NULL) return fail("bounds", checker_op, "%s: %s", text(&b), outside);
  if (extent(size) > UINTPTR_MAX - ptr) return fail("bounds", checker_op, "%s wraps around the address space", text(&b));
  size_t i = above(ptr);
  for (size_t k = i > 0 ? i - 1 : 0; k <= i && k < count; k++) {
    const struct block *o = &blocks[k];
    if (o->ptr < ptr + extent(size) && ptr < o->ptr + extent(o->size)) return fail("overlap", checker_op, "%s overlaps %s", text(&b), text(o));
  }
  if (from != NULL && !compare(&b, from, size < from->size ? size : from->size, "")) return 0;
  fill(&b);
  filled = ptr;
  if (count == capacity) {
    capacity = capacity ? 2 * capacity : 1024;
    blocks = xrealloc(blocks, capacity * sizeof *blocks);
  }
  memmove(&blocks[i + 1], &blocks[i], (count - i) * sizeof *blocks);
  blocks[i] = b;
  count++;
  live += size;
  sweep_cost += covered_bytes(size) + BLOCK_COST;
  return 1;
}

/* Remove the live block at p; returns a copy of it. */
static struct block forget(uintptr_t p) {
  struct block *b = at(p);
  struct block copy = *b;
  size_t i = (size_t)(b - blocks);
  memmove(&blocks[i], &blocks[i + 1], (count - i - 1) * sizeof *blocks);
  count--;
  live -= copy.size;
  sweep_cost -= covered_bytes(copy.size) + BLOCK_COST;
  return copy;
}

int checker_before_free(uintptr_t p) {
  const struct block *b = at(p);
  return b == NULL || verify(b);
}

int checker_on_malloc(uintptr_t q, size_t size) {
  return create(q, size, NULL);
}

int checker_on_realloc(uintptr_t p, uintptr_t q, size_t size) {
  struct block old = forget(p);
  return create(q, size, &old);
}

int checker_on_free(uintptr_t p) {
  forget(p);
  return 1;
}

int checker_verify_all(void) {
  for (size_t k = 0; k < count; k++)
    if (!verify(&blocks[k])) return 0;
  since_sweep = 0;
  return 1;
}

int checker_end_op(uintptr_t p) {
  size_t i = above(p);
  size_t from = i >= 2 && blocks[i - 1].ptr == p ? i - 2 : (i >= 1 ? i - 1 : 0);
  uintptr_t skip = filled;
  filled = 0;
  for (size_t k = from; k <= i && k < count; k++)
    if (!(blocks[k].ptr == skip && skip == p) && !verify(&blocks[k])) return 0;
  if (since_sweep * SWEEP_SHARE >= sweep_cost) return checker_verify_all();
  return 1;
}

size_t checker_live_bytes(void) {
  return live;
}

size_t checker_live_count(void) {
  return count;
}
