/*
 * A bump allocator (free does nothing) that misbehaves on chosen request
 * sizes, for the runner's tests: every other size is served correctly.
 *
 *   2001  returns the previous block again (overlap)
 *   realloc to 3001 bytes copies half of the old block
 *   1001  segfault      1002  abort()       1003  exit(0)
 *   1004  endless loop  1005  fork() loop   1006  sbrk 1 MiB at a time up to 20 GiB
 *   1007  endless printing   1008  returns NULL
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memlib.h"
#include "mm.h"

static char *last;

bool mm_init(void) {
  last = NULL;
  return true;
}

static void *bump(size_t n) {
  size_t bytes = ((n + 15) & ~(size_t)15) + 16;
  char *b = mem_sbrk((intptr_t)bytes);
  if (b == (void *)-1) return NULL;
  *(size_t *)b = n;
  return last = b + 16;
}

void *mm_malloc(size_t n) {
  switch (n) {
    case 2001: return last;
    case 1001: *(volatile int *)16 = 1; break;
    case 1002: abort();
    case 1003: exit(0);
    case 1004: for (volatile int spin = 1; spin;) {} break;
    case 1005: for (;;) fork();
    case 1006:
      for (int i = 0; i < 20 * 1024; i++)
        if (mem_sbrk(1 << 20) == (void *)-1) return NULL;
      break;
    case 1007: for (;;) puts("still allocating");
    case 1008: return NULL;
  }
  return bump(n);
}

void mm_free(void *p) {
  (void)p;
}

void *mm_realloc(void *p, size_t n) {
  if (p == NULL) return mm_malloc(n);
  char *q = mm_malloc(n);
  size_t old = ((size_t *)p)[-2];
  size_t copy = old < n ? old : n;
  if (q != NULL) memcpy(q, p, n == 3001 ? copy / 2 : copy);
  return q;
}
