/*
 * malloc.c -- assignment 2: malloc, free and realloc on L4Re dataspaces
 * that are kept for good.
 * CORRECT: expected verdict pass.
 *
 * Getting a dataspace from Moe and attaching it costs several IPCs, so this
 * allocator never gives one back: it never detaches a region and never frees
 * a capability (but for a dataspace it could not attach, which goes back at
 * once). Every dataspace it ever got stays reachable from its own lists and
 * is reused:
 * - small blocks live in arenas of ARENA_SIZE (64 KiB), one dataspace each
 *   (l4re_util_cap_alloc -> l4re_ma_alloc -> l4re_rm_attach with
 *   Search_addr | RW). An arena is never given back: its free space stays on
 *   the free lists for later requests.
 * - a big block (BIG_BLOCK bytes or more, header included) gets a dataspace
 *   of its own. When it is freed, the dataspace (still attached) goes on the
 *   spare list, and a later big request takes the smallest spare that fits
 *   before it asks Moe for a new one. A big block that grows past its
 *   dataspace moves to one 1.5 times as big, so a growing buffer does not
 *   take a new dataspace (and slot) for every page.
 *
 * Every block, small or big, starts with a 32-byte header; the word at
 * offset 8 holds its size and flags in both kinds, so free can tell them
 * apart:
 *
 *   small block: | prev_size | size | flags    | next       | prev   | payload ... |
 *   big block:   | ds        | ds size | flags | next spare | unused | payload ... |
 *                0           8                  16           24       32
 *
 *   arena: | block | block | ... | block | end (32-byte header: size 0, INUSE) |
 *
 *   flags: INUSE = this block is handed out, PREV_INUSE = the block before it
 *          is in use (if not, prev_size holds that free block's size), BIG.
 *
 * Free small blocks sit on NUM_CLASSES doubly linked lists by size (links in
 * the header), LIFO; malloc takes the first block that fits, starting at the
 * request's class, and splits off the rest. free coalesces with both
 * neighbours, so free blocks never touch; the first block of an arena has
 * PREV_INUSE, and the end marker is in use, so coalescing stops at the
 * arena's edges.
 *
 * malloc(0) returns a unique minimum block (48 bytes). realloc(p, 0) returns
 * p itself, cut down to a minimum block (small) or left as it is (big): the
 * same as freeing p and handing out a new minimum block. Every call takes
 * one pthread mutex; the public functions lock and call the *_locked ones.
 */
#include <pthread.h>
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
#define HDR 32
#define MIN_BLOCK (HDR + ALIGNMENT)
#define ARENA_SIZE (64 * 1024)
/* the largest small block: a whole arena but its end marker */
#define ARENA_BODY (ARENA_SIZE - HDR)
#define BIG_BLOCK (ARENA_SIZE / 2)
#define NUM_CLASSES 11
#define MAX_REQUEST ((size_t)1 << 46)

#define INUSE 1
#define PREV_INUSE 2
#define BIG 4
#define FLAGS 0xf

#define ALIGN_UP(n) (((n) + (ALIGNMENT - 1)) & ~(size_t)(ALIGNMENT - 1))

struct chunk {                  /* small block */
    size_t prev_size;           /* size of the block before, if that one is free */
    size_t head;                /* size | flags */
    struct chunk *next;         /* free-list links, while free */
    struct chunk *prev;
};

struct big {                    /* big block: the start of its own dataspace */
    l4re_ds_t ds;
    size_t head;                /* dataspace size | flags (BIG, INUSE) */
    struct big *next;           /* the spare list, while free */
    size_t unused;
};

#define SIZE(c) ((c)->head & ~(size_t)FLAGS)
#define AT(p, off) ((struct chunk *)((char *)(p) + (off)))
#define PAYLOAD(c) ((void *)((char *)(c) + HDR))
#define HEADER(p) ((struct chunk *)((char *)(p) - HDR))

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct chunk *bins[NUM_CLASSES];
static struct big *spares;

/* ---- free lists of small blocks ----------------------------------------- */

