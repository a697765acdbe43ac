/*
 * Limits and isolation, installed before any student code runs. After
 * isolate() the process cannot create processes or threads (fork, vfork,
 * clone, clone3) nor run programs (execve, execveat): the seccomp filter kills
 * it with SIGSYS. The driver itself needs none of them.
 */
#ifndef L4CHECK_ISOLATE_H
#define L4CHECK_ISOLATE_H

#include <stddef.h>

/* RLIMIT_AS = as_limit (0: unchanged), no core files, then the filter. NULL or why not. */
const char *isolate(size_t as_limit);

#endif
