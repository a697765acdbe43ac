/*
 * The allocator under test, as the driver sees it. One implementation is
 * linked per build: subject_mm.c (malloc-lab over memlib) or subject_l4re.c
 * (malloc/free/realloc over the L4Re shim).
 *
 * Functions returning `const char *` return NULL when all is well, else a
 * one-line message in a static buffer.
 */
#ifndef L4CHECK_SUBJECT_H
#define L4CHECK_SUBJECT_H

#include <stddef.h>

/* Once, before isolation: reserve what the heap may grow into (heap_limit bytes). */
const char *subject_open(size_t heap_limit);
/* A fresh heap; the student's state from the last program must not matter. */
const char *subject_reset(void);
void *subject_malloc(size_t size);
void subject_free(void *ptr);
void *subject_realloc(void *ptr, size_t size);
/* Whether [ptr, ptr + size) lies inside the heap, writable. */
const char *subject_bounds(const void *ptr, size_t size);
/* The student's own heap check after an op, if it has one. */
const char *subject_checkheap(void);
/* Bytes the allocator holds now (mm: the heap; l4re: its dataspaces' pages). */
size_t subject_held(void);
/* After a program that freed every block: what the allocator still holds beyond its baseline. */
const char *subject_leak(void);
/* Whether the robustness probes mean anything for this kind. */
int subject_probes_misuse(void);

#endif