/* class i holds blocks of up to 64 << i bytes; the last one is unbounded */
static int class_of(size_t size)
{
    int i = 0;

    while (i < NUM_CLASSES - 1 && size > ((size_t)64 << i))
        i++;
    return i;
}

static void insert_free(struct chunk *c)
{
    int i = class_of(SIZE(c));

    c->next = bins[i];
    c->prev = NULL;
    if (bins[i] != NULL)
        bins[i]->prev = c;
    bins[i] = c;
}

static void remove_free(struct chunk *c)
{
    if (c->prev != NULL)
        c->prev->next = c->next;
    else
        bins[class_of(SIZE(c))] = c->next;
    if (c->next != NULL)
        c->next->prev = c->prev;
}

/* ---- small blocks ------------------------------------------------------- */

/* A new arena with one free block (listed), or NULL. */
static struct chunk *new_arena(void)
{
    l4re_ds_t ds;
    void *start = NULL;
    struct chunk *c, *end;

    ds = l4re_util_cap_alloc();
    if (l4_is_invalid_cap(ds))
        return NULL;
    if (l4re_ma_alloc(ARENA_SIZE, ds, 0) < 0) {
        l4re_util_cap_free(ds);
        return NULL;
    }
    if (l4re_rm_attach(&start, ARENA_SIZE, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW,
                       ds, 0, L4_PAGESHIFT) < 0) {
        l4re_util_cap_free_um(ds);
        return NULL;
    }
    /* From here on the dataspace is ours for good: its slot stays taken. */
    c = start;
    c->prev_size = 0;
    c->head = ARENA_BODY | PREV_INUSE;
    end = AT(c, ARENA_BODY);
    end->prev_size = ARENA_BODY;
    end->head = 0 | INUSE;
    insert_free(c);
    return c;
}

/* Make c (free, off the lists) a free block of `size` bytes, merging with free neighbours. */
static void release_chunk(struct chunk *c, size_t size)
{
    struct chunk *next = AT(c, size);

    if (!(next->head & INUSE)) {
        remove_free(next);
        size += SIZE(next);
    }
    if (!(c->head & PREV_INUSE)) {
        struct chunk *prev = AT(c, -(ptrdiff_t)c->prev_size);
        remove_free(prev);
        size += c->prev_size;
        c = prev;
    }
    c->head = size | PREV_INUSE;            /* free blocks never touch */
    next = AT(c, size);
    next->prev_size = size;
    next->head &= ~(size_t)PREV_INUSE;
    insert_free(c);
}

/* Hand out `need` bytes of free block c (listed); split off the rest. */
static void *take(struct chunk *c, size_t need)
{
    size_t size = SIZE(c);

    remove_free(c);
    if (size - need >= MIN_BLOCK) {
        struct chunk *rest = AT(c, need);
        c->head = need | (c->head & PREV_INUSE) | INUSE;
        rest->head = PREV_INUSE;
        release_chunk(rest, size - need);
    } else {
        c->head |= INUSE;
        AT(c, size)->head |= PREV_INUSE;
    }
    return PAYLOAD(c);
}

static void *malloc_small(size_t need)
{
    for (int i = class_of(need); i < NUM_CLASSES; i++)
        for (struct chunk *c = bins[i]; c != NULL; c = c->next)
            if (SIZE(c) >= need)
                return take(c, need);
    struct chunk *c = new_arena();
    if (c == NULL)
        return NULL;
    return take(c, need);
}

static void free_small(struct chunk *c)
{
    c->head &= ~(size_t)INUSE;
    release_chunk(c, SIZE(c));
}

/* Cut used block c down to `need` bytes; the tail is freed if it can be a block. */
static void shrink_small(struct chunk *c, size_t need)
{
    size_t size = SIZE(c);
    struct chunk *tail;

    if (size - need < MIN_BLOCK)
        return;
    c->head = need | (c->head & PREV_INUSE) | INUSE;
    tail = AT(c, need);
    tail->head = (size - need) | PREV_INUSE;
    release_chunk(tail, size - need);
}

/* ---- big blocks --------------------------------------------------------- */

