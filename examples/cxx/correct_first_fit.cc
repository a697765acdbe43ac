/*
 * malloc.cc -- assignment 2: malloc, free and realloc with an explicit free list.
 * CORRECT: expected verdict pass.
 *
 * The C++ port of l4re/correct_first_fit.c, kept line for line: the same
 * blocks, flags, free list, split rule and realloc, with L4Re's C++ API
 * where the C file calls the C one. docs/BENCHMARKS.md times grading it
 * against the C file.
 *
 * Memory comes from dataspaces of at least ARENA_SIZE (64 KiB) bytes
 * (cap_alloc.alloc -> mem_alloc()->alloc -> rm()->attach with
 * Search_addr | RW). Every block starts with a 16-byte header inside the
 * dataspace; a free block also carries list links and a footer, so free can
 * coalesce with both neighbours:
 *
 *   arena:  | block | block | ... | block | end (32 bytes) |
 *   end:    | size 0 | flags | ds | arena start |   (a used block of size 0)
 *
 *   used block:  | size | flags | ........ payload ........ |
 *   free block:  | size | flags | next | prev | ... | size |
 *                0      8       16     24             size-8
 *
 *   flags: FREE = this block is free, PREV_FREE = the block before it is free
 *          (only then may we read the footer in front of the header).
 *
 * The end marker carries the arena's dataspace and start. A free block that
 * reaches from its arena's start to the end marker is the arena's only
 * block: the arena is detached, then its capability freed (which unmaps
 * the dataspace). A request bigger than ARENA_SIZE gets an arena of its own.
 *
 * malloc(0) returns NULL; realloc(p, 0) frees p and returns NULL.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <l4/re/dataspace>
#include <l4/re/env>
#include <l4/re/mem_alloc>
#include <l4/re/rm>
#include <l4/re/util/cap_alloc>
#include <l4/sys/consts.h>
#include <stdlib.h>

void *malloc(size_t size);
void free(void *ptr);
void *realloc(void *ptr, size_t size);

#define ALIGN 16
#define HDR 16
/* header + next + prev + footer, rounded up to ALIGN */
#define MIN_BLOCK 48
/* the end marker: a header, then the arena's dataspace and start */
#define END 32
#define ARENA_SIZE (64 * 1024)
#define MAX_REQUEST ((size_t)1 << 46)

#define FREE 1
#define PREV_FREE 2

#define ROUND_UP(x, to) (((x) + (to) - 1) / (to) * (to))

/* the end marker's fields after its header */
#define END_DS(end) (*(l4_cap_idx_t *)((end) + 16))
#define END_START(end) (*(char **)((end) + 24))

static char *free_head;     /* first block of the free list, or NULL */

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

/* ---- arenas ------------------------------------------------------------- */

/* A new arena holding one free block of at least `need` bytes (listed), or NULL. */
static char *grow(size_t need)
{
    size_t size = need + END > ARENA_SIZE ? l4_round_page(need + END) : ARENA_SIZE;
    size_t body = size - END;
    L4::Cap<L4Re::Dataspace> ds;
    void *start = NULL;
    char *end;

    ds = L4Re::Util::cap_alloc.alloc<L4Re::Dataspace>();
    if (!ds.is_valid())
        return NULL;
    if (L4Re::Env::env()->mem_alloc()->alloc((long)size, ds) < 0) {
        L4Re::Util::cap_alloc.free(ds);
        return NULL;
    }
    if (L4Re::Env::env()->rm()->attach(&start, size, L4Re::Rm::F::Search_addr | L4Re::Rm::F::RW,
                                       ds, 0, L4_PAGESHIFT) < 0) {
        L4Re::Util::cap_alloc.free(ds);
        return NULL;
    }
    end = (char *)start + body;
    set_header(end, 0, 0);                 /* end marker: a used block of size 0 */
    END_DS(end) = ds.cap();
    END_START(end) = (char *)start;
    mark_free((char *)start, body);
    push((char *)start);
    return (char *)start;
}

/* If free block blk is its arena's only block, give the dataspace back. */
static int maybe_release(char *blk, size_t size)
{
    char *end = blk + size;
    L4::Cap<L4Re::Dataspace> ds;

    if (size_of(end) != 0 || END_START(end) != blk)
        return 0;
    ds = L4::Cap<L4Re::Dataspace>(END_DS(end));  /* read it before the memory goes away */
    L4Re::Env::env()->rm()->detach(blk, nullptr);
    L4Re::Util::cap_alloc.free(ds, L4Re::Env::env()->task().cap());
    return 1;
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

void *malloc(size_t size)
{
    size_t need = block_size(size);
    char *b;

    if (need == 0)
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
    if (!maybe_release(blk, size))
        push(blk);
}

void free(void *ptr)
{
    char *blk;

    if (ptr == NULL)
        return;
    blk = (char *)ptr - HDR;
    release(blk, size_of(blk));
}

void *realloc(void *ptr, size_t size)
{
    size_t need, cur, keep;
    int prev_free;
    char *blk, *after;
    void *q;

    if (ptr == NULL)
        return malloc(size);
    if (size == 0) {
        free(ptr);
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
    q = malloc(size);
    if (q == NULL)
        return NULL;
    keep = cur - HDR < size ? cur - HDR : size;
    memcpy(q, ptr, keep);
    free(ptr);
    return q;
}
