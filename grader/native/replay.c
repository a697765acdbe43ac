/*
 * Checked and timed replays (replay.h). Invariant during a replay: ptr[id] is
 * what the last a/r op for id returned (NULL after its free, or after a
 * request the environment could not serve), size[id] its requested size;
 * every ptr[id] != NULL is a live checker block, size 0 included.
 */
#include "replay.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "checker.h"
#include "instructions.h"
#include "report.h"
#include "shared.h"
#include "subject.h"

/* mm_checkheap runs after op i when i + 1 is a power of two or a multiple of this, and after the last op. */
#define CHECKHEAP_EVERY 1024
/* A null result is the environment's doing when the request and this much for headers, page rounding and a minimum chunk do not fit. */
#define NULL_ALLOWANCE(n) (((size_t)64 << 10) + (n) / 8)

static void **ptr;
static size_t *size;
static size_t ids_capacity;

/* What one checked run of a program saw. */
struct run {
  size_t refused, refused_max;
  size_t peak_live, peak_held;
  /* The last op after which mm_checkheap passed; -1 before any. */
  int64_t checkheap_ok;
};

/* A fresh heap and empty id tables; 0 (answered) if the reset failed. */
static int fresh(const struct request *r, enum reset_for why) {
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
  const char *failed = subject_reset(why);
  if (failed != NULL) {
    respond("fail op=0 check=result msg=%s", failed);
    return 0;
  }
  return 1;
}

static void start_op(enum shared_phase phase, int64_t i) {
  shared->op = i;
  shared->limit_hit = 0;
  here.refused = 0;
  shared->phase = phase;
  checker_op = i;
}

int null_allowed(size_t n, size_t held, size_t heap_limit) {
  if (here.refused) return 1;
  size_t left = heap_limit > held ? heap_limit - held : 0;
  return n > left || left - n < NULL_ALLOWANCE(n);
}

/* The misuse of the environment made during the op, as a failure; 1 if none. */
static int no_misuse(void) {
  const char *m = subject_misuse();
  return m == NULL || fail("environment", checker_op, "%s", m);
}

/* One checked op; 0 with the failure recorded. */
static int checked_op(const struct op *o, size_t heap_limit, struct run *st) {
  if (o->kind == 'f') {
    void *p = o->id >= 0 ? ptr[o->id] : NULL;
    if (p != NULL && !checker_before_free((uintptr_t)p)) return 0;
    subject_free(p);
    if (p == NULL) return checker_end_op(0);
    checker_on_free((uintptr_t)p);
    ptr[o->id] = NULL;
    size[o->id] = 0;
    return checker_end_op((uintptr_t)p);
  }
  void *old = o->kind == 'r' ? ptr[o->id] : NULL;
  if (old != NULL && !checker_before_free((uintptr_t)old)) return 0;
  void *q = o->kind == 'a' ? subject_malloc(o->size) : subject_realloc(old, o->size);
  if (q == NULL && o->size > 0) {
    size_t held = subject_held();
    if (!null_allowed(o->size, held, heap_limit)) {
      char call[80]; /* formatted here only: this runs every op */
      if (o->kind == 'a') snprintf(call, sizeof call, "malloc(%zu)", o->size);
      else snprintf(call, sizeof call, "realloc(%p, %zu)", old, o->size);
      size_t left = heap_limit - held;
      return fail("result", checker_op, "%s returned NULL, though %zu bytes of the %zu-byte heap limit were left (the allocator held %zu)", call, left, heap_limit, held);
    }
    st->refused++;
    if (o->size > st->refused_max) st->refused_max = o->size;
    if (o->kind == 'a') ptr[o->id] = NULL, size[o->id] = 0;
    return checker_end_op((uintptr_t)old);
  }
  if (q == NULL) {
    if (old != NULL) checker_on_free((uintptr_t)old);
    ptr[o->id] = NULL;
    size[o->id] = 0;
    return checker_end_op((uintptr_t)old);
  }
  int ok = old != NULL ? checker_on_realloc((uintptr_t)old, (uintptr_t)q, o->size) : checker_on_malloc((uintptr_t)q, o->size);
  ptr[o->id] = q;
  size[o->id] = o->size;
  return ok && checker_end_op((uintptr_t)q);
}

static int checkheap_due(size_t i, size_t num_ops, int64_t dense_from) {
  size_t n = i + 1;
  return (int64_t)i >= dense_from || (n & (n - 1)) == 0 || n % CHECKHEAP_EVERY == 0 || n == num_ops;
}

/*
 * Ops [0, upto) checked, mm_checkheap after the ops checkheap_due names
 * (after every op from dense_from on); 0 with the failure recorded.
 */
static int run_checked(const struct request *r, size_t upto, int64_t dense_from, size_t heap_limit, struct run *st) {
  for (size_t i = 0; i < upto; i++) {
    start_op(PHASE_OP, (int64_t)i);
    if (!checked_op(&r->ops[i], heap_limit, st) || !no_misuse()) return 0;
    if (subject_has_checkheap() && checkheap_due(i, r->num_ops, dense_from)) {
      const char *bad = subject_checkheap();
      if (bad != NULL) {
        if (st->checkheap_ok < 0) return fail("checkheap", checker_op, "%s after op %zu", bad, i);
        return fail("checkheap", checker_op, "%s after op %zu (it passed after op %" PRId64 ")", bad, i, st->checkheap_ok);
      }
      st->checkheap_ok = (int64_t)i;
    }
    if (checker_live_bytes() > st->peak_live) st->peak_live = checker_live_bytes();
    if (subject_held() > st->peak_held) st->peak_held = subject_held();
  }
  return 1;
}

