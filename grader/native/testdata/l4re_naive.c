/*
 * A correct, naive L4Re allocator for the runner's tests: one dataspace per
 * block, attached wherever it fits, with the capability and the size in a
 * 16-byte header; free detaches and unmaps it (unless FORGET_DATASPACES,
 * which l4re_leaky.c defines).
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

static unsigned long live;

void *malloc(size_t size) {
  if (size == 0 || size > (1UL << 40)) return NULL;
  l4re_ds_t ds = l4re_util_cap_alloc();
  if (l4_is_invalid_cap(ds)) return NULL;
  void *at = NULL;
  if (l4re_ma_alloc((long)(size + sizeof(struct header)), ds, 0) != 0 ||
      l4re_rm_attach(&at, size + sizeof(struct header), L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds, 0, 12) != 0) {
    l4re_util_cap_free_um(ds);
    return NULL;
  }
  struct header *h = at;
  h->ds = ds;
  h->size = size;
  live++;
  return h + 1;
}

void free(void *p) {
  if (p == NULL) return;
  struct header *h = (struct header *)p - 1;
  l4re_ds_t ds = h->ds;
  l4re_rm_detach(h);
#ifndef FORGET_DATASPACES
  l4re_util_cap_free_um(ds);
#else
  (void)ds;
#endif
  live--;
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
