/*
 * The workers of a threaded round (threads.h). Invariant while worker w
 * runs: w->life_of[id] is the index in w->lives of the block `id` names, or
 * NONE; the life it indexes has `to` UINT64_MAX and, as far as w knows, its
 * pattern in its bytes. A worker writes only its own struct, and reads
 * another's only after the join.
 */
#define _GNU_SOURCE
#include "threads.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "fault.h"
#include "lives.h"
#include "pattern.h"
#include "replay.h"
#include "report.h"
#include "shared.h"
#include "subject.h"

#define ALIGNMENT 16
#define NONE SIZE_MAX
/* How often each worker is made to give its core away (yield_now). */
#define PREEMPT_NS 50000L

_Thread_local struct thread_here here = {-1, 0, 0};

struct worker {
  int id;
  pthread_t thread;
  const struct program *p;
  size_t heap_limit;
  struct life *lives;  /* room for one life per a and r op of its program */
  size_t count, capacity;
  size_t *life_of;
  size_t ids_capacity;
  uint32_t serials;
  int64_t at;          /* the op it started last, -1 before the first */
  size_t refused, refused_max;
  uint64_t found_tick; /* 0 while it found nothing */
  int64_t found_op;
  char found[480];
  char *stack;         /* its signal stack */
};

static struct worker workers[THREADS_MAX];
static atomic_uint_fast64_t ticks;
static atomic_int stop;
static pthread_barrier_t start;

static uint64_t tick(void) {
  return atomic_fetch_add(&ticks, 1) + 1;
}

/* The pattern of a life: unique to its worker and serial. */
static uint64_t key(const struct life *l) {
  return (uint64_t)(l->worker + 1) << 32 | l->serial;
}

/* Record what w found (its first finding) and stop every worker; returns 0. */
__attribute__((format(printf, 2, 3))) static int found(struct worker *w, const char *fmt, ...) {
  w->found_tick = tick();
  w->found_op = here.op;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(w->found, sizeof w->found, fmt, ap);
  va_end(ap);
  atomic_store(&stop, 1);
  return 0;
}

static void begin(struct worker *w, int64_t op) {
  here.op = op;
  here.refused = 0;
  shared->thread_op[w->id] = op;
  w->at = op;
}

/* An op and the block it names (NULL: none), written out only for a message. */
struct call {
  const struct op *o;
  const struct life *old;
};

/* `malloc(24)`, `realloc(p3, 100)`, `free(p3)` */
static const char *call_text(struct call c, char *buf, size_t size) {
  char name[16] = "NULL";
  if (c.old != NULL) snprintf(name, sizeof name, "p%" PRIu32, c.old->serial);
  if (c.o->kind == 'a') snprintf(buf, size, "malloc(%zu)", c.o->size);
  else if (c.o->kind == 'r') snprintf(buf, size, "realloc(%s, %zu)", name, c.o->size);
  else snprintf(buf, size, "free(%s)", name);
  return buf;
}

/* A live block's bytes, before `call` frees or moves it. */
static int intact(struct worker *w, const struct life *l, struct call call) {
  size_t off = pattern_mismatch((const uint8_t *)l->ptr, l->size, key(l), l->size);
  if (off == NONE) return 1;
  char text[128], c[64];
  life_text(l, text, sizeof text);
  return found(w, "%s byte %zu is 0x%02x, expected 0x%02x, checked before its op %" PRId64 " (%s): its bytes changed while the thread held it", text, off,
               ((const uint8_t *)l->ptr)[off], *pattern(key(l), off), here.op, call_text(call, c, sizeof c));
}

/* What is wrong with block l, which `call` returned: `thread 1's p3 (...), returned by malloc(24): <what>`. */
__attribute__((format(printf, 4, 5))) static int found_in(struct worker *w, const struct life *l, struct call call, const char *fmt, ...) {
  char text[128], c[64], what[320];
  life_text(l, text, sizeof text);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  return found(w, "%s, returned by %s: %s", text, call_text(call, c, sizeof c), what);
}

/* The block `call` returned for id: checked (realloc: it keeps old's bytes), filled, live. */
static int made(struct worker *w, uintptr_t q, struct call call) {
  int32_t id = call.o->id;
  size_t n = call.o->size;
  const struct life *old = call.o->kind == 'r' ? call.old : NULL;
  struct life l = {q, n, tick(), UINT64_MAX, here.op, w->id, w->serials + 1};
  if (q % ALIGNMENT != 0) return found_in(w, &l, call, "not %d-aligned", ALIGNMENT);
  const char *outside = n > 0 ? subject_bounds((const void *)q, n) : NULL;
  if (outside != NULL) return found_in(w, &l, call, "%s", outside);
  size_t keep = old == NULL ? 0 : n < old->size ? n : old->size;
  size_t off = keep == 0 ? NONE : pattern_mismatch((const uint8_t *)q, old->size, key(old), keep);
  if (off != NONE)
    return found_in(w, &l, call, "byte %zu is 0x%02x, expected 0x%02x of p%" PRIu32 ": realloc did not keep its bytes", off, ((const uint8_t *)q)[off], *pattern(key(old), off),
                    old->serial);
  pattern_fill((uint8_t *)q, n, key(&l));
  w->serials++;
  w->lives[w->count] = l;
  w->life_of[id] = w->count++;
  return 1;
}

