/* l4check's L4Re shim: <l4/sys/types.h>, the names a student's allocator uses. */
#ifndef L4_SYS_TYPES_H
#define L4_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef uint8_t l4_uint8_t;
typedef uint16_t l4_uint16_t;
typedef uint32_t l4_uint32_t;
typedef uint64_t l4_uint64_t;
typedef int32_t l4_int32_t;
typedef int64_t l4_int64_t;
typedef unsigned long l4_umword_t;
typedef long l4_mword_t;
typedef unsigned long l4_addr_t;
typedef unsigned long l4_size_t;
/* A call's result: 0 or a negated L4_E* code (16 bits since 2026; older code stores it in a long). */
typedef int16_t l4_ret_t;
/* A capability selector: slot << L4_CAP_SHIFT. */
typedef unsigned long l4_cap_idx_t;

enum {
  L4_CAP_SHIFT = 12,
  L4_CAP_SIZE = 1 << L4_CAP_SHIFT,
  L4_INVALID_CAP_BIT = 0x800,
};

#define L4_CAP_MASK (~0UL << (L4_CAP_SHIFT - 1))

#define L4_INVALID_CAP (~0UL << 11)
/* The task's own capability, and the unmap flag cap_alloc.free passes by default. */
#define L4_BASE_TASK_CAP (1UL << L4_CAP_SHIFT)
#define L4_FP_ALL_SPACES 0x80000000U
#define L4_FP_DELETE_OBJ 0xc0000000U

static inline unsigned l4_is_invalid_cap(l4_cap_idx_t c) {
  return (c & L4_INVALID_CAP_BIT) != 0;
}

static inline unsigned l4_is_valid_cap(l4_cap_idx_t c) {
  return (c & L4_INVALID_CAP_BIT) == 0;
}

#endif
