/*
 * Limits and isolation, installed before any student code runs. After
 * isolate() the process cannot create processes (fork, vfork, clone without
 * CLONE_THREAD) nor run programs (execve, execveat): the seccomp filter kills
 * it with SIGSYS. It may create threads, as a threaded round does
 * (threads.h): clone with CLONE_THREAD, clone3 answered ENOSYS so that glibc
 * falls back to clone.
 */
#ifndef L4CHECK_ISOLATE_H
#define L4CHECK_ISOLATE_H

#include <stddef.h>

/* RLIMIT_AS = as_limit (0: unchanged), no core files, then the filter. NULL or why not. */
const char *isolate(size_t as_limit);

#endif
