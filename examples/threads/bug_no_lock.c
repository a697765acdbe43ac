/*
 * malloc.c -- assignment 2: malloc, free and realloc over L4Re's C API,
 * power-of-two size classes.
 * BUG (threads): no lock at all. Expected verdict: pass; with --threads 4,
 * fail (thread-safety).
 *
 * A block is 32 << k bytes (k = 0 .. CLASSES - 1, 32 bytes to 32 KiB), its
 * first 16 bytes a header holding k. Blocks are cut from 64 KiB chunks, one
 * dataspace each, by moving `bump` towards `limit`; a freed block goes on the
 * front of its class's free list (the link in its payload) and malloc takes
 * it from there first. A request that fits no class gets a dataspace of its
 * own, header k = BIG and the capability beside it, given back on free.
 *
 *   small block: | k | unused | payload ...       (free: | k | unused | next | ...)
 *   big block:   | BIG | ds   | payload ...
 *                0     8      16
 *
 * The bug: "my program has one thread". Two threads that pop the same list
 * head at once both get its block (an overlap), and two that bump at once cut
 * one block twice. Sequentially every check holds.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <l4/re/c/dataspace.h>
#include <l4/re/c/mem_alloc.h>
#include <l4/re/c/rm.h>
#include <l4/re/c/util/cap_alloc.h>
#include <l4/sys/consts.h>
#include <l4/sys/err.h>
#include <l4/sys/types.h>

void *malloc(size_t size);
void free(void *ptr);
void *realloc(void *ptr, size_t size);

#define HEADER 16
#define CLASSES 11
#define BIG ((size_t)-1)
#define CHUNK (64 * 1024)

struct free_block {
  size_t k;
  size_t unused;
  struct free_block *next;
};

static struct free_block *lists[CLASSES];
static char *bump, *limit;

/* Attach a fresh dataspace of n bytes (page-rounded); its capability into *ds. NULL if Moe says no. */
static char *new_dataspace(size_t n, l4re_ds_t *ds) {
  l4re_ds_t cap = l4re_util_cap_alloc();
  void *at = NULL;
  if (l4_is_invalid_cap(cap)) return NULL;
  if (l4re_ma_alloc((long)l4_round_page(n), cap, 0) != 0) {
    l4re_util_cap_free(cap);
    return NULL;
  }
  if (l4re_rm_attach(&at, l4_round_page(n), L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, cap, 0, L4_PAGESHIFT) != 0) {
    l4re_util_cap_free_um(cap);
    return NULL;
  }
  *ds = cap;
  return at;
}

static size_t class_of(size_t size) {
  size_t k = 0;
  while (k < CLASSES && ((size_t)32 << k) < size + HEADER) k++;
  return k;
}

static void *big_block(size_t size) {
  l4re_ds_t ds;
  if (size > ((size_t)1 << 40)) return NULL;
  size_t *h = (size_t *)new_dataspace(size + HEADER, &ds);
  if (h == NULL) return NULL;
  h[0] = BIG;
  h[1] = ds;
  return h + 2;
}

void *malloc(size_t size) {
  if (size == 0) return NULL;
  size_t k = class_of(size);
  if (k == CLASSES) return big_block(size);
  struct free_block *b = lists[k];
  if (b != NULL) {
    lists[k] = b->next;
    return (char *)b + HEADER;
  }
  size_t bytes = (size_t)32 << k;
  if (bump == NULL || (size_t)(limit - bump) < bytes) {
    l4re_ds_t ds;
    bump = new_dataspace(CHUNK, &ds);
    if (bump == NULL) return NULL;
    limit = bump + CHUNK;
  }
  b = (struct free_block *)bump;
  bump += bytes;
  b->k = k;
  return (char *)b + HEADER;
}

void free(void *ptr) {
  if (ptr == NULL) return;
  struct free_block *b = (struct free_block *)((char *)ptr - HEADER);
  if (b->k == BIG) {
    l4re_ds_t ds = (l4re_ds_t)b->unused;
    l4re_rm_detach(b);
    l4re_util_cap_free_um(ds);
    return;
  }
  b->next = lists[b->k];
  lists[b->k] = b;
}

void *realloc(void *ptr, size_t size) {
  if (ptr == NULL) return malloc(size);
  if (size == 0) {
    free(ptr);
    return NULL;
  }
  size_t *h = (size_t *)ptr - 2;
  size_t room = (h[0] == BIG ? (size_t)l4re_ds_size((l4re_ds_t)h[1]) : (size_t)32 << h[0]) - HEADER;
  if (size <= room && h[0] != BIG) return ptr;
  void *q = malloc(size);
  if (q == NULL) return NULL;
  memcpy(q, ptr, room < size ? room : size);
  free(ptr);
  return q;
}
