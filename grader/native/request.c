/*
 * Reading requests (request.h) from fd 3 through one buffer.
 * Invariant: buf[at..len) holds the bytes read and not yet consumed.
 */
#include "request.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "shared.h"

static char buf[1 << 16];
static size_t at, len;
/* An op array that grows: [0] for checked and timed programs, [1 + t] for worker t's. */
struct ops_buffer {
  struct op *ops;
  size_t capacity;
};
static struct ops_buffer buffers[1 + THREADS_MAX];
static struct program programs[THREADS_MAX];

/* The next line without its newline (NUL-terminated in place), or NULL at EOF. */
static char *next_line(void) {
  for (;;) {
    char *nl = memchr(buf + at, '\n', len - at);
    if (nl != NULL) {
      char *line = buf + at;
      *nl = '\0';
      at = (size_t)(nl - buf) + 1;
      return line;
    }
    if (at > 0) {
      memmove(buf, buf + at, len - at);
      len -= at;
      at = 0;
    }
    if (len == sizeof buf) return NULL;
    ssize_t n = read(REQUEST_FD, buf + len, sizeof buf - len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return NULL;
    len += (size_t)n;
  }
}

static void bad(struct request *r, const char *what, const char *line) {
  r->kind = REQ_BAD;
  snprintf(r->error, sizeof r->error, "%s: %.60s", what, line);
}

/* One op line into o; 0 if malformed. */
static int parse_op(const char *line, size_t num_ids, struct op *o) {
  char *end;
  o->kind = line[0];
  if ((o->kind != 'a' && o->kind != 'f' && o->kind != 'r') || line[1] != ' ') return 0;
  long id = strtol(line + 2, &end, 10);
  if (end == line + 2 || id < (o->kind == 'f' ? -1 : 0) || id >= (long)num_ids) return 0;
  o->id = (int32_t)id;
  o->size = 0;
  if (o->kind == 'f') return *end == '\0';
  const char *s = end;
  errno = 0;
  unsigned long long size = strtoull(s, &end, 10);
  if (end == s || *end != '\0' || strchr(s, '-') != NULL) return 0;
  o->size = errno == ERANGE || size > SIZE_MAX ? SIZE_MAX : (size_t)size;
  return 1;
}

/* The ops of p into b, then `end`; 0 with r bad if malformed. */
static int read_ops(struct request *r, struct program *p, struct ops_buffer *b) {
  if (p->num_ops > b->capacity) {
    b->capacity = p->num_ops;
    b->ops = xrealloc(b->ops, b->capacity * sizeof *b->ops);
  }
  p->ops = b->ops;
  for (size_t i = 0; i < p->num_ops; i++) {
    char *line = next_line();
    if (line == NULL || !parse_op(line, p->num_ids, &p->ops[i])) {
      bad(r, line == NULL ? "the program ends early" : "malformed op", line ? line : "");
      return 0;
    }
  }
  char *end = next_line();
  if (end != NULL && strcmp(end, "end") == 0) return 1;
  bad(r, "expected end", end ? end : "");
  return 0;
}

static void read_program(struct request *r) {
  struct program p = {r->num_ids, r->num_ops, NULL};
  read_ops(r, &p, &buffers[0]);
  r->ops = p.ops;
}

/* The programs of a threaded round, one a worker. */
static void read_threads(struct request *r, unsigned long long n) {
  r->kind = REQ_THREADS;
  if (n < 1 || n > THREADS_MAX) {
    snprintf(r->error, sizeof r->error, "threads %llu: want 1 to %d", n, THREADS_MAX);
    r->kind = REQ_BAD;
    return;
  }
  r->threads = (size_t)n;
  r->programs = programs;
  for (size_t t = 0; t < r->threads; t++) {
    unsigned long long ids, ops;
    char *line = next_line();
    if (line == NULL || sscanf(line, "program %llu %llu", &ids, &ops) != 2) {
      bad(r, "expected program NUM_IDS NUM_OPS", line ? line : "");
      return;
    }
    programs[t] = (struct program){ids, ops, NULL};
    if (!read_ops(r, &programs[t], &buffers[1 + t])) return;
  }
}

/* The last request, while it is a timed one whose ops are still in the buffer. */
static struct request last_timed;
static int have_timed;

void read_request(struct request *r) {
  char *line = next_line();
  unsigned long long ids, n;
  int first;
  if (line != NULL && sscanf(line, "retime %d", &first) == 1) {
    if (!have_timed) {
      bad(r, "retime without a timed program before it", line);
      return;
    }
    *r = last_timed;
    r->first = first;
    return;
  }
  have_timed = 0;
  if (line == NULL) {
    r->kind = REQ_EOF;
  } else if (sscanf(line, "checked %llu %llu", &ids, &n) == 2) {
    r->kind = REQ_CHECKED;
    r->num_ids = ids;
    r->num_ops = n;
    read_program(r);
  } else if (sscanf(line, "timed %llu %llu %d", &ids, &n, &first) == 3) {
    r->kind = REQ_TIMED;
    r->num_ids = ids;
    r->num_ops = n;
    r->first = first;
    read_program(r);
    have_timed = r->kind == REQ_TIMED;
    last_timed = *r;
  } else if (sscanf(line, "robust %31s", r->probe) == 1) {
    r->kind = REQ_ROBUST;
  } else if (sscanf(line, "threads %llu", &n) == 1) {
    read_threads(r, n);
  } else {
    bad(r, "unknown request", line);
  }
}
