/*
 * mm.c -- malloc lab, implicit free list (CS:APP 9.9.12), first fit, with a
 * heap checker and a lock.
 * CORRECT: expected verdict pass.
 *
 * Every block has an 8-byte header and an 8-byte footer (boundary tags)
 * holding size | alloc; block sizes are multiples of 16 and payloads are
 * 16-aligned, so the smallest block is 32 bytes:
 *
 *   | hdr | ...... payload (>= 16) ...... | ftr |
 *   bp-8  bp                              bp+size-16
 *
 *   heap:  | pad | prologue hdr | prologue ftr | block | ... | block | epilogue hdr |
 *                  (16, 1)        (16, 1)                              (0, 1)
 *
 * malloc takes the first free block that fits, walking the whole heap from
 * the prologue, and splits it if the rest can be a block. free coalesces at
 * once with both neighbours (the four cases of the book), so no two free
 * blocks are ever adjacent. When nothing fits the heap grows by
 * max(request, CHUNKSIZE) and the new block coalesces with a free last block.
 *
 * Choices that differ from the other examples:
 * - malloc(0) returns a unique minimum block (32 bytes), to be freed like
 *   any other; realloc(p, 0) shrinks p in place to a minimum block and
 *   returns it, which is the same as freeing p and handing out a new one.
 * - Every call takes one pthread mutex, so the allocator can be used from
 *   several threads. The public functions lock and call the *_locked ones;
 *   nothing calls a public function with the lock held, so mm_init (which
 *   locks too) never deadlocks, also when a program calls it again.
 * - bool mm_checkheap(int lineno), the 2016+ signature, walks the whole heap
 *   and checks every block: 16-aligned payload, inside the heap, size a
 *   multiple of 16 and at least the minimum, header equal to footer, no two
 *   free blocks in a row, and the prologue and epilogue in place. It prints
 *   what is wrong (with the caller's line number) and returns false.
 *
 * mm_init resets every static variable, so it can run again on a fresh heap.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "memlib.h"

bool mm_init(void);
void *mm_malloc(size_t size);
void mm_free(void *ptr);
void *mm_realloc(void *ptr, size_t size);
bool mm_checkheap(int lineno);

#define WSIZE 8             /* header and footer */
#define DSIZE 16            /* alignment */
#define MIN_BLOCK 32
#define CHUNKSIZE (1 << 12)
/* the most one mem_sbrk may ask for (its increment is signed) */
#define MAX_SBRK ((size_t)INTPTR_MAX / 2)

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

static pthread_mutex_t heap_lock = PTHREAD_MUTEX_INITIALIZER;
static char *heap_listp;    /* the prologue block's payload; NULL before mm_init */

/* ---- heap management (lock held) ---------------------------------------- */

