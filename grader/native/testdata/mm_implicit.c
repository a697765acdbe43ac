/*
 * A correct malloc-lab allocator for the runner's tests: an implicit list of
 * blocks with a 16-byte header (size | used), first fit, splitting,
 * coalescing with the next block on free, and realloc in place when the block
 * is big enough.
 */
#include <string.h>

#include "memlib.h"
#include "mm.h"

#define HEADER 16

/* First block's payload, NULL while the heap is empty. */
static char *first;

static size_t *header(char *p) { return (size_t *)(p - HEADER); }
static size_t block_size(char *p) { return *header(p) & ~(size_t)1; }
static int in_use(char *p) { return *header(p) & 1; }
static char *heap_end(void) { return (char *)mem_heap_hi() + 1 + HEADER; }

int mm_init(void) {
  first = NULL;
  return 0;
}

void *mm_malloc(size_t n) {
  if (n == 0) return NULL;
  size_t need = ((n + 15) & ~(size_t)15) + HEADER;
  if (first != NULL) {
    for (char *p = first; p < heap_end(); p += block_size(p)) {
      size_t have = block_size(p);
      if (in_use(p) || have < need) continue;
      if (have - need >= 2 * HEADER) {
        *header(p) = need | 1;
        *header(p + need) = have - need;
      } else {
        *header(p) = have | 1;
      }
      return p;
    }
  }
  /* The first sbrk also pads 16 bytes so payloads are 16-aligned. */
  char *b = mem_sbrk((intptr_t)(need + (first == NULL ? HEADER : 0)));
  if (b == (void *)-1) return NULL;
  char *p = b + (first == NULL ? 2 * HEADER : HEADER);
  if (first == NULL) first = p;
  *header(p) = need | 1;
  return p;
}

void mm_free(void *ptr) {
  if (ptr == NULL) return;
  char *p = ptr;
  *header(p) &= ~(size_t)1;
  char *next = p + block_size(p);
  if (next < heap_end() && !in_use(next)) *header(p) += block_size(next);
}

void *mm_realloc(void *ptr, size_t n) {
  if (ptr == NULL) return mm_malloc(n);
  if (n == 0) {
    mm_free(ptr);
    return NULL;
  }
  size_t old = block_size(ptr) - HEADER;
  if (n <= old) return ptr;
  char *q = mm_malloc(n);
  if (q == NULL) return NULL;
  memcpy(q, ptr, old);
  mm_free(ptr);
  return q;
}

int mm_checkheap(int verbose) {
  (void)verbose;
  if (first == NULL) return 1;
  char *p = first;
  while (p < heap_end()) p += block_size(p);
  return p == heap_end();
}
