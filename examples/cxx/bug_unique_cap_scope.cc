/*
 * malloc.cc -- assignment 2: malloc, free and realloc for the libc backend,
 * on L4Re's C++ API (L4Re::Env, Mem_alloc, Rm, Util::cap_alloc).
 *
 * 64 KiB arenas (a dataspace each, attached Search_addr | RW) hold blocks
 * with a 16-byte header: the block's size with a USED bit, and the size of
 * the block before it, so that free merges with both neighbours at once.
 * Free blocks of every arena are on one doubly linked list (first fit).
 * An arena whose blocks have all merged back into one is detached and its
 * dataspace freed. Requests too big for an arena get a dataspace of their
 * own. Dataspaces come from map_dataspace, which holds the new slot in a
 * Util::Unique_cap so that every error path gives the slot back by itself.
 *
 *   arena:  | Arena (32) | block | block | ... | end (16: size 0, USED) |
 *   block:  | size|flags, prev_size (16) | payload (free: next, prev) |
 *
 * BUG: map_dataspace hands the capability out with ds.get() instead of
 * ds.release(). The Unique_cap still owns the slot, and when it goes out of
 * scope on the way out of map_dataspace it frees the slot with unmapping:
 * the new dataspace dies before its arena's (or big block's) header is
 * written, in a region that stays attached. The first malloc faults (one
 * op). Expected verdict: fail (environment): the region's dataspace went
 * away in Unique_cap (cap_alloc.free).
 */
#include <l4/re/env>
#include <l4/re/mem_alloc>
#include <l4/re/rm>
#include <l4/re/dataspace>
#include <l4/re/util/cap_alloc>
#include <l4/re/util/unique_cap>
#include <l4/sys/kdebug.h>
#include <stdlib.h>
#include <string.h>

namespace {

constexpr size_t ARENA_BYTES = 64 * 1024;
constexpr size_t HDR = 16;
constexpr size_t MIN_BLOCK = 32;  // header and two links
constexpr size_t USED = 1, BIG = 2, FLAGS = 15;
constexpr size_t MAX_REQUEST = size_t(1) << 40;

struct Block {
  size_t head;       // size | flags
  size_t prev_size;  // 0: the first block of its arena
};

struct Links {
  Block *next, *prev;
};

struct Arena {
  L4::Cap<L4Re::Dataspace> ds;
  size_t bytes;
  size_t pad[2];
};

static_assert(sizeof(Block) == HDR && sizeof(Arena) % 16 == 0, "payloads must stay 16-aligned");

constexpr size_t ARENA_ROOM = ARENA_BYTES - sizeof(Arena) - HDR;  // the first block, before the end marker

Block *free_list;

inline size_t size_of(Block const *b) { return b->head & ~FLAGS; }
inline bool is_used(Block const *b) { return b->head & USED; }
inline Block *after(Block *b) { return reinterpret_cast<Block *>(reinterpret_cast<char *>(b) + size_of(b)); }
inline Block *before(Block *b) { return reinterpret_cast<Block *>(reinterpret_cast<char *>(b) - b->prev_size); }
inline Links *links(Block *b) { return reinterpret_cast<Links *>(b + 1); }
inline void *payload(Block *b) { return b + 1; }
inline Block *block_of(void *p) { return static_cast<Block *>(p) - 1; }

void push(Block *b) {
  links(b)->next = free_list;
  links(b)->prev = nullptr;
  if (free_list != nullptr) links(free_list)->prev = b;
  free_list = b;
}

void unlink(Block *b) {
  Links *l = links(b);
  if (l->prev != nullptr) links(l->prev)->next = l->next;
  else free_list = l->next;
  if (l->next != nullptr) links(l->next)->prev = l->prev;
}

/* Set b's size (flags kept) and tell the block after it. */
void resize(Block *b, size_t size) {
  b->head = size | (b->head & FLAGS);
  after(b)->prev_size = size;
}

/*
 * A new dataspace of `bytes`, attached RW, its capability into *out. The
 * slot is a Unique_cap: on every failure it goes back by itself.
 */
void *map_dataspace(size_t bytes, L4::Cap<L4Re::Dataspace> *out) {
  L4Re::Env const *env = L4Re::Env::env();
  auto ds = L4Re::Util::make_unique_cap<L4Re::Dataspace>();
  if (!ds.is_valid()) return nullptr;
  if (env->mem_alloc()->alloc(bytes, ds.get()) < 0) return nullptr;
  void *addr = nullptr;
  if (env->rm()->attach(&addr, bytes, L4Re::Rm::F::Search_addr | L4Re::Rm::F::RW, ds.get()) < 0) return nullptr;
  *out = ds.get();
  return addr;
}

Block *new_arena() {
  L4::Cap<L4Re::Dataspace> ds;
  Arena *a = static_cast<Arena *>(map_dataspace(ARENA_BYTES, &ds));
  if (a == nullptr) return nullptr;
  a->ds = ds;
  a->bytes = ARENA_BYTES;
  Block *b = reinterpret_cast<Block *>(a + 1);
  b->head = ARENA_ROOM;
  b->prev_size = 0;
  Block *end = after(b);
  end->head = 0 | USED;
  end->prev_size = ARENA_ROOM;
  push(b);
  return b;
}

void release_arena(Block *first) {
  L4Re::Env const *env = L4Re::Env::env();
  Arena *a = reinterpret_cast<Arena *>(first) - 1;
  L4::Cap<L4Re::Dataspace> ds = a->ds;
  env->rm()->detach(a, nullptr);
  L4Re::Util::cap_alloc.free(ds, env->task().cap());
}

/* Mark free block b used for `need` bytes; the rest, if big enough, stays free. */
void *take(Block *b, size_t need) {
  unlink(b);
  size_t size = size_of(b);
  if (size - need >= MIN_BLOCK) {
    resize(b, need);
    Block *rest = after(b);
    rest->head = 0;
    rest->prev_size = need;
    resize(rest, size - need);
    push(rest);
  }
  b->head |= USED;
  return payload(b);
}

/* Free a block of an arena: merge with free neighbours, give back an empty arena. */
void release(Block *b) {
  b->head &= ~USED;
  Block *next = after(b);
  if (!is_used(next)) {
    unlink(next);
    resize(b, size_of(b) + size_of(next));
  }
  if (b->prev_size != 0 && !is_used(before(b))) {
    Block *prev = before(b);
    unlink(prev);
    resize(prev, size_of(prev) + size_of(b));
    b = prev;
  }
  if (b->prev_size == 0 && size_of(b) == ARENA_ROOM) release_arena(b);
  else push(b);
}

void *big_alloc(size_t size) {
  size_t bytes = l4_round_page(size + HDR);
  L4::Cap<L4Re::Dataspace> ds;
  Block *b = static_cast<Block *>(map_dataspace(bytes, &ds));
  if (b == nullptr) return nullptr;
  b->head = bytes | USED | BIG;
  b->prev_size = 0;
  return payload(b);
}

void big_free(Block *b) {
  L4Re::Env const *env = L4Re::Env::env();
  L4::Cap<L4Re::Dataspace> ds;
  if (env->rm()->detach(b, &ds) == L4Re::Rm::Detached_ds)
    L4Re::Util::cap_alloc.free(ds, env->task().cap());
}

inline size_t need_for(size_t size) {
  size_t n = ((size + 15) & ~size_t(15)) + HDR;
  return n < MIN_BLOCK ? MIN_BLOCK : n;
}

}  // namespace

