/*
 * Requests the driver reads on fd 3, one a line:
 *
 *   checked NUM_IDS NUM_OPS            then NUM_OPS op lines, then `end`
 *   timed NUM_IDS NUM_OPS FIRST        the same; one replay, FIRST (0 or 1) as replay.h says
 *   retime FIRST                       the last timed program again, if no other request came between
 *   robust double_free | robust invalid_free
 *   threads N                          then N programs, each `program NUM_IDS NUM_OPS`, its op lines and `end`:
 *                                      a threaded round (threads.h), program t for worker t
 *
 * An op line is as in a .rep file: `a ID SIZE`, `f ID` (ID -1: free(NULL)) or
 * `r ID SIZE`; sizes are decimal and saturate at SIZE_MAX.
 */
#ifndef L4CHECK_REQUEST_H
#define L4CHECK_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#define REQUEST_FD 3

struct op {
  char kind;     /* 'a', 'f' or 'r' */
  int32_t id;    /* -1 only for 'f' */
  size_t size;
};

/* One worker's program of a threaded round. */
struct program {
  size_t num_ids;
  size_t num_ops;
  struct op *ops;
};

struct request {
  enum { REQ_EOF, REQ_BAD, REQ_CHECKED, REQ_TIMED, REQ_ROBUST, REQ_THREADS } kind;
  size_t num_ids;
  size_t num_ops;
  struct op *ops;        /* valid until the next read_request */
  int first;             /* timed */
  char probe[32];        /* robust */
  size_t threads;        /* threads: 1..THREADS_MAX (shared.h) */
  struct program *programs;  /* threads: one a worker, valid until the next read_request */
  char error[128];       /* REQ_BAD */
};

/* The next request; REQ_BAD says why in `error`. A retime is the last timed request with its new `first`. */
void read_request(struct request *r);

#endif
