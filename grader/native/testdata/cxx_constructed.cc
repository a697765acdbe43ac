/*
 * A C++ allocator for the runner's tests whose header size is a global set
 * by a constructor before main (a non-constexpr initializer: it lives in
 * .bss, zero until the constructor runs). Each program must start from it
 * as the constructor left it, not from zero. One dataspace per block.
 */
#include <l4/re/env>
#include <l4/re/util/cap_alloc>
#include <stdlib.h>
#include <string.h>

static size_t round16(size_t n) {
  volatile size_t to = 16;
  return (n + to - 1) / to * to;
}

static const size_t HEADER = round16(sizeof(size_t) + sizeof(l4_cap_idx_t));

void *malloc(size_t size) throw() {
  auto ds = L4Re::Util::cap_alloc.alloc<L4Re::Dataspace>();
  if (!ds.is_valid()) return nullptr;
  if (L4Re::Env::env()->mem_alloc()->alloc(size + HEADER, ds) != 0) {
    L4Re::Util::cap_alloc.free(ds);
    return nullptr;
  }
  char *at = nullptr;
  if (L4Re::Env::env()->rm()->attach(&at, size + HEADER, L4Re::Rm::F::Search_addr | L4Re::Rm::F::RW, ds) != 0) {
    L4Re::Util::cap_alloc.free(ds, L4Re::This_task);
    return nullptr;
  }
  *reinterpret_cast<size_t *>(at) = size;
  *reinterpret_cast<l4_cap_idx_t *>(at + sizeof(size_t)) = ds.cap();
  return at + HEADER;
}

void free(void *p) throw() {
  if (p == nullptr) return;
  char *at = static_cast<char *>(p) - HEADER;
  L4::Cap<L4Re::Dataspace> ds(*reinterpret_cast<l4_cap_idx_t *>(at + sizeof(size_t)));
  L4Re::Env::env()->rm()->detach(at, nullptr);
  L4Re::Util::cap_alloc.free(ds, L4Re::This_task);
}

void *realloc(void *p, size_t size) throw() {
  void *n = malloc(size);
  if (p != nullptr && n != nullptr) {
    size_t old = *reinterpret_cast<size_t *>(static_cast<char *>(p) - HEADER);
    memcpy(n, p, old < size ? old : size);
    free(p);
  }
  return n;
}
