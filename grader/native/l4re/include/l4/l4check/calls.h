/*
 * l4check's L4Re shim as the student's headers reach it: the C API
 * (<l4/re/c/...>) and the C++ API (<l4/re/...>) are thin spellings of these
 * calls, so both kinds run on one account (grader/native/l4re/shim.h).
 *
 * Every call names the student's call site: what it is called in the
 * student's spelling, and the file and line it was made from. Misuse, leaks
 * and faults are reported there.
 */
#ifndef L4_L4CHECK_CALLS_H
#define L4_L4CHECK_CALLS_H

#include <l4/sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* `call` and `file` are string literals: they outlive every use. */
struct l4check_site {
  const char *call;
  const char *file;
  int line;
};

#ifdef __cplusplus
#define L4CHECK_SITE(call, file, line) (l4check_site{(call), (file), (line)})
#else
#define L4CHECK_SITE(call, file, line) ((struct l4check_site){(call), (file), (line)})
#endif
#define L4CHECK_HERE(call) L4CHECK_SITE(call, __FILE__, __LINE__)

/* The lowest free slot, or L4_INVALID_CAP when all are taken. */
l4_cap_idx_t l4check_cap_alloc(struct l4check_site at);
/* Free the slot; with `unmap`, first unmap what it holds (a dataspace dies with its last capability). */
void l4check_cap_free(l4_cap_idx_t cap, int unmap, struct l4check_site at);
/* A new dataspace of `size` bytes in slot `mem`: 0, -L4_EINVAL, -L4_ENOMEM. */
long l4check_ma_alloc(long size, l4_cap_idx_t mem, unsigned long flags, struct l4check_site at);
/* The dataspace's size in bytes as allocated, or -L4_ENOENT. */
long l4check_ds_size(l4_cap_idx_t ds, struct l4check_site at);
/* Attach (flags in L4RE_RM_F_* bits, <l4/re/c/rm.h>): 0 and *start set, or -L4_EINVAL, -L4_ENOENT, -L4_EADDRNOTAVAIL. */
int l4check_rm_attach(void **start, unsigned long size, l4_uint32_t flags, l4_cap_idx_t mem, l4_uint64_t offs, unsigned char align, struct l4check_site at);
/* Detach the region containing addr, its dataspace's capability into *mem if mem: 0 (Detached_ds) or -L4_ENOENT. */
int l4check_rm_detach(void *addr, l4_cap_idx_t *mem, struct l4check_site at);
/* The region containing *addr: its start into *addr, size, offset, L4RE_RM_F_* rights and dataspace. 0 or -L4_ENOENT. */
int l4check_rm_find(l4_addr_t *addr, unsigned long *size, l4_uint64_t *offs, l4_uint32_t *flags, l4_cap_idx_t *mem);
/* The kernel debugger: the run stops here, with a verdict naming `text`. */
void l4check_kdebug(const char *text, struct l4check_site at) __attribute__((noreturn));

#ifdef __cplusplus
}
#endif

#endif
