/*
 * malloc.cc -- assignment 2: malloc, free and realloc for the libc backend,
 * on L4Re's C++ API (L4Re::Env, Mem_alloc, Rm, Util::cap_alloc).
 *
 * Small blocks are cut from 64 KiB arenas, a dataspace each, attached with
 * Search_addr | RW. Each arena has a free list sorted by address; a freed
 * block merges with free neighbours. Arenas are kept for good: an empty one
 * is simply reused. A request too big for an arena gets a dataspace of its
 * own, and free gives that one back.
 *
 *   arena:  | Arena (32) | Block | Block | ... |
 *   block:  | Block (16): size, arena (nullptr for a big block) | payload |
 *
 * BUG: a big block's free (big_free) detaches its region, gets the
 * dataspace's capability back from detach, and hands it to
 * mem_alloc()->free(), taking that for the counterpart of
 * mem_alloc()->alloc(). Mem_alloc::free is a deprecated empty stub: it frees
 * nothing. cap_alloc.free is never called, so every big block leaks its
 * dataspace and its capability slot. Expected verdict: fail (leak), naming
 * the mem_alloc()->alloc in big_alloc.
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

constexpr size_t ALIGNMENT = 16;
constexpr size_t ARENA_SIZE = 64 * 1024;
constexpr size_t MAX_REQUEST = size_t(1) << 40;

constexpr size_t align_up(size_t n) { return (n + ALIGNMENT - 1) & ~(ALIGNMENT - 1); }

struct Block;

struct Arena {
  Arena *next;
  L4::Cap<L4Re::Dataspace> ds;
  size_t size;   // bytes attached
  Block *free;   // free blocks, by address
};

struct Block {
  size_t size;   // whole block, header included
  Arena *arena;  // nullptr: a big block in its own dataspace
};

constexpr size_t ARENA_HDR = align_up(sizeof(Arena));
constexpr size_t BLOCK_HDR = align_up(sizeof(Block));
constexpr size_t MIN_BLOCK = BLOCK_HDR + ALIGNMENT;  // room for the free-list link

inline Block *&next_free(Block *b) { return *reinterpret_cast<Block **>(reinterpret_cast<char *>(b) + BLOCK_HDR); }
inline void *payload(Block *b) { return reinterpret_cast<char *>(b) + BLOCK_HDR; }
inline Block *header(void *p) { return reinterpret_cast<Block *>(static_cast<char *>(p) - BLOCK_HDR); }

Arena *arenas;

void *big_alloc(size_t size) {
  L4Re::Env const *env = L4Re::Env::env();
  size_t total = l4_round_page(align_up(size) + BLOCK_HDR);
  auto ds = L4Re::Util::cap_alloc.alloc<L4Re::Dataspace>();
  if (!ds.is_valid()) return nullptr;
  if (env->mem_alloc()->alloc(total, ds)) {
    L4Re::Util::cap_alloc.free(ds, env->task().cap());
    return nullptr;
  }
  Block *b = nullptr;
  if (env->rm()->attach(&b, total, L4Re::Rm::F::Search_addr | L4Re::Rm::F::RW, ds)) {
    L4Re::Util::cap_alloc.free(ds, env->task().cap());
    return nullptr;
  }
  b->size = total;
  b->arena = nullptr;
  return payload(b);
}

void big_free(Block *b) {
  L4Re::Env const *env = L4Re::Env::env();
  L4::Cap<L4Re::Dataspace> ds;
  if (env->rm()->detach(b, &ds) != L4Re::Rm::Detached_ds) return;
  env->mem_alloc()->free(ds);  // give the dataspace back to the allocator it came from
}

Arena *new_arena() {
  L4Re::Env const *env = L4Re::Env::env();
  auto ds = L4Re::Util::cap_alloc.alloc<L4Re::Dataspace>();
  if (!ds.is_valid()) return nullptr;
  if (env->mem_alloc()->alloc(ARENA_SIZE, ds)) {
    L4Re::Util::cap_alloc.free(ds, env->task().cap());
    return nullptr;
  }
  Arena *a = nullptr;
  if (env->rm()->attach(&a, ARENA_SIZE, L4Re::Rm::F::Search_addr | L4Re::Rm::F::RW, ds)) {
    L4Re::Util::cap_alloc.free(ds, env->task().cap());
    return nullptr;
  }
  a->ds = ds;
  a->size = ARENA_SIZE;
  Block *b = reinterpret_cast<Block *>(reinterpret_cast<char *>(a) + ARENA_HDR);
  b->size = ARENA_SIZE - ARENA_HDR;
  b->arena = a;
  next_free(b) = nullptr;
  a->free = b;
  a->next = arenas;
  arenas = a;
  return a;
}

/* Cut `need` bytes from free block b, whose list link is *link. */
void *take(Block **link, Block *b, size_t need) {
  if (b->size - need >= MIN_BLOCK) {
    Block *rest = reinterpret_cast<Block *>(reinterpret_cast<char *>(b) + need);
    rest->size = b->size - need;
    rest->arena = b->arena;
    next_free(rest) = next_free(b);
    *link = rest;
    b->size = need;
  } else {
    *link = next_free(b);
  }
  return payload(b);
}

