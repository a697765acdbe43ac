/*
 * mm.c -- malloc lab, implicit free list (CS:APP 9.9.12), first fit.
 *
 * Every block has an 8-byte header and an 8-byte footer holding
 * size | alloc; block sizes are multiples of 16, payloads 16-aligned.
 * The heap is a prologue block, the blocks, and an epilogue header.
 * free() coalesces with both neighbours, the four cases of the book.
 *
 * BUG: case 2 of coalesce (only the next block is free) updates the merged
 * block's header but not its footer, which still holds the old next block's
 * size. Freeing the block after it later walks back by that stale size into
 * the middle of the free block and writes a header there; once that area is
 * handed out again, heap walks follow garbage sizes.
 * Expected verdict: fail (payload): with the grader's fixed seed the
 * property suite sees a header written into a live block. Other programs
 * can crash first (SIGSEGV in a later find_fit or coalesce).
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
#define CHUNKSIZE (1 << 12)

#define MAX(x, y) ((x) > (y) ? (x) : (y))
#define PACK(size, alloc) ((size) | (alloc))
#define GET(p) (*(size_t *)(p))
#define PUT(p, val) (*(size_t *)(p) = (val))
#define GET_SIZE(p) (GET(p) & ~(size_t)0xf)
#define GET_ALLOC(p) (GET(p) & 0x1)
#define HDRP(bp) ((char *)(bp) - WSIZE)
#define FTRP(bp) ((char *)(bp) + GET_SIZE(HDRP(bp)) - DSIZE)
#define NEXT_BLKP(bp) ((char *)(bp) + GET_SIZE(HDRP(bp)))
#define PREV_BLKP(bp) ((char *)(bp) - GET_SIZE((char *)(bp) - DSIZE))

static char *heap_listp;

static void *coalesce(void *bp)
{
    size_t prev_alloc = GET_ALLOC(FTRP(PREV_BLKP(bp)));
    size_t next_alloc = GET_ALLOC(HDRP(NEXT_BLKP(bp)));
    size_t size = GET_SIZE(HDRP(bp));

    if (prev_alloc && next_alloc) {             /* case 1 */
        return bp;
    } else if (prev_alloc && !next_alloc) {     /* case 2 */
        size += GET_SIZE(HDRP(NEXT_BLKP(bp)));
        PUT(HDRP(bp), PACK(size, 0));
    } else if (!prev_alloc && next_alloc) {     /* case 3 */
        size += GET_SIZE(HDRP(PREV_BLKP(bp)));
        PUT(FTRP(bp), PACK(size, 0));
        PUT(HDRP(PREV_BLKP(bp)), PACK(size, 0));
        bp = PREV_BLKP(bp);
    } else {                                    /* case 4 */
        size += GET_SIZE(HDRP(PREV_BLKP(bp))) + GET_SIZE(FTRP(NEXT_BLKP(bp)));
        PUT(HDRP(PREV_BLKP(bp)), PACK(size, 0));
        PUT(FTRP(NEXT_BLKP(bp)), PACK(size, 0));
        bp = PREV_BLKP(bp);
    }
    return bp;
}

static void *extend_heap(size_t bytes)
{
    char *bp;

    if (bytes > (1u << 30))
        return NULL;
    bp = mem_sbrk((int)bytes);
    if (bp == (void *)-1)
        return NULL;
    PUT(HDRP(bp), PACK(bytes, 0));
    PUT(FTRP(bp), PACK(bytes, 0));
    PUT(HDRP(NEXT_BLKP(bp)), PACK(0, 1));
    return coalesce(bp);
}

int mm_init(void)
{
    char *p = mem_sbrk(4 * WSIZE);
    size_t pad = WSIZE;

    if (p == (void *)-1)
        return -1;
    if ((uintptr_t)p % DSIZE != 0) {       /* keep payloads 16-aligned */
        if (mem_sbrk(WSIZE) == (void *)-1)
            return -1;
        pad = DSIZE;
    }
    p += pad;
    PUT(p, PACK(DSIZE, 1));
    PUT(p + WSIZE, PACK(DSIZE, 1));
    PUT(p + 2 * WSIZE, PACK(0, 1));
    heap_listp = p + WSIZE;
    return 0;
}

static void *find_fit(size_t asize)
{
    for (char *bp = heap_listp; GET_SIZE(HDRP(bp)) > 0; bp = NEXT_BLKP(bp))
        if (!GET_ALLOC(HDRP(bp)) && GET_SIZE(HDRP(bp)) >= asize)
            return bp;
    return NULL;
}

static void place(void *bp, size_t asize)
{
    size_t csize = GET_SIZE(HDRP(bp));

    if (csize - asize >= 2 * DSIZE) {
        PUT(HDRP(bp), PACK(asize, 1));
        PUT(FTRP(bp), PACK(asize, 1));
        bp = NEXT_BLKP(bp);
        PUT(HDRP(bp), PACK(csize - asize, 0));
        PUT(FTRP(bp), PACK(csize - asize, 0));
    } else {
        PUT(HDRP(bp), PACK(csize, 1));
        PUT(FTRP(bp), PACK(csize, 1));
    }
}

void *mm_malloc(size_t size)
{
    size_t asize;
    char *bp;

    if (size == 0 || size > (1u << 30))
        return NULL;
    asize = DSIZE * ((size + DSIZE + (DSIZE - 1)) / DSIZE);
    if ((bp = find_fit(asize)) == NULL) {
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

void *mm_realloc(void *ptr, size_t size)
{
    void *newp;
    size_t copy;

    if (ptr == NULL)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(ptr);
        return NULL;
    }
    newp = mm_malloc(size);
    if (newp == NULL)
        return NULL;
    copy = GET_SIZE(HDRP(ptr)) - DSIZE;
    if (size < copy)
        copy = size;
    memcpy(newp, ptr, copy);
    mm_free(ptr);
    return newp;
}
