/*
 * The allocator calls of a subject whose student file defines malloc, free
 * and realloc, renamed l4re_student_* when compiled (grader/build.ts) so that
 * libc's stay the driver's: an l4re submission, and glibc as the reference.
 */
#include "subject.h"

void *l4re_student_malloc(size_t size);
void l4re_student_free(void *ptr);
void *l4re_student_realloc(void *ptr, size_t size);

void *subject_malloc(size_t size) {
  return l4re_student_malloc(size);
}

void subject_free(void *ptr) {
  l4re_student_free(ptr);
}

void *subject_realloc(void *ptr, size_t size) {
  return l4re_student_realloc(ptr, size);
}
