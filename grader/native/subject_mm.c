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
#include <stdio.h>

#include "memlib.h"
#include "mm.h"
#include "subject.h"

extern mm_checkheap_result mm_checkheap(int verbose) __attribute__((weak));

static char message[160];

const char *subject_open(size_t heap_limit) {
  if (mem_init_limit(heap_limit) != 0) return "cannot reserve the heap region";
  return NULL;
}

const char *subject_reset(void) {
  mem_reset_brk();
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

void *subject_malloc(size_t size) {
  return mm_malloc(size);
}

void subject_free(void *ptr) {
  mm_free(ptr);
}

void *subject_realloc(void *ptr, size_t size) {
  return mm_realloc(ptr, size);
}

const char *subject_bounds(const void *ptr, size_t size) {
  uintptr_t lo = (uintptr_t)mem_heap_lo(), hi = (uintptr_t)mem_heap_hi(), p = (uintptr_t)ptr;
  if (p >= lo && p <= hi && size - 1 <= hi - p) return NULL;
  snprintf(message, sizeof message, "outside the heap [%#" PRIxPTR ", %#" PRIxPTR "]", lo, hi);
  return message;
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

const char *subject_leak(void) {
  return NULL;
}

int subject_probes_misuse(void) {
  return 0;
}
