/*
 * Replaying one program on a fresh heap and answering it (report.h):
 * checked (every check, utilization) or timed (no checks, the seconds of one
 * replay; the grader takes the samples, grader/timing.ts).
 *
 * What a correct allocator may do (docs/GRADER.md), and so what passes:
 * - malloc(0) and realloc(p, 0) return NULL or a unique pointer, which is a
 *   live block of no bytes, freed and checked like any other; realloc(p, 0)
 *   frees p either way;
 * - a request of n > 0 bytes returns NULL, with nothing changed (realloc keeps
 *   p live and intact), when the environment refused memory during the op or
 *   n and an allowance for headers do not fit in what the heap limit leaves;
 *   any other NULL is a `result` failure.
 *
 * A checked program ends with the heap verified, every block it left live
 * freed (the teardown), mm_checkheap, and the leak check (replay.c).
 */
#ifndef L4CHECK_REPLAY_H
#define L4CHECK_REPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "request.h"

void replay_checked(const struct request *r, size_t heap_limit);
/*
 * Whether a null result for a request of n bytes is the environment's doing,
 * not the allocator's: it refused memory during the calling thread's op, or
 * the request and an allowance do not fit in what the heap limit leaves.
 */
int null_allowed(size_t n, size_t held, size_t heap_limit);
/* One replay on a fresh heap (the first of a program's on one that nothing timed before has shaped). */
void replay_timed(const struct request *r);

#endif
