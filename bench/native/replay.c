/*
 * Replays a malloc-lab trace against the C library's malloc (glibc), for
 * `npm run bench -- alloc`. Built by bench/alloc_glibc.ts with `cc -O2`.
 *
 *   replay FILE MIN_MS
 *
 * FILE is a `.rep` trace in its plain form: four header numbers (the 2nd is the
 * number of ids, the 3rd the number of ops), then exactly that many ops
 * `a id size`, `f id` (id -1 is free(NULL)) or `r id size`. The bench writes
 * that form from the parsed trace, so mdriver's lenient readings live in one
 * place (properties/trace/read_trace.ts).
 *
 * Prints one JSON line: {"ops":N,"ms":T,"util":U} where T is the time of the
 * replay loops only (reading and the frees between repetitions are not timed),
 * repeated until T >= MIN_MS; or {"error":"..."} and exit status 3 when a
 * request fails or the trace cannot be read.
 *
 * Utilization = peak live payload / peak of mallinfo2()'s arena + hblkhd (the
 * bytes malloc holds from the system, by sbrk and by mmap), measured in a first,
 * untimed pass. Invariant: nothing calls malloc before that pass ends — the
 * trace and the pointer table live in mmap'ed memory — so the arena holds the
 * trace's blocks and nothing else.
 */
#include <fcntl.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct op {
  char kind;    /* 'a', 'f' or 'r' */
  int32_t id;   /* -1 only for 'f' */
  size_t size;  /* saturated at SIZE_MAX */
};

static void die(const char *what) {
  printf("{\"error\":\"%s\"}\n", what);
  exit(3);
}

static void *map_zeroed(size_t bytes) {
  void *p = mmap(NULL, bytes ? bytes : 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) die("mmap failed");
  return p;
}

/* The text cursor: [at, end). */
static const char *at, *end;

static void skip_space(void) {
  while (at < end && (*at == ' ' || *at == '\t' || *at == '\n' || *at == '\r')) at++;
}

/* An optionally negative decimal integer; magnitudes past SIZE_MAX saturate. */
static int64_t number(size_t *magnitude) {
  skip_space();
  int negative = at < end && *at == '-';
  if (negative) at++;
  if (at >= end || *at < '0' || *at > '9') die("malformed trace");
  size_t n = 0;
  for (; at < end && *at >= '0' && *at <= '9'; at++) {
    size_t digit = (size_t)(*at - '0');
    n = n > (SIZE_MAX - digit) / 10 ? SIZE_MAX : n * 10 + digit;
  }
  if (magnitude) *magnitude = n;
  return negative ? -(int64_t)n : (int64_t)n;
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static size_t held(void) {
  struct mallinfo2 m = mallinfo2();
  return m.arena + m.hblkhd;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: replay FILE MIN_MS\n");
    return 2;
  }
  double min_ms = atof(argv[2]);
  int fd = open(argv[1], O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) die("cannot open the trace");
  at = mmap(NULL, st.st_size ? st.st_size : 1, PROT_READ, MAP_PRIVATE, fd, 0);
  if (at == MAP_FAILED) die("cannot map the trace");
  end = at + st.st_size;

  number(NULL);
  int64_t num_ids = number(NULL), num_ops = number(NULL);
  number(NULL);
  struct op *ops = map_zeroed((size_t)num_ops * sizeof *ops);
  for (int64_t i = 0; i < num_ops; i++) {
    skip_space();
    if (at >= end) die("trace ends early");
    ops[i].kind = *at++;
    ops[i].id = (int32_t)number(NULL);
    if (ops[i].kind != 'f') number(&ops[i].size);
  }
  void **ptr = map_zeroed((size_t)num_ids * sizeof *ptr);
  size_t *size = map_zeroed((size_t)num_ids * sizeof *size);

  /* Untimed pass: does every request succeed, and the utilization. */
  size_t live = 0, peak_payload = 0, peak_held = 0;
  for (int64_t i = 0; i < num_ops; i++) {
    const struct op *o = &ops[i];
    if (o->kind == 'f') {
      if (o->id < 0) continue;
      free(ptr[o->id]);
      live -= size[o->id];
      ptr[o->id] = NULL;
      size[o->id] = 0;
      continue;
    }
    void *q = o->kind == 'a' ? malloc(o->size) : realloc(ptr[o->id], o->size);
    if (q == NULL && o->size > 0) {
      static char why[96];
      snprintf(why, sizeof why, "out of memory at op %ld (%c %d %zu)", (long)i, o->kind, o->id, o->size);
      die(why);
    }
    live += o->size - (o->kind == 'r' ? size[o->id] : 0);
    ptr[o->id] = q;
    size[o->id] = o->size;
    if (live > peak_payload) peak_payload = live;
    size_t h = held();
    if (h > peak_held) peak_held = h;
  }

  /* Timed passes, each from an empty trace state (the heap stays warm). */
  double ms = 0;
  int64_t done = 0;
  do {
    for (int64_t id = 0; id < num_ids; id++) free(ptr[id]), ptr[id] = NULL;
    double t0 = now_ms();
    for (int64_t i = 0; i < num_ops; i++) {
      const struct op *o = &ops[i];
      if (o->kind == 'a') ptr[o->id] = malloc(o->size);
      else if (o->kind == 'r') ptr[o->id] = realloc(ptr[o->id], o->size);
      else if (o->id < 0) free(NULL);
      else {
        free(ptr[o->id]);
        ptr[o->id] = NULL;
      }
    }
    ms += now_ms() - t0;
    done += num_ops;
  } while (ms < min_ms);

  printf("{\"ops\":%ld,\"ms\":%.3f,\"util\":%.6f}\n", (long)done, ms, peak_held ? (double)peak_payload / peak_held : 0.0);
  return 0;
}
