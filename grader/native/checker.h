/*
 * The heap checker of checked mode, as properties/heap_checker.ts: for every
 * live block a pattern unique to it in its bytes (pattern.h).
 *
 * Call order around each allocator call:
 *   checker_before_free(p)         before free(p) or realloc(p, n) of a live block
 *   checker_on_malloc(q, n)        malloc(n) or realloc(NULL, n) returned q != NULL
 *   checker_on_realloc(p, q, n)    realloc(p, n) of a live p returned q != NULL
 *   checker_on_free(p)             free(p), or realloc(p, 0) that freed p
 *   checker_end_op(p)              after every op; p is the op's block or NULL
 *
 * Checked on every new block: 16-alignment, inside the heap (subject_bounds),
 * no overlap with any live block (a zero-size block, from malloc(0), counts as
 * its first byte: its address must be unique), and for realloc that the first min(old, new)
 * bytes hold the old block's pattern. Verified byte for byte (big blocks: their
 * spans): a block before it is freed or reallocated; the op's block (unless
 * the op just filled it) and its neighbours in address order after every op; every block in a sweep whenever
 * the per-op checks since the last sweep have cost as much as a sweep over
 * SWEEP_SHARE; every block in checker_verify_all(). Each returns 1, or 0 with
 * the failure recorded (report.h).
 */
#ifndef L4CHECK_CHECKER_H
#define L4CHECK_CHECKER_H

#include <stddef.h>
#include <stdint.h>

/* The op messages name; the driver sets it before each op. */
extern int64_t checker_op;

/* Forget every block: a new program. */
void checker_reset(void);
int checker_before_free(uintptr_t p);
int checker_on_malloc(uintptr_t q, size_t size);
int checker_on_realloc(uintptr_t p, uintptr_t q, size_t size);
int checker_on_free(uintptr_t p);
int checker_end_op(uintptr_t p);
int checker_verify_all(void);
size_t checker_live_bytes(void);
size_t checker_live_count(void);

#endif
