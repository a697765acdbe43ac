/*
 * malloc.cc -- assignment 2: malloc, free and realloc for the libc backend,
 * on L4Re's C++ API (L4Re::Env, Mem_alloc, Rm, Util::cap_alloc).
 *
 * Memory comes in 64 KiB arenas (a dataspace each, attached Search_addr |
 * RW), or one dataspace per request for requests too big for an arena. An
 * arena keeps its free blocks in a list sorted by address and counts its
 * live ones; a block freed next to a free one merges with it. An arena with
 * no live block is given back (detach, then cap_alloc.free with the task),
 * except the newest one, which stays for the next malloc, so that a loop of
 * malloc/free does not map and unmap a dataspace on every call.
 *
 *   arena:  | Arena (48) | Block | Block | ... |
 *   block:  | Block (16): size, arena (nullptr for a big block) | payload |
 *
 * BUG: release_arena frees the capability of the arena it keeps, too: the
 * cap_alloc.free sits after the `if` that skips the newest arena's unlink
 * and detach, in the belief that the region keeps its dataspace and that
 * only the slot goes back. cap_alloc.free(ds, task) unmaps the capability,
 * and the dataspace dies with it; the region stays attached and the arena
 * stays on the list, so the next malloc reads the arena's free list from a
 * region whose dataspace is gone (a 0 1; f 0; a 1 1).
 * Expected verdict: fail (environment), naming the cap_alloc.free.
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

constexpr size_t ALIGN = 16;
constexpr size_t ARENA_BYTES = 64 * 1024;
constexpr size_t MAX_REQUEST = size_t(1) << 40;

constexpr size_t round16(size_t n) { return (n + ALIGN - 1) & ~(ALIGN - 1); }

struct Block;

struct Arena {
  Arena *next;
  L4::Cap<L4Re::Dataspace> ds;
  size_t bytes;   // attached
  size_t live;    // blocks handed out
  Block *free;    // free blocks, by address
};

struct Block {
  static constexpr size_t HDR = 16;  // payloads stay 16-aligned

  size_t size;    // whole block, header included
  Arena *arena;   // nullptr: a big block, alone in its dataspace

  char *end() { return reinterpret_cast<char *>(this) + size; }
  void *data() { return reinterpret_cast<char *>(this) + HDR; }
  Block *&link() { return *reinterpret_cast<Block **>(data()); }  // only while free
  static Block *of(void *p) { return reinterpret_cast<Block *>(static_cast<char *>(p) - HDR); }
  static Block *at(void *p, size_t off) { return reinterpret_cast<Block *>(static_cast<char *>(p) + off); }
};

static_assert(round16(sizeof(Block)) == Block::HDR, "the header must keep payloads aligned");
constexpr size_t ARENA_HDR = round16(sizeof(Arena));
constexpr size_t MIN_BLOCK = Block::HDR + ALIGN;
constexpr size_t ARENA_ROOM = ARENA_BYTES - ARENA_HDR;

Arena *arenas;  // newest first

/* A dataspace of `bytes`, attached RW at an address of the region map's choice. */
void *get_memory(size_t bytes, L4::Cap<L4Re::Dataspace> &ds) {
  L4Re::Env const *env = L4Re::Env::env();
  ds = L4Re::Util::cap_alloc.alloc<L4Re::Dataspace>();
  if (!ds.is_valid()) return nullptr;
  if (env->mem_alloc()->alloc(bytes, ds) < 0) {
    L4Re::Util::cap_alloc.free(ds, env->task().cap());
    return nullptr;
  }
  void *addr = nullptr;
  if (env->rm()->attach(&addr, bytes, L4Re::Rm::F::Search_addr | L4Re::Rm::F::RW, ds) < 0) {
    L4Re::Util::cap_alloc.free(ds, env->task().cap());
    return nullptr;
  }
  return addr;
}

/* Detach the region at addr and free its dataspace and slot. */
void put_memory(void *addr) {
  L4Re::Env const *env = L4Re::Env::env();
  L4::Cap<L4Re::Dataspace> ds;
  if (env->rm()->detach(addr, &ds) == L4Re::Rm::Detached_ds)
    L4Re::Util::cap_alloc.free(ds, env->task().cap());
}

