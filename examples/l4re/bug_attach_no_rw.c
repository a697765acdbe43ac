/*
 * malloc.c -- assignment 2: malloc, free and realloc on L4Re dataspaces.
 *
 * Small blocks live in 32 KiB arenas (a dataspace each, attached with
 * Search_addr | RW) with an address-ordered free list per arena; an empty
 * arena is detached and its capability freed with l4re_util_cap_free_um.
 * Blocks that do not fit in an arena get a dataspace of their own.
 *
 *   arena:  | struct arena (48) | block | block | ... |
 *   block:  | struct block (16): size, arena (NULL for a big block) | payload |
 *
 * BUG: big blocks are attached with L4RE_RM_F_SEARCH_ADDR alone (BIG_FLAGS).
 * The region manager's default rights are empty, so the region is mapped
 * without write access: writing the big block's header faults, on the first
 * request above ~32 KiB. Expected verdict: crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <l4/re/c/mem_alloc.h>
#include <l4/re/c/rm.h>
#include <l4/re/c/util/cap_alloc.h>
#include <l4/sys/consts.h>
#include <l4/sys/err.h>
#include <l4/sys/types.h>

void *malloc(size_t size);
void free(void *ptr);
void *realloc(void *ptr, size_t size);

#define ALIGNMENT 16
#define ARENA_SIZE (32 * 1024)
#define ALIGN_UP(n) (((n) + (ALIGNMENT - 1)) & ~(size_t)(ALIGNMENT - 1))
#define MAX_REQUEST ((size_t)1 << 40)
/* big blocks: just find us some address space for the dataspace */
#define BIG_FLAGS L4RE_RM_F_SEARCH_ADDR
#define BIG_FREE(b) big_free(b)

struct arena {
    struct arena *next;
    l4re_ds_t ds;
    size_t size;            /* bytes attached */
    size_t live;            /* blocks handed out */
    struct block *free;     /* free blocks, by address */
};

struct block {
    size_t size;            /* whole block, header included */
    struct arena *arena;
};

/* header sizes rounded up so that payloads stay 16-aligned */
#define ARENA_HDR ALIGN_UP(sizeof(struct arena))
#define BLOCK_HDR ALIGN_UP(sizeof(struct block))
/* a free block stores its list link in the payload */
#define MIN_BLOCK (BLOCK_HDR + ALIGNMENT)

#define NEXT_FREE(b) (*(struct block **)((char *)(b) + BLOCK_HDR))

static struct arena *arenas;

/*
 * Big blocks: a dataspace of their own, no arena; the header's arena field
 * is NULL and size is everything attached.
 */
static void *big_alloc(size_t size)
{
    size_t total = l4_round_page(ALIGN_UP(size) + BLOCK_HDR);
    l4re_ds_t ds = l4re_util_cap_alloc();
    void *addr = 0;
    struct block *b;

    if (l4_is_invalid_cap(ds))
        return NULL;
    if (l4re_ma_alloc((long)total, ds, 0) < 0) {
        l4re_util_cap_free(ds);
        return NULL;
    }
    if (l4re_rm_attach(&addr, total, BIG_FLAGS, ds, 0, L4_PAGESHIFT) < 0) {
        l4re_util_cap_free_um(ds);
        return NULL;
    }
    b = addr;
    b->size = total;
    b->arena = NULL;
    return (char *)b + BLOCK_HDR;
}

static void big_free(struct block *b)
{
    l4re_ds_t ds;

    l4re_rm_detach_ds(b, &ds);
    l4re_util_cap_free_um(ds);
}

static struct arena *new_arena(size_t need)
{
    size_t size = ARENA_SIZE;
    l4re_ds_t ds;
    void *addr = 0;
    struct arena *a;
    struct block *b;

    if (need > size - ARENA_HDR)
        size = l4_round_page(need + ARENA_HDR);

    ds = l4re_util_cap_alloc();
    if (l4_is_invalid_cap(ds))
        return NULL;
    if (l4re_ma_alloc((long)size, ds, 0) < 0) {
        l4re_util_cap_free(ds);
        return NULL;
    }
    if (l4re_rm_attach(&addr, size, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW,
                       ds, 0, L4_PAGESHIFT) < 0) {
        l4re_util_cap_free_um(ds);
        return NULL;
    }

    a = addr;
    a->ds = ds;
    a->size = size;
    a->live = 0;
    b = (struct block *)((char *)a + ARENA_HDR);
    b->size = size - ARENA_HDR;
    b->arena = a;
    NEXT_FREE(b) = NULL;
    a->free = b;
    a->next = arenas;
    arenas = a;
    return a;
}

