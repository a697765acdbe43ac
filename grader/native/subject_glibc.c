/*
 * The reference subject (subject.h): glibc's allocator (reference/glibc.c,
 * called through subject_renamed.c like an l4re submission), the yardstick for C
 * submissions' throughput and time limits. Its heap is the process's own, so
 * every address it returns is in bounds; it holds nothing from an
 * environment, and a fresh heap is glibc's as the last teardown left it,
 * trimmed (malloc_trim) before a timed program so that the programs timed
 * before it do not shape its heap.
 */
#include <malloc.h>
#include <stdint.h>

#include "subject.h"

const char *subject_open(size_t heap_limit) {
  (void)heap_limit;
  return NULL;
}

const char *subject_reset(enum reset_for why) {
  if (why == FOR_TIMING_FIRST) malloc_trim(0);
  return NULL;
}

const char *subject_bounds(const void *ptr, size_t size) {
  (void)ptr;
  (void)size;
  return NULL;
}

const char *subject_checkheap(void) {
  return NULL;
}

int subject_has_checkheap(void) {
  return 0;
}

size_t subject_held(void) {
  return 0;
}

int subject_fault_note(uintptr_t addr, int write, struct note *n) {
  (void)addr;
  (void)write;
  note_str(n, "in glibc's allocator");
  return 0;
}
