/*
 * mm.c -- malloc lab, explicit free list with boundary tags, and a lock
 * around malloc and realloc.
 * BUG (threads): free takes no lock. Expected verdict: pass; with
 * --threads 4, fail (thread-safety).
 *
 * A block's size (a multiple of 16) and its allocated bit sit in a header
 * word before the payload and in a footer word at its end (CS:APP's boundary
 * tags); a free block also holds the links of the free list:
 *
 *   allocated: | size|1 | payload ...              | size|1 |
 *   free:      | size|0 | next | prev | ...        | size|0 |
 *              bp-8     bp     bp+8               bp+size-16
 *
 * The heap starts with an allocated prologue and ends with an allocated
 * epilogue header, so coalescing never runs off either end. malloc walks the
 * free list (LIFO) for the first block that fits and splits off the rest;
 * free merges the block with free neighbours and pushes the result.
 *
 * The bug: "free only touches the block it is given, so it needs no lock".
 * It also unlinks its free neighbours and pushes onto the list head, while
 * a malloc in another thread walks and unlinks the same list: a block gets
 * handed out twice, or a free block is lost while another is handed out over
 * it. With one thread every check holds.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "memlib.h"

#define WORD 8
#define ALIGN 16
#define MIN_BLOCK 32
#define GROW 4096

int mm_init(void);
void *mm_malloc(size_t size);
void mm_free(void *ptr);
void *mm_realloc(void *ptr, size_t size);

struct links {
  char *next, *prev;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *free_list;

static size_t *hdr(char *bp) { return (size_t *)(bp - WORD); }
static size_t size_at(char *bp) { return *hdr(bp) & ~(size_t)15; }
static int used(char *bp) { return (int)(*hdr(bp) & 1); }
static size_t *ftr(char *bp) { return (size_t *)(bp + size_at(bp) - ALIGN); }
static char *after(char *bp) { return bp + size_at(bp); }
static char *before(char *bp) { return bp - (*(size_t *)(bp - ALIGN) & ~(size_t)15); }
static struct links *links(char *bp) { return (struct links *)bp; }

static void mark(char *bp, size_t size, int alloc) {
  *hdr(bp) = size | (size_t)alloc;
  *ftr(bp) = size | (size_t)alloc;
}

static void unlink_block(char *bp) {
  struct links *l = links(bp);
  if (l->prev != NULL) links(l->prev)->next = l->next;
  else free_list = l->next;
  if (l->next != NULL) links(l->next)->prev = l->prev;
}

static void push(char *bp) {
  links(bp)->prev = NULL;
  links(bp)->next = free_list;
  if (free_list != NULL) links(free_list)->prev = bp;
  free_list = bp;
}

/* bp, just freed or grown, merged with its free neighbours and pushed. */
static void release(char *bp) {
  size_t size = size_at(bp);
  if (!used(after(bp))) {
    unlink_block(after(bp));
    size += size_at(after(bp));
  }
  if (!(*(size_t *)(bp - ALIGN) & 1)) {
    bp = before(bp);
    unlink_block(bp);
    size += size_at(bp);
  }
  mark(bp, size, 0);
  push(bp);
}

int mm_init(void) {
  char *p = mem_sbrk(2 * ALIGN);
  if (p == (void *)-1) return -1;
  *(size_t *)(p + WORD) = ALIGN | 1;      /* the prologue, a 16-byte allocated block: its header */
  *(size_t *)(p + ALIGN) = ALIGN | 1;     /* ... and its footer */
  *(size_t *)(p + ALIGN + WORD) = 0 | 1;  /* the epilogue's header */
  free_list = NULL;
  return 0;
}

/* A new free block of at least `size` bytes at the heap's end, merged and pushed; NULL if memlib says no. */
static char *grow(size_t size) {
  if (size < GROW) size = GROW;
  char *bp = mem_sbrk((intptr_t)size);
  if (bp == (void *)-1) return NULL;
  mark(bp, size, 0);
  *hdr(after(bp)) = 0 | 1;
  release(bp);
  return free_list;
}

static void *malloc_locked(size_t n) {
  if (n == 0 || n > ((size_t)1 << 40)) return NULL;
  size_t size = (n + 2 * WORD + ALIGN - 1) / ALIGN * ALIGN;
  if (size < MIN_BLOCK) size = MIN_BLOCK;
  char *bp = free_list;
  while (bp != NULL && size_at(bp) < size) bp = links(bp)->next;
  if (bp == NULL && (bp = grow(size)) == NULL) return NULL;
  unlink_block(bp);
  size_t rest = size_at(bp) - size;
  if (rest < MIN_BLOCK) {
    mark(bp, size_at(bp), 1);
    return bp;
  }
  mark(bp, size, 1);
  mark(after(bp), rest, 0);
  push(after(bp));
  return bp;
}

void *mm_malloc(size_t n) {
  pthread_mutex_lock(&lock);
  void *p = malloc_locked(n);
  pthread_mutex_unlock(&lock);
  return p;
}

void mm_free(void *ptr) {
  if (ptr == NULL) return;
  char *bp = ptr;
  mark(bp, size_at(bp), 0);
  release(bp);
}

void *mm_realloc(void *ptr, size_t n) {
  if (ptr == NULL) return mm_malloc(n);
  if (n == 0) {
    mm_free(ptr);
    return NULL;
  }
  pthread_mutex_lock(&lock);
  size_t room = size_at(ptr) - 2 * WORD;
  void *q = n <= room ? ptr : malloc_locked(n);
  if (q != NULL && q != ptr) {
    memcpy(q, ptr, room);
    mark(ptr, size_at(ptr), 0);
    release(ptr);
  }
  pthread_mutex_unlock(&lock);
  return q;
}
