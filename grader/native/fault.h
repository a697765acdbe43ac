/*
 * Notes on the fault that kills the driver: a SIGSEGV or SIGBUS handler (on
 * its own stack, so a stack overflow is noted too) asks the subject what the
 * faulting address is, writes the answer into the shared page (shared.h) and
 * lets the signal kill the process as before. In a threaded round the note
 * starts with the worker that faulted. The runner reads the note: a
 * write to a region attached without L4RE_RM_F_W is then an `environment`
 * finding that names the attach, any other fault a crash that says where.
 *
 * Everything the handler calls is async-signal-safe: no allocation, no stdio.
 */
#ifndef L4CHECK_FAULT_H
#define L4CHECK_FAULT_H

#include <stddef.h>
#include <stdint.h>

/* A note being written: text[0..len) of at most NOTE_BYTES - 1 bytes. */
struct note {
  char *text;
  size_t len, cap;
};

void note_str(struct note *n, const char *s);
void note_hex(struct note *n, uintptr_t x);
void note_dec(struct note *n, int64_t x);

/* Install the handler; NULL or why not. */
const char *fault_notes_install(void);
/* The calling thread's own signal stack, for a worker of a threaded round (threads.h). */
void fault_notes_thread(void *stack, size_t size);
/* Bytes of the signal stack each thread gets. */
#define FAULT_STACK_BYTES ((size_t)1 << 16)

#endif
