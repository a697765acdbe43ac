/*
 * Counting the instructions of a timed replay under Valgrind's callgrind, for
 * the grader's `--throughput instructions`: a score that is the same on every
 * run, whatever else the machine does. The runner starts the driver under
 * `valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file=FILE`
 * and passes `--count-instructions FILE`; each count is one dump of
 * callgrind's statistics, FILE.1, FILE.2, ..., whose `summary:` line the
 * driver reads back.
 */
#ifndef L4CHECK_INSTRUCTIONS_H
#define L4CHECK_INSTRUCTIONS_H

#include <stdint.h>

/* Count from now on, into dumps of `file`; NULL, or why it cannot (not built with Valgrind's headers, not under callgrind). */
const char *instructions_open(const char *file);
/* Whether instructions_open succeeded: timed replays are counted. */
int instructions_counted(void);
void instructions_start(void);
/* The instructions since instructions_start; 0 if the dump cannot be read. */
uint64_t instructions_stop(void);

#endif
