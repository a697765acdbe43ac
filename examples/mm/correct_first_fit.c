/*
 * mm.c -- malloc lab, explicit free list, first fit.
 * CORRECT: expected verdict pass.
 *
 * The malloc-lab port of ts/correct_first_fit.ts, kept line for line where
 * the two can be: the same blocks, flags, free list, split rule and realloc.
 * Only the memory underneath differs. Instead of dataspaces there is one heap
 * that grows with mem_sbrk, by CHUNK_SIZE (64 KiB) or by the request if that
 * is bigger, and an epilogue header ends the heap as the end marker ends an
 * arena there. A heap cannot shrink, so nothing is given back.
 *
 *   heap:  | pad | block | block | ... | block | epilogue (16 bytes, size 0, used) |
 *
 *   used block:  | size | flags | ........ payload ........ |
 *   free block:  | size | flags | next | prev | ... | size |
 *                0      8       16     24             size-8
 *
 *   flags: FREE = this block is free, PREV_FREE = the block before it is free
 *          (only then may we read the footer in front of the header).
 *
 * Blocks start 16-aligned and their sizes are multiples of 16, so payloads
 * are 16-aligned. The first block never has PREV_FREE: nothing is before it.
 * Free blocks never touch: free coalesces with both neighbours, and so does a
 * new chunk with a free block at the end of the heap.
 *
 * malloc(0) returns NULL; realloc(p, 0) frees p and returns NULL. mm_init
 * resets every static variable, so it can run again on a fresh heap.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "memlib.h"

int mm_init(void);
void *mm_malloc(size_t size);
void mm_free(void *ptr);
void *mm_realloc(void *ptr, size_t size);

#define ALIGN 16
#define HDR 16
/* header + next + prev + footer, rounded up to ALIGN */
#define MIN_BLOCK 48
#define CHUNK_SIZE (64 * 1024)
#define MAX_REQUEST ((size_t)1 << 46)

#define FREE 1
#define PREV_FREE 2

#define ROUND_UP(x, to) (((x) + (to) - 1) / (to) * (to))

static char *free_head;     /* first block of the free list, or NULL */
static char *epilogue;      /* the epilogue header: where the heap ends */

/* ---- raw memory --------------------------------------------------------- */

static size_t size_of(char *blk)
{
    return *(size_t *)blk;
}

static size_t flags_of(char *blk)
{
    return *(size_t *)(blk + 8);
}

static void set_header(char *blk, size_t size, size_t flags)
{
    *(size_t *)blk = size;
    *(size_t *)(blk + 8) = flags;
}

static void set_flags(char *blk, size_t flags)
{
    *(size_t *)(blk + 8) = flags;
}

/* the footer of the free block in front of blk (only if blk has PREV_FREE) */
static size_t size_before(char *blk)
{
    return *(size_t *)(blk - 8);
}

/* ---- free list ---------------------------------------------------------- */

static char *next_of(char *blk)
{
    return *(char **)(blk + 16);
}

static char *prev_of(char *blk)
{
    return *(char **)(blk + 24);
}

static void set_next(char *blk, char *next)
{
    *(char **)(blk + 16) = next;
}

static void set_prev(char *blk, char *prev)
{
    *(char **)(blk + 24) = prev;
}

static void push(char *blk)
{
    set_next(blk, free_head);
    set_prev(blk, NULL);
    if (free_head != NULL)
        set_prev(free_head, blk);
    free_head = blk;
}

static void unlink_free(char *blk)
{
    char *next = next_of(blk);
    char *prev = prev_of(blk);

    if (prev == NULL)
        free_head = next;
    else
        set_next(prev, next);
    if (next != NULL)
        set_prev(next, prev);
}

/*
 * Make [blk, blk+size) a free block: header, footer, PREV_FREE of the block
 * after it. The caller has already merged neighbours, so the flags are just
 * FREE: free blocks never touch.
 */
static void mark_free(char *blk, size_t size)
{
    char *after = blk + size;

    set_header(blk, size, FREE);
    *(size_t *)(blk + size - 8) = size;
    set_flags(after, flags_of(after) | PREV_FREE);
}

static void mark_used(char *blk, size_t size, int prev_free)
{
    char *after = blk + size;

    set_header(blk, size, prev_free ? PREV_FREE : 0);
    set_flags(after, flags_of(after) & ~(size_t)PREV_FREE);
}

/* ---- the heap ----------------------------------------------------------- */

/*
 * Grow the heap by a chunk of at least `need` bytes. The old epilogue becomes
 * the chunk's header and a new epilogue ends it; merged with a free block at
 * the old end of the heap, it goes on the free list. That free block, or NULL.
 */
