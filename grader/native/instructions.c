/* Counting instructions under callgrind (instructions.h). */
#include "instructions.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND 1
#else
#define HAVE_CALLGRIND 0
#endif

static const char *dump_file;
static unsigned dumps;

const char *instructions_open(const char *file) {
#if HAVE_CALLGRIND
  if (!RUNNING_ON_VALGRIND) return "--count-instructions: the driver is not running under valgrind";
  dump_file = file;
  return NULL;
#else
  (void)file;
  return "--count-instructions: the driver was built without Valgrind's headers (install valgrind)";
#endif
}

int instructions_counted(void) {
  return dump_file != NULL;
}

void instructions_start(void) {
#if HAVE_CALLGRIND
  CALLGRIND_ZERO_STATS;
  CALLGRIND_TOGGLE_COLLECT;
#endif
}

uint64_t instructions_stop(void) {
#if HAVE_CALLGRIND
  CALLGRIND_TOGGLE_COLLECT;
  CALLGRIND_DUMP_STATS;
#endif
  char path[4096], line[256];
  snprintf(path, sizeof path, "%s.%u", dump_file, ++dumps);
  FILE *f = fopen(path, "r");
  uint64_t n = 0;
  while (f != NULL && fgets(line, sizeof line, f) != NULL)
    if (sscanf(line, "summary: %" SCNu64, &n) == 1) break;
  if (f != NULL) fclose(f);
  remove(path);
  return n;
}