/* NULL from `call` for n bytes: legal if the environment refused memory during the op or has no room. */
static int null_result(struct worker *w, struct call call) {
  size_t n = call.o->size;
  if (n == 0) return 1;
  size_t held = subject_held();
  char c[64];
  if (!null_allowed(n, held, w->heap_limit))
    return found(w, "thread %d's %s in its op %" PRId64 " returned NULL, though the environment refused nothing and %zu bytes of the %zu-byte heap limit were left", w->id,
                 call_text(call, c, sizeof c), here.op, w->heap_limit - held, w->heap_limit);
  w->refused++;
  if (n > w->refused_max) w->refused_max = n;
  return 1;
}

static int step(struct worker *w, const struct op *o) {
  size_t at = o->id >= 0 ? w->life_of[o->id] : NONE;
  struct life *old = at == NONE ? NULL : &w->lives[at];
  struct call call = {o, old};
  if (o->kind == 'a') {
    void *q = subject_malloc(o->size);
    return q == NULL ? null_result(w, call) : made(w, (uintptr_t)q, call);
  }
  if (old != NULL) {
    if (!intact(w, old, call)) return 0;
    old->to = tick();
    w->life_of[o->id] = NONE;
  }
  if (o->kind == 'f') {
    subject_free(old == NULL ? NULL : (void *)old->ptr);
    return 1;
  }
  void *q = subject_realloc(old == NULL ? NULL : (void *)old->ptr, o->size);
  if (q != NULL) return made(w, (uintptr_t)q, call);
  if (o->size == 0) return 1; /* realloc(p, 0) freed p */
  if (!null_result(w, call)) return 0;
  if (old == NULL) return 1;
  struct life again = *old; /* a failed realloc leaves the block live, from now on */
  again.from = tick();
  again.to = UINT64_MAX;
  w->lives[w->count] = again;
  w->life_of[o->id] = w->count++;
  return 1;
}

static void teardown(struct worker *w) {
  int64_t k = (int64_t)w->p->num_ops;
  for (size_t id = 0; id < w->p->num_ids && !atomic_load_explicit(&stop, memory_order_relaxed); id++) {
    if (w->life_of[id] == NONE) continue;
    begin(w, k++);
    if (!step(w, &(struct op){'f', (int32_t)id, 0})) return;
  }
}

/* The program, then its teardown: free what it left live, in id order (ops num_ops, num_ops + 1, ...). */
static void run(struct worker *w) {
  for (size_t i = 0; i < w->p->num_ops; i++) {
    if (atomic_load_explicit(&stop, memory_order_relaxed)) return;
    begin(w, (int64_t)i);
    if (!step(w, &w->p->ops[i])) return;
  }
  teardown(w);
}

/* The preemption signal's handler: give the core away, wherever the thread was. */
static void yield_now(int sig) {
  (void)sig;
  int saved = errno;
  sched_yield();
  errno = saved;
}

/*
 * A timer that sends the calling worker the preemption signal every
 * PREEMPT_NS (a little more for each later worker, so that they do not
 * yield in step), from the start of the round. NULL-safe: without it the
 * round runs unperturbed.
 */
static timer_t preempt_timer(int worker) {
  struct sigevent ev = {.sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGRTMIN};
  ev._sigev_un._tid = gettid();
  timer_t timer;
  if (timer_create(CLOCK_MONOTONIC, &ev, &timer) != 0) return NULL;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  long ns = PREEMPT_NS + 7919L * worker, first = 1000 + (now.tv_nsec ^ 40503L * worker) % ns;
  struct itimerspec every = {{0, ns}, {0, first}};
  timer_settime(timer, 0, &every, NULL);
  return timer;
}

/*
 * Worker t runs on the (t mod n)-th of the n cores the process may use: the
 * workers run in parallel, and with more workers than cores a yield hands a
 * core to another worker rather than to whatever else runs on the machine.
 */
static void pin(int worker) {
  cpu_set_t allowed, one;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return;
  int n = CPU_COUNT(&allowed), k = worker % (n > 0 ? n : 1);
  for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
    if (!CPU_ISSET(cpu, &allowed) || k-- > 0) continue;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    sched_setaffinity(0, sizeof one, &one);
    return;
  }
}

