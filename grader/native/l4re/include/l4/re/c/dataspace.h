/* l4check's L4Re shim: <l4/re/c/dataspace.h>. */
#ifndef L4_RE_C_DATASPACE_H
#define L4_RE_C_DATASPACE_H

#include <l4/l4check/calls.h>
#include <l4/sys/types.h>

typedef l4_cap_idx_t l4re_ds_t;

/* The dataspace's size in bytes as allocated, or -L4_ENOENT for no dataspace. */
#define l4re_ds_size(ds) l4check_ds_size((ds), L4CHECK_HERE("l4re_ds_size"))

#endif
