/*
 * malloc.cc -- assignment 2 (C++ API, before 2019): malloc, free and
 * realloc, first fit over 32 KiB arenas that are kept for good.
 * CORRECT: expected verdict pass.
 *
 * Written against L4Re's C++ API as it was spelled before 2019:
 * rm()->attach(&addr, size, L4Re::Rm::Search_addr, ds) with a void *addr
 * (in that API the flags name no rights: read-write unless Rm::Read_only),
 * results kept in a `long err`, rm()->detach(addr, 0). No locking.
 *
 * Small blocks live in arenas of ARENA_SIZE (32 KiB), one dataspace each
 * (cap_alloc.alloc -> mem_alloc()->alloc -> rm()->attach). An arena is never
 * detached: its free space stays on the free list for later requests, so
 * whatever the program frees is reused, never lost. Every block has a
 * 16-byte header with boundary tags in dlmalloc's style: the size of the
 * block before it is stored in a block's header (valid while that block is
 * free), so free blocks need no footer:
 *
 *   arena:       | block | block | ... | block | end (a header: size 0, USED) |
 *   used block:  | prev_size | size + flags | ........ payload ........ |
 *   free block:  | prev_size | size + flags | next | prev | ........... |
 *                0           8              16     24
 *
 *   flags: USED = this block is handed out, PREV_USED = the block before it
 *          is handed out (if not, prev_size holds its size), BIG.
 *
 * The free list is doubly linked, newest first; malloc takes the first
 * block that is big enough and splits off the rest. free merges the block
 * with a free block after it and a free block before it, so free blocks
 * never touch; the first block of an arena has PREV_USED, and the end marker
 * is USED, so merging stops at the arena's edges.
 *
 * A request that does not fit in an arena gets a dataspace of its own
 * (rounded up to pages), with the same 16-byte header: its first word holds
 * the dataspace's capability, the second the dataspace's size with
 * BIG | USED. free gives it back at once: rm()->detach, then the slot is
 * freed with the task, which unmaps the dataspace.
 *
 * malloc(0) returns a unique minimum block (32 bytes); realloc(p, 0) frees
 * p and returns NULL, as glibc does.
 */
#include <l4/re/env>
#include <l4/re/mem_alloc>
#include <l4/re/rm>
#include <l4/re/dataspace>
#include <l4/re/util/cap_alloc>
#include <l4/sys/consts.h>
#include <l4/sys/err.h>

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define ALIGNMENT 16
#define HDR 16
#define MIN_BLOCK 32                     /* header + next + prev */
#define ARENA_SIZE (32 * 1024)
#define ARENA_BODY (ARENA_SIZE - HDR)    /* the largest block in an arena */
#define MAX_REQUEST ((size_t)1 << 46)

#define USED 1
#define PREV_USED 2
#define BIG 4
#define FLAGS 0xf

struct chunk {
  size_t prev_size;   /* small: size of the free block before; big: the dataspace */
  size_t head;        /* size | flags */
  chunk *next;        /* free-list links, while free */
  chunk *prev;
};

#define SIZE(c) ((c)->head & ~(size_t)FLAGS)
#define AT(c, off) ((chunk *)((char *)(c) + (off)))
#define PAYLOAD(c) ((void *)((char *)(c) + HDR))
#define HEADER(p) ((chunk *)((char *)(p) - HDR))

static chunk *free_list;

/* ---- dataspaces --------------------------------------------------------- */

/* size bytes of fresh memory in a dataspace of their own (its capability in *ds), or 0. */
static void *get_memory(unsigned long size, L4::Cap<L4Re::Dataspace> *ds_out)
{
  L4::Cap<L4Re::Dataspace> ds = L4Re::Util::cap_alloc.alloc<L4Re::Dataspace>();
  if (!ds.is_valid())
    return 0;

  long err = L4Re::Env::env()->mem_alloc()->alloc(size, ds);
  if (err < 0) {
    L4Re::Util::cap_alloc.free(ds);      /* the slot holds nothing yet */
    return 0;
  }

  void *addr = 0;
  err = L4Re::Env::env()->rm()->attach(&addr, size, L4Re::Rm::Search_addr, ds);
  if (err < 0) {
    /* drop the dataspace too: unmap it from our task with the slot */
    L4Re::Util::cap_alloc.free(ds, L4Re::Env::env()->task().cap());
    return 0;
  }

  *ds_out = ds;
  return addr;
}

/* ---- the free list ------------------------------------------------------ */

static void insert_free(chunk *c)
{
  c->next = free_list;
  c->prev = 0;
  if (free_list != 0)
    free_list->prev = c;
  free_list = c;
}

static void remove_free(chunk *c)
{
  if (c->prev != 0)
    c->prev->next = c->next;
  else
    free_list = c->next;
  if (c->next != 0)
    c->next->prev = c->prev;
}

/* ---- small blocks ------------------------------------------------------- */

