/* An L4Re allocator for the runner's tests: l4re_naive.c, but free detaches every block twice. */
#include <l4/re/c/rm.h>

#define DETACH_TWICE
#include "l4re_naive.c"
