/*
 * A C++ allocator for the runner's tests: l4re_naive.c's idea (a dataspace
 * per block, a 16-byte header), in the C++ API with Unique_cap and
 * Unique_region; it enters the kernel debugger on a request over 1 MiB, and
 * with a request of exactly 3 bytes frees the block's slot but keeps its
 * region (the dataspace goes away under it).
 */
#include <l4/re/env>
#include <l4/re/rm>
#include <l4/re/util/cap_alloc>
#include <l4/re/util/unique_cap>
#include <l4/sys/kdebug.h>
#include <stdlib.h>
#include <string.h>

struct header {
  size_t size;
  l4_cap_idx_t ds;
};

void *malloc(size_t size) throw() {
  if (size > (1 << 20)) enter_kdebug("malloc: too big");
  auto ds = L4Re::Util::make_unique_cap<L4Re::Dataspace>();
  if (!ds.is_valid() || L4Re::Env::env()->mem_alloc()->alloc(size + sizeof(header), ds.get()) != 0) return nullptr;
  L4Re::Rm::Unique_region<header *> region;
  if (L4Re::Env::env()->rm()->attach(&region, size + sizeof(header), L4Re::Rm::F::Search_addr | L4Re::Rm::F::RW, ds.get()) != 0) return nullptr;
  header *h = region.release();
  h->size = size;
  h->ds = ds.release().cap();
  if (size == 3) L4Re::Util::cap_alloc.free(L4::Cap<void>(h->ds), L4Re::This_task);
  return h + 1;
}

void free(void *p) throw() {
  if (p == nullptr) return;
  header *h = static_cast<header *>(p) - 1;
  L4::Cap<L4Re::Dataspace> ds;
  L4Re::Env::env()->rm()->detach(h, &ds);
  L4Re::Util::cap_alloc.free(ds, L4Re::Env::env()->task().cap());
}

void *realloc(void *p, size_t size) throw() {
  void *n = malloc(size);
  if (p != nullptr && n != nullptr) {
    size_t old = (static_cast<header *>(p) - 1)->size;
    memcpy(n, p, old < size ? old : size);
    free(p);
  }
  return n;
}