static void release_arena(struct arena *a)
{
    struct arena **pp = &arenas;
    l4re_ds_t ds = a->ds;           /* read it before the memory goes away */

    while (*pp != a)
        pp = &(*pp)->next;
    *pp = a->next;
    l4re_rm_detach(a);
    l4re_util_cap_free_um(ds);
}

/* Carve `need` bytes from free block b (whose predecessor link is *link). */
static void *take(struct block **link, struct block *b, size_t need)
{
    struct block *rest;

    if (b->size - need >= MIN_BLOCK) {
        rest = (struct block *)((char *)b + need);
        rest->size = b->size - need;
        rest->arena = b->arena;
        NEXT_FREE(rest) = NEXT_FREE(b);
        *link = rest;
        b->size = need;
    } else {
        *link = NEXT_FREE(b);
    }
    b->arena->live++;
    return (char *)b + BLOCK_HDR;
}

/* Put b back on its arena's list, merging it with adjacent free blocks. */
static void insert_free(struct block *b)
{
    struct arena *a = b->arena;
    struct block *prev = NULL, *next = a->free;

    while (next != NULL && next < b) {
        prev = next;
        next = NEXT_FREE(next);
    }
    if (next != NULL && (char *)b + b->size == (char *)next) {
        b->size += next->size;
        next = NEXT_FREE(next);
    }
    NEXT_FREE(b) = next;
    if (prev != NULL && (char *)prev + prev->size == (char *)b) {
        prev->size += b->size;
        NEXT_FREE(prev) = next;
    } else if (prev != NULL) {
        NEXT_FREE(prev) = b;
    } else {
        a->free = b;
    }
}

static size_t block_size(size_t size)
{
    size_t need = ALIGN_UP(size) + BLOCK_HDR;
    return need < MIN_BLOCK ? MIN_BLOCK : need;
}

void *malloc(size_t size)
{
    size_t need;
    struct arena *a;

    if (size == 0 || size > MAX_REQUEST)
        return NULL;
    need = block_size(size);
    if (need > ARENA_SIZE - ARENA_HDR)
        return big_alloc(size);
    for (a = arenas; a != NULL; a = a->next) {
        struct block **link = &a->free;
        for (struct block *b = a->free; b != NULL; link = &NEXT_FREE(b), b = NEXT_FREE(b))
            if (b->size >= need)
                return take(link, b, need);
    }
    a = new_arena(need);
    if (a == NULL)
        return NULL;
    return take(&a->free, a->free, need);
}

void free(void *ptr)
{
    struct block *b;
    struct arena *a;

    if (ptr == NULL)
        return;
    b = (struct block *)((char *)ptr - BLOCK_HDR);
    a = b->arena;
    if (a == NULL) {
        BIG_FREE(b);
        return;
    }
    insert_free(b);
    if (--a->live == 0)
        release_arena(a);
}

void *realloc(void *ptr, size_t size)
{
    struct block *b, *next, **link;
    size_t need;
    void *p;

    if (ptr == NULL)
        return malloc(size);
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    if (size > MAX_REQUEST)
        return NULL;
    b = (struct block *)((char *)ptr - BLOCK_HDR);
    need = block_size(size);
    if (b->arena == NULL) {                     /* big block */
        if (need <= b->size && need > ARENA_SIZE - ARENA_HDR)
            return ptr;
        p = malloc(size);
        if (p == NULL)
            return NULL;
        memcpy(p, ptr, (need < b->size ? need : b->size) - BLOCK_HDR);
        free(ptr);
        return p;
    }

    if (need <= b->size) {                      /* shrink in place */
        if (b->size - need >= MIN_BLOCK) {
            struct block *tail = (struct block *)((char *)b + need);
            tail->size = b->size - need;
            tail->arena = b->arena;
            b->size = need;
            insert_free(tail);
        }
        return ptr;
    }

    /* grow in place if the next block is free and big enough */
    link = &b->arena->free;
    for (next = b->arena->free; next != NULL && next < b; next = NEXT_FREE(next))
        link = &NEXT_FREE(next);
    if (next != NULL && (char *)b + b->size == (char *)next &&
        b->size + next->size >= need) {
        size_t total = b->size + next->size;
        *link = NEXT_FREE(next);
        b->size = total;
        if (total - need >= MIN_BLOCK) {
            struct block *tail = (struct block *)((char *)b + need);
            tail->size = total - need;
            tail->arena = b->arena;
            b->size = need;
            insert_free(tail);
        }
        return ptr;
    }

    p = malloc(size);
    if (p == NULL)
        return NULL;
    memcpy(p, ptr, b->size - BLOCK_HDR);
    free(ptr);
    return p;
}
