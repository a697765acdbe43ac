/*
 * malloc-lab's memory system model: one heap that grows by mem_sbrk, over a
 * region the driver reserves once (memlib.c). The same names and types as the
 * CS:APP and CMU 15-213 memlib.h, so a student's mm.c compiles unchanged.
 */
#ifndef MEMLIB_H
#define MEMLIB_H

#include <stddef.h>
#include <stdint.h>

/* Reserve the region once; the heap may grow to `limit` bytes. 0 or -1. */
int mem_init_limit(size_t limit);
/* A fresh, empty heap (first call: after mem_init_limit). */
void mem_init(void);
void mem_deinit(void);
/* Empty the heap: its pages are given back and read as zero when grown again. */
void mem_reset_brk(void);
/* Empty the heap, keeping its pages and their bytes (mdriver's memlib does so): for timing. */
void l4check_mem_rewind_brk(void);
/* The bytes the heap may grow to (mem_init_limit's). */
size_t l4check_mem_limit(void);
/* Grow the heap by incr bytes; the old break, or (void *)-1 past the limit. */
void *mem_sbrk(intptr_t incr);
void *mem_heap_lo(void);
void *mem_heap_hi(void);
size_t mem_heapsize(void);
size_t mem_pagesize(void);
/* CMU 15-213 (2016+) builds alias memset and memcpy to these. */
void *mem_memset(void *dst, int c, size_t n);
void *mem_memcpy(void *dst, const void *src, size_t n);

#endif
