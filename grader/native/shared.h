/*
 * The page the driver shares with the runner (grader/native_runner.ts), mapped
 * from the file named by --op-file. The runner reads it after the driver died
 * or was killed, to tell which op a crash or a timeout hit.
 *
 * Invariant: `op` is written before each op starts and `phase` says what runs:
 * a crash reads as "during op `op`" (or during the reset before it).
 */
#ifndef L4CHECK_SHARED_H
#define L4CHECK_SHARED_H

#include <stdint.h>

enum shared_phase {
  PHASE_IDLE = 0,   /* waiting for a request */
  PHASE_RESET = 1,  /* making a fresh heap: mm_init, or the l4re baseline */
  PHASE_OP = 2,     /* running op `op` */
  PHASE_END = 3,    /* checks after the last op */
};

struct shared_page {
  volatile int64_t op;
  volatile uint32_t phase;
  /* Set when the heap limit refused memory (memlib's sbrk, the shim's quota). */
  volatile uint32_t limit_hit;
};

/* Never null once main() has mapped --op-file. */
extern struct shared_page *shared;

#endif
