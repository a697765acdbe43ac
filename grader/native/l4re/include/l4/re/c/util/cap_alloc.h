/* l4check's L4Re shim: <l4/re/c/util/cap_alloc.h>, 4096 slots, first fit. */
#ifndef L4_RE_C_UTIL_CAP_ALLOC_H
#define L4_RE_C_UTIL_CAP_ALLOC_H

#include <l4/sys/types.h>

/* The lowest free slot, or L4_INVALID_CAP when all are taken. */
l4_cap_idx_t l4re_util_cap_alloc(void);
/* Free the slot; what it holds stays mapped (and alive) until the slot is reused. */
void l4re_util_cap_free(l4_cap_idx_t cap);
/* Unmap what the slot holds, then free the slot. */
void l4re_util_cap_free_um(l4_cap_idx_t cap);

#endif
