/*
 * The shim's capability slots and dataspaces (shim.h).
 *
 * Invariants: slot_used[i] says whether l4re_util_cap_alloc handed out slot i;
 * slot_ds[i] is the dataspace slot i holds, or -1, also after the slot was
 * freed without unmapping (it stays mapped until the slot is reused). A
 * dataspace's refs = the slots holding it + the regions attached to it; at 0 it
 * is closed and its pages leave the quota.
 */
#define _GNU_SOURCE
#include "shim.h"

#include <l4/re/c/mem_alloc.h>
#include <l4/re/c/util/cap_alloc.h>
#include <l4/re/env.h>
#include <l4/sys/consts.h>
#include <l4/sys/err.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../report.h"
#include "../shared.h"

#define SLOTS 4096
/* The first slot's number, as in l4re/mem.ts (L4RE_CAP_ALLOC_BASE). */
#define SLOT_BASE 64

struct dataspace {
  int fd;        /* -1: this entry is free */
  size_t bytes;  /* page-rounded */
  long size;     /* as requested */
  int refs;
};

static int slot_used[SLOTS];
static int slot_ds[SLOTS];
static struct dataspace *dss;
static size_t ds_capacity;
static size_t quota, charged, live_dss, used_slots;
static l4re_env_t env;
static char misuse[240];

const char *shim_open(size_t bytes) {
  quota = bytes;
  struct rlimit files;
  if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }
  env.parent = env.rm = env.mem_alloc = env.log = env.main_thread = env.factory = env.scheduler = L4_INVALID_CAP;
  for (size_t i = 0; i < SLOTS; i++) slot_ds[i] = -1;
  return rm_open(2 * bytes);
}

void shim_reset(void) {
  rm_reset();
  for (size_t i = 0; i < ds_capacity; i++) {
    if (dss[i].fd >= 0) close(dss[i].fd);
    dss[i].fd = -1;
  }
  for (size_t i = 0; i < SLOTS; i++) slot_used[i] = 0, slot_ds[i] = -1;
  charged = live_dss = used_slots = 0;
  misuse[0] = '\0';
}

void shim_misused(const char *fmt, ...) {
  if (misuse[0] != '\0') return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(misuse, sizeof misuse, fmt, ap);
  va_end(ap);
}

const char *shim_misuse(void) {
  return misuse[0] == '\0' ? NULL : misuse;
}

void shim_counts(struct shim_counts *out) {
  out->dataspaces = live_dss;
  out->ds_bytes = charged;
  out->regions = rm_regions();
  out->slots = used_slots;
}

/* Slot index of a capability, or -1 if it names none of the allocator's slots. */
static int slot_of(l4_cap_idx_t cap) {
  if (l4_is_invalid_cap(cap) || (cap & (L4_CAP_SIZE - 1)) != 0) return -1;
  unsigned long n = cap >> L4_CAP_SHIFT;
  return n >= SLOT_BASE && n < SLOT_BASE + SLOTS ? (int)(n - SLOT_BASE) : -1;
}

int ds_of_cap(l4re_ds_t cap) {
  int s = slot_of(cap);
  return s < 0 ? -1 : slot_ds[s];
}

size_t ds_bytes(int ds) {
  return dss[ds].bytes;
}

int ds_fd(int ds) {
  return dss[ds].fd;
}

void ds_ref(int ds) {
  dss[ds].refs++;
}

void ds_unref(int ds) {
  if (--dss[ds].refs > 0) return;
  close(dss[ds].fd);
  dss[ds].fd = -1;
  charged -= dss[ds].bytes;
  live_dss--;
}

/* Drop what slot s holds. */
static void unmap_slot(int s) {
  if (slot_ds[s] >= 0) ds_unref(slot_ds[s]);
  slot_ds[s] = -1;
}

