/*
 * malloc.cc -- assignment 2 (C++ API): malloc, free and realloc with an
 * explicit free list, safe to call from several threads.
 * CORRECT: expected verdict pass.
 *
 * The C++ port of l4re/correct_first_fit.c: the same blocks, flags, free
 * list, split rule and realloc, written against L4Re's C++ API (the
 * spelling since 2019) and with one std::mutex around every call.
 *
 * Memory comes from dataspaces of at least ARENA_SIZE (64 KiB) bytes
 * (cap_alloc.alloc -> mem_alloc()->alloc -> rm()->attach with
 * Rm::F::Search_addr | Rm::F::RW). Every block starts with a 16-byte header
 * inside the dataspace; a free block also carries list links and a footer,
 * so free can coalesce with both neighbours:
 *
 *   arena:  | block | block | ... | block | End (32 bytes) |
 *   End:    | size 0 | flags | ds | arena start |   (a used block of size 0)
 *
 *   used block:  | size | flags | ........ payload ........ |
 *   free block:  | size | flags | next | prev | ... | size |
 *                0      8       16     24             size-8
 *
 *   flags: FREE = this block is free, PREV_FREE = the block before it is free
 *          (only then may we read the footer in front of the header).
 *
 * The end marker carries the arena's dataspace capability and start, so no
 * list of arenas is needed. A free block that reaches from its arena's start
 * to the end marker is the arena's only block: the arena is detached
 * (rm()->detach) and then its capability is freed with
 * cap_alloc.free(ds, task), which unmaps the dataspace, so Moe gets the
 * memory back. A request bigger than ARENA_SIZE gets an arena of its own
 * size (request + header + end marker, rounded up to pages), so big blocks
 * go back as soon as they are freed.
 *
 * malloc(0) returns NULL; realloc(p, 0) frees p and returns NULL.
 * malloc, free and realloc take heap_lock with a std::lock_guard and call
 * the *_locked functions, which never take it again (realloc calls
 * malloc_locked and free_locked, not malloc and free).
 */
#include <l4/re/env>
#include <l4/re/mem_alloc>
#include <l4/re/rm>
#include <l4/re/dataspace>
#include <l4/re/util/cap_alloc>
#include <l4/sys/consts.h>
#include <l4/sys/err.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mutex>

namespace {

constexpr size_t ALIGN = 16;
constexpr size_t HDR = 16;
/* header + next + prev + footer, rounded up to ALIGN */
constexpr size_t MIN_BLOCK = 48;
constexpr size_t ARENA_SIZE = 64 * 1024;
constexpr size_t MAX_REQUEST = size_t(1) << 46;

constexpr size_t FREE = 1;
constexpr size_t PREV_FREE = 2;

struct Block {
  size_t size;
  size_t flags;
  Block *next;  // free blocks only
  Block *prev;

