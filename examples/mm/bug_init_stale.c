/*
 * mm.c -- malloc lab, segregated free lists with boundary tags.
 *
 * Every block has an 8-byte header and an 8-byte footer (size | alloc);
 * payloads are 16-aligned; a free block keeps next/prev pointers in its
 * payload. NUM_CLASSES LIFO lists by size class, first fit from the
 * request's class up. Prologue/epilogue as in CS:APP. mm_malloc sets the
 * heap up itself if nobody called mm_init.
 *
 * BUG: mm_init returns early when heap_listp is already set ("so that
 * calling it twice does not build a second prologue"). The driver calls
 * mm_init again on a reset heap for every program and trace, so from the
 * second one on there is no prologue and the free lists still point into
 * the previous heap: the first malloc follows them into pages the reset gave
 * back (l4check's memlib) and dies, or, on a memlib whose reset keeps the
 * bytes, returns a block above the new break.
 * Expected verdict: crash (SIGSEGV at op 0 of the second program); fail
 * (bounds) on a memlib that keeps the old heap's bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "memlib.h"

int mm_init(void);
void *mm_malloc(size_t size);
void mm_free(void *ptr);
void *mm_realloc(void *ptr, size_t size);

#define WSIZE 8
#define DSIZE 16
#define ALIGNMENT 16
#define MIN_BLOCK 32
#define CHUNKSIZE (1 << 12)
#define NUM_CLASSES 12
/* the most one mem_sbrk may ask for (its increment is signed) */
#define MAX_SBRK ((size_t)INTPTR_MAX / 2)

#define MAX(x, y) ((x) > (y) ? (x) : (y))
#define ALIGN(n) (((n) + (ALIGNMENT - 1)) & ~(size_t)(ALIGNMENT - 1))

#define PACK(size, alloc) ((size) | (alloc))
#define GET(p) (*(size_t *)(p))
#define PUT(p, val) (*(size_t *)(p) = (val))
#define GET_SIZE(p) (GET(p) & ~(size_t)0xf)
#define GET_ALLOC(p) (GET(p) & 0x1)

#define HDRP(bp) ((char *)(bp) - WSIZE)
#define FTRP(bp) ((char *)(bp) + GET_SIZE(HDRP(bp)) - DSIZE)
#define NEXT_BLKP(bp) ((char *)(bp) + GET_SIZE(HDRP(bp)))
#define PREV_BLKP(bp) ((char *)(bp) - GET_SIZE((char *)(bp) - DSIZE))

/* free-list links, inside the payload of a free block */
#define NEXT_FREE(bp) (*(char **)(bp))
#define PREV_FREE(bp) (*(char **)((char *)(bp) + WSIZE))

static char *heap_listp;
static char *seg_heads[NUM_CLASSES];

static int class_of(size_t asize)
{
    int i = 0;
    size_t limit = MIN_BLOCK;
    while (i < NUM_CLASSES - 1 && asize > limit) {
        limit <<= 1;
        i++;
    }
    return i;
}

static void insert_free(char *bp)
{
    int c = class_of(GET_SIZE(HDRP(bp)));
    NEXT_FREE(bp) = seg_heads[c];
    PREV_FREE(bp) = NULL;
    if (seg_heads[c] != NULL)
        PREV_FREE(seg_heads[c]) = bp;
    seg_heads[c] = bp;
}

static void remove_free(char *bp)
{
    int c = class_of(GET_SIZE(HDRP(bp)));
    if (PREV_FREE(bp) != NULL)
        NEXT_FREE(PREV_FREE(bp)) = NEXT_FREE(bp);
    else
        seg_heads[c] = NEXT_FREE(bp);
    if (NEXT_FREE(bp) != NULL)
        PREV_FREE(NEXT_FREE(bp)) = PREV_FREE(bp);
}

/* Merge free block bp with free neighbours; bp is in no list yet. */
static char *coalesce(char *bp)
{
    size_t prev_alloc = GET_ALLOC(HDRP(PREV_BLKP(bp)));
    size_t next_alloc = GET_ALLOC(HDRP(NEXT_BLKP(bp)));
    size_t size = GET_SIZE(HDRP(bp));

    if (!next_alloc) {
        remove_free(NEXT_BLKP(bp));
        size += GET_SIZE(HDRP(NEXT_BLKP(bp)));
        PUT(HDRP(bp), PACK(size, 0));
        PUT(FTRP(bp), PACK(size, 0));
    }
    if (!prev_alloc) {
        bp = PREV_BLKP(bp);
        remove_free(bp);
        size += GET_SIZE(HDRP(bp));
        PUT(HDRP(bp), PACK(size, 0));
        PUT(FTRP(bp), PACK(size, 0));
    }
    insert_free(bp);
    return bp;
}

/* Grow the heap by `bytes` (a multiple of 16); the new free block, or NULL. */
static char *extend_heap(size_t bytes)
{
    char *bp;

    if (bytes > MAX_SBRK)
        return NULL;
    bp = mem_sbrk((intptr_t)bytes);
    if (bp == (void *)-1)
        return NULL;
    PUT(HDRP(bp), PACK(bytes, 0));         /* replaces the old epilogue */
    PUT(FTRP(bp), PACK(bytes, 0));
    PUT(HDRP(NEXT_BLKP(bp)), PACK(0, 1)); /* new epilogue */
    return coalesce(bp);
}