static char *grow(size_t need)
{
    size_t size = need > CHUNK_SIZE ? need : CHUNK_SIZE;
    char *blk;

    if (mem_sbrk((intptr_t)size) == (void *)-1)
        return NULL;
    blk = epilogue;
    epilogue = blk + size;
    set_header(epilogue, 0, 0);            /* a used block of size 0 */
    if (flags_of(blk) & PREV_FREE) {
        char *before = blk - size_before(blk);
        unlink_free(before);
        size += blk - before;
        blk = before;
    }
    mark_free(blk, size);
    push(blk);
    return blk;
}

int mm_init(void)
{
    char *p;
    size_t pad;

    free_head = NULL;
    epilogue = NULL;

    /* The first block starts where the epilogue is now: it must be 16-aligned. */
    p = mem_sbrk(0);
    if (p == (void *)-1)
        return -1;
    pad = (ALIGN - (uintptr_t)p % ALIGN) % ALIGN;
    if (mem_sbrk((intptr_t)(pad + HDR)) == (void *)-1)
        return -1;
    epilogue = p + pad;
    set_header(epilogue, 0, 0);
    return 0;
}

/* ---- the interface ------------------------------------------------------ */

/* Block size for a request, or 0 if it cannot be served. */
static size_t block_size(size_t size)
{
    size_t need;

    if (size == 0 || size > MAX_REQUEST)
        return 0;
    need = ROUND_UP(size, ALIGN) + HDR;
    return need < MIN_BLOCK ? MIN_BLOCK : need;
}

/* Use `need` bytes of free block blk (already unlinked); split off the rest. */
static void *place(char *blk, size_t need)
{
    size_t size = size_of(blk);
    int prev_free = (flags_of(blk) & PREV_FREE) != 0;

    if (size - need >= MIN_BLOCK) {
        mark_used(blk, need, prev_free);
        mark_free(blk + need, size - need);
        push(blk + need);
    } else {
        mark_used(blk, size, prev_free);
    }
    return blk + HDR;
}

void *mm_malloc(size_t size)
{
    size_t need = block_size(size);
    char *b;

    if (need == 0)
        return NULL;
    if (epilogue == NULL && mm_init() < 0)
        return NULL;
    for (b = free_head; b != NULL; b = next_of(b)) {
        if (size_of(b) >= need) {
            unlink_free(b);
            return place(b, need);
        }
    }
    b = grow(need);
    if (b == NULL)
        return NULL;
    unlink_free(b);
    return place(b, need);
}

/* Free the block at blk of `size` bytes, merging with free neighbours. */
static void release(char *blk, size_t size)
{
    char *after = blk + size;

    if (flags_of(after) & FREE) {
        unlink_free(after);
        size += size_of(after);
    }
    if (flags_of(blk) & PREV_FREE) {
        char *before = blk - size_before(blk);
        unlink_free(before);
        size += blk - before;
        blk = before;
    }
    mark_free(blk, size);
    push(blk);
}

void mm_free(void *ptr)
{
    char *blk;

    if (ptr == NULL)
        return;
    blk = (char *)ptr - HDR;
    release(blk, size_of(blk));
}

void *mm_realloc(void *ptr, size_t size)
{
    size_t need, cur, keep;
    int prev_free;
    char *blk, *after;
    void *q;

    if (ptr == NULL)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(ptr);
        return NULL;
    }
    need = block_size(size);
    if (need == 0)
        return NULL;
    blk = (char *)ptr - HDR;
    cur = size_of(blk);
    prev_free = (flags_of(blk) & PREV_FREE) != 0;
    if (need <= cur) {
        if (cur - need >= MIN_BLOCK) {
            mark_used(blk, need, prev_free);
            set_header(blk + need, cur - need, 0);
            release(blk + need, cur - need);
        }
        return ptr;
    }
    /* Grow into the next block if it is free and big enough. */
    after = blk + cur;
    if ((flags_of(after) & FREE) && cur + size_of(after) >= need) {
        size_t total = cur + size_of(after);
        unlink_free(after);
        if (total - need >= MIN_BLOCK) {
            mark_used(blk, need, prev_free);
            mark_free(blk + need, total - need);
            push(blk + need);
        } else {
            mark_used(blk, total, prev_free);
        }
        return ptr;
    }
    q = mm_malloc(size);
    if (q == NULL)
        return NULL;
    keep = cur - HDR < size ? cur - HDR : size;
    memcpy(q, ptr, keep);
    mm_free(ptr);
    return q;
}