static void *work(void *arg) {
  struct worker *w = arg;
  here.worker = w->id;
  pin(w->id);
  fault_notes_thread(w->stack, FAULT_STACK_BYTES);
  timer_t timer = preempt_timer(w->id);
  pthread_barrier_wait(&start);
  run(w);
  if (timer != NULL) timer_delete(timer);
  return NULL;
}

static void prepare(const struct request *r, size_t heap_limit) {
  for (size_t t = 0; t < r->threads; t++) {
    struct worker *w = &workers[t];
    const struct program *p = &r->programs[t];
    size_t makes = 1;
    for (size_t i = 0; i < p->num_ops; i++) makes += p->ops[i].kind != 'f';
    if (makes > w->capacity) w->lives = xrealloc(w->lives, (w->capacity = makes) * sizeof *w->lives);
    if (p->num_ids + 1 > w->ids_capacity) w->life_of = xrealloc(w->life_of, (w->ids_capacity = p->num_ids + 1) * sizeof *w->life_of);
    for (size_t id = 0; id < p->num_ids; id++) w->life_of[id] = NONE;
    if (w->stack == NULL) w->stack = xrealloc(NULL, FAULT_STACK_BYTES);
    w->id = (int)t;
    w->p = p;
    w->heap_limit = heap_limit;
    w->count = 0;
    w->serials = 0;
    w->at = -1;
    w->refused = w->refused_max = 0;
    w->found_tick = 0;
    shared->thread_op[t] = -1;
  }
}

/* The round's failure: thread `worker`'s op `op` (-1: the round's as a whole). */
__attribute__((format(printf, 4, 5))) static void failed(size_t n, int worker, int64_t op, const char *fmt, ...) {
  char progress[THREADS_MAX * 24] = "", msg[sizeof failure.msg];
  for (size_t t = 0, at = 0; t < n; t++) at += (size_t)snprintf(progress + at, sizeof progress - at, "%s%" PRId64, t > 0 ? "," : "", workers[t].at);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  respond("fail op=%" PRId64 " check=thread-safety thread=%d progress=%s msg=%s", op, worker, progress, msg);
}

static void answer(size_t n) {
  struct lives of[THREADS_MAX] = {{NULL, 0}};
  const struct worker *first = NULL;
  for (size_t t = 0; t < n; t++) {
    of[t] = (struct lives){workers[t].lives, workers[t].count};
    if (workers[t].found_tick != 0 && (first == NULL || workers[t].found_tick < first->found_tick)) first = &workers[t];
  }
  const struct life *a, *b;
  if (lives_overlap(of, n, &a, &b)) {
    char ta[128], tb[128];
    life_text(a, ta, sizeof ta);
    life_text(b, tb, sizeof tb);
    failed(n, b->worker, b->op, "%s overlaps %s, and both were live at once: the allocator gave the same bytes to two owners", tb, ta);
    return;
  }
  if (first != NULL) {
    failed(n, first->id, first->found_op, "%s", first->found);
    return;
  }
  const char *bad = subject_checkheap();
  if (bad != NULL) {
    failed(n, -1, -1, "%s after every thread freed its blocks", bad);
    return;
  }
  if ((bad = subject_misuse()) != NULL) {
    failed(n, -1, -1, "%s", bad);
    return;
  }
  size_t refused = 0, refused_max = 0;
  for (size_t t = 0; t < n; t++) {
    refused += workers[t].refused;
    if (workers[t].refused_max > refused_max) refused_max = workers[t].refused_max;
  }
  respond("ok refused=%zu refused_max=%zu", refused, refused_max);
}

void threads_round(const struct request *r, size_t heap_limit) {
  shared->phase = PHASE_RESET;
  shared->op = 0;
  shared->limit_hit = 0;
  const char *why = subject_reset(FOR_CHECKING);
  if (why != NULL) {
    failed(0, -1, -1, "%s, making the heap for the round", why);
    return;
  }
  prepare(r, heap_limit);
  atomic_store(&ticks, 0);
  atomic_store(&stop, 0);
  shared->phase = PHASE_THREADS;
  struct sigaction yield = {.sa_handler = yield_now, .sa_flags = SA_RESTART};
  sigemptyset(&yield.sa_mask);
  sigaction(SIGRTMIN, &yield, NULL);
  pthread_barrier_init(&start, NULL, (unsigned)r->threads);
  for (size_t t = 0; t < r->threads; t++) {
    if (pthread_create(&workers[t].thread, NULL, work, &workers[t]) == 0) continue;
    respond("memory op=0 msg=the driver could not make thread %zu of %zu", t, r->threads);
    _exit(3);
  }
  for (size_t t = 0; t < r->threads; t++) pthread_join(workers[t].thread, NULL);
  pthread_barrier_destroy(&start);
  shared->phase = PHASE_END;
  answer(r->threads);
  shared->phase = PHASE_IDLE;
}