static char *coalesce(char *bp)
{
    size_t prev_alloc = GET_ALLOC(HDRP(PREV_BLKP(bp)));
    size_t next_alloc = GET_ALLOC(HDRP(NEXT_BLKP(bp)));
    size_t size = GET_SIZE(HDRP(bp));

    if (prev_alloc && next_alloc) {             /* case 1 */
        return bp;
    } else if (prev_alloc && !next_alloc) {     /* case 2 */
        size += GET_SIZE(HDRP(NEXT_BLKP(bp)));
        PUT(HDRP(bp), PACK(size, 0));
        PUT(FTRP(bp), PACK(size, 0));
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

/* Grow the heap by `bytes` (a multiple of 16); the new free block, or NULL. */
static char *extend_heap(size_t bytes)
{
    char *bp;

    if (bytes > MAX_SBRK)
        return NULL;
    bp = mem_sbrk((intptr_t)bytes);
    if (bp == (void *)-1)
        return NULL;
    PUT(HDRP(bp), PACK(bytes, 0));          /* replaces the old epilogue */
    PUT(FTRP(bp), PACK(bytes, 0));
    PUT(HDRP(NEXT_BLKP(bp)), PACK(0, 1));   /* new epilogue */
    return coalesce(bp);
}

static bool init_locked(void)
{
    char *p;
    size_t pad = WSIZE;

    heap_listp = NULL;

    p = mem_sbrk(4 * WSIZE);
    if (p == (void *)-1)
        return false;
    /* The first payload lands at p + pad + 3 words: it must be 16-aligned. */
    if ((uintptr_t)p % DSIZE != 0) {
        if (mem_sbrk(WSIZE) == (void *)-1)
            return false;
        pad = 2 * WSIZE;
    }
    p += pad;
    PUT(p, PACK(DSIZE, 1));                 /* prologue header */
    PUT(p + WSIZE, PACK(DSIZE, 1));         /* prologue footer */
    PUT(p + 2 * WSIZE, PACK(0, 1));         /* epilogue header */
    heap_listp = p + WSIZE;
    return extend_heap(CHUNKSIZE) != NULL;
}

/* Block size for a request of `size` bytes (0 too): header, footer, payload. */
static size_t adjust(size_t size)
{
    if (size <= DSIZE)
        return MIN_BLOCK;
    return DSIZE * ((size + DSIZE + (DSIZE - 1)) / DSIZE);
}

static char *find_fit(size_t asize)
{
    char *bp;

    for (bp = heap_listp; GET_SIZE(HDRP(bp)) > 0; bp = NEXT_BLKP(bp))
        if (!GET_ALLOC(HDRP(bp)) && GET_SIZE(HDRP(bp)) >= asize)
            return bp;
    return NULL;
}

static void place(char *bp, size_t asize)
{
    size_t csize = GET_SIZE(HDRP(bp));

    if (csize - asize >= MIN_BLOCK) {
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

static void *malloc_locked(size_t size)
{
    size_t asize;
    char *bp;

    if (size > MAX_SBRK)
        return NULL;
    if (heap_listp == NULL && !init_locked())
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

static void free_locked(void *bp)
{
    size_t size;

    if (bp == NULL)
        return;
    size = GET_SIZE(HDRP(bp));
    PUT(HDRP(bp), PACK(size, 0));
    PUT(FTRP(bp), PACK(size, 0));
    coalesce(bp);
}

static void *realloc_locked(void *ptr, size_t size)
{
    size_t asize, csize, total;
    char *next, *newp;

    if (ptr == NULL)
        return malloc_locked(size);
    if (size > MAX_SBRK)
        return NULL;
    asize = adjust(size);
    csize = GET_SIZE(HDRP(ptr));

    /* shrink in place; the cut-off tail becomes a free block */
    if (asize <= csize) {
        if (csize - asize >= MIN_BLOCK) {
            PUT(HDRP(ptr), PACK(asize, 1));
            PUT(FTRP(ptr), PACK(asize, 1));
            next = NEXT_BLKP(ptr);
            PUT(HDRP(next), PACK(csize - asize, 1));
            PUT(FTRP(next), PACK(csize - asize, 1));
            free_locked(next);
        }
        return ptr;
    }

    /* grow in place into a free next block */
    next = NEXT_BLKP(ptr);
    total = csize + GET_SIZE(HDRP(next));
    if (!GET_ALLOC(HDRP(next)) && total >= asize) {
        PUT(HDRP(ptr), PACK(total, 1));
        PUT(FTRP(ptr), PACK(total, 1));
        if (total - asize >= MIN_BLOCK) {
            PUT(HDRP(ptr), PACK(asize, 1));
            PUT(FTRP(ptr), PACK(asize, 1));
            next = NEXT_BLKP(ptr);
            PUT(HDRP(next), PACK(total - asize, 0));
            PUT(FTRP(next), PACK(total - asize, 0));
        }
        return ptr;
    }

    /* move: the old payload (csize - DSIZE bytes) is smaller than size */
    newp = malloc_locked(size);
    if (newp == NULL)
        return NULL;
    memcpy(newp, ptr, csize - DSIZE);
    free_locked(ptr);
    return newp;
}

/* ---- the heap checker (lock held) --------------------------------------- */

static bool check_locked(int lineno)
{
    char *lo = mem_heap_lo();
    char *hi = (char *)mem_heap_hi() + 1;       /* one past the last byte */
    char *bp;
    bool prev_free = false;
    size_t nblocks = 0;

    if (heap_listp == NULL)
        return true;                            /* nothing to check yet */
    if (GET(HDRP(heap_listp)) != PACK(DSIZE, 1) || GET(heap_listp) != PACK(DSIZE, 1)) {
        fprintf(stderr, "mm_checkheap(%d): bad prologue at %p\n", lineno, (void *)heap_listp);
        return false;
    }
    for (bp = NEXT_BLKP(heap_listp);; bp = NEXT_BLKP(bp)) {
        size_t size;

        if (HDRP(bp) < lo || HDRP(bp) + WSIZE > hi) {
            fprintf(stderr, "mm_checkheap(%d): block %zu header %p outside the heap [%p, %p)\n",
                    lineno, nblocks, (void *)HDRP(bp), (void *)lo, (void *)hi);
            return false;
        }
        size = GET_SIZE(HDRP(bp));
        if (size == 0)
            break;                              /* the epilogue */
        if ((uintptr_t)bp % DSIZE != 0) {
            fprintf(stderr, "mm_checkheap(%d): block %zu at %p is not 16-aligned\n", lineno, nblocks, (void *)bp);
            return false;
        }
        if (size % DSIZE != 0 || size < MIN_BLOCK || size > (size_t)(hi - HDRP(bp))) {
            fprintf(stderr, "mm_checkheap(%d): block %zu at %p has a bad size %zu\n", lineno, nblocks, (void *)bp, size);
            return false;
        }
        if (GET(HDRP(bp)) != GET(FTRP(bp))) {
            fprintf(stderr, "mm_checkheap(%d): block %zu at %p: header %#zx, footer %#zx\n",
                    lineno, nblocks, (void *)bp, GET(HDRP(bp)), GET(FTRP(bp)));
            return false;
        }
        if ((GET(HDRP(bp)) & 0xe) != 0) {
            fprintf(stderr, "mm_checkheap(%d): block %zu at %p has stray flag bits\n", lineno, nblocks, (void *)bp);
            return false;
        }
        if (!GET_ALLOC(HDRP(bp)) && prev_free) {
            fprintf(stderr, "mm_checkheap(%d): free blocks in a row at %p (not coalesced)\n", lineno, (void *)bp);
            return false;
        }
        prev_free = !GET_ALLOC(HDRP(bp));
        nblocks++;
    }
    if (GET(HDRP(bp)) != PACK(0, 1) || HDRP(bp) + WSIZE != hi) {
        fprintf(stderr, "mm_checkheap(%d): bad epilogue at %p (heap ends at %p)\n", lineno, (void *)HDRP(bp), (void *)hi);
        return false;
    }
    return true;
}

/* ---- the interface: every call under the lock --------------------------- */

bool mm_init(void)
{
    bool ok;

    pthread_mutex_lock(&heap_lock);
    ok = init_locked();
    pthread_mutex_unlock(&heap_lock);
    return ok;
}

void *mm_malloc(size_t size)
{
    void *p;

    pthread_mutex_lock(&heap_lock);
    p = malloc_locked(size);
    pthread_mutex_unlock(&heap_lock);
    return p;
}

void mm_free(void *ptr)
{
    pthread_mutex_lock(&heap_lock);
    free_locked(ptr);
    pthread_mutex_unlock(&heap_lock);
}

void *mm_realloc(void *ptr, size_t size)
{
    void *p;

    pthread_mutex_lock(&heap_lock);
    p = realloc_locked(ptr, size);
    pthread_mutex_unlock(&heap_lock);
    return p;
}

bool mm_checkheap(int lineno)
{
    bool ok;

    pthread_mutex_lock(&heap_lock);
    ok = check_locked(lineno);
    pthread_mutex_unlock(&heap_lock);
    return ok;
}
