/*
 * The native driver: one per submission, built by grader/build.ts from this
 * file, the kind's subject (subject_mm.c + memlib.c, or subject_l4re.c +
 * l4re/shim.c) and the student's file. grader/native_runner.ts runs it:
 *
 *   driver --op-file PATH --heap-limit BYTES [--as-slack BYTES] [--count-instructions FILE]
 *
 * RLIMIT_AS is the address space in use once the heap is reserved, plus the
 * slack (none given: no limit). With --count-instructions the driver runs
 * under callgrind to count timed replays (instructions.h), only for
 * submissions that passed every check: it is not isolated, as Valgrind
 * itself could not be.
 *
 * Requests come on fd 3 (request.h), answers go to fd 4 (report.h); the
 * student's stdout and stderr are the driver's, captured by the runner. The
 * op file is a page shared with the runner (shared.h).
 *
 * Order of start-up, an invariant: map the op file, build the pattern,
 * reserve the heap, install the fault notes (fault.h), then isolate
 * (isolate.h); only then does student code run.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fault.h"
#include "instructions.h"
#include "isolate.h"
#include "pattern.h"
#include "replay.h"
#include "report.h"
#include "request.h"
#include "shared.h"
#include "subject.h"
#include "threads.h"

struct shared_page *shared;

static void die(const char *why) {
  fprintf(stderr, "driver: %s\n", why);
  exit(2);
}

static void map_op_file(const char *path) {
  int fd = open(path, O_RDWR);
  if (fd < 0 || ftruncate(fd, sizeof *shared) != 0) die("cannot open --op-file");
  shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (shared == MAP_FAILED) die("cannot map --op-file");
  close(fd);
  shared->op = -1;
  shared->phase = PHASE_IDLE;
}

/*
 * A misuse probe on a fresh heap: free a block twice, or free a pointer into
 * the middle of a live block. C cannot tell detection from silence, so a probe
 * that returns is `undetected`; one that kills the process the runner reports
 * as a crash.
 */
static void probe(const char *what) {
  int twice = strcmp(what, "double_free") == 0;
  if (!twice && strcmp(what, "invalid_free") != 0) {
    respond("error msg=unknown probe %s", what);
    return;
  }
  if (!subject_probes_misuse()) {
    respond("robust skipped");
    return;
  }
  shared->phase = PHASE_RESET;
  shared->op = 0;
  const char *why = subject_reset(FOR_CHECKING);
  if (why != NULL) {
    respond("error msg=%s", why);
    return;
  }
  shared->phase = PHASE_OP;
  char *p = subject_malloc(64);
  if (twice) subject_free(p);
  subject_free(twice ? p : p + 16);
  shared->op = 1;
  subject_free(subject_malloc(64));
  shared->phase = PHASE_IDLE;
  respond("robust undetected");
}

/* Bytes of address space the process holds now, from /proc/self/statm. */
static size_t address_space(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  unsigned long pages = 0;
  if (f == NULL || fscanf(f, "%lu", &pages) != 1) die("cannot read /proc/self/statm");
  fclose(f);
  return pages * (size_t)sysconf(_SC_PAGESIZE);
}

static size_t size_arg(const char *s) {
  char *end;
  unsigned long long n = strtoull(s, &end, 10);
  if (*s == '\0' || *end != '\0') die("a size argument is not a number");
  return (size_t)n;
}

int main(int argc, char **argv) {
  const char *op_file = NULL, *count_file = NULL;
  size_t heap_limit = (size_t)1 << 30, as_slack = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--op-file") == 0) op_file = argv[i + 1];
    else if (strcmp(argv[i], "--heap-limit") == 0) heap_limit = size_arg(argv[i + 1]);
    else if (strcmp(argv[i], "--as-slack") == 0) as_slack = size_arg(argv[i + 1]);
    else if (strcmp(argv[i], "--count-instructions") == 0) count_file = argv[i + 1];
    else die("usage: driver --op-file PATH --heap-limit BYTES [--as-slack BYTES] [--count-instructions FILE]");
  }
  if (op_file == NULL) die("--op-file is required");
  map_op_file(op_file);
  pattern_init();
  setvbuf(stdout, NULL, _IOLBF, 0);
  const char *why = subject_open(heap_limit);
  if (why == NULL) why = fault_notes_install();
  if (why == NULL) why = count_file != NULL ? instructions_open(count_file) : isolate(as_slack > 0 ? address_space() + as_slack : 0);
  if (why != NULL) die(why);
  for (;;) {
    struct request r;
    read_request(&r);
    switch (r.kind) {
      case REQ_EOF: return 0;
      case REQ_BAD: respond("error msg=%s", r.error); break;
      case REQ_CHECKED: replay_checked(&r, heap_limit); break;
      case REQ_TIMED: replay_timed(&r); break;
      case REQ_ROBUST: probe(r.probe); break;
      case REQ_THREADS: threads_round(&r, heap_limit); break;
    }
  }
}
