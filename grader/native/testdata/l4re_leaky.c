/*
 * A leaky L4Re allocator for the runner's tests: l4re_naive.c, but free
 * detaches the block and forgets its dataspace and slot.
 */
#include <l4/re/c/rm.h>

#define FORGET_DATASPACES
#include "l4re_naive.c"
