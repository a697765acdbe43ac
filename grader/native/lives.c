/*
 * Two owners of one byte at once (lives.h): every life's start and end in
 * tick order, with the lives running at that tick kept sorted by address, as
 * checker.c keeps its blocks. A life that starts is checked against its
 * neighbours in address order, which are the only ones it can overlap while
 * the running lives are pairwise disjoint: the invariant until the first
 * overlap, where the search stops.
 */
#include "lives.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "sorted.h"

struct event {
  uint64_t tick;
  const struct life *life;
  int starts;
};

struct running {
  uintptr_t ptr;
  const struct life *life;
};

static int by_tick(const void *a, const void *b) {
  uint64_t x = ((const struct event *)a)->tick, y = ((const struct event *)b)->tick;
  return x < y ? -1 : x > y;
}

static uintptr_t end_of(const struct life *l) {
  return l->ptr + (l->size > 0 ? l->size : 1);
}

static int share_a_byte(const struct life *a, const struct life *b) {
  return a->ptr < end_of(b) && b->ptr < end_of(a);
}

int lives_overlap(const struct lives *of, size_t n, const struct life **first, const struct life **second) {
  size_t total = 0;
  for (size_t w = 0; w < n; w++) total += of[w].count;
  struct event *events = xrealloc(NULL, (2 * total + 1) * sizeof *events);
  struct running *run = xrealloc(NULL, (total + 1) * sizeof *run);
  size_t count = 0, running = 0, found = 0;
  for (size_t w = 0; w < n; w++) {
    for (size_t k = 0; k < of[w].count; k++) {
      const struct life *l = &of[w].at[k];
      events[count++] = (struct event){l->from, l, 1};
      if (l->to != UINT64_MAX) events[count++] = (struct event){l->to, l, 0};
    }
  }
  qsort(events, count, sizeof *events, by_tick);
  for (size_t e = 0; e < count && !found; e++) {
    const struct life *l = events[e].life;
    size_t i = sorted_above(run, running, sizeof *run, offsetof(struct running, ptr), l->ptr);
    if (!events[e].starts) {
      while (i > 0 && run[i - 1].life != l) i--;
      memmove(&run[i - 1], &run[i], (running - i) * sizeof *run);
      running--;
      continue;
    }
    for (size_t k = i > 0 ? i - 1 : 0; k <= i && k < running && !found; k++) {
      if (!share_a_byte(run[k].life, l)) continue;
      *first = run[k].life;
      *second = l;
      found = 1;
    }
    memmove(&run[i + 1], &run[i], (running - i) * sizeof *run);
    run[i] = (struct running){l->ptr, l};
    running++;
  }
  free(events);
  free(run);
  return (int)found;
}

void life_text(const struct life *l, char *buf, size_t size) {
  snprintf(buf, size, "thread %d's p%" PRIu32 " (%#" PRIxPTR ", %zu bytes, from its op %" PRId64 ")", l->worker, l->serial, l->ptr, l->size, l->op);
}
