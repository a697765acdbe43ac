/*
 * memlib over one reserved region: [heap, heap + limit) is mapped PROT_NONE at
 * start, and pages become readable and writable as the break passes them.
 *
 * Invariants: heap <= brk <= committed <= heap + limit; [heap, committed) is
 * read-write and [committed, heap + limit) is not. After mem_reset_brk
 * (checked programs) committed is brk rounded up to pages, and every page of
 * the old heap was given back: stale pointers into it read zeros below the
 * new break and fault above it. After l4check_mem_rewind_brk (timing) the
 * pages are kept (but a checked program's, given back first) and committed
 * grows by whole huge pages (HUGE): the region is
 * 2 MiB aligned and advised MADV_HUGEPAGE, so a timed heap lies in huge pages,
 * whose cache and TLB behaviour does not change from one process to the next
 * as that of scattered 4 KiB pages does (the throughput score must not).
 */
#include "memlib.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "shared.h"

#define HUGE ((size_t)2 << 20)

static char *heap;
static char *brk_at;
static char *committed;
static size_t limit;
/* Since l4check_mem_rewind_brk and until mem_reset_brk: commit whole huge pages. */
static int timing;

static size_t round_to(size_t n, size_t unit) {
  return (n + unit - 1) / unit * unit;
}

int mem_init_limit(size_t bytes) {
  limit = round_to(bytes, HUGE);
  char *p = mmap(NULL, limit + HUGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return -1;
  heap = brk_at = committed = (char *)round_to((uintptr_t)p, HUGE);
  madvise(heap, limit, MADV_HUGEPAGE);
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
  timing = 0;
}

void l4check_mem_rewind_brk(void) {
  if (!timing) mem_reset_brk();
  brk_at = heap;
  timing = 1;
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
  char *want = heap + round_to((size_t)(old + incr - heap), timing ? HUGE : mem_pagesize());
  if (want > heap + limit) want = heap + limit;
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
