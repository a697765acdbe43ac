/*
 * The l4re subject (subject.h): the student's malloc, free and realloc
 * (renamed l4re_student_* when compiled, so libc's stay the driver's) over the
 * L4Re shim.
 *
 * A fresh heap is a fresh shim and the student's static variables as they were
 * at start-up: build.ts renames the student's .data and .bss sections so they
 * lie between the __start_/__stop_ symbols below; subject_open copies them,
 * subject_reset puts the copy back. Then the baseline: what the allocator
 * holds after malloc(1); free() on a fresh heap, after which the heap is made
 * fresh once more. A program that freed every block may hold no more.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "l4re/shim.h"
#include "report.h"
#include "subject.h"

void *l4re_student_malloc(size_t size);
void l4re_student_free(void *ptr);
void *l4re_student_realloc(void *ptr, size_t size);

/* The student's writable data, each section [start, stop); absent ones are NULL. */
extern char __start_l4check_data[] __attribute__((weak)), __stop_l4check_data[] __attribute__((weak));
extern char __start_l4check_data_rel[] __attribute__((weak)), __stop_l4check_data_rel[] __attribute__((weak));
extern char __start_l4check_data_rel_local[] __attribute__((weak)), __stop_l4check_data_rel_local[] __attribute__((weak));
extern char __start_l4check_bss[] __attribute__((weak)), __stop_l4check_bss[] __attribute__((weak));

struct section {
  char *start, *stop;
  char *initial;  /* NULL: zero it (bss) */
};

static struct section sections[4];
static struct shim_counts baseline;
static char message[240];

const char *subject_open(size_t heap_limit) {
  struct section all[] = {
      {__start_l4check_data, __stop_l4check_data, NULL},
      {__start_l4check_data_rel, __stop_l4check_data_rel, NULL},
      {__start_l4check_data_rel_local, __stop_l4check_data_rel_local, NULL},
      {__start_l4check_bss, __stop_l4check_bss, NULL},
  };
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    if (all[i].start == NULL || all[i].start == __start_l4check_bss) continue;
    size_t n = (size_t)(all[i].stop - all[i].start);
    all[i].initial = memcpy(xrealloc(NULL, n + 1), all[i].start, n);
  }
  memcpy(sections, all, sizeof sections);
  return shim_open(heap_limit);
}

static void fresh(void) {
  shim_reset();
  for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
    const struct section *s = &sections[i];
    if (s->start == NULL) continue;
    if (s->initial != NULL) memcpy(s->start, s->initial, (size_t)(s->stop - s->start));
    else memset(s->start, 0, (size_t)(s->stop - s->start));
  }
}

const char *subject_reset(void) {
  fresh();
  l4re_student_free(l4re_student_malloc(1));
  shim_counts(&baseline);
  fresh();
  return NULL;
}

void *subject_malloc(size_t size) {
  return l4re_student_malloc(size);
}

void subject_free(void *ptr) {
  l4re_student_free(ptr);
}

void *subject_realloc(void *ptr, size_t size) {
  return l4re_student_realloc(ptr, size);
}

const char *subject_bounds(const void *ptr, size_t size) {
  return shim_bounds(ptr, size);
}

const char *subject_checkheap(void) {
  return NULL;
}

size_t subject_held(void) {
  struct shim_counts c;
  shim_counts(&c);
  return c.ds_bytes;
}

const char *subject_leak(void) {
  struct shim_counts c;
  shim_counts(&c);
  if (c.dataspaces <= baseline.dataspaces && c.regions <= baseline.regions && c.slots <= baseline.slots) return NULL;
  snprintf(message, sizeof message,
           "%zu dataspaces (%zu bytes), %zu regions and %zu slots remain; after malloc(1); free() on a fresh heap it holds %zu, %zu and %zu",
           c.dataspaces, c.ds_bytes, c.regions, c.slots, baseline.dataspaces, baseline.regions, baseline.slots);
  return message;
}

int subject_probes_misuse(void) {
  return 1;
}
