/* l4check's L4Re shim: <l4/re/c/util/cap_alloc.h>, 4096 slots, first fit. */
#ifndef L4_RE_C_UTIL_CAP_ALLOC_H
#define L4_RE_C_UTIL_CAP_ALLOC_H

#include <l4/l4check/calls.h>
#include <l4/sys/types.h>

/* The lowest free slot, or L4_INVALID_CAP when all are taken. */
#define l4re_util_cap_alloc() l4check_cap_alloc(L4CHECK_HERE("l4re_util_cap_alloc"))
/* Free the slot; what it holds stays mapped (and alive) until the slot is reused. */
#define l4re_util_cap_free(cap) l4check_cap_free((cap), 0, L4CHECK_HERE("l4re_util_cap_free"))
/* Unmap what the slot holds, then free the slot. */
#define l4re_util_cap_free_um(cap) l4check_cap_free((cap), 1, L4CHECK_HERE("l4re_util_cap_free_um"))

#endif
