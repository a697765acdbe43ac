/*
 * The lives of the blocks of a threaded round (threads.h), and the search
 * for two owners of one byte at once (lives.c).
 *
 * The round has one clock, an atomic counter every worker draws ticks from.
 * A block's life is [from, to]: `from` is drawn after the call that made the
 * block returned, `to` before the call that frees it is made (UINT64_MAX
 * while it is live). So a life lies inside the time its owner really held
 * the block, and two lives whose bytes overlap and whose ticks overlap are
 * two owners of one byte at the same moment: no correct allocator, however
 * it orders or caches blocks, makes them. The converse does not hold: an
 * overlap the ticks do not pin down is left to the patterns to find.
 */
#ifndef L4CHECK_LIVES_H
#define L4CHECK_LIVES_H

#include <stddef.h>
#include <stdint.h>

struct life {
  uintptr_t ptr;
  size_t size;      /* 0: malloc(0)'s block, which owns its first byte */
  uint64_t from, to;
  int64_t op;       /* the worker's op that made it */
  int worker;
  uint32_t serial;  /* the worker's p1, p2, ... in the order it made them */
};

/* The lives of one worker, in the order it made them. */
struct lives {
  const struct life *at;
  size_t count;
};

/*
 * The first pair (by the later one's `from`) of lives of `n` workers that
 * share a byte at one tick: 1 with *first the earlier one, *second the later;
 * 0 if no two do.
 */
int lives_overlap(const struct lives *of, size_t n, const struct life **first, const struct life **second);

/* `thread 1's p3 (0x10040, 24 bytes, from its op 5)`, into buf. */
void life_text(const struct life *l, char *buf, size_t size);

#endif
