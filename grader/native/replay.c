/*
 * Checked and timed replays (replay.h). Invariant during a replay: ptr[id] is
 * what the last a/r op for id returned (NULL after its free), size[id] its
 * requested size; every ptr[id] != NULL of size > 0 is a live checker block.
 */
#include "replay.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "checker.h"
#include "report.h"
#include "shared.h"
#include "subject.h"

static void **ptr;
static size_t *size;
static size_t ids_capacity;

/* A fresh heap and empty id tables; 0 (answered) if the reset failed. */
static int fresh(const struct request *r) {
  shared->phase = PHASE_RESET;
  shared->op = 0;
  shared->limit_hit = 0;
  if (r->num_ids > ids_capacity) {
    ids_capacity = r->num_ids;
    ptr = xrealloc(ptr, ids_capacity * sizeof *ptr);
    size = xrealloc(size, ids_capacity * sizeof *size);
  }
  memset(ptr, 0, r->num_ids * sizeof *ptr);
  memset(size, 0, r->num_ids * sizeof *size);
  const char *why = subject_reset();
  if (why != NULL) {
    respond("fail op=0 check=result msg=%s", why);
    return 0;
  }
  return 1;
}

static void start_op(size_t i) {
  shared->op = (int64_t)i;
  shared->limit_hit = 0;
  shared->phase = PHASE_OP;
}

/* A null result of call for `bytes`: 1 if acceptable, else 0 with the outcome recorded. */
static int null_result(const char *call, size_t bytes, size_t heap_limit) {
  if (bytes > heap_limit) return 1;
  if (shared->limit_hit) return fail("memory", checker_op, "%s returned NULL after the heap limit of %zu bytes refused memory", call, heap_limit);
  return fail("result", checker_op, "%s returned NULL: out of memory (op %" PRId64 ")", call, checker_op);
}

/* One checked op; 0 with the failure recorded. */
static int checked_op(const struct op *o, size_t heap_limit) {
  if (o->kind == 'f') {
    void *p = o->id >= 0 ? ptr[o->id] : NULL;
    if (p != NULL && size[o->id] > 0 && !checker_before_free((uintptr_t)p)) return 0;
    subject_free(p);
    if (p == NULL) return checker_end_op(0);
    if (size[o->id] > 0) checker_on_free((uintptr_t)p);
    ptr[o->id] = NULL;
    size[o->id] = 0;
    return checker_end_op((uintptr_t)p);
  }
  void *old = o->kind == 'r' ? ptr[o->id] : NULL;
  size_t old_size = old != NULL ? size[o->id] : 0;
  if (old_size > 0 && !checker_before_free((uintptr_t)old)) return 0;
  void *q = o->kind == 'a' ? subject_malloc(o->size) : subject_realloc(old, o->size);
  if (q == NULL && o->size > 0) {
    char call[80]; /* formatted here only: this runs every op */
    if (o->kind == 'a') snprintf(call, sizeof call, "malloc(%zu)", o->size);
    else snprintf(call, sizeof call, "realloc(%p, %zu)", old, o->size);
    if (!null_result(call, o->size, heap_limit)) return 0;
    if (o->kind == 'a') ptr[o->id] = NULL, size[o->id] = 0;
    return checker_end_op((uintptr_t)old);
  }
  if (old_size > 0 && o->size == 0) checker_on_free((uintptr_t)old);
  ptr[o->id] = q;
  size[o->id] = o->size;
  if (o->size == 0) return checker_end_op((uintptr_t)q);
  int ok = old_size > 0 ? checker_on_realloc((uintptr_t)old, (uintptr_t)q, o->size) : checker_on_malloc((uintptr_t)q, o->size);
  return ok && checker_end_op((uintptr_t)q);
}

void replay_checked(const struct request *r, size_t heap_limit) {
  checker_reset();
  if (!fresh(r)) return;
  size_t peak_live = 0, peak_held = 0;
  for (size_t i = 0; i < r->num_ops; i++) {
    start_op(i);
    checker_op = (int64_t)i;
    if (!checked_op(&r->ops[i], heap_limit)) break;
    const char *bad_heap = subject_checkheap();
    if (bad_heap != NULL) fail("checkheap", checker_op, "%s after op %zu", bad_heap, i);
    if (failure.check != NULL) break;
    if (checker_live_bytes() > peak_live) peak_live = checker_live_bytes();
    if (subject_held() > peak_held) peak_held = subject_held();
  }
  if (failure.check == NULL) {
    shared->phase = PHASE_END;
    checker_op = (int64_t)r->num_ops;
    if (checker_verify_all() && checker_live_count() == 0) {
      const char *leak = subject_leak();
      if (leak != NULL) fail("leak", checker_op, "after the program freed every block: %s", leak);
    }
  }
  shared->phase = PHASE_IDLE;
  if (failure.check != NULL && strcmp(failure.check, "memory") == 0) {
    respond("memory op=%" PRId64 " msg=%s", failure.op, failure.msg);
    failure.check = NULL;
  } else if (failure.check != NULL) {
    respond_failure();
  } else {
    respond("ok util=%.6f", peak_held == 0 ? 0.0 : (double)peak_live / (double)peak_held);
  }
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

void replay_timed(const struct request *r, size_t heap_limit) {
  double ms = 0;
  uint64_t ops = 0;
  do {
    if (!fresh(r)) return;
    double t0 = now_ms();
    for (size_t i = 0; i < r->num_ops; i++) {
      const struct op *o = &r->ops[i];
      start_op(i);
      if (o->kind == 'a') ptr[o->id] = subject_malloc(o->size);
      else if (o->kind == 'r') ptr[o->id] = subject_realloc(ptr[o->id], o->size);
      else if (o->id < 0) subject_free(NULL);
      else subject_free(ptr[o->id]), ptr[o->id] = NULL;
      if (o->kind != 'f' && ptr[o->id] == NULL && o->size > 0 && o->size <= heap_limit && shared->limit_hit) {
        shared->phase = PHASE_IDLE;
        respond("memory op=%zu msg=a request of %zu bytes returned NULL after the heap limit refused memory", i, o->size);
        return;
      }
    }
    ms += now_ms() - t0;
    ops += r->num_ops;
  } while (ms < (double)r->min_ms);
  shared->phase = PHASE_IDLE;
  respond("timed ops_per_sec=%.1f", ms > 0 ? (double)ops / (ms / 1e3) : 0.0);
}
