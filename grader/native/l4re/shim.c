/*
 * The shim's capability slots and dataspaces (shim.h), behind the calls of
 * <l4/l4check/calls.h>.
 *
 * Invariants: slot_used[i] says whether the slot allocator handed out slot i;
 * slot_ds[i] is the dataspace slot i holds, or -1, also after the slot was
 * freed without unmapping (it stays mapped until the slot is reused).
 * Dataspace d is live (fd >= 0) exactly while one slot holds it, and only
 * live dataspaces are charged to the quota.
 */
#define _GNU_SOURCE
#include "shim.h"

#include <l4/re/env.h>
#include <l4/sys/consts.h>
#include <l4/sys/err.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
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
  struct origin made;
};

/* Guards every variable below and rm.c's regions: taken by SHIM_LOCKED. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int slot_used[SLOTS];
static int slot_ds[SLOTS];
static struct origin slot_made[SLOTS];
static struct dataspace *dss;
static size_t ds_capacity;
static size_t quota, charged, live_dss, used_slots;
static char misuse[320];
static uint64_t serial;
/* The environment's own capabilities, below the slot allocator's (as in L4Re, which has them in low slots). */
static l4re_env_t env = {
    .parent = 8UL << L4_CAP_SHIFT,
    .rm = 9UL << L4_CAP_SHIFT,
    .mem_alloc = 10UL << L4_CAP_SHIFT,
    .log = 5UL << L4_CAP_SHIFT,
    .main_thread = 3UL << L4_CAP_SHIFT,
    .factory = 2UL << L4_CAP_SHIFT,
    .scheduler = 7UL << L4_CAP_SHIFT,
};

const char *shim_open(size_t bytes) {
  quota = bytes;
  struct rlimit files;
  if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }
  for (size_t i = 0; i < SLOTS; i++) slot_ds[i] = -1;
  return rm_open(2 * bytes);
}

int shim_lock(void) {
  pthread_mutex_lock(&lock);
  return 1;
}

void shim_unlock(int *locked) {
  (void)locked;
  pthread_mutex_unlock(&lock);
}

void shim_reset(void) {
  SHIM_LOCKED;
  rm_reset();
  for (size_t i = 0; i < ds_capacity; i++) {
    if (dss[i].fd >= 0) close(dss[i].fd);
    dss[i].fd = -1;
  }
  for (size_t i = 0; i < SLOTS; i++) slot_used[i] = 0, slot_ds[i] = -1;
  charged = live_dss = used_slots = 0;
  misuse[0] = '\0';
}

const char *site_file(const struct l4check_site *at) {
  const char *slash = strrchr(at->file, '/');
  return slash == NULL ? at->file : slash + 1;
}

struct origin origin_here(struct l4check_site at) {
  return (struct origin){at, op_here(), serial++};
}

void shim_misused(const struct l4check_site *at, const char *fmt, ...) {
  if (misuse[0] != '\0') return;
  int n = snprintf(misuse, sizeof misuse, "%s:%d: ", site_file(at), at->line);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(misuse + n, sizeof misuse - (size_t)n, fmt, ap);
  va_end(ap);
}

const char *shim_misuse(void) {
  return misuse[0] == '\0' ? NULL : misuse;
}

