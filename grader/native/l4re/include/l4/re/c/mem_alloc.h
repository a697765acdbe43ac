/*
 * l4check's L4Re shim: <l4/re/c/mem_alloc.h>. Dataspaces are page-granular and
 * charged to the quota; a dataspace goes away when its last capability is
 * unmapped (l4re_util_cap_free_um) and no region holds it.
 */
#ifndef L4_RE_C_MEM_ALLOC_H
#define L4_RE_C_MEM_ALLOC_H

#include <l4/re/c/dataspace.h>
#include <l4/sys/types.h>

enum l4re_ma_flags {
  L4RE_MA_CONTINUOUS = 0x1,
  L4RE_MA_PINNED = 0x2,
  L4RE_MA_SUPER_PAGES = 0x4,
};

/* A new dataspace of size bytes in slot mem: 0, -L4_EINVAL, -L4_ENOMEM. */
long l4re_ma_alloc(long size, l4re_ds_t mem, unsigned long flags);
long l4re_ma_alloc_align(long size, l4re_ds_t mem, unsigned long flags, unsigned long align);
/* Deprecated and empty, as in L4Re: it frees nothing. */
long l4re_ma_free(l4re_ds_t mem);

#endif
