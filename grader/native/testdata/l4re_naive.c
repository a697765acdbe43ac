/*
 * A correct, naive L4Re allocator for the runner's tests: one dataspace per
 * block, attached wherever it fits, with the capability and the size in a
 * 16-byte header; free detaches and unmaps it. Variants, each a file that
 * defines one of these and includes this one:
 *   FORGET_DATASPACES  free detaches the block but forgets its dataspace and slot (l4re_leaky.c)
 *   KEEP_DATASPACES    free keeps the block's dataspace attached and reuses it for a later request
 *                      that fits, and malloc(0) returns a unique block: correct (l4re_keeping.c)
 *   DETACH_TWICE       free detaches twice, ignoring the second -L4_ENOENT (l4re_detach_twice.c)
 *   READ_ONLY_BIG      blocks above 8000 bytes are attached read-only (l4re_read_only.c)
 */
#include <l4/re/c/mem_alloc.h>
#include <l4/re/c/rm.h>
#include <l4/re/c/util/cap_alloc.h>
#include <l4/sys/err.h>
#include <l4/sys/types.h>
#include <stddef.h>
#include <string.h>

struct header {
  l4re_ds_t ds;
  size_t size;
};

#ifdef KEEP_DATASPACES
#define KEPT 16
/* Freed blocks kept attached for reuse; kept[0..kept_count) are their headers. */
static struct header *kept[KEPT];
static int kept_count;
#endif

void *malloc(size_t size) {
#ifdef KEEP_DATASPACES
  for (int i = 0; i < kept_count; i++) {
    if (kept[i]->size < size) continue;
    struct header *h = kept[i];
    kept[i] = kept[--kept_count];
    return h + 1;
  }
  if (size == 0) size = 1;
#endif
  if (size == 0 || size > (1UL << 40)) return NULL;
  l4re_ds_t ds = l4re_util_cap_alloc();
  if (l4_is_invalid_cap(ds)) return NULL;
  void *at = NULL;
  unsigned rights = L4RE_RM_F_RW;
#ifdef READ_ONLY_BIG
  if (size > 8000) rights = L4RE_RM_F_R;
#endif
  if (l4re_ma_alloc((long)(size + sizeof(struct header)), ds, 0) != 0 ||
      l4re_rm_attach(&at, size + sizeof(struct header), L4RE_RM_F_SEARCH_ADDR | rights, ds, 0, 12) != 0) {
    l4re_util_cap_free_um(ds);
    return NULL;
  }
  struct header *h = at;
  h->ds = ds;
  h->size = size;
  return h + 1;
}

void free(void *p) {
  if (p == NULL) return;
  struct header *h = (struct header *)p - 1;
#ifdef KEEP_DATASPACES
  if (kept_count < KEPT) {
    kept[kept_count++] = h;
    return;
  }
#endif
  l4re_ds_t ds = h->ds;
  l4re_rm_detach(h);
#ifdef DETACH_TWICE
  l4re_rm_detach(h);
#endif
#ifndef FORGET_DATASPACES
  l4re_util_cap_free_um(ds);
#else
  (void)ds;
#endif
}

void *realloc(void *p, size_t size) {
  if (p == NULL) return malloc(size);
  if (size == 0) {
    free(p);
    return NULL;
  }
  void *q = malloc(size);
  if (q == NULL) return NULL;
  size_t old = ((struct header *)p - 1)->size;
  memcpy(q, p, old < size ? old : size);
  free(p);
  return q;
}