  char *bytes() { return reinterpret_cast<char *>(this); }
  Block *at(ptrdiff_t off) { return reinterpret_cast<Block *>(bytes() + off); }
  Block *after() { return at(size); }
  void *payload() { return bytes() + HDR; }
  static Block *of(void *p) { return reinterpret_cast<Block *>(static_cast<char *>(p) - HDR); }
  /* the footer of the free block in front of this one (only with PREV_FREE) */
  size_t size_before() { return *reinterpret_cast<size_t *>(bytes() - 8); }
  void set_footer() { *reinterpret_cast<size_t *>(bytes() + size - 8) = size; }
};

/*
 * The end marker of an arena: a used block of size 0 (its size and flags are
 * only ever read and written as a Block's), then the arena's dataspace and
 * start.
 */
struct End {
  size_t header[2];
  L4::Cap<L4Re::Dataspace> ds;
  Block *start;
};
constexpr size_t END = sizeof(End);
static_assert(END == 32, "the end marker is two header words and two more");

std::mutex heap_lock;
Block *free_head;  // first block of the free list, or nullptr

size_t round_up(size_t x, size_t to) { return (x + to - 1) / to * to; }

/* ---- free list --------------------------------------------------------- */

void push(Block *b) {
  b->next = free_head;
  b->prev = nullptr;
  if (free_head != nullptr) free_head->prev = b;
  free_head = b;
}

void unlink_free(Block *b) {
  if (b->prev == nullptr)
    free_head = b->next;
  else
    b->prev->next = b->next;
  if (b->next != nullptr) b->next->prev = b->prev;
}

/*
 * Make [b, b+size) a free block: header, footer, PREV_FREE of the block
 * after it. Neighbours are already merged: free blocks never touch.
 */
void mark_free(Block *b, size_t size) {
  b->size = size;
  b->flags = FREE;
  b->set_footer();
  b->after()->flags |= PREV_FREE;
}

void mark_used(Block *b, size_t size, bool prev_free) {
  b->size = size;
  b->flags = prev_free ? PREV_FREE : 0;
  b->after()->flags &= ~PREV_FREE;
}

/* ---- arenas ------------------------------------------------------------ */

/* A new arena holding one free block of at least `need` bytes (listed), or nullptr. */
Block *grow(size_t need) {
  size_t size = need + END > ARENA_SIZE ? l4_round_page(need + END) : ARENA_SIZE;
  auto env = L4Re::Env::env();

  auto ds = L4Re::Util::cap_alloc.alloc<L4Re::Dataspace>();
  if (!ds.is_valid()) return nullptr;
  if (env->mem_alloc()->alloc(size, ds) < 0) {
    L4Re::Util::cap_alloc.free(ds);  // the slot holds nothing yet
    return nullptr;
  }
  char *start = nullptr;
  if (env->rm()->attach(&start, size, L4Re::Rm::F::Search_addr | L4Re::Rm::F::RW, ds) < 0) {
    L4Re::Util::cap_alloc.free(ds, env->task().cap());
    return nullptr;
  }

  Block *b = reinterpret_cast<Block *>(start);
  Block *marker = reinterpret_cast<Block *>(start + size - END);
  marker->size = 0;
  marker->flags = 0;
  End *end = reinterpret_cast<End *>(marker);
  end->ds = ds;
  end->start = b;
  mark_free(b, size - END);
  push(b);
  return b;
}

/* If free block b (not listed) is its arena's only block, give the arena back. */
bool maybe_release(Block *b) {
  Block *marker = b->after();
  if (marker->size != 0) return false;
  End *end = reinterpret_cast<End *>(marker);
  if (end->start != b) return false;

  auto env = L4Re::Env::env();
  L4::Cap<L4Re::Dataspace> ds = end->ds;  // read it before the memory goes away
  env->rm()->detach(b, nullptr);
  L4Re::Util::cap_alloc.free(ds, env->task().cap());
  return true;
}

/* ---- the allocator (heap_lock held) ------------------------------------ */

/* Block size for a request, or 0 if it cannot be served. */
size_t block_size(size_t size) {
  if (size == 0 || size > MAX_REQUEST) return 0;
  size_t need = round_up(size, ALIGN) + HDR;
  return need < MIN_BLOCK ? MIN_BLOCK : need;
}

/* Use `need` bytes of free block b (already unlinked); split off the rest. */
void *place(Block *b, size_t need) {
  size_t size = b->size;
  bool prev_free = b->flags & PREV_FREE;

  if (size - need >= MIN_BLOCK) {
    mark_used(b, need, prev_free);
    Block *rest = b->at(need);
    mark_free(rest, size - need);
    push(rest);
  } else {
    mark_used(b, size, prev_free);
  }
  return b->payload();
}

void *malloc_locked(size_t size) {
  size_t need = block_size(size);
  if (need == 0) return nullptr;

  for (Block *b = free_head; b != nullptr; b = b->next) {
    if (b->size >= need) {
      unlink_free(b);
      return place(b, need);
    }
  }
  Block *b = grow(need);
  if (b == nullptr) return nullptr;
  unlink_free(b);
  return place(b, need);
}

/* Free the `size` bytes at b, merging with free neighbours. */
void release(Block *b, size_t size) {
  Block *next = b->at(size);
  if (next->flags & FREE) {
    unlink_free(next);
    size += next->size;
  }
  if (b->flags & PREV_FREE) {
    Block *before = b->at(-static_cast<ptrdiff_t>(b->size_before()));
    unlink_free(before);
    size += b->bytes() - before->bytes();
    b = before;
  }
  mark_free(b, size);
  if (!maybe_release(b)) push(b);
}

void free_locked(void *p) {
  if (p == nullptr) return;
  Block *b = Block::of(p);
  release(b, b->size);
}

void *realloc_locked(void *p, size_t size) {
  if (p == nullptr) return malloc_locked(size);
  if (size == 0) {
    free_locked(p);
    return nullptr;
  }
  size_t need = block_size(size);
  if (need == 0) return nullptr;

  Block *b = Block::of(p);
  size_t cur = b->size;
  bool prev_free = b->flags & PREV_FREE;

  if (need <= cur) {  // shrink in place, freeing the tail if it can be a block
    if (cur - need >= MIN_BLOCK) {
      mark_used(b, need, prev_free);
      Block *tail = b->at(need);
      tail->size = cur - need;
      tail->flags = 0;
      release(tail, cur - need);
    }
    return p;
  }

  Block *next = b->after();  // grow into the next block if it is free and big enough
  if ((next->flags & FREE) && cur + next->size >= need) {
    size_t total = cur + next->size;
    unlink_free(next);
    if (total - need >= MIN_BLOCK) {
      mark_used(b, need, prev_free);
      Block *rest = b->at(need);
      mark_free(rest, total - need);
      push(rest);
    } else {
      mark_used(b, total, prev_free);
    }
    return p;
  }

  void *q = malloc_locked(size);
  if (q == nullptr) return nullptr;
  memcpy(q, p, cur - HDR < size ? cur - HDR : size);
  free_locked(p);
  return q;
}

}  // namespace

/* ---- malloc, free, realloc ---------------------------------------------- */

void *malloc(size_t size) throw() {
  std::lock_guard<std::mutex> guard(heap_lock);
  return malloc_locked(size);
}

void free(void *p) throw() {
  std::lock_guard<std::mutex> guard(heap_lock);
  free_locked(p);
}

void *realloc(void *p, size_t size) throw() {
  std::lock_guard<std::mutex> guard(heap_lock);
  return realloc_locked(p, size);
}
