/*
 * mm.c -- malloc lab, size classes with a cache in every thread.
 * CORRECT: expected verdict pass, also with --threads 4.
 *
 * A small block is 32 << c bytes (c = 0 .. CLASSES - 1, 32 bytes to 4 KiB),
 * a big one any multiple of 16 above; each starts with a 16-byte header:
 *
 *   | class (or BIG) | bytes | payload ...            (free: | class | bytes | next | ...)
 *   0                8       16
 *
 * Shared by all threads, under `heap_lock`: a free list per class, the
 * stretch of heap that small blocks are cut from (`cut` .. `cut_end`, grown
 * by CHUNK with mem_sbrk), and the list of free big blocks (first fit, never
 * split or merged).
 *
 * Each thread's own, and so without a lock: a cache of up to 2 * BATCH free
 * blocks per class (`__thread`). malloc takes a block from its cache; an
 * empty cache takes BATCH blocks at once under the lock. free puts a block
 * in the freeing thread's cache; a full one gives BATCH back under the lock.
 * A block may be freed by another thread than the one that made it: it then
 * goes to the freer's cache. Blocks a thread still caches when it ends stay
 * there: the choice of a per-thread cache, which holds memory to save
 * locking. No block is ever in two lists, and only its owner thread touches
 * a cached block, so no two threads are ever handed the same one.
 *
 * The heap starts 16-aligned and grows by multiples of 16, so every payload
 * is 16-aligned. mm_init empties the shared lists and the calling thread's
 * cache: the grader calls it from its own thread, the only one that outlives
 * a heap (the threads of a threaded round are new each round). malloc(0)
 * returns NULL.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "memlib.h"

#define HEADER 16
#define CLASSES 8
#define BIG ((size_t)CLASSES)
#define BATCH 8
#define CHUNK (64 * 1024)

int mm_init(void);
void *mm_malloc(size_t size);
void mm_free(void *ptr);
void *mm_realloc(void *ptr, size_t size);

struct block {
  size_t class;
  size_t bytes;
  struct block *next; /* free blocks only */
};

static pthread_mutex_t heap_lock = PTHREAD_MUTEX_INITIALIZER;
static struct block *shared_free[CLASSES];
static struct block *big_free;
static char *cut, *cut_end;

static __thread struct {
  struct block *list[CLASSES];
  int count[CLASSES];
} cache;

/* ---- shared state: heap_lock held ---- */

static void *grow(size_t bytes) {
  void *p = mem_sbrk((intptr_t)bytes);
  return p == (void *)-1 ? NULL : p;
}

/* A fresh block of class c, cut from the heap; NULL when memlib has no more. */
static struct block *carve(size_t c) {
  size_t bytes = (size_t)32 << c;
  if (cut == NULL || (size_t)(cut_end - cut) < bytes) {
    if ((cut = grow(CHUNK)) == NULL) return NULL;
    cut_end = cut + CHUNK;
  }
  struct block *b = (struct block *)cut;
  cut += bytes;
  b->class = c;
  b->bytes = bytes;
  return b;
}

/* Up to BATCH blocks of class c into the calling thread's cache. */
static void refill(size_t c) {
  for (int k = 0; k < BATCH; k++) {
    struct block *b = shared_free[c];
    if (b != NULL) shared_free[c] = b->next;
    else if ((b = carve(c)) == NULL) return;
    b->next = cache.list[c];
    cache.list[c] = b;
    cache.count[c]++;
  }
}

static struct block *big_take(size_t bytes) {
  for (struct block **at = &big_free; *at != NULL; at = &(*at)->next) {
    struct block *b = *at;
    if (b->bytes < bytes) continue;
    *at = b->next;
    return b;
  }
  if (bytes > ((size_t)1 << 40)) return NULL;
  struct block *b = grow(bytes);
  if (b == NULL) return NULL;
  b->class = BIG;
  b->bytes = bytes;
  return b;
}

/* ---- the calls ---- */

int mm_init(void) {
  pthread_mutex_lock(&heap_lock);
  memset(shared_free, 0, sizeof shared_free);
  memset(&cache, 0, sizeof cache);
  big_free = NULL;
  cut = cut_end = NULL;
  pthread_mutex_unlock(&heap_lock);
  return 0;
}

static size_t class_of(size_t size) {
  size_t c = 0;
  while (c < CLASSES && ((size_t)32 << c) < size + HEADER) c++;
  return c;
}

void *mm_malloc(size_t size) {
  if (size == 0) return NULL;
  size_t c = class_of(size);
  struct block *b;
  if (c == BIG) {
    pthread_mutex_lock(&heap_lock);
    b = big_take((size + HEADER + 15) / 16 * 16);
    pthread_mutex_unlock(&heap_lock);
    return b == NULL ? NULL : (char *)b + HEADER;
  }
  if (cache.list[c] == NULL) {
    pthread_mutex_lock(&heap_lock);
    refill(c);
    pthread_mutex_unlock(&heap_lock);
    if (cache.list[c] == NULL) return NULL;
  }
  b = cache.list[c];
  cache.list[c] = b->next;
  cache.count[c]--;
  return (char *)b + HEADER;
}

void mm_free(void *ptr) {
  if (ptr == NULL) return;
  struct block *b = (struct block *)((char *)ptr - HEADER);
  size_t c = b->class;
  if (c == BIG) {
    pthread_mutex_lock(&heap_lock);
    b->next = big_free;
    big_free = b;
    pthread_mutex_unlock(&heap_lock);
    return;
  }
  b->next = cache.list[c];
  cache.list[c] = b;
  if (++cache.count[c] <= 2 * BATCH) return;
  pthread_mutex_lock(&heap_lock);
  for (int k = 0; k < BATCH; k++) {
    struct block *give = cache.list[c];
    cache.list[c] = give->next;
    give->next = shared_free[c];
    shared_free[c] = give;
  }
  cache.count[c] -= BATCH;
  pthread_mutex_unlock(&heap_lock);
}

void *mm_realloc(void *ptr, size_t size) {
  struct block *b = ptr == NULL ? NULL : (struct block *)((char *)ptr - HEADER);
  if (b != NULL && size > 0 && size <= b->bytes - HEADER) return ptr; /* it still fits */
  void *q = size == 0 ? NULL : mm_malloc(size);
  if (q == NULL && size > 0) return NULL; /* ptr stays as it was */
  if (b != NULL && q != NULL) memcpy(q, ptr, b->bytes - HEADER);
  mm_free(ptr);
  return q;
}
