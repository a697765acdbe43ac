/*
 * The malloc-lab subject (subject.h): mm_* over memlib. A fresh heap is an
 * empty memlib heap and mm_init() again; the student's static variables are
 * left as they are, as mdriver leaves them, so state that mm_init does not
 * reset shows up as a failure of the next program.
 *
 * mm_checkheap is optional: a weak reference, NULL when the student's file
 * does not define it. (Trace ops never call mm_calloc.)
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "memlib.h"
#include "mm.h"
#include "subject.h"

extern mm_checkheap_result mm_checkheap(int verbose) __attribute__((weak));

static _Thread_local char message[160];

const char *subject_open(size_t heap_limit) {
  if (mem_init_limit(heap_limit) != 0) return "cannot reserve the heap region";
  return NULL;
}

const char *subject_reset(enum reset_for why) {
  if (why == FOR_TIMING_AGAIN) l4check_mem_rewind_brk();
  else mem_reset_brk();
  if (why == FOR_TIMING_FIRST) l4check_mem_rewind_brk();
#ifdef L4CHECK_MM_INIT_BOOL
  if (!mm_init()) return "mm_init() returned false";
#else
  int r = mm_init();
  if (r < 0) {
    snprintf(message, sizeof message, "mm_init() returned %d", r);
    return message;
  }
#endif
  return NULL;
}

SUBJECT_CALLS(mm_)

const char *subject_bounds(const void *ptr, size_t size) {
  uintptr_t lo = (uintptr_t)mem_heap_lo(), hi = (uintptr_t)mem_heap_hi(), p = (uintptr_t)ptr;
  if (p >= lo && p <= hi && size - 1 <= hi - p) return NULL;
  snprintf(message, sizeof message, "outside the heap [%#" PRIxPTR ", %#" PRIxPTR "]", lo, hi);
  return message;
}

int subject_has_checkheap(void) {
  return mm_checkheap != NULL;
}

const char *subject_checkheap(void) {
  if (mm_checkheap == NULL) return NULL;
#ifdef L4CHECK_CHECKHEAP_VOID
  mm_checkheap(0);
#else
  if (!mm_checkheap(0)) return "mm_checkheap(0) returned false";
#endif
  return NULL;
}

size_t subject_held(void) {
  return mem_heapsize();
}

int subject_fault_note(uintptr_t addr, int write, struct note *n) {
  (void)write;
  uintptr_t lo = (uintptr_t)mem_heap_lo(), brk = (uintptr_t)mem_heap_hi() + 1;
  if (addr < 4096) note_str(n, "a NULL pointer dereference");
  else if (addr >= lo && addr < brk) note_str(n, "inside the heap (a page it may touch)");
  else if (addr >= brk && addr - brk < l4check_mem_limit()) {
    note_str(n, "beyond the heap's break, ");
    note_dec(n, (int64_t)(addr - brk));
    note_str(n, " bytes past mem_heap_hi() + 1");
  } else if (addr < lo && lo - addr <= 4096) note_str(n, "just below the heap (mem_heap_lo())");
  else note_str(n, "outside the heap");
  return 0;
}
