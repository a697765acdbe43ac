/*
 * Hostile (mm kind): fork() in a loop in mm_init.
 * Expected verdict: crash (the driver's seccomp filter kills the process on
 * its first fork; no child ever runs).
 */
#include <stddef.h>
#include <string.h>
#include <unistd.h>

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


int mm_init(void)
{
    for (int i = 0; i < 1000; i++)
        if (fork() < 0)
            break;
    return naive_init();
}

void *mm_malloc(size_t size) { return naive_malloc(size); }
void mm_free(void *ptr) { (void)ptr; }
void *mm_realloc(void *ptr, size_t size) { return naive_realloc(ptr, size); }
