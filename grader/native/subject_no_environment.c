/*
 * What a subject without an L4Re environment answers (subject.h): malloc-lab
 * over memlib, and glibc as the reference. It holds no dataspaces, regions or
 * slots, so it leaks none and misuses none, and the misuse probes mean
 * nothing for it.
 */
#include <stddef.h>

#include "subject.h"

void subject_holdings(struct holdings *now, struct holdings *baseline) {
  *now = *baseline = (struct holdings){0, 0, 0};
}

const char *subject_leak_origin(void) {
  return NULL;
}

const char *subject_misuse(void) {
  return NULL;
}

int subject_probes_misuse(void) {
  return 0;
}
