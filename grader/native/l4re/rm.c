/*
 * The shim's region map (shim.h): regions inside one reserved range
 * [lo, hi), which stays mapped PROT_NONE where nothing is attached, so no
 * attach can land on the driver's own memory.
 *
 * Invariants: regions[0..count) sorted by start, disjoint, page-aligned, inside
 * [lo, hi). A region whose dataspace lives (ds >= 0) has that dataspace's
 * pages from `offs` mapped shared at start with the region's rights; one
 * whose dataspace died (ds == -1, `died` says in which call) is mapped
 * PROT_NONE. gone[] holds the last GONE regions detached since the reset, for
 * the note of a fault in one.
 */
#include <l4/re/c/rm.h>
#include <l4/sys/consts.h>
#include <l4/sys/err.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "../report.h"
#include "../shared.h"
#include "../sorted.h"
#include "shim.h"

struct region {
  uintptr_t start;
  size_t size;
  int ds;
  l4_cap_idx_t cap;  /* as attached, for a detach that returns it */
  l4_uint64_t offs;
  unsigned rights;
  struct origin made;
  struct origin died;  /* died.at.call is NULL while the dataspace lives; for gone[], the detach */
};

#define GONE 64

static uintptr_t lo, hi;
static struct region *regions;
static size_t count, capacity;
static struct region gone[GONE];
static size_t gone_count;

