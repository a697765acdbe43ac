/*
 * glibc's allocator, built with subject_glibc.c: the reference C submissions
 * are measured against (docs/GRADER.md), for throughput and for time limits.
 */
#include <stddef.h>

void *__libc_malloc(size_t size);
void __libc_free(void *ptr);
void *__libc_realloc(void *ptr, size_t size);

void *malloc(size_t size) {
  return __libc_malloc(size);
}

void free(void *ptr) {
  __libc_free(ptr);
}

void *realloc(void *ptr, size_t size) {
  return __libc_realloc(ptr, size);
}
