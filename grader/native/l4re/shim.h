/*
 * The L4Re shim's side the driver sees (subject_l4re.c), and what its two
 * halves share: shim.c (capability slots, dataspaces, the environment) and
 * rm.c (the region map). The student's side is <l4/l4check/calls.h>.
 *
 * A dataspace lives while the slot it was allocated into holds it: until that
 * slot is freed with unmapping or reused for another dataspace. A region does
 * not keep its dataspace alive: when the dataspace dies under it, the region
 * stays attached but every access to it faults, as in L4Re, where the region
 * map pages it in through that capability. Pages are a memfd, so every region
 * of one dataspace shows the same bytes.
 *
 * Several threads may call the shim at once (a threaded round, threads.h), as
 * several threads of an L4Re task may call its region map and Moe: every
 * call of the student's and every look of the driver's at the account holds
 * the shim's one lock (SHIM_LOCKED), and an origin names the calling
 * thread's own op. Only shim_place, which a fault handler calls, takes no
 * lock.
 */
#ifndef L4CHECK_SHIM_H
#define L4CHECK_SHIM_H

#include <l4/l4check/calls.h>
#include <l4/re/c/dataspace.h>
#include <stddef.h>
#include <stdint.h>

struct shim_counts {
  size_t dataspaces;
  size_t ds_bytes;  /* their pages, as charged to the quota */
  size_t regions;
  size_t slots;
};

/* Where something was made or undone: the student's call and the op it ran in. */
struct origin {
  struct l4check_site at;
  int64_t op;
  uint64_t serial;  /* orders origins since the reset: op numbers restart with each run of a program */
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
 * the call, its site, its result; NULL if none. Misuse is what a correct
 * program never does: detach where nothing is attached, free a slot that is
 * not allocated, alloc into or attach a capability that holds no dataspace,
 * pass arguments L4Re refuses with -L4_EINVAL. Running out (of quota, slots
 * or room in the address space) is not misuse.
 */
const char *shim_misuse(void);

/*
 * What is held beyond `base` (counts as after malloc(1); free() on a fresh
 * heap), named by the call site that made most of it: one line, or NULL if
 * nothing is held beyond it. Dataspaces first, then slots, then regions.
 */
const char *shim_leak_origin(const struct shim_counts *base);

/* What an address is, for a fault's note: no formatting and no allocation, so a signal handler may ask. */
struct shim_place {
  enum { PLACE_NONE, PLACE_REGION, PLACE_DETACHED } kind;
  uintptr_t start, end;
  unsigned rights;        /* the L4RE_RM_F_* rights it was attached with */
  struct origin made;     /* its attach */
  struct origin undone;   /* PLACE_DETACHED: its detach; PLACE_REGION with undone.at.call: the call its dataspace died in */
};
void shim_place(uintptr_t addr, struct shim_place *out);
/* `file` without its directories. */
const char *site_file(const struct l4check_site *at);

/* Between shim.c and rm.c. */
int shim_lock(void);
void shim_unlock(int *locked);
/* The shim's lock, held from here to the end of the scope. */
#define SHIM_LOCKED __attribute__((cleanup(shim_unlock))) int shim_locked_ = shim_lock()
/* The live dataspace a capability names, or -1. */
int ds_of_cap(l4_cap_idx_t cap);
/* Record a misused call (first one wins): printf-style text naming the call and its result; the site is appended. */
void shim_misused(const struct l4check_site *at, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
size_t ds_bytes(int ds);
int ds_fd(int ds);
/* The op the driver is at, for an origin. */
struct origin origin_here(struct l4check_site at);
const char *rm_open(size_t bytes);
void rm_reset(void);
size_t rm_regions(void);
/* Dataspace `ds` died in `why`: its regions stay attached, and fault from now on. */
void rm_ds_died(int ds, struct origin why);
/* The attach of region i, i < rm_regions(). */
const struct origin *rm_region_made(size_t i);

#endif
