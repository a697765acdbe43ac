/*
 * The l4re subject (subject.h): the student's malloc, free and realloc
 * (called through subject_renamed.c, so libc's stay the driver's) over the
 * L4Re shim.
 *
 * A fresh heap is a fresh shim and the student's static variables as they were
 * at start-up: build.ts renames the student's .data and .bss sections so they
 * lie between the __start_/__stop_ symbols below; subject_open copies them,
 * subject_reset puts the copy back. Then, for a checked program, the
 * baseline: what the allocator holds after malloc(1); free() on a fresh heap,
 * after which the heap is made fresh once more (replay.c's leak check).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <l4/re/c/rm.h>

#include "l4re/shim.h"
#include "report.h"
#include "subject.h"

/* The student's writable data, each section [start, stop); absent ones are NULL. */
extern char __start_l4check_data[] __attribute__((weak)), __stop_l4check_data[] __attribute__((weak));
extern char __start_l4check_data_rel[] __attribute__((weak)), __stop_l4check_data_rel[] __attribute__((weak));
extern char __start_l4check_data_rel_local[] __attribute__((weak)), __stop_l4check_data_rel_local[] __attribute__((weak));
extern char __start_l4check_bss[] __attribute__((weak)), __stop_l4check_bss[] __attribute__((weak));

/* Each as it was when the subject opened: after C++ constructors, which may set .bss. */
struct section {
  char *start, *stop;
  char *initial;
};

static struct section sections[4];
static struct holdings baseline;

const char *subject_open(size_t heap_limit) {
  struct section all[] = {
      {__start_l4check_data, __stop_l4check_data, NULL},
      {__start_l4check_data_rel, __stop_l4check_data_rel, NULL},
      {__start_l4check_data_rel_local, __stop_l4check_data_rel_local, NULL},
      {__start_l4check_bss, __stop_l4check_bss, NULL},
  };
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    if (all[i].start == NULL) continue;
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
    memcpy(s->start, s->initial, (size_t)(s->stop - s->start));
  }
}

static struct holdings holdings_now(void) {
  struct shim_counts c;
  shim_counts(&c);
  return (struct holdings){c.dataspaces, c.regions, c.slots};
}

const char *subject_reset(enum reset_for why) {
  fresh();
  if (why != FOR_CHECKING) return NULL;
  subject_free(subject_malloc(1));
  baseline = holdings_now();
  fresh();
  return NULL;
}

const char *subject_bounds(const void *ptr, size_t size) {
  return shim_bounds(ptr, size);
}

const char *subject_checkheap(void) {
  return NULL;
}

int subject_has_checkheap(void) {
  return 0;
}

size_t subject_held(void) {
  struct shim_counts c;
  shim_counts(&c);
  return c.ds_bytes;
}

void subject_holdings(struct holdings *now, struct holdings *base) {
  *now = holdings_now();
  *base = baseline;
}

const char *subject_misuse(void) {
  return shim_misuse();
}

/* `R`, `W`, `RW` or `no rights`, as both spellings of the API name them. */
static void note_rights(struct note *n, unsigned rights) {
  rights &= L4RE_RM_F_RW;
  note_str(n, rights == L4RE_RM_F_RW ? "RW" : rights == L4RE_RM_F_R ? "R" : rights == L4RE_RM_F_W ? "W" : "no rights");
}

/* `<call> at <file>:<line> in op <op>` */
static void note_origin(struct note *n, const struct origin *o) {
  note_str(n, o->at.call);
  note_str(n, " at ");
  note_str(n, site_file(&o->at));
  note_str(n, ":");
  note_dec(n, o->at.line);
  note_str(n, " in op ");
  note_dec(n, o->op);
}

int subject_fault_note(uintptr_t addr, int write, struct note *n) {
  struct shim_place p;
  shim_place(addr, &p);
  if (p.kind == PLACE_NONE) {
    note_str(n, addr < 4096 ? "a NULL pointer dereference" : "no region is attached there");
    return 0;
  }
  note_str(n, "in the region [");
  note_hex(n, p.start);
  note_str(n, ", ");
  note_hex(n, p.end);
  if (p.kind == PLACE_DETACHED) {
    note_str(n, "), detached by ");
    note_origin(n, &p.undone);
    return 0;
  }
  note_str(n, ") attached by ");
  note_origin(n, &p.made);
  if (p.undone.at.call != NULL) {
    note_str(n, ": its dataspace went away in ");
    note_origin(n, &p.undone);
    note_str(n, ", while the region was still attached");
    return 1;
  }
  note_str(n, " with ");
  note_rights(n, p.rights);
  unsigned need = write == 1 ? L4RE_RM_F_W : write == 0 ? L4RE_RM_F_R : L4RE_RM_F_RW;
  if ((p.rights & need) == need) return 0;
  note_str(n, ": it lacks ");
  note_rights(n, need & ~p.rights);
  return 1;
}

const char *subject_leak_origin(void) {
  struct shim_counts base = {baseline.dataspaces, 0, baseline.regions, baseline.slots};
  return shim_leak_origin(&base);
}

int subject_probes_misuse(void) {
  return 1;
}
