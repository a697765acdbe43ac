/* An L4Re allocator for the runner's tests: l4re_naive.c, but blocks above 8000 bytes are attached read-only. */
#include <l4/re/c/rm.h>

#define READ_ONLY_BIG
#include "l4re_naive.c"
