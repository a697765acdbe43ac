/* An L4Re allocator for the runner's tests: l4re_naive.c, but correct: free keeps dataspaces to reuse, malloc(0) gives a unique block. */
#include <l4/re/c/rm.h>

#define KEEP_DATASPACES
#include "l4re_naive.c"
