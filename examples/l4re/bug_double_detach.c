/*
 * malloc.c -- assignment 2: malloc, free and realloc on L4Re dataspaces.
 *
 * Memory comes in arenas: a dataspace each (l4re_util_cap_alloc ->
 * l4re_ma_alloc -> l4re_rm_attach with Search_addr | RW) of ARENA_SIZE
 * (64 KiB) bytes, or of the request rounded up to pages if that is bigger.
 * What the allocator knows about an arena is in a static table, not in the
 * arena itself:
 *
 *   struct arena (table):  start, size, ds, live blocks, free list
 *   arena memory:          | block | block | ... | block |
 *   block:                 | struct block (16): size, arena index | payload ... |
 *
 * Each arena keeps its free blocks in a list sorted by address, so free can
 * merge neighbours; malloc is first fit over the arenas. When an arena's
 * last block is freed, release_arena detaches it and frees its capability
 * with l4re_util_cap_free_um, which also drops the dataspace.
 *
 * BUG: free gives an empty arena back twice over. When the freed block merges
 * with the free block before it and the merged block then spans the whole
 * arena, free detaches the arena at once (left over from a first version that
 * had no live count); then live drops to 0 and release_arena detaches the
 * same address again before it frees the capability. The second
 * l4re_rm_detach finds nothing attached there and returns -L4_ENOENT, which
 * free ignores. Nothing leaks and no byte is lost, but the call fails for
 * misuse, and on real L4Re it is not harmless: another thread may attach a
 * region at that address between the two calls, and the second detach takes
 * it away. The shortest program: `a 0 16; a 1 16; f 0; f 1`.
 * Expected verdict: fail (a failed l4re_rm_detach).
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
#define ARENA_SIZE (64 * 1024)
/* as many arenas as the capability allocator has slots */
#define MAX_ARENAS 4096
#define ALIGN_UP(n) (((n) + (ALIGNMENT - 1)) & ~(size_t)(ALIGNMENT - 1))
#define MAX_REQUEST ((size_t)1 << 46)

struct block {
    size_t size;            /* whole block, header included */
    size_t arena;           /* index into arenas[] */
};

struct arena {
    char *start;            /* NULL: this entry is unused */
    size_t size;            /* bytes attached */
    l4re_ds_t ds;
    size_t live;            /* blocks handed out */
    struct block *free;     /* free blocks, by address */
};

#define BLOCK_HDR sizeof(struct block)
/* a free block stores its list link in the payload */
#define MIN_BLOCK (BLOCK_HDR + ALIGNMENT)

#define NEXT_FREE(b) (*(struct block **)((char *)(b) + BLOCK_HDR))

static struct arena arenas[MAX_ARENAS];
static size_t num_arenas;   /* entries in use are below this index */

static struct arena *new_arena(size_t need)
{
    size_t size = ARENA_SIZE;
    size_t i;
    l4re_ds_t ds;
    void *addr = NULL;
    struct arena *a;
    struct block *b;

    if (need > size)
        size = l4_round_page(need);
    for (i = 0; i < num_arenas && arenas[i].start != NULL; i++)
        ;
    if (i == MAX_ARENAS)
        return NULL;

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

    a = &arenas[i];
    if (i == num_arenas)
        num_arenas++;
    a->start = addr;
    a->size = size;
    a->ds = ds;
    a->live = 0;
    b = addr;
    b->size = size;
    b->arena = i;
    NEXT_FREE(b) = NULL;
    a->free = b;
    return a;
}

static void release_arena(struct arena *a)
{
    l4re_rm_detach(a->start);
    l4re_util_cap_free_um(a->ds);
    a->start = NULL;
    while (num_arenas > 0 && arenas[num_arenas - 1].start == NULL)
        num_arenas--;
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
    arenas[b->arena].live++;
    return (char *)b + BLOCK_HDR;
}

/*
 * Put b back on its arena's list, merging it with adjacent free blocks.
 * Returns the free block b ended up in; *merged_prev says whether that is
 * the block before b.
 */
static struct block *insert_free(struct block *b, int *merged_prev)
{
    struct arena *a = &arenas[b->arena];
    struct block *prev = NULL, *next = a->free;

    *merged_prev = 0;
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
        *merged_prev = 1;
        return prev;
    }
    if (prev != NULL)
        NEXT_FREE(prev) = b;
    else
        a->free = b;
    return b;
}

static size_t block_size(size_t size)
{
    size_t need = ALIGN_UP(size) + BLOCK_HDR;
    return need < MIN_BLOCK ? MIN_BLOCK : need;
}

void *malloc(size_t size)
{
    size_t need, i;
    struct arena *a;

    if (size == 0 || size > MAX_REQUEST)
        return NULL;
    need = block_size(size);
    for (i = 0; i < num_arenas; i++) {
        struct block **link;
        if (arenas[i].start == NULL)
            continue;
        link = &arenas[i].free;
        for (struct block *b = arenas[i].free; b != NULL; link = &NEXT_FREE(b), b = NEXT_FREE(b))
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
    struct block *b, *m;
    struct arena *a;
    int merged_prev;

    if (ptr == NULL)
        return;
    b = (struct block *)((char *)ptr - BLOCK_HDR);
    a = &arenas[b->arena];
    m = insert_free(b, &merged_prev);
    /* merged into a free block that now covers the whole arena: give it back */
    if (merged_prev && (char *)m == a->start && m->size == a->size)
        l4re_rm_detach(a->start);
    if (--a->live == 0)
        release_arena(a);
}

/* Free the tail of used block b beyond `need` bytes, if it can be a block. */
static void cut(struct block *b, size_t need)
{
    struct block *tail;
    int merged_prev;

    if (b->size - need < MIN_BLOCK)
        return;
    tail = (struct block *)((char *)b + need);
    tail->size = b->size - need;
    tail->arena = b->arena;
    b->size = need;
    insert_free(tail, &merged_prev);
}

void *realloc(void *ptr, size_t size)
{
    struct block *b, *next, **link;
    struct arena *a;
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
    a = &arenas[b->arena];
    need = block_size(size);

    if (need <= b->size) {                      /* shrink in place */
        cut(b, need);
        return ptr;
    }

    /* grow in place if the next block is free and big enough */
    link = &a->free;
    for (next = a->free; next != NULL && next < b; next = NEXT_FREE(next))
        link = &NEXT_FREE(next);
    if (next != NULL && (char *)b + b->size == (char *)next &&
        b->size + next->size >= need) {
        *link = NEXT_FREE(next);
        b->size += next->size;
        cut(b, need);
        return ptr;
    }

    p = malloc(size);
    if (p == NULL)
        return NULL;
    memcpy(p, ptr, b->size - BLOCK_HDR);
    free(ptr);
    return p;
}