/* Make [start, start + size) reserved and inaccessible again. */
static int unmap(uintptr_t start, size_t size) {
  void *p = mmap((void *)start, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
  return p == MAP_FAILED ? -1 : 0;
}

const char *rm_open(size_t bytes) {
  size_t size = l4_round_page(bytes);
  void *p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return "cannot reserve the region map's range";
  lo = (uintptr_t)p;
  hi = lo + size;
  return NULL;
}

void rm_reset(void) {
  if (count > 0) unmap(lo, hi - lo);
  count = 0;
  gone_count = 0;
}

size_t rm_regions(void) {
  return count;
}

const struct origin *rm_region_made(size_t i) {
  return &regions[i].made;
}

void rm_ds_died(int ds, struct origin why) {
  for (size_t i = 0; i < count; i++) {
    if (regions[i].ds != ds) continue;
    unmap(regions[i].start, regions[i].size);
    regions[i].ds = -1;
    regions[i].died = why;
  }
}

/* Index of the first region starting above addr. */
static size_t above(uintptr_t addr) {
  return sorted_above(regions, count, sizeof *regions, offsetof(struct region, start), addr);
}

/* The region containing addr, or NULL. */
static struct region *containing(uintptr_t addr) {
  size_t i = above(addr);
  return i > 0 && addr - regions[i - 1].start < regions[i - 1].size ? &regions[i - 1] : NULL;
}

/* Lowest address >= from, aligned to `align`, where size bytes fit free; 0 if none. */
static uintptr_t search(uintptr_t from, size_t size, uintptr_t align) {
  uintptr_t at = (from + align - 1) & ~(align - 1);
  for (size_t i = above(from) > 0 ? above(from) - 1 : 0; i < count && at < hi; i++) {
    if (regions[i].start + regions[i].size <= at) continue;
    if (regions[i].start >= at && regions[i].start - at >= size) break;
    at = (regions[i].start + regions[i].size + align - 1) & ~(align - 1);
  }
  return at < hi && hi - at >= size ? at : 0;
}

int l4check_rm_attach(void **start, unsigned long size, l4_uint32_t flags, l4_cap_idx_t mem, l4_uint64_t offs, unsigned char align, struct l4check_site at) {
  SHIM_LOCKED;
  int ds = ds_of_cap(mem);
  if (ds < 0) {
    shim_misused(&at, "%s(..., %#lx, ...) returned -L4_ENOENT: the capability holds no dataspace", at.call, (unsigned long)mem);
    return -L4_ENOENT;
  }
  unsigned long asked = size;
  size = l4_round_page(size);
  if (size == 0 || offs % L4_PAGESIZE != 0 || offs > ds_bytes(ds) || size > ds_bytes(ds) - offs || align > 47) {
    shim_misused(&at, "%s(size %lu, offset %llu, align %u) of a %zu-byte dataspace returned -L4_EINVAL", at.call, asked, (unsigned long long)offs, align, ds_bytes(ds));
    return -L4_EINVAL;
  }
  if (flags & L4RE_RM_F_IN_AREA) {
    shim_misused(&at, "%s(In_area) returned -L4_ENOENT: the task reserved no area", at.call);
    return -L4_ENOENT;
  }
  uintptr_t want = l4_trunc_page((l4_addr_t)*start);
  uintptr_t place;
  if (flags & L4RE_RM_F_SEARCH_ADDR) {
    place = search(want > lo ? want : lo, size, (uintptr_t)1 << (align > L4_PAGESHIFT ? align : L4_PAGESHIFT));
  } else {
    size_t i = above(want);
    int free = want >= lo && want < hi && hi - want >= size && (i == count || regions[i].start - want >= size) && containing(want) == NULL;
    place = free ? want : 0;
  }
  if (place == 0) {
    if (flags & L4RE_RM_F_SEARCH_ADDR) refused_here();  /* the address space is full */
    return -L4_EADDRNOTAVAIL;
  }
  int prot = (flags & L4RE_RM_F_R ? PROT_READ : 0) | (flags & L4RE_RM_F_W ? PROT_WRITE : 0);
  if (mmap((void *)place, size, prot, MAP_SHARED | MAP_FIXED, ds_fd(ds), (off_t)offs) == MAP_FAILED) return -L4_ENOMEM;
  if (count == capacity) {
    capacity = capacity ? 2 * capacity : 256;
    regions = xrealloc(regions, capacity * sizeof *regions);
  }
  size_t i = above(place);
  memmove(&regions[i + 1], &regions[i], (count - i) * sizeof *regions);
  regions[i] = (struct region){place, size, ds, mem, offs, flags & L4RE_RM_F_RWX, origin_here(at), {{NULL, NULL, 0}, 0, 0}};
  count++;
  *start = (void *)place;
  return 0;
}

int l4check_rm_detach(void *addr, l4_cap_idx_t *cap, struct l4check_site at) {
  SHIM_LOCKED;
  struct region *r = containing((uintptr_t)addr);
  if (r == NULL) {
    shim_misused(&at, "%s(%p) returned -L4_ENOENT: nothing is attached there", at.call, addr);
    return -L4_ENOENT;
  }
  struct region was = *r;
  size_t i = (size_t)(r - regions);
  memmove(&regions[i], &regions[i + 1], (count - i - 1) * sizeof *regions);
  count--;
  unmap(was.start, was.size);
  if (cap != NULL) *cap = was.cap;
  was.died = origin_here(at);
  gone[gone_count++ % GONE] = was;
  return 0;
}

int l4check_rm_find(l4_addr_t *addr, unsigned long *size, l4_uint64_t *offs, l4_uint32_t *flags, l4_cap_idx_t *mem) {
  SHIM_LOCKED;
  const struct region *r = containing(*addr);
  if (r == NULL) return -L4_ENOENT;
  *addr = r->start;
  *size = r->size;
  *offs = r->offs;
  *flags = r->rights;
  *mem = r->cap;
  return 0;
}

const char *shim_bounds(const void *ptr, size_t n) {
  SHIM_LOCKED;
  static _Thread_local char message[320];
  uintptr_t p = (uintptr_t)ptr, end = p + (n > 0 ? n : 1);
  for (uintptr_t at = p; at < end;) {
    const struct region *r = containing(at);
    if (r != NULL && r->ds >= 0 && (r->rights & L4RE_RM_F_RW) == L4RE_RM_F_RW) {
      at = r->start + r->size;
      continue;
    }
    int k = snprintf(message, sizeof message, "byte %zu (%#lx) is ", (size_t)(at - p), (unsigned long)at);
    if (r == NULL) snprintf(message + k, sizeof message - (size_t)k, "not attached");
    else if (r->ds < 0)
      snprintf(message + k, sizeof message - (size_t)k, "in a region whose dataspace went away in %s at %s:%d in op %lld, while the region was still attached", r->died.at.call,
               site_file(&r->died.at), r->died.at.line, (long long)r->died.op);
    else snprintf(message + k, sizeof message - (size_t)k, "attached without read and write rights");
    return message;
  }
  return NULL;
}

void shim_place(uintptr_t addr, struct shim_place *out) {
  const struct region *r = containing(addr);
  if (r != NULL) {
    *out = (struct shim_place){PLACE_REGION, r->start, r->start + r->size, r->rights, r->made, r->died};
    return;
  }
  out->kind = PLACE_NONE;
  for (size_t k = 0; k < GONE && k < gone_count; k++) {
    const struct region *g = &gone[(gone_count - 1 - k) % GONE];
    if (addr - g->start < g->size) {
      *out = (struct shim_place){PLACE_DETACHED, g->start, g->start + g->size, g->rights, g->made, g->died};
      return;
    }
  }
}