l4_cap_idx_t l4re_util_cap_alloc(void) {
  for (int i = 0; i < SLOTS; i++) {
    if (slot_used[i]) continue;
    slot_used[i] = 1;
    used_slots++;
    return (l4_cap_idx_t)(SLOT_BASE + i) << L4_CAP_SHIFT;
  }
  return L4_INVALID_CAP;
}

/*
 * Slot index of a capability the allocator handed out and has not taken back;
 * -1 if none, with the misuse recorded (not for L4_INVALID_CAP, which
 * L4Re's cap_alloc.free ignores).
 */
static int allocated_slot(const char *call, l4_cap_idx_t cap) {
  if (l4_is_invalid_cap(cap)) return -1;
  int s = slot_of(cap);
  if (s < 0) shim_misused("%s(%#lx): not a capability slot of l4re_util_cap_alloc", call, (unsigned long)cap);
  else if (!slot_used[s]) shim_misused("%s(%#lx): the slot is not allocated (freed already?)", call, (unsigned long)cap);
  return s >= 0 && slot_used[s] ? s : -1;
}

static void free_slot(int s) {
  slot_used[s] = 0;
  used_slots--;
}

void l4re_util_cap_free(l4_cap_idx_t cap) {
  int s = allocated_slot("l4re_util_cap_free", cap);
  if (s >= 0) free_slot(s);
}

void l4re_util_cap_free_um(l4_cap_idx_t cap) {
  int s = allocated_slot("l4re_util_cap_free_um", cap);
  if (s < 0) return;
  unmap_slot(s);
  free_slot(s);
}

long l4re_ma_alloc(long size, l4re_ds_t mem, unsigned long flags) {
  (void)flags;
  if (l4_is_invalid_cap(mem)) shim_misused("l4re_ma_alloc(%ld, L4_INVALID_CAP) returned -L4_EINVAL", size);
  int s = allocated_slot("l4re_ma_alloc", mem);
  if (s < 0) return -L4_EINVAL;
  if (size <= 0) {
    shim_misused("l4re_ma_alloc(%ld, ...) returned -L4_EINVAL: the size is not positive", size);
    return -L4_EINVAL;
  }
  size_t bytes = l4_round_page((l4_addr_t)size);
  unmap_slot(s);
  if (bytes > quota - charged) {
    shared->limit_hit = 1;
    return -L4_ENOMEM;
  }
  int fd = memfd_create("l4check-ds", MFD_CLOEXEC);
  if (fd < 0 || ftruncate(fd, (off_t)bytes) != 0) {
    if (fd >= 0) close(fd);
    shared->limit_hit = 1;
    return -L4_ENOMEM;
  }
  size_t d = 0;
  while (d < ds_capacity && dss[d].fd >= 0) d++;
  if (d == ds_capacity) {
    size_t more = ds_capacity ? 2 * ds_capacity : 256;
    dss = xrealloc(dss, more * sizeof *dss);
    for (size_t i = ds_capacity; i < more; i++) dss[i].fd = -1;
    ds_capacity = more;
  }
  dss[d] = (struct dataspace){fd, bytes, size, 1};
  slot_ds[s] = (int)d;
  charged += bytes;
  live_dss++;
  return 0;
}

long l4re_ma_alloc_align(long size, l4re_ds_t mem, unsigned long flags, unsigned long align) {
  (void)align;
  return l4re_ma_alloc(size, mem, flags);
}

long l4re_ma_free(l4re_ds_t mem) {
  (void)mem;
  return 0;
}

long l4re_ds_size(l4re_ds_t ds) {
  int d = ds_of_cap(ds);
  if (d < 0) shim_misused("l4re_ds_size(%#lx) returned -L4_ENOENT: the capability holds no dataspace", (unsigned long)ds);
  return d < 0 ? -L4_ENOENT : dss[d].size;
}

l4re_env_t *l4re_env(void) {
  return &env;
}

l4_cap_idx_t l4re_env_get_cap(char const *name) {
  (void)name;
  return L4_INVALID_CAP;
}
