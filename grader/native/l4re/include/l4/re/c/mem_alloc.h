/*
 * l4check's L4Re shim: <l4/re/c/mem_alloc.h>. Dataspaces are page-granular and
 * charged to the quota; a dataspace goes away when its last capability is
 * unmapped (l4re_util_cap_free_um) and no region holds it.
 */
#ifndef L4_RE_C_MEM_ALLOC_H
#define L4_RE_C_MEM_ALLOC_H

#include <l4/l4check/calls.h>
#include <l4/re/c/dataspace.h>
#include <l4/sys/types.h>

enum l4re_ma_flags {
  L4RE_MA_CONTINUOUS = 0x1,
  L4RE_MA_PINNED = 0x2,
  L4RE_MA_SUPER_PAGES = 0x4,
};

/* A new dataspace of size bytes in slot mem: 0, -L4_EINVAL, -L4_ENOMEM. */
#define l4re_ma_alloc(size, mem, flags) l4check_ma_alloc((size), (mem), (flags), L4CHECK_HERE("l4re_ma_alloc"))
/* The alignment is the pages' own: any dataspace is page-aligned. */
#define l4re_ma_alloc_align(size, mem, flags, align) ((void)(align), l4check_ma_alloc((size), (mem), (flags), L4CHECK_HERE("l4re_ma_alloc_align")))
/* Deprecated and empty, as in L4Re: it frees nothing. */
#define l4re_ma_free(mem) ((void)(mem), 0L)

#endif
