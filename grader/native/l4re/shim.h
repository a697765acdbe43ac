/*
 * The L4Re shim's side the driver sees (subject_l4re.c), and what its two
 * halves share: shim.c (capability slots, dataspaces, the environment) and
 * rm.c (the region map).
 *
 * A dataspace lives while something references it: the slot it was allocated
 * into (until that slot is unmapped or reused) and each region attached to it.
 * Its pages are a memfd, so every region of one dataspace shows the same bytes.
 */
#ifndef L4CHECK_SHIM_H
#define L4CHECK_SHIM_H

#include <l4/re/c/dataspace.h>
#include <stddef.h>
#include <stdint.h>

struct shim_counts {
  size_t dataspaces;
  size_t ds_bytes;  /* their pages, as charged to the quota */
  size_t regions;
  size_t slots;
};

/* Once: the quota of dataspace bytes, and the address range regions go in (2 x quota). */
const char *shim_open(size_t quota);
/* Everything detached, freed and unmapped: a fresh task. */
void shim_reset(void);
void shim_counts(struct shim_counts *out);
/* NULL if [p, p + n) lies in attached regions with read and write rights, else why not. */
const char *shim_bounds(const void *p, size_t n);

/*
 * The first call since shim_reset() that failed for misuse, one line naming
 * the call, its result and the op it was made in; NULL if none. Misuse is what
 * a correct program never does: detach where nothing is attached, free a slot
 * that is not allocated, alloc into or attach a capability that holds no
 * dataspace, pass arguments L4Re refuses with -L4_EINVAL. Running out (of
 * quota, slots or room in the address space) is not misuse.
 */
const char *shim_misuse(void);

/* What an address is, for a fault's note: no formatting and no allocation, so a signal handler may ask. */
struct shim_place {
  enum { PLACE_NONE, PLACE_REGION, PLACE_DETACHED } kind;
  uintptr_t start, end;
  unsigned rights;  /* PLACE_REGION: the L4RE_RM_F_* rights it was attached with */
  int64_t op;       /* the op it was attached (PLACE_REGION) or detached (PLACE_DETACHED) in */
};
void shim_place(uintptr_t addr, struct shim_place *out);

/* Between shim.c and rm.c: the live dataspace a capability names, or -1. */
int ds_of_cap(l4re_ds_t cap);
/* Record a misused call (first one wins): printf-style text of the call and its result. */
void shim_misused(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
size_t ds_bytes(int ds);
int ds_fd(int ds);
void ds_ref(int ds);
void ds_unref(int ds);
const char *rm_open(size_t bytes);
void rm_reset(void);
size_t rm_regions(void);

#endif
