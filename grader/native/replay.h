/*
 * Replaying one program on a fresh heap and answering it (report.h):
 * checked (every check, utilization) or timed (no checks, ops per second).
 *
 * Semantics of null, as in C: malloc(0) and realloc(p, 0) may return NULL or a
 * pointer (kept but not checked: it has no bytes); realloc(p, 0) freed p. A
 * null result for a request of size > 0 is acceptable if the request alone
 * exceeds the heap limit (realloc then keeps p), the `memory` outcome if the
 * heap limit refused memory during that op, and otherwise a `result` failure.
 */
#ifndef L4CHECK_REPLAY_H
#define L4CHECK_REPLAY_H

#include <stddef.h>

#include "request.h"

void replay_checked(const struct request *r, size_t heap_limit);
void replay_timed(const struct request *r, size_t heap_limit);

#endif