/* Put b back on its arena's list, merged with free neighbours. */
void insert_free(Block *b) {
  Arena *a = b->arena;
  Block *prev = nullptr, *next = a->free;
  while (next != nullptr && next < b) {
    prev = next;
    next = next_free(next);
  }
  if (next != nullptr && reinterpret_cast<char *>(b) + b->size == reinterpret_cast<char *>(next)) {
    b->size += next->size;
    next = next_free(next);
  }
  next_free(b) = next;
  if (prev != nullptr && reinterpret_cast<char *>(prev) + prev->size == reinterpret_cast<char *>(b)) {
    prev->size += b->size;
    next_free(prev) = next;
  } else if (prev != nullptr) {
    next_free(prev) = b;
  } else {
    a->free = b;
  }
}

size_t block_size(size_t size) {
  size_t need = align_up(size) + BLOCK_HDR;
  return need < MIN_BLOCK ? MIN_BLOCK : need;
}

inline bool is_big(size_t need) { return need > ARENA_SIZE - ARENA_HDR; }

}  // namespace

void *malloc(size_t size) throw() {
  if (size == 0 || size > MAX_REQUEST) return nullptr;
  size_t need = block_size(size);
  if (is_big(need)) return big_alloc(size);
  for (Arena *a = arenas; a != nullptr; a = a->next) {
    Block **link = &a->free;
    for (Block *b = a->free; b != nullptr; link = &next_free(b), b = next_free(b))
      if (b->size >= need) return take(link, b, need);
  }
  Arena *a = new_arena();
  if (a == nullptr) return nullptr;
  return take(&a->free, a->free, need);
}

void free(void *p) throw() {
  if (p == nullptr) return;
  Block *b = header(p);
  if (b->arena == nullptr) big_free(b);
  else insert_free(b);
}

void *realloc(void *p, size_t size) throw() {
  if (p == nullptr) return malloc(size);
  if (size == 0) {
    free(p);
    return nullptr;
  }
  if (size > MAX_REQUEST) return nullptr;
  Block *b = header(p);
  size_t need = block_size(size);
  if (b->arena == nullptr) {  // big block: keep it while the request stays big and fits
    if (is_big(need) && need <= b->size) return p;
  } else if (need <= b->size) {  // shrink in place
    if (b->size - need >= MIN_BLOCK) {
      Block *tail = reinterpret_cast<Block *>(reinterpret_cast<char *>(b) + need);
      tail->size = b->size - need;
      tail->arena = b->arena;
      b->size = need;
      insert_free(tail);
    }
    return p;
  } else {  // grow into the next block if it is free and big enough
    Block **link = &b->arena->free;
    Block *next = b->arena->free;
    while (next != nullptr && next < b) {
      link = &next_free(next);
      next = next_free(next);
    }
    if (next != nullptr && reinterpret_cast<char *>(b) + b->size == reinterpret_cast<char *>(next) && b->size + next->size >= need) {
      *link = next_free(next);
      b->size += next->size;
      if (b->size - need >= MIN_BLOCK) {
        Block *tail = reinterpret_cast<Block *>(reinterpret_cast<char *>(b) + need);
        tail->size = b->size - need;
        tail->arena = b->arena;
        b->size = need;
        insert_free(tail);
      }
      return p;
    }
  }
  void *q = malloc(size);
  if (q == nullptr) return nullptr;
  size_t old = b->size - BLOCK_HDR;
  memcpy(q, p, old < size ? old : size);
  free(p);
  return q;
}
