/* l4check's L4Re shim: <l4/re/c/rm.h>, the region map of the task. */
#ifndef L4_RE_C_RM_H
#define L4_RE_C_RM_H

#include <l4/l4check/calls.h>
#include <l4/re/c/dataspace.h>
#include <l4/sys/types.h>

typedef l4_uint32_t l4re_rm_flags_t;
typedef l4_uint64_t l4re_rm_offset_t;

enum l4re_rm_flags_values {
  L4RE_RM_F_R = 0x1,
  L4RE_RM_F_W = 0x2,
  L4RE_RM_F_X = 0x4,
  L4RE_RM_F_RW = L4RE_RM_F_R | L4RE_RM_F_W,
  L4RE_RM_F_RX = L4RE_RM_F_R | L4RE_RM_F_X,
  L4RE_RM_F_RWX = L4RE_RM_F_RW | L4RE_RM_F_X,
  L4RE_RM_F_SEARCH_ADDR = 0x20000,
  L4RE_RM_F_IN_AREA = 0x40000,
  L4RE_RM_F_EAGER_MAP = 0x80000,
};

/*
 * Attach size bytes of mem from offs; *start rounds down and size up to pages.
 * With L4RE_RM_F_SEARCH_ADDR at the lowest free address >= *start aligned to
 * 2^align, else exactly at *start. 0 and *start set, or -L4_EINVAL, -L4_ENOENT,
 * -L4_EADDRNOTAVAIL. The default rights are empty: pass L4RE_RM_F_RW.
 */
#define l4re_rm_attach(start, size, flags, mem, offs, align) l4check_rm_attach((start), (size), (flags), (mem), (offs), (align), L4CHECK_HERE("l4re_rm_attach"))
/* Detach the region containing addr: 0 (Detached_ds) or -L4_ENOENT. The dataspace's capability stays. */
#define l4re_rm_detach(addr) l4check_rm_detach((addr), 0, L4CHECK_HERE("l4re_rm_detach"))
#define l4re_rm_detach_ds(addr, ds) l4check_rm_detach((addr), (ds), L4CHECK_HERE("l4re_rm_detach_ds"))

#endif