/*
 * A failed mm_checkheap names the op after which it first failed: the program
 * runs again on a fresh heap with mm_checkheap after every op past the last
 * one it passed. An allocator that does not fail the same way again keeps the
 * first failure.
 */
static void pin_checkheap(const struct request *r, size_t heap_limit, int64_t passed) {
  struct failure first = failure;
  failure.check = NULL;
  checker_reset();
  struct run again = {0, 0, 0, 0, passed};
  if (fresh(r, FOR_CHECKING) && run_checked(r, (size_t)first.op + 1, passed + 1, heap_limit, &again)) failure = first;
  if (failure.check == NULL) failure = first;
}

/* Free every block the program left live, checked; the frees are ops num_ops, num_ops + 1, ... */
static int teardown_checked(const struct request *r) {
  int64_t k = (int64_t)r->num_ops;
  for (size_t id = 0; id < r->num_ids; id++) {
    void *p = ptr[id];
    if (p == NULL) continue;
    start_op(PHASE_TEARDOWN, k++);
    if (!checker_before_free((uintptr_t)p)) return 0;
    subject_free(p);
    checker_on_free((uintptr_t)p);
    ptr[id] = NULL;
    if (!checker_end_op((uintptr_t)p) || !no_misuse()) return 0;
  }
  const char *bad = subject_has_checkheap() ? subject_checkheap() : NULL;
  return bad == NULL || fail("checkheap", checker_op, "%s after the teardown freed every block", bad);
}

/* The ops without checks, on whatever heap there is; `phase` is what a crash reports. */
static void run_plain(const struct request *r, enum shared_phase phase) {
  for (size_t i = 0; i < r->num_ops; i++) {
    const struct op *o = &r->ops[i];
    start_op(phase, (int64_t)i);
    if (o->kind == 'a') ptr[o->id] = subject_malloc(o->size);
    else if (o->kind == 'r') ptr[o->id] = subject_realloc(ptr[o->id], o->size);
    else if (o->id < 0) subject_free(NULL);
    else subject_free(ptr[o->id]), ptr[o->id] = NULL;
  }
}

static void teardown_plain(const struct request *r) {
  for (size_t id = 0; id < r->num_ids; id++) {
    if (ptr[id] == NULL) continue;
    shared->op = (int64_t)(r->num_ops + id);
    subject_free(ptr[id]);
    ptr[id] = NULL;
  }
}

static int more(const struct holdings *a, const struct holdings *b) {
  return a->dataspaces > b->dataspaces || a->regions > b->regions || a->slots > b->slots;
}

/*
 * After the teardown the allocator may hold more than its baseline: memory it
 * keeps to reuse, or memory it lost. Running the program again on the same
 * heap tells them apart: what it keeps it reuses, so it soon holds no more
 * after a run than before it; what it lost it loses again on every run.
 */
#define LEAK_RERUNS 3

static int no_leak(const struct request *r) {
  struct holdings first, base, before, after;
  subject_holdings(&first, &base);
  if (!more(&first, &base)) return 1;
  int64_t at = checker_op;
  before = first;
  for (int k = 0; k < LEAK_RERUNS; k++, before = after) {
    run_plain(r, PHASE_RERUN);
    shared->phase = PHASE_RERUN;
    teardown_plain(r);
    checker_op = at;
    if (!no_misuse()) return 0;
    subject_holdings(&after, &base);
    if (!more(&after, &before)) return 1;
  }
  const char *origin = subject_leak_origin();
  return fail("leak", checker_op,
              "every run of the program leaves more behind: after it and the freeing of every block the allocator holds %zu dataspaces, %zu regions "
              "and %zu slots, after %d more runs %zu, %zu and %zu (after malloc(1); free() on a fresh heap: %zu, %zu and %zu)%s%s",
              first.dataspaces, first.regions, first.slots, LEAK_RERUNS, after.dataspaces, after.regions, after.slots, base.dataspaces, base.regions, base.slots,
              origin == NULL ? "" : "; ", origin == NULL ? "" : origin);
}

void replay_checked(const struct request *r, size_t heap_limit) {
  checker_reset();
  if (!fresh(r, FOR_CHECKING)) return;
  struct run st = {0, 0, 0, 0, -1};
  int ok = run_checked(r, r->num_ops, INT64_MAX, heap_limit, &st);
  if (!ok && strcmp(failure.check, "checkheap") == 0 && failure.op > st.checkheap_ok + 1) pin_checkheap(r, heap_limit, st.checkheap_ok);
  if (ok) {
    shared->phase = PHASE_END;
    checker_op = (int64_t)r->num_ops;
    ok = checker_verify_all() && teardown_checked(r) && no_leak(r);
  }
  shared->phase = PHASE_IDLE;
  if (!ok) {
    respond_failure();
    return;
  }
  double util = st.peak_held == 0 ? 0.0 : (double)st.peak_live / (double)st.peak_held;
  respond("ok util=%.6f refused=%zu refused_max=%zu", util, st.refused, st.refused_max);
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

void replay_timed(const struct request *r) {
  if (!fresh(r, r->first ? FOR_TIMING_FIRST : FOR_TIMING_AGAIN)) return;
  int counted = instructions_counted();
  if (counted) instructions_start();
  double t0 = now_ns();
  run_plain(r, PHASE_OP);
  double t = now_ns() - t0;
  uint64_t instructions = counted ? instructions_stop() : 0;
  teardown_plain(r);
  shared->phase = PHASE_IDLE;
  respond("timed seconds=%.9f instructions=%" PRIu64, t / 1e9, instructions);
}
