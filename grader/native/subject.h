/*
 * The allocator under test, as the driver sees it. One implementation is
 * linked per build: subject_mm.c (malloc-lab over memlib), subject_l4re.c
 * (malloc/free/realloc over the L4Re shim, C and C++ alike) or
 * subject_glibc.c (the reference); the two without an L4Re environment share
 * subject_no_environment.c.
 *
 * Functions returning `const char *` return NULL when all is well, else a
 * one-line message in a static buffer.
 */
#ifndef L4CHECK_SUBJECT_H
#define L4CHECK_SUBJECT_H

#include <stddef.h>
#include <stdint.h>

#include "fault.h"

/* What the allocator holds from its environment (l4re: all four; mm: none of them). */
struct holdings {
  size_t dataspaces, regions, slots;
};

/* Once, before isolation: reserve what the heap may grow into (heap_limit bytes). */
const char *subject_open(size_t heap_limit);
/* What a fresh heap is for. */
enum reset_for {
  FOR_CHECKING,      /* the old heap's memory is given back: a stale pointer into it faults or reads zeros */
  FOR_TIMING_FIRST,  /* the first replay of a timed program: nothing of earlier programs is left to help or hinder it */
  FOR_TIMING_AGAIN,  /* a later one: the heap's memory may be kept, and nothing is measured that only the leak check needs */
};

/* A fresh heap; the student's state from the last program must not matter. */
const char *subject_reset(enum reset_for why);
void *subject_malloc(size_t size);
void subject_free(void *ptr);
void *subject_realloc(void *ptr, size_t size);
/* Defines the three above as calls of the student's, named with `prefix` (mm_, l4re_student_), and declares those. */
#define SUBJECT_CALLS(prefix)                                                                        \
  void *prefix##malloc(size_t size);                                                                 \
  void prefix##free(void *ptr);                                                                      \
  void *prefix##realloc(void *ptr, size_t size);                                                     \
  void *subject_malloc(size_t size) { return prefix##malloc(size); }                                 \
  void subject_free(void *ptr) { prefix##free(ptr); }                                                \
  void *subject_realloc(void *ptr, size_t size) { return prefix##realloc(ptr, size); }
/* Whether [ptr, ptr + size) lies inside the heap, writable. */
const char *subject_bounds(const void *ptr, size_t size);
/* The student's own heap check, if it has one. */
const char *subject_checkheap(void);
/* Whether the student has a heap check at all. */
int subject_has_checkheap(void);
/* Bytes the allocator holds now (mm: the heap; l4re: its dataspaces' pages). */
size_t subject_held(void);
/* What the allocator holds now, and what it held after malloc(1); free() on the fresh heap. */
void subject_holdings(struct holdings *now, struct holdings *baseline);
/* What is held beyond the baseline, named by the call site that made most of it (shim.h); NULL if nothing or unknown. */
const char *subject_leak_origin(void);
/* The first call to the environment that failed for misuse since the reset (shim.h), or NULL. */
const char *subject_misuse(void);
/*
 * Append to `n` what `addr` is (async-signal-safe). 1 if the fault is the
 * environment's answer to a misuse (a region attached without the right the
 * access needed), 0 for any other fault. `write` is 1, 0, or -1 if unknown.
 */
int subject_fault_note(uintptr_t addr, int write, struct note *n);
/* Whether the robustness probes mean anything for this kind. */
int subject_probes_misuse(void);

#endif