/* A big block whose dataspace holds at least `need` bytes; a new one gets `want` (>= need). */
static void *malloc_big(size_t need, size_t want)
{
    struct big **link, **best = NULL;
    struct big *b;
    l4re_ds_t ds;
    void *start = NULL;
    size_t size;

    for (link = &spares; *link != NULL; link = &(*link)->next) {
        size_t have = (*link)->head & ~(size_t)FLAGS;
        if (have >= need && (best == NULL || have < ((*best)->head & ~(size_t)FLAGS)))
            best = link;
    }
    if (best != NULL) {
        b = *best;
        *best = b->next;
        b->head |= INUSE;
        return (char *)b + HDR;
    }

    size = l4_round_page(want);
    ds = l4re_util_cap_alloc();
    if (l4_is_invalid_cap(ds))
        return NULL;
    if (l4re_ma_alloc((long)size, ds, 0) < 0) {
        l4re_util_cap_free(ds);
        return NULL;
    }
    if (l4re_rm_attach(&start, size, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW,
                       ds, 0, L4_PAGESHIFT) < 0) {
        l4re_util_cap_free_um(ds);
        return NULL;
    }
    b = start;
    b->ds = ds;
    b->head = size | BIG | INUSE;
    b->next = NULL;
    return (char *)b + HDR;
}

/* Keep the dataspace, still attached, for a later big request. */
static void free_big(struct big *b)
{
    b->head &= ~(size_t)INUSE;
    b->next = spares;
    spares = b;
}

/* ---- the interface (lock held) ------------------------------------------ */

/* Block size for a request (0 too), or 0 if it cannot be served. */
static size_t block_size(size_t size)
{
    if (size > MAX_REQUEST)
        return 0;
    if (size < ALIGNMENT)
        return MIN_BLOCK;
    return ALIGN_UP(size) + HDR;
}

static void *malloc_locked(size_t size)
{
    size_t need = block_size(size);

    if (need == 0)
        return NULL;
    if (need >= BIG_BLOCK)
        return malloc_big(need, need);
    return malloc_small(need);
}

static void free_locked(void *ptr)
{
    struct chunk *c;

    if (ptr == NULL)
        return;
    c = HEADER(ptr);
    if (c->head & BIG)
        free_big((struct big *)c);
    else
        free_small(c);
}

static void *realloc_locked(void *ptr, size_t size)
{
    struct chunk *c, *next;
    size_t need, have;
    void *q;

    if (ptr == NULL)
        return malloc_locked(size);
    need = block_size(size);
    if (need == 0)
        return NULL;
    c = HEADER(ptr);
    have = SIZE(c);

    if (c->head & BIG) {
        if (need <= have)                   /* still fits its dataspace */
            return ptr;
        q = malloc_big(need, need > have + have / 2 ? need : have + have / 2);
        if (q == NULL)
            return NULL;
        memcpy(q, ptr, have - HDR);         /* have - HDR < size */
        free_big((struct big *)c);
        return q;
    }

    if (need <= have) {
        shrink_small(c, need);
        return ptr;
    }
    /* grow in place into a free next block */
    next = AT(c, have);
    if (need < BIG_BLOCK && !(next->head & INUSE) && have + SIZE(next) >= need) {
        remove_free(next);
        c->head = (have + SIZE(next)) | (c->head & FLAGS);
        AT(c, SIZE(c))->head |= PREV_INUSE;
        shrink_small(c, need);
        return ptr;
    }
    q = malloc_locked(size);
    if (q == NULL)
        return NULL;
    memcpy(q, ptr, have - HDR);             /* have - HDR < size */
    free_small(c);
    return q;
}

/* ---- malloc, free, realloc ---------------------------------------------- */

void *malloc(size_t size)
{
    void *p;

    pthread_mutex_lock(&lock);
    p = malloc_locked(size);
    pthread_mutex_unlock(&lock);
    return p;
}

void free(void *ptr)
{
    pthread_mutex_lock(&lock);
    free_locked(ptr);
    pthread_mutex_unlock(&lock);
}

void *realloc(void *ptr, size_t size)
{
    void *p;

    pthread_mutex_lock(&lock);
    p = realloc_locked(ptr, size);
    pthread_mutex_unlock(&lock);
    return p;
}
