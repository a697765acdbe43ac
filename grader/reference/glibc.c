/*
 * glibc's allocator as a malloc-lab submission: the throughput reference for C
 * submissions, timed through the same driver. Only timed: its blocks are not
 * in memlib's heap, so a checked replay would rightly refuse them.
 */
#include <stdlib.h>

#include "mm.h"

int mm_init(void) { return 0; }

void *mm_malloc(size_t size) { return malloc(size); }

void mm_free(void *ptr) { free(ptr); }

void *mm_realloc(void *ptr, size_t size) { return realloc(ptr, size); }
