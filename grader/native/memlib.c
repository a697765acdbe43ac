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
 *
 * mem_sbrk may be called from several threads at once (a threaded round,
 * threads.h): `lock` guards brk_at and committed, and brk_at is stored
 * atomically, so that mem_heap_hi() may read it without the lock.
 */
#include "memlib.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "shared.h"

#define HUGE ((size_t)2 << 20)

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
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

/* Make [heap, end) readable and writable, by whole pages (huge ones while timing); 0 if the kernel says no. `lock` held. */
static int commit(char *end) {
  char *want = heap + round_to((size_t)(end - heap), timing ? HUGE : mem_pagesize());
  if (want > heap + limit) want = heap + limit;
  if (want <= committed) return 1;
  if (mprotect(committed, (size_t)(want - committed), PROT_READ | PROT_WRITE) != 0) return 0;
  committed = want;
  return 1;
}

void *mem_sbrk(intptr_t incr) {
  pthread_mutex_lock(&lock);
  char *old = brk_at;
  int grown = incr >= 0 && (size_t)incr <= limit - (size_t)(old - heap) && commit(old + incr);
  if (grown) __atomic_store_n(&brk_at, old + incr, __ATOMIC_RELEASE);
  pthread_mutex_unlock(&lock);
  if (grown) return old;
  if (incr > 0) refused_here();
  errno = ENOMEM;
  return (void *)-1;
}

void *mem_heap_lo(void) {
  return heap;
}

void *mem_heap_hi(void) {
  return __atomic_load_n(&brk_at, __ATOMIC_ACQUIRE) - 1;
}

size_t mem_heapsize(void) {
  return (size_t)(__atomic_load_n(&brk_at, __ATOMIC_ACQUIRE) - heap);
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
