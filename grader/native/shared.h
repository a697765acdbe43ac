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

#include <stdint.h>

enum shared_phase {
  PHASE_IDLE = 0,      /* waiting for a request */
  PHASE_RESET = 1,     /* making a fresh heap: mm_init, or the l4re baseline */
  PHASE_OP = 2,        /* running op `op` */
  PHASE_END = 3,       /* checks after the last op */
  PHASE_TEARDOWN = 4,  /* freeing what the program left live; `op` counts on from the program's op count */
  PHASE_RERUN = 5,     /* the leak check's second, unchecked run of the program; `op` as in PHASE_OP */
};

enum note_kind {
  NOTE_NONE = 0,
  NOTE_FAULT = 1,        /* a fault outside memory the allocator may touch: a crash */
  NOTE_ENVIRONMENT = 2,  /* a fault in a region attached without the right it needed, or whose dataspace died */
  NOTE_KDEBUG = 3,       /* enter_kdebug: the note is its site and text */
};

#define NOTE_BYTES 480

struct shared_page {
  volatile int64_t op;           /* offset 0 */
  volatile uint32_t phase;       /* offset 8 */
  /* Set when the heap limit refused memory (memlib's sbrk, the shim's quota). */
  volatile uint32_t limit_hit;   /* offset 12 */
  volatile uint32_t note_kind;   /* offset 16 */
  volatile uint32_t reserved;    /* offset 20 */
  char note[NOTE_BYTES];         /* offset 24, NUL-terminated */
};

/* Never null once main() has mapped --op-file. */
extern struct shared_page *shared;

#endif
