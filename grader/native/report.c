/* The driver's response lines (report.h). */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "shared.h"

struct failure failure;

int fail(const char *check, int64_t op, const char *fmt, ...) {
  if (failure.check != NULL) return 0;
  failure.check = check;
  failure.op = op;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(failure.msg, sizeof failure.msg, fmt, ap);
  va_end(ap);
  return 0;
}

void respond(const char *fmt, ...) {
  char line[sizeof failure.msg + 128];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(line, sizeof line - 1, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  if ((size_t)n > sizeof line - 2) n = sizeof line - 2;
  for (int i = 0; i < n; i++)
    if (line[i] == '\n') line[i] = ' ';
  line[n++] = '\n';
  for (int at = 0; at < n;) {
    ssize_t w = write(RESPONSE_FD, line + at, (size_t)(n - at));
    if (w <= 0) _exit(2);
    at += (int)w;
  }
}

void respond_failure(void) {
  char check[64];
  size_t i = 0;
  for (; failure.check[i] != '\0' && i < sizeof check - 1; i++) check[i] = failure.check[i] == ' ' ? '_' : failure.check[i];
  check[i] = '\0';
  respond("fail op=%lld check=%s msg=%s", (long long)failure.op, check, failure.msg);
  failure.check = NULL;
}

void *xrealloc(void *p, size_t bytes) {
  void *q = realloc(p, bytes);
  if (q == NULL) {
    respond("memory op=%lld msg=the driver could not get %zu bytes under the address-space limit", (long long)shared->op, bytes);
    _exit(3);
  }
  return q;
}
