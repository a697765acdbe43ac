/*
 * A bump allocator whose mm_checkheap, for the runner's tests, walks every
 * block it handed out (as malloc-lab asks students to write one) and reports
 * the heap broken once the 37th block exists: the first failing op is op 36
 * of a program of mallocs, which mm_checkheap's sparse calls must pin.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memlib.h"

static size_t blocks;

bool mm_init(void) {
  blocks = 0;
  return true;
}

void *mm_malloc(size_t n) {
  char *b = mem_sbrk((intptr_t)(((n + 15) & ~(size_t)15) + 16));
  if (b == (void *)-1) return NULL;
  *(size_t *)b = n;
  blocks++;
  return b + 16;
}

void mm_free(void *p) {
  (void)p;
}

void *mm_realloc(void *p, size_t n) {
  (void)p;
  return mm_malloc(n);
}

bool mm_checkheap(int lineno) {
  (void)lineno;
  size_t seen = 0;
  for (char *b = mem_heap_lo(); b < (char *)mem_heap_hi(); b += ((*(size_t *)b + 15) & ~(size_t)15) + 16) seen++;
  return seen == blocks && blocks < 37;
}
