/*
 * malloc.cc -- assignment 2 (C++ API): malloc, free and realloc with
 * segregated size classes in slabs.
 * CORRECT: expected verdict pass.
 *
 * Every request of up to MAX_SMALL (32 KiB) bytes is rounded up to one of
 * NUM_CLASSES size classes: 16, 32, ..., 128 in steps of 16, then four
 * classes per power of two (160, 192, 224, 256, 320, ..., 32768). A slab is
 * one dataspace holding blocks of a single class. A class's first slab is a
 * page (or one block), each further one twice as big, up to 64 KiB (or room
 * for 8 blocks, if that is more), so a class used for a few blocks costs a
 * page and a class used for many gets few, big slabs:
 *
 *   slab:   | Slab (64 bytes) | block | block | ... | block | (rest unused) |
 *   block:  | slab | size | payload (size bytes) ... |
 *           0      8      16
 *
 * Each block's 16-byte header points at its slab, so free finds the slab
 * without a search, and holds the class's size. A freed block goes on its
 * slab's own free list (the link in the payload); blocks never handed out
 * are cut from the slab's end by a bump pointer, so a new slab costs no
 * walk. Each class keeps a list of its slabs that have room; a full slab
 * leaves it and comes back on its next free.
 *
 * A slab whose last block is freed is given back (rm()->detach, then
 * cap_alloc.free(ds, task)), unless it holds blocks of up to KEEP_MAX
 * (1 KiB) bytes and is its class's only slab with room: that one is kept
 * for the class's next request, so a malloc/free pair of small blocks does
 * not cost a dataspace each time. At most one empty slab per class is ever
 * kept.
 *
 * A bigger request gets a dataspace of its own, with the same Slab header
 * (class BIG) and block header in front of it; free gives it back at once.
 *
 * Getting memory uses L4Re::Util::Unique_cap and L4Re::Rm::Unique_region:
 * any early return (no slot, no memory, no room to attach) unmaps and
 * frees what was got so far, in the right order (the region is detached
 * before the capability goes). Only once everything succeeded does the
 * slab take both over with release().
 *
 * malloc(0) returns a unique block of the smallest class. realloc keeps the
 * block when the new size fits it and needs at least half of it; otherwise
 * it moves the block, and keeps it after all if no new one can be had but
 * the size fits. So realloc(p, 0) returns a new smallest block (or p).
 *
 * One pthread mutex is held around every call (by Locked, a small guard
 * object); realloc calls malloc_locked and free_locked, which never take it.
 */
#include <l4/re/env>
#include <l4/re/mem_alloc>
#include <l4/re/rm>
#include <l4/re/dataspace>
#include <l4/re/util/cap_alloc>
#include <l4/re/util/unique_cap>
#include <l4/sys/consts.h>
#include <l4/sys/err.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

namespace {

constexpr size_t HDR = 16;
constexpr size_t SLAB_SIZE = 64 * 1024;
constexpr size_t MIN_BLOCKS = 8;  // blocks a slab of the largest size holds, at least
constexpr unsigned NUM_CLASSES = 40;
constexpr size_t KEEP_MAX = 1024;  // an empty slab of bigger blocks is never kept
constexpr unsigned BIG = NUM_CLASSES;  // the class of a block with its own dataspace
constexpr size_t MAX_REQUEST = size_t(1) << 46;

struct Slab;

struct Block {
  Slab *slab;
  size_t size;  // payload bytes it can hold
  void *payload() { return reinterpret_cast<char *>(this) + HDR; }
  static Block *of(void *p) { return reinterpret_cast<Block *>(static_cast<char *>(p) - HDR); }
};

struct Free_block {
  Free_block *next;
};

struct Slab {
  L4::Cap<L4Re::Dataspace> ds;
  size_t bytes;       // the dataspace's size
  unsigned cls;       // size class, or BIG
  unsigned used;      // blocks handed out
  Slab *next;         // the class's list of slabs with room
  Slab *prev;
  Free_block *free;   // freed blocks
  char *bump;         // the first block never handed out
  char *limit;        // the end of the last whole block

