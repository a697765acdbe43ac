/*
 * malloc.cc -- assignment 2: malloc, free and realloc for the libc backend,
 * on L4Re's C++ API (L4Re::Env, Mem_alloc, Rm, Util::cap_alloc).
 *
 * Segregated size classes: a block is 16 bytes of header plus a payload,
 * rounded up to a power of two from 32 bytes to 32 KiB. Blocks are cut from
 * 64 KiB chunks (a dataspace each) by bumping a pointer; a freed block goes
 * on its class's list and is reused from there. Chunks are kept for good.
 * A request that needs more than 32 KiB gets a dataspace of its own, which
 * free detaches and gives back.
 *
 *   block:  | Header (16): cls (or BIG), bytes | payload |
 *
 * BUG: big blocks are attached with L4Re::Rm::F::Search_addr alone
 * (big_alloc), where chunks ask for Search_addr | RW. In the old spelling of
 * the slides (Rm::Search_addr) a region was read-write unless Read_only was
 * given; in Rm::F a region has only the rights asked for, so a big block's
 * region has none, and writing its header faults, on the first request
 * above 32 KiB (one op). Expected verdict: fail (environment), naming the
 * attach.
 */
#include <l4/re/env>
#include <l4/re/mem_alloc>
#include <l4/re/rm>
#include <l4/re/dataspace>
#include <l4/re/util/cap_alloc>
#include <l4/sys/kdebug.h>
#include <stdlib.h>
#include <string.h>

namespace {

constexpr size_t CHUNK = 64 * 1024;
constexpr unsigned MIN_SHIFT = 5;               // 32-byte blocks
constexpr unsigned MAX_SHIFT = 15;              // 32 KiB blocks
constexpr unsigned CLASSES = MAX_SHIFT - MIN_SHIFT + 1;
constexpr size_t BIG = ~size_t(0);
constexpr size_t MAX_REQUEST = size_t(1) << 40;

struct Header {
  size_t cls;    // size class, or BIG
  size_t bytes;  // the block's size (a big block: everything attached)
};
static_assert(sizeof(Header) == 16, "payloads must stay 16-aligned");

struct Free_block {
  Header h;
  Free_block *next;
};

Free_block *bins[CLASSES];
char *bump;      // next unused byte of the current chunk
char *bump_end;  // end of the current chunk

inline void *payload(Header *h) { return h + 1; }
inline Header *header_of(void *p) { return static_cast<Header *>(p) - 1; }

/* The class of a block holding `size` bytes of payload, or CLASSES if none fits. */
unsigned class_of(size_t size) {
  size_t need = size + sizeof(Header);
  unsigned c = 0;
  while (c < CLASSES && (size_t(1) << (MIN_SHIFT + c)) < need) c++;
  return c;
}

inline size_t class_bytes(unsigned c) { return size_t(1) << (MIN_SHIFT + c); }

/* A fresh chunk to bump in; what was left of the old one is lost. */
bool new_chunk() {
  L4Re::Env const *env = L4Re::Env::env();
  auto ds = L4Re::Util::cap_alloc.alloc<L4Re::Dataspace>();
  if (!ds.is_valid()) return false;
  if (env->mem_alloc()->alloc(CHUNK, ds) < 0) {
    L4Re::Util::cap_alloc.free(ds, env->task().cap());
    return false;
  }
  char *at = nullptr;
  if (env->rm()->attach(&at, CHUNK, L4Re::Rm::F::Search_addr | L4Re::Rm::F::RW, ds) < 0) {
    L4Re::Util::cap_alloc.free(ds, env->task().cap());
    return false;
  }
  bump = at;
  bump_end = at + CHUNK;
  return true;
}

void *small_alloc(unsigned c) {
  if (Free_block *f = bins[c]) {
    bins[c] = f->next;
    return payload(&f->h);
  }
  size_t bytes = class_bytes(c);
  if (bump == nullptr || size_t(bump_end - bump) < bytes) {
    if (!new_chunk()) return nullptr;
  }
  Header *h = reinterpret_cast<Header *>(bump);
  bump += bytes;
  h->cls = c;
  h->bytes = bytes;
  return payload(h);
}

/* A big block: its own dataspace, page-rounded, header first. */
void *big_alloc(size_t size) {
  L4Re::Env const *env = L4Re::Env::env();
  size_t bytes = l4_round_page(size + sizeof(Header));
  auto ds = L4Re::Util::cap_alloc.alloc<L4Re::Dataspace>();
  if (!ds.is_valid()) return nullptr;
  if (env->mem_alloc()->alloc(bytes, ds) < 0) {
    L4Re::Util::cap_alloc.free(ds, env->task().cap());
    return nullptr;
  }
  Header *h = nullptr;
  if (env->rm()->attach(&h, bytes, L4Re::Rm::F::Search_addr, ds) < 0) {
    L4Re::Util::cap_alloc.free(ds, env->task().cap());
    return nullptr;
  }
  h->cls = BIG;
  h->bytes = bytes;
  return payload(h);
}

void big_free(Header *h) {
  L4Re::Env const *env = L4Re::Env::env();
  L4::Cap<L4Re::Dataspace> ds;
  if (env->rm()->detach(h, &ds) == L4Re::Rm::Detached_ds)
    L4Re::Util::cap_alloc.free(ds, env->task().cap());
}

/* Bytes of payload a block can hold. */
inline size_t capacity(Header *h) { return h->bytes - sizeof(Header); }

}  // namespace

void *malloc(size_t size) throw() {
  if (size == 0 || size > MAX_REQUEST) return nullptr;
  unsigned c = class_of(size);
  return c < CLASSES ? small_alloc(c) : big_alloc(size);
}

void free(void *p) throw() {
  if (p == nullptr) return;
  Header *h = header_of(p);
  if (h->cls == BIG) {
    big_free(h);
    return;
  }
  Free_block *f = reinterpret_cast<Free_block *>(h);
  f->next = bins[h->cls];
  bins[h->cls] = f;
}

void *realloc(void *p, size_t size) throw() {
  if (p == nullptr) return malloc(size);
  if (size == 0) {
    free(p);
    return nullptr;
  }
  if (size > MAX_REQUEST) return nullptr;
  Header *h = header_of(p);
  if (h->cls != BIG && class_of(size) == h->cls) return p;  // same class: nothing to do
  if (h->cls == BIG && size <= capacity(h) && class_of(size) == CLASSES) return p;
  void *q = malloc(size);
  if (q == nullptr) return nullptr;
  size_t old = capacity(h);
  memcpy(q, p, old < size ? old : size);
  free(p);
  return q;
}