int mm_init(void)
{
    char *p;
    size_t pad = WSIZE;

    /* already set up (mm_malloc initializes lazily): nothing to do */
    if (heap_listp != NULL)
        return 0;
    memset(seg_heads, 0, sizeof(seg_heads));

    p = mem_sbrk(4 * WSIZE);
    if (p == (void *)-1)
        return -1;
    /* The first payload lands at p + pad + 3 words: it must be 16-aligned. */
    if ((uintptr_t)p % DSIZE != 0) {
        if (mem_sbrk(WSIZE) == (void *)-1)
            return -1;
        pad = 2 * WSIZE;
    }
    p += pad;
    PUT(p, PACK(DSIZE, 1));             /* prologue header */
    PUT(p + WSIZE, PACK(DSIZE, 1));     /* prologue footer */
    PUT(p + 2 * WSIZE, PACK(0, 1));     /* epilogue header */
    heap_listp = p + WSIZE;
    return 0;
}

static size_t adjust(size_t size)
{
    return MAX(MIN_BLOCK, ALIGN(size) + DSIZE);
}

static char *find_fit(size_t asize)
{
    for (int c = class_of(asize); c < NUM_CLASSES; c++)
        for (char *bp = seg_heads[c]; bp != NULL; bp = NEXT_FREE(bp))
            if (GET_SIZE(HDRP(bp)) >= asize)
                return bp;
    return NULL;
}

/* Allocate asize bytes at the start of free block bp (in a list). */
static void place(char *bp, size_t asize)
{
    size_t csize = GET_SIZE(HDRP(bp));

    remove_free(bp);
    if (csize - asize >= MIN_BLOCK) {
        PUT(HDRP(bp), PACK(asize, 1));
        PUT(FTRP(bp), PACK(asize, 1));
        bp = NEXT_BLKP(bp);
        PUT(HDRP(bp), PACK(csize - asize, 0));
        PUT(FTRP(bp), PACK(csize - asize, 0));
        insert_free(bp);
    } else {
        PUT(HDRP(bp), PACK(csize, 1));
        PUT(FTRP(bp), PACK(csize, 1));
    }
}

void *mm_malloc(size_t size)
{
    size_t asize;
    char *bp;

    if (size == 0 || size > MAX_SBRK)
        return NULL;
    if (heap_listp == NULL && mm_init() < 0)
        return NULL;
    asize = adjust(size);
    bp = find_fit(asize);
    if (bp == NULL) {
        bp = extend_heap(MAX(asize, (size_t)CHUNKSIZE));
        if (bp == NULL)
            return NULL;
    }
    place(bp, asize);
    return bp;
}

void mm_free(void *ptr)
{
    size_t size;

    if (ptr == NULL)
        return;
    size = GET_SIZE(HDRP(ptr));
    PUT(HDRP(ptr), PACK(size, 0));
    PUT(FTRP(ptr), PACK(size, 0));
    coalesce(ptr);
}

/* Shrink allocated block bp to asize, freeing the tail if it is big enough. */
static void shrink(char *bp, size_t asize)
{
    size_t csize = GET_SIZE(HDRP(bp));
    char *tail;

    if (csize - asize < MIN_BLOCK)
        return;
    PUT(HDRP(bp), PACK(asize, 1));
    PUT(FTRP(bp), PACK(asize, 1));
    tail = NEXT_BLKP(bp);
    PUT(HDRP(tail), PACK(csize - asize, 0));
    PUT(FTRP(tail), PACK(csize - asize, 0));
    coalesce(tail);
}

void *mm_realloc(void *ptr, size_t size)
{
    size_t asize, csize, next_size;
    char *next, *newp;

    if (ptr == NULL)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(ptr);
        return NULL;
    }
    if (size > MAX_SBRK)
        return NULL;

    asize = adjust(size);
    csize = GET_SIZE(HDRP(ptr));
    if (asize <= csize) {
        shrink(ptr, asize);
        return ptr;
    }

    /* grow in place into a free neighbour */
    next = NEXT_BLKP(ptr);
    next_size = GET_SIZE(HDRP(next));
    if (!GET_ALLOC(HDRP(next)) && csize + next_size >= asize) {
        remove_free(next);
        PUT(HDRP(ptr), PACK(csize + next_size, 1));
        PUT(FTRP(ptr), PACK(csize + next_size, 1));
        shrink(ptr, asize);
        return ptr;
    }

    /* last block of the heap: grow the heap under it */
    if (next_size == 0) {
        size_t more = asize - csize;
        if (more <= MAX_SBRK && mem_sbrk((intptr_t)more) != (void *)-1) {
            PUT(HDRP(ptr), PACK(asize, 1));
            PUT(FTRP(ptr), PACK(asize, 1));
            PUT(HDRP(NEXT_BLKP(ptr)), PACK(0, 1));
            return ptr;
        }
    }

    newp = mm_malloc(size);
    if (newp == NULL)
        return NULL;
    memcpy(newp, ptr, csize - DSIZE);
    mm_free(ptr);
    return newp;
}
