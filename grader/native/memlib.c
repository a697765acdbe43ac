/*
 * memlib over one reserved region: [heap, heap + limit) is mapped PROT_NONE at
 * start, and pages become readable and writable as the break passes them.
 *
 * Invariants: heap <= brk <= committed <= heap + limit; [heap, committed) is
 * read-write and [committed, heap + limit) is not; committed is brk rounded up
 * to pages, or more after l4check_mem_rewind_brk, which keeps the pages for timing.
 * After mem_reset_brk every page is given back: stale pointers into the old
 * heap read zeros below the new break and fault above it.
 */
#include "memlib.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "shared.h"

static char *heap;
static char *brk_at;
static char *committed;
static size_t limit;

static size_t page_round(size_t n) {
  size_t page = mem_pagesize();
  return (n + page - 1) / page * page;
}

int mem_init_limit(size_t bytes) {
  limit = page_round(bytes);
  void *p = mmap(NULL, limit, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return -1;
  heap = brk_at = committed = p;
  return 0;
}

void mem_init(void) {
  mem_reset_brk();
}

void mem_deinit(void) {
  mem_reset_brk();
}

void mem_reset_brk(void) {
  size_t used = (size_t)(committed - heap);
  if (used > 0) {
    madvise(heap, used, MADV_DONTNEED);
    mprotect(heap, used, PROT_NONE);
  }
  brk_at = committed = heap;
}

void l4check_mem_rewind_brk(void) {
  brk_at = heap;
}

size_t l4check_mem_limit(void) {
  return limit;
}

void *mem_sbrk(intptr_t incr) {
  if (incr < 0 || (size_t)incr > limit - (size_t)(brk_at - heap)) {
    if (incr > 0) shared->limit_hit = 1;
    errno = ENOMEM;
    return (void *)-1;
  }
  char *old = brk_at;
  char *want = heap + page_round((size_t)(old + incr - heap));
  if (want > committed) {
    if (mprotect(committed, (size_t)(want - committed), PROT_READ | PROT_WRITE) != 0) {
      shared->limit_hit = 1;
      errno = ENOMEM;
      return (void *)-1;
    }
    committed = want;
  }
  brk_at = old + incr;
  return old;
}

void *mem_heap_lo(void) {
  return heap;
}

void *mem_heap_hi(void) {
  return brk_at - 1;
}

size_t mem_heapsize(void) {
  return (size_t)(brk_at - heap);
}

size_t mem_pagesize(void) {
  return (size_t)sysconf(_SC_PAGESIZE);
}

void *mem_memset(void *dst, int c, size_t n) {
  return memset(dst, c, n);
}

void *mem_memcpy(void *dst, const void *src, size_t n) {
  return memcpy(dst, src, n);
}
