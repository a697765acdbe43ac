/*
 * The allocator calls of a subject whose student file defines malloc, free
 * and realloc, renamed l4re_student_* when compiled (grader/build.ts) so that
 * libc's stay the driver's: an l4re submission, and glibc as the reference.
 */
#include "subject.h"

SUBJECT_CALLS(l4re_student_)
