/*
 * Hostile (mm kind): exit(0) on the 100th malloc, mid-trace, with status 0.
 * Expected verdict: crash (an early exit is not a pass).
 */
#include <stddef.h>
#include <string.h>
#include <stdlib.h>

#include "memlib.h"

int mm_init(void);
void *mm_malloc(size_t size);
void mm_free(void *ptr);
void *mm_realloc(void *ptr, size_t size);

/* The naive allocator of the slides, on memlib: every block is fresh heap. */
static void *naive_malloc(size_t size)
{
    size_t n = (size + 31) & ~(size_t)15;
    char *p;

    if (size == 0 || n > (1u << 30))
        return NULL;
    p = mem_sbrk((int)n);
    if (p == (void *)-1)
        return NULL;
    *(size_t *)p = size;
    return p + 16;
}

static void *naive_realloc(void *ptr, size_t size)
{
    char *q;
    size_t old;

    if (ptr == NULL)
        return mm_malloc(size);
    if (size == 0)
        return NULL;
    q = mm_malloc(size);
    if (q == NULL)
        return NULL;
    old = *(size_t *)((char *)ptr - 16);
    memcpy(q, ptr, old < size ? old : size);
    return q;
}

/* memlib heaps start page-aligned; keep payloads 16-aligned anyway */
static int naive_init(void)
{
    size_t mis = ((size_t)(char *)mem_heap_lo() + mem_heapsize()) % 16;
    return (mis == 0 || mem_sbrk((int)(16 - mis)) != (void *)-1) ? 0 : -1;
}


static int calls;

int mm_init(void) { return naive_init(); }

void *mm_malloc(size_t size)
{
    if (++calls == 100)
        exit(0);
    return naive_malloc(size);
}

void mm_free(void *ptr) { (void)ptr; }
void *mm_realloc(void *ptr, size_t size) { return naive_realloc(ptr, size); }
