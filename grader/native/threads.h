/*
 * A threaded round: the allocator called from several threads at once on one
 * heap (docs/GRADER.md, "Threads"). Worker t is a thread made for the round
 * (so its thread-local storage starts fresh, as the heap does); it runs
 * program t of the request with its own ids, blocks and patterns, then frees
 * what it left live (its teardown, ops n, n + 1, ...). All start at one
 * barrier. Each checks only its own blocks and takes no lock of the
 * grader's around the allocator's calls, so the calls of different workers
 * overlap as much as the allocator lets them.
 *
 * Found while the workers run (the first worker to find something stops the
 * others before their next op):
 * - a block's bytes changed while its owner held it (checked before every
 *   free and realloc, the teardown's included), or realloc did not keep them;
 * - a block not 16-aligned or outside the heap;
 * - NULL for a request the environment did not refuse (a lost block);
 * Found once they have ended (lives.h), or after the teardowns:
 * - two blocks, of any workers, that shared a byte at one tick of the round's
 *   clock;
 * - mm_checkheap failing, or a call misusing the environment.
 * A fault or a hang ends the process; the runner tells it from the shared
 * page, whose thread_op says the op each worker was at.
 *
 * Answers (report.h):
 *   ok refused=N refused_max=B
 *   fail op=K check=thread-safety thread=T progress=A0,A1,... msg=TEXT
 * where thread T's op K is the failure, and worker t had started op At when
 * the round stopped (-1: none).
 */
#ifndef L4CHECK_THREADS_H
#define L4CHECK_THREADS_H

#include <stddef.h>

#include "request.h"

void threads_round(const struct request *r, size_t heap_limit);

#endif