void *malloc(size_t size) throw() {
  if (size == 0 || size > MAX_REQUEST) return nullptr;
  size_t need = need_for(size);
  if (need > ARENA_ROOM) return big_alloc(size);
  for (Block *b = free_list; b != nullptr; b = links(b)->next)
    if (size_of(b) >= need) return take(b, need);
  Block *b = new_arena();
  return b == nullptr ? nullptr : take(b, need);
}

void free(void *p) throw() {
  if (p == nullptr) return;
  Block *b = block_of(p);
  if (b->head & BIG) big_free(b);
  else release(b);
}

void *realloc(void *p, size_t size) throw() {
  if (p == nullptr) return malloc(size);
  if (size == 0) {
    free(p);
    return nullptr;
  }
  if (size > MAX_REQUEST) return nullptr;
  Block *b = block_of(p);
  size_t need = need_for(size);
  size_t have = size_of(b);
  if (b->head & BIG) {
    if (need > ARENA_ROOM && need <= have) return p;
  } else if (need <= have) {
    if (have - need >= MIN_BLOCK) {  // free the tail
      resize(b, need);
      Block *tail = after(b);
      tail->head = USED;
      tail->prev_size = need;
      resize(tail, have - need);
      release(tail);
    }
    return p;
  } else {
    Block *next = after(b);
    if (!is_used(next) && have + size_of(next) >= need) {  // grow into the free block after it
      unlink(next);
      resize(b, have + size_of(next));
      have = size_of(b);
      if (have - need >= MIN_BLOCK) {
        resize(b, need);
        Block *rest = after(b);
        rest->head = 0;
        rest->prev_size = need;
        resize(rest, have - need);
        push(rest);
      }
      return p;
    }
  }
  void *q = malloc(size);
  if (q == nullptr) return nullptr;
  size_t old = have - HDR;
  memcpy(q, p, old < size ? old : size);
  free(p);
  return q;
}