  Block *first() { return reinterpret_cast<Block *>(reinterpret_cast<char *>(this) + sizeof(Slab)); }
  bool has_room() const { return free != nullptr || bump < limit; }
};
static_assert(sizeof(Slab) % 16 == 0, "blocks after the slab header stay 16-aligned");

Slab *with_room[NUM_CLASSES];  // per class: its slabs that have a free block
unsigned slabs[NUM_CLASSES];   // per class: how many slabs it has
pthread_mutex_t heap_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- size classes ------------------------------------------------------ */

/* The payload size of class c. */
size_t class_size(unsigned c) {
  if (c < 8) return 16 * (c + 1);
  size_t base = size_t(128) << ((c - 8) / 4);
  return base + ((c - 8) % 4 + 1) * (base / 4);
}

constexpr size_t MAX_SMALL = 32 * 1024;  // class_size(NUM_CLASSES - 1)

/* The smallest class that holds size bytes (size <= MAX_SMALL). */
unsigned class_of(size_t size) {
  if (size <= 128) return size <= 16 ? 0 : unsigned((size + 15) / 16 - 1);
  unsigned top = 63 - __builtin_clzl(size - 1);  // base = 1 << top < size <= 2 * base
  size_t base = size_t(1) << top;
  size_t step = base / 4;
  return 8 + 4 * (top - 7) + unsigned((size - base + step - 1) / step - 1);
}

/*
 * The size of class c's next slab: a class's first slab holds one page (or
 * one block), each further one twice the one before, up to SLAB_SIZE (or
 * MIN_BLOCKS blocks, if that is more). A class used for a few blocks costs
 * a page, not 64 KiB.
 */
size_t slab_bytes(unsigned c) {
  size_t block = HDR + class_size(c);
  size_t most = l4_round_page(sizeof(Slab) + MIN_BLOCKS * block);
  if (most < SLAB_SIZE) most = SLAB_SIZE;
  size_t bytes = l4_round_page(sizeof(Slab) + block);
  for (unsigned i = 0; i < slabs[c] && bytes < most; i++) bytes *= 2;
  return bytes < most ? bytes : most;
}

/* ---- dataspaces -------------------------------------------------------- */

/*
 * A new dataspace of `bytes` bytes, attached, with a Slab header for class
 * c; nullptr if the environment refuses. Nothing is left behind on failure.
 */
Slab *new_slab(size_t bytes, unsigned c) {
  auto env = L4Re::Env::env();

  L4Re::Util::Unique_cap<L4Re::Dataspace> ds = L4Re::Util::make_unique_cap<L4Re::Dataspace>();
  if (!ds.is_valid()) return nullptr;
  if (env->mem_alloc()->alloc(bytes, ds.get()) < 0) return nullptr;

  L4Re::Rm::Unique_region<char *> region;
  if (env->rm()->attach(&region, bytes, L4Re::Rm::F::Search_addr | L4Re::Rm::F::RW, ds.get()) < 0)
    return nullptr;

  Slab *s = reinterpret_cast<Slab *>(region.get());
  s->bytes = bytes;
  s->cls = c;
  s->used = 0;
  s->next = s->prev = nullptr;
  s->free = nullptr;
  s->bump = reinterpret_cast<char *>(s->first());
  if (c == BIG) {
    s->limit = s->bump;
  } else {
    size_t block = HDR + class_size(c);
    s->limit = s->bump + (bytes - sizeof(Slab)) / block * block;
  }

  /* Everything worked: from here on the slab owns its region and capability. */
  region.release();
  s->ds = ds.release();
  return s;
}

/* Detach the slab, then free its capability (which unmaps the dataspace). */
void release_slab(Slab *s) {
  auto env = L4Re::Env::env();
  L4::Cap<L4Re::Dataspace> ds = s->ds;  // read it before the memory goes away
  env->rm()->detach(s, nullptr);
  L4Re::Util::cap_alloc.free(ds, env->task().cap());
}

/* ---- a class's slabs with room ----------------------------------------- */

void link_slab(Slab *s) {
  Slab *&head = with_room[s->cls];
  s->prev = nullptr;
  s->next = head;
  if (head != nullptr) head->prev = s;
  head = s;
}

void unlink_slab(Slab *s) {
  if (s->prev != nullptr)
    s->prev->next = s->next;
  else
    with_room[s->cls] = s->next;
  if (s->next != nullptr) s->next->prev = s->prev;
  s->next = s->prev = nullptr;
}

/* ---- the allocator (heap_lock held) ------------------------------------ */

void *malloc_small(size_t size) {
  unsigned c = class_of(size);
  Slab *s = with_room[c];
  if (s == nullptr) {
    s = new_slab(slab_bytes(c), c);
    if (s == nullptr) return nullptr;
    slabs[c]++;
    link_slab(s);
  }

  Block *b;
  if (s->free != nullptr) {
    Free_block *f = s->free;
    s->free = f->next;
    b = Block::of(f);
  } else {
    b = reinterpret_cast<Block *>(s->bump);
    s->bump += HDR + class_size(c);
    b->slab = s;
    b->size = class_size(c);
  }
  s->used++;
  if (!s->has_room()) unlink_slab(s);
  return b->payload();
}

void *malloc_big(size_t size) {
  size_t bytes = l4_round_page(sizeof(Slab) + HDR + size);
  Slab *s = new_slab(bytes, BIG);
  if (s == nullptr) return nullptr;
  Block *b = s->first();
  b->slab = s;
  b->size = bytes - sizeof(Slab) - HDR;
  s->used = 1;
  return b->payload();
}

void *malloc_locked(size_t size) {
  if (size > MAX_REQUEST) return nullptr;
  return size <= MAX_SMALL ? malloc_small(size) : malloc_big(size);
}

void free_locked(void *p) {
  if (p == nullptr) return;
  Block *b = Block::of(p);
  Slab *s = b->slab;

  if (s->cls == BIG) {
    release_slab(s);
    return;
  }
  bool was_full = !s->has_room();
  Free_block *f = static_cast<Free_block *>(p);
  f->next = s->free;
  s->free = f;
  s->used--;
  if (was_full) link_slab(s);
  /* Keep an empty slab only while it is its class's one slab with room, and small blocks. */
  if (s->used == 0 && (s->prev != nullptr || s->next != nullptr || class_size(s->cls) > KEEP_MAX)) {
    unlink_slab(s);
    slabs[s->cls]--;
    release_slab(s);
  }
}

void *realloc_locked(void *p, size_t size) {
  if (p == nullptr) return malloc_locked(size);
  Block *b = Block::of(p);
  size_t have = b->size;

  if (size <= have && size >= have / 2) return p;
  void *q = malloc_locked(size);
  if (q == nullptr) return size <= have ? p : nullptr;
  memcpy(q, p, size < have ? size : have);
  free_locked(p);
  return q;
}

/* Holds heap_lock for as long as it lives. */
struct Locked {
  Locked() { pthread_mutex_lock(&heap_lock); }
  ~Locked() { pthread_mutex_unlock(&heap_lock); }
  Locked(Locked const &) = delete;
  Locked &operator=(Locked const &) = delete;
};

}  // namespace

/* ---- malloc, free, realloc ---------------------------------------------- */

void *malloc(size_t size) throw() {
  Locked l;
  return malloc_locked(size);
}

void free(void *p) throw() {
  Locked l;
  free_locked(p);
}

void *realloc(void *p, size_t size) throw() {
  Locked l;
  return realloc_locked(p, size);
}