Arena *new_arena() {
  L4::Cap<L4Re::Dataspace> ds;
  Arena *a = static_cast<Arena *>(get_memory(ARENA_BYTES, ds));
  if (a == nullptr) return nullptr;
  a->ds = ds;
  a->bytes = ARENA_BYTES;
  a->live = 0;
  Block *b = Block::at(a, ARENA_HDR);
  b->size = ARENA_ROOM;
  b->arena = a;
  b->link() = nullptr;
  a->free = b;
  a->next = arenas;
  arenas = a;
  return a;
}

/*
 * An arena with no live block goes back, unless it is the newest: that one
 * is kept for the next malloc.
 */
void release_arena(Arena *a) {
  L4Re::Env const *env = L4Re::Env::env();
  L4::Cap<L4Re::Dataspace> ds = a->ds;  // read it while the arena is mapped
  if (a != arenas) {
    Arena **pp = &arenas;
    while (*pp != a) pp = &(*pp)->next;
    *pp = a->next;
    env->rm()->detach(a, nullptr);
  }
  // the slot goes back either way: there are only 4096 of them, and the
  // region is what holds the memory
  L4Re::Util::cap_alloc.free(ds, env->task().cap());
}

/* Hand out `need` bytes of free block b, whose list link is *pp. */
void *carve(Block **pp, Block *b, size_t need) {
  if (b->size - need >= MIN_BLOCK) {
    Block *rest = Block::at(b, need);
    rest->size = b->size - need;
    rest->arena = b->arena;
    rest->link() = b->link();
    *pp = rest;
    b->size = need;
  } else {
    *pp = b->link();
  }
  b->arena->live++;
  return b->data();
}

/* Put b on its arena's free list, merged with free neighbours. */
void add_free(Block *b) {
  Arena *a = b->arena;
  Block *prev = nullptr, *next = a->free;
  while (next != nullptr && next < b) {
    prev = next;
    next = next->link();
  }
  if (next != nullptr && b->end() == reinterpret_cast<char *>(next)) {
    b->size += next->size;
    next = next->link();
  }
  b->link() = next;
  if (prev != nullptr && prev->end() == reinterpret_cast<char *>(b)) {
    prev->size += b->size;
    prev->link() = next;
  } else if (prev != nullptr) {
    prev->link() = b;
  } else {
    a->free = b;
  }
}

size_t needed(size_t size) {
  size_t n = round16(size) + Block::HDR;
  return n < MIN_BLOCK ? MIN_BLOCK : n;
}

void *big_malloc(size_t size) {
  size_t bytes = l4_round_page(round16(size) + Block::HDR);
  L4::Cap<L4Re::Dataspace> ds;
  Block *b = static_cast<Block *>(get_memory(bytes, ds));
  if (b == nullptr) return nullptr;
  b->size = bytes;
  b->arena = nullptr;
  return b->data();
}

}  // namespace

void *malloc(size_t size) throw() {
  if (size == 0 || size > MAX_REQUEST) return nullptr;
  size_t need = needed(size);
  if (need > ARENA_ROOM) return big_malloc(size);
  for (Arena *a = arenas; a != nullptr; a = a->next) {
    Block **pp = &a->free;
    for (Block *b = a->free; b != nullptr; pp = &b->link(), b = b->link())
      if (b->size >= need) return carve(pp, b, need);
  }
  Arena *a = new_arena();
  return a == nullptr ? nullptr : carve(&a->free, a->free, need);
}

void free(void *p) throw() {
  if (p == nullptr) return;
  Block *b = Block::of(p);
  Arena *a = b->arena;
  if (a == nullptr) {
    put_memory(b);
    return;
  }
  add_free(b);
  if (--a->live == 0) release_arena(a);
}

void *realloc(void *p, size_t size) throw() {
  if (p == nullptr) return malloc(size);
  if (size == 0) {
    free(p);
    return nullptr;
  }
  if (size > MAX_REQUEST) return nullptr;
  Block *b = Block::of(p);
  size_t need = needed(size);
  if (b->arena == nullptr) {
    if (need > ARENA_ROOM && need <= b->size) return p;  // still big, still fits
  } else if (need <= b->size) {
    if (b->size - need >= MIN_BLOCK) {  // give the tail back
      Block *tail = Block::at(b, need);
      tail->size = b->size - need;
      tail->arena = b->arena;
      b->size = need;
      add_free(tail);
    }
    return p;
  }
  void *q = malloc(size);
  if (q == nullptr) return nullptr;
  size_t keep = b->size - Block::HDR;
  memcpy(q, p, keep < size ? keep : size);
  free(p);
  return q;
}
