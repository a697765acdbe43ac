/*
 * What the driver answers on fd 4, one line per request:
 *
 *   ok util=U refused=N refused_max=B checked program passed; N requests (the
 *                                     largest B bytes) were refused for want of memory
 *   fail op=N check=C msg=TEXT        a check failed at op N (C has '_' for ' ')
 *   memory op=N msg=TEXT              the driver's own memory ran out at op N
 *   timed seconds=S instructions=N   one timed replay took S seconds (and N instructions,
 *                                     counted under callgrind; else 0)
 *   robust undetected                 the probe ran and the process lives
 *   error msg=TEXT                    a malformed request
 *
 * op N >= the program's op count means: after the last op (the teardown's
 * frees count on from there).
 */
#ifndef L4CHECK_REPORT_H
#define L4CHECK_REPORT_H

#include <stddef.h>
#include <stdint.h>

#define RESPONSE_FD 4

/* The first failed check of the current program; check == NULL while none. */
struct failure {
  const char *check;
  int64_t op;
  char msg[600];
};
extern struct failure failure;

/* Record a failed check (first one wins) and return 0, for `return fail(...)`. */
int fail(const char *check, int64_t op, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Write one response line (printf-style, newline added). */
void respond(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The failure recorded, as its response line; clears it. */
void respond_failure(void);
/* The driver's own memory; on failure it answers `memory` and exits. */
void *xrealloc(void *p, size_t bytes);

#endif