void shim_counts(struct shim_counts *out) {
  SHIM_LOCKED;
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

int ds_of_cap(l4_cap_idx_t cap) {
  int s = slot_of(cap);
  return s < 0 ? -1 : slot_ds[s];
}

size_t ds_bytes(int ds) {
  return dss[ds].bytes;
}

int ds_fd(int ds) {
  return dss[ds].fd;
}

/* Drop what slot s holds: its dataspace dies, in `why`. */
static void unmap_slot(int s, struct origin why) {
  int d = slot_ds[s];
  slot_ds[s] = -1;
  if (d < 0) return;
  rm_ds_died(d, why);
  close(dss[d].fd);
  dss[d].fd = -1;
  charged -= dss[d].bytes;
  live_dss--;
}

l4_cap_idx_t l4check_cap_alloc(struct l4check_site at) {
  SHIM_LOCKED;
  for (int i = 0; i < SLOTS; i++) {
    if (slot_used[i]) continue;
    slot_used[i] = 1;
    slot_made[i] = origin_here(at);
    used_slots++;
    return (l4_cap_idx_t)(SLOT_BASE + i) << L4_CAP_SHIFT;
  }
  refused_here();
  return L4_INVALID_CAP;
}

/*
 * Slot index of a capability the allocator handed out and has not taken back;
 * -1 if none, with the misuse recorded (not for L4_INVALID_CAP, which
 * L4Re's cap_alloc.free ignores).
 */
static int allocated_slot(const struct l4check_site *at, l4_cap_idx_t cap) {
  if (l4_is_invalid_cap(cap)) return -1;
  int s = slot_of(cap);
  if (s < 0) shim_misused(at, "%s(%#lx): not a capability slot of the slot allocator", at->call, (unsigned long)cap);
  else if (!slot_used[s]) shim_misused(at, "%s(%#lx): the slot is not allocated (freed already?)", at->call, (unsigned long)cap);
  return s >= 0 && slot_used[s] ? s : -1;
}

void l4check_cap_free(l4_cap_idx_t cap, int unmap, struct l4check_site at) {
  SHIM_LOCKED;
  int s = allocated_slot(&at, cap);
  if (s < 0) return;
  if (unmap) unmap_slot(s, origin_here(at));
  slot_used[s] = 0;
  used_slots--;
}

long l4check_ma_alloc(long size, l4_cap_idx_t mem, unsigned long flags, struct l4check_site at) {
  SHIM_LOCKED;
  (void)flags;
  if (l4_is_invalid_cap(mem)) shim_misused(&at, "%s(%ld, L4_INVALID_CAP) returned -L4_EINVAL", at.call, size);
  int s = allocated_slot(&at, mem);
  if (s < 0) return -L4_EINVAL;
  if (size <= 0) {
    shim_misused(&at, "%s(%ld, ...) returned -L4_EINVAL: the size is not positive", at.call, size);
    return -L4_EINVAL;
  }
  size_t bytes = l4_round_page((l4_addr_t)size);
  unmap_slot(s, origin_here(at));
  if (bytes > quota - charged) {
    refused_here();
    return -L4_ENOMEM;
  }
  int fd = memfd_create("l4check-ds", MFD_CLOEXEC);
  if (fd < 0 || ftruncate(fd, (off_t)bytes) != 0) {
    if (fd >= 0) close(fd);
    refused_here();
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
  dss[d] = (struct dataspace){fd, bytes, size, origin_here(at)};
  slot_ds[s] = (int)d;
  charged += bytes;
  live_dss++;
  return 0;
}

long l4check_ds_size(l4_cap_idx_t ds, struct l4check_site at) {
  SHIM_LOCKED;
  int d = ds_of_cap(ds);
  if (d < 0) shim_misused(&at, "%s(%#lx) returned -L4_ENOENT: the capability holds no dataspace", at.call, (unsigned long)ds);
  return d < 0 ? -L4_ENOENT : dss[d].size;
}

void l4check_kdebug(const char *text, struct l4check_site at) {
  snprintf(shared->note, NOTE_BYTES, "%s:%d: %s(\"%s\") stopped the program in the kernel debugger", site_file(&at), at.line, at.call, text == NULL ? "" : text);
  shared->note_kind = NOTE_KDEBUG;
  signal(SIGTRAP, SIG_DFL);
  raise(SIGTRAP);
  _exit(128 + SIGTRAP);
}

/* Call sites and how much each made of what is still held. */
#define SITES 64
struct tally {
  struct l4check_site at;
  size_t n;
  struct origin first;
};

static int same_site(const struct l4check_site *a, const struct l4check_site *b) {
  return a->line == b->line && strcmp(a->file, b->file) == 0 && strcmp(a->call, b->call) == 0;
}

static void count(struct tally *t, size_t *sites, const struct origin *o) {
  size_t i = 0;
  while (i < *sites && !same_site(&t[i].at, &o->at)) i++;
  if (i == *sites) {
    if (*sites == SITES) return;
    t[(*sites)++] = (struct tally){o->at, 0, *o};
  }
  t[i].n++;
  if (o->serial < t[i].first.serial) t[i].first = *o;
}

static const struct tally *most(const struct tally *t, size_t sites) {
  const struct tally *best = NULL;
  for (size_t i = 0; i < sites; i++)
    if (best == NULL || t[i].n > best->n) best = &t[i];
  return best;
}

const char *shim_leak_origin(const struct shim_counts *base) {
  SHIM_LOCKED;
  static char line[240];
  struct tally t[SITES];
  size_t sites = 0;
  const char *what;
  size_t held;
  if (live_dss > base->dataspaces) {
    for (size_t d = 0; d < ds_capacity; d++)
      if (dss[d].fd >= 0) count(t, &sites, &dss[d].made);
    what = "dataspaces", held = live_dss;
  } else if (used_slots > base->slots) {
    for (size_t s = 0; s < SLOTS; s++)
      if (slot_used[s]) count(t, &sites, &slot_made[s]);
    what = "slots", held = used_slots;
  } else if (rm_regions() > base->regions) {
    for (size_t r = 0; r < rm_regions(); r++) count(t, &sites, rm_region_made(r));
    what = "regions", held = rm_regions();
  } else {
    return NULL;
  }
  const struct tally *m = most(t, sites);
  snprintf(line, sizeof line, "%zu of the %zu %s held come from %s at %s:%d, the first made in op %lld", m->n, held, what, m->at.call, site_file(&m->at), m->at.line, (long long)m->first.op);
  return line;
}

l4re_env_t *l4re_env(void) {
  return &env;
}

l4_cap_idx_t l4re_env_get_cap(char const *name) {
  (void)name;
  return L4_INVALID_CAP;
}