/* A new arena: one free block (listed) and the end marker. 0 if refused. */
static chunk *new_arena()
{
  L4::Cap<L4Re::Dataspace> ds;
  chunk *c = (chunk *)get_memory(ARENA_SIZE, &ds);
  if (c == 0)
    return 0;
  /* The arena is ours for good: ds stays mapped and its slot taken. */
  c->prev_size = 0;
  c->head = ARENA_BODY | PREV_USED;
  chunk *end = AT(c, ARENA_BODY);
  end->prev_size = ARENA_BODY;
  end->head = 0 | USED;
  insert_free(c);
  return c;
}

/* Make c (off the list) a free block of `size` bytes, merging with free neighbours. */
static void release_chunk(chunk *c, size_t size)
{
  chunk *next = AT(c, size);
  if (!(next->head & USED)) {
    remove_free(next);
    size += SIZE(next);
  }
  if (!(c->head & PREV_USED)) {
    chunk *prev = AT(c, -(long)c->prev_size);
    remove_free(prev);
    size += c->prev_size;
    c = prev;
  }
  c->head = size | PREV_USED;           /* free blocks never touch */
  next = AT(c, size);
  next->prev_size = size;
  next->head &= ~(size_t)PREV_USED;
  insert_free(c);
}

/* Hand out `need` bytes of free block c (listed); the rest becomes a free block. */
static void *take(chunk *c, size_t need)
{
  size_t size = SIZE(c);

  remove_free(c);
  if (size - need >= MIN_BLOCK) {
    c->head = need | (c->head & PREV_USED) | USED;
    chunk *rest = AT(c, need);
    rest->head = PREV_USED;
    release_chunk(rest, size - need);
  } else {
    c->head |= USED;
    AT(c, size)->head |= PREV_USED;
  }
  return PAYLOAD(c);
}

/* Cut used block c down to `need` bytes; the tail is freed if it can be a block. */
static void shrink(chunk *c, size_t need)
{
  size_t size = SIZE(c);
  if (size - need < MIN_BLOCK)
    return;
  c->head = need | (c->head & PREV_USED) | USED;
  chunk *tail = AT(c, need);
  tail->head = (size - need) | PREV_USED;
  release_chunk(tail, size - need);
}

/* ---- big blocks --------------------------------------------------------- */

static void *malloc_big(size_t need)
{
  unsigned long size = l4_round_page(need);
  L4::Cap<L4Re::Dataspace> ds;
  chunk *c = (chunk *)get_memory(size, &ds);
  if (c == 0)
    return 0;
  c->prev_size = ds.cap();
  c->head = size | BIG | USED;
  return PAYLOAD(c);
}

static void free_big(chunk *c)
{
  L4::Cap<L4Re::Dataspace> ds(c->prev_size);   /* read it before the memory goes away */
  void *addr = c;
  L4Re::Env::env()->rm()->detach(addr, 0);
  L4Re::Util::cap_alloc.free(ds, L4Re::Env::env()->task().cap());
}

/* ---- malloc, free, realloc ---------------------------------------------- */

/* Block size for a request (0 too), or 0 if it cannot be served. */
static size_t block_size(size_t size)
{
  if (size > MAX_REQUEST)
    return 0;
  size_t need = (size + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT + HDR;
  return need < MIN_BLOCK ? MIN_BLOCK : need;
}

void *malloc(size_t size) throw()
{
  size_t need = block_size(size);
  if (need == 0)
    return 0;
  if (need > ARENA_BODY)
    return malloc_big(need);

  for (chunk *c = free_list; c != 0; c = c->next)
    if (SIZE(c) >= need)
      return take(c, need);
  chunk *c = new_arena();
  if (c == 0)
    return 0;
  return take(c, need);
}

void free(void *p) throw()
{
  if (p == 0)
    return;
  chunk *c = HEADER(p);
  if (c->head & BIG) {
    free_big(c);
    return;
  }
  c->head &= ~(size_t)USED;
  release_chunk(c, SIZE(c));
}

void *realloc(void *p, size_t size) throw()
{
  if (p == 0)
    return malloc(size);
  if (size == 0) {
    free(p);
    return 0;
  }
  size_t need = block_size(size);
  if (need == 0)
    return 0;

  chunk *c = HEADER(p);
  size_t have = SIZE(c);
  if (need <= have) {
    if (!(c->head & BIG))
      shrink(c, need);
    return p;
  }
  if (!(c->head & BIG) && need <= ARENA_BODY) {
    /* grow in place into a free block after it */
    chunk *next = AT(c, have);
    if (!(next->head & USED) && have + SIZE(next) >= need) {
      remove_free(next);
      c->head = (have + SIZE(next)) | (c->head & FLAGS);
      AT(c, SIZE(c))->head |= PREV_USED;
      shrink(c, need);
      return p;
    }
  }
  void *q = malloc(size);
  if (q == 0)
    return 0;
  memcpy(q, p, have - HDR);             /* have - HDR < size */
  free(p);
  return q;
}
