/* The fault handler and its note (fault.h). */
#define _GNU_SOURCE
#include "fault.h"

#include <signal.h>
#include <string.h>
#include <ucontext.h>

#include "shared.h"
#include "subject.h"

void note_str(struct note *n, const char *s) {
  while (*s != '\0' && n->len + 1 < n->cap) n->text[n->len++] = *s++;
  n->text[n->len] = '\0';
}

void note_hex(struct note *n, uintptr_t x) {
  char buf[2 + 2 * sizeof x + 1];
  size_t i = sizeof buf - 1;
  buf[i] = '\0';
  do buf[--i] = "0123456789abcdef"[x & 15]; while ((x >>= 4) != 0);
  buf[--i] = 'x';
  buf[--i] = '0';
  note_str(n, buf + i);
}

void note_dec(struct note *n, int64_t x) {
  char buf[24];
  size_t i = sizeof buf - 1;
  uint64_t u = x < 0 ? 0 - (uint64_t)x : (uint64_t)x;
  buf[i] = '\0';
  do buf[--i] = (char)('0' + u % 10); while ((u /= 10) != 0);
  if (x < 0) buf[--i] = '-';
  note_str(n, buf + i);
}

/* 1 write, 0 read, -1 unknown: from the x86-64 page-fault error code. */
static int was_write(const void *context) {
#if defined(__x86_64__)
  return (((const ucontext_t *)context)->uc_mcontext.gregs[REG_ERR] & 2) != 0;
#else
  (void)context;
  return -1;
#endif
}

static void on_fault(int sig, siginfo_t *info, void *context) {
  (void)sig;
  struct note n = {shared->note, 0, NOTE_BYTES};
  if (here.worker >= 0) {
    note_str(&n, "thread ");
    note_dec(&n, here.worker);
    note_str(&n, ": ");
  }
  int write = was_write(context);
  note_str(&n, write < 0 ? "an access" : write ? "a write" : "a read");
  note_str(&n, " at ");
  note_hex(&n, (uintptr_t)info->si_addr);
  note_str(&n, ": ");
  shared->note_kind = subject_fault_note((uintptr_t)info->si_addr, write, &n) ? NOTE_ENVIRONMENT : NOTE_FAULT;
  /* SA_RESETHAND: returning re-runs the access, which now kills the process. */
}

void fault_notes_thread(void *stack, size_t size) {
  stack_t ss = {.ss_sp = stack, .ss_size = size, .ss_flags = 0};
  sigaltstack(&ss, NULL);
}

const char *fault_notes_install(void) {
  static char stack[FAULT_STACK_BYTES];
  stack_t ss = {.ss_sp = stack, .ss_size = sizeof stack, .ss_flags = 0};
  if (sigaltstack(&ss, NULL) != 0) return "sigaltstack failed";
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGSEGV, &sa, NULL) != 0 || sigaction(SIGBUS, &sa, NULL) != 0) return "sigaction failed";
  return NULL;
}
