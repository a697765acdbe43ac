/*
 * The page the driver shares with the runner (grader/native_runner.ts), mapped
 * from the file named by --op-file. The runner reads it after the driver died
 * or was killed, to tell which op a crash or a timeout hit and, for a fault,
 * what the faulting address was (fault.c writes `note` before the process
 * dies of the signal).
 *
 * Invariant: `op` is written before each op starts and `phase` says what runs:
 * a crash reads as "during op `op`" (or during the reset before it, or the
 * teardown after it). Offsets are fixed: the runner reads them by number.
 */
#ifndef L4CHECK_SHARED_H
#define L4CHECK_SHARED_H

#include <stddef.h>
#include <stdint.h>

enum shared_phase {
  PHASE_IDLE = 0,      /* waiting for a request */
  PHASE_RESET = 1,     /* making a fresh heap: mm_init, or the l4re baseline */
  PHASE_OP = 2,        /* running op `op` */
  PHASE_END = 3,       /* checks after the last op */
  PHASE_TEARDOWN = 4,  /* freeing what the program left live; `op` counts on from the program's op count */
  PHASE_RERUN = 5,     /* the leak check's second, unchecked run of the program; `op` as in PHASE_OP */
  PHASE_THREADS = 6,   /* a threaded round (threads.h): each worker's op is in `thread_op` */
};

enum note_kind {
  NOTE_NONE = 0,
  NOTE_FAULT = 1,        /* a fault outside memory the allocator may touch: a crash */
  NOTE_ENVIRONMENT = 2,  /* a fault in a region attached without the right it needed, or whose dataspace died */
  NOTE_KDEBUG = 3,       /* enter_kdebug: the note is its site and text */
};

#define NOTE_BYTES 480
/* The most workers a threaded round has. */
#define THREADS_MAX 32

struct shared_page {
  volatile int64_t op;           /* offset 0 */
  volatile uint32_t phase;       /* offset 8 */
  /* Set when the heap limit refused memory (memlib's sbrk, the shim's quota). */
  volatile uint32_t limit_hit;   /* offset 12 */
  volatile uint32_t note_kind;   /* offset 16 */
  volatile uint32_t reserved;    /* offset 20 */
  char note[NOTE_BYTES];         /* offset 24, NUL-terminated */
  /* PHASE_THREADS: the op worker t started last (from its program's op count on: its teardown), -1 before its first. */
  volatile int64_t thread_op[THREADS_MAX];  /* offset 504 */
};

_Static_assert(offsetof(struct shared_page, thread_op) == 504 && sizeof(struct shared_page) == 760, "grader/native_runner.ts reads the page by these numbers");

/* Never null once main() has mapped --op-file. */
extern struct shared_page *shared;

/*
 * The calling thread as the environment's accounting sees it: the driver's
 * own (worker -1, at op `shared->op`), or worker `worker` of a threaded
 * round at its own op. `refused` says the environment refused memory in the
 * thread's current op.
 */
struct thread_here {
  int worker;
  int refused;
  int64_t op;
};
extern _Thread_local struct thread_here here;

static inline int64_t op_here(void) {
  return here.worker < 0 ? shared->op : here.op;
}

/* The environment refused memory to the calling thread's current op. */
static inline void refused_here(void) {
  shared->limit_hit = 1;
  here.refused = 1;
}

#endif
