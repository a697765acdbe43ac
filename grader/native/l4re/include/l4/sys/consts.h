/* l4check's L4Re shim: <l4/sys/consts.h>. */
#ifndef L4_SYS_CONSTS_H
#define L4_SYS_CONSTS_H

#include <l4/sys/types.h>

#define L4_PAGESHIFT 12
#define L4_PAGESIZE (1UL << L4_PAGESHIFT)
#define L4_PAGEMASK (~(L4_PAGESIZE - 1))
#define L4_SUPERPAGESHIFT 21
#define L4_SUPERPAGESIZE (1UL << L4_SUPERPAGESHIFT)

static inline l4_addr_t l4_round_page(l4_addr_t address) {
  return (address + L4_PAGESIZE - 1) & L4_PAGEMASK;
}

static inline l4_addr_t l4_trunc_page(l4_addr_t address) {
  return address & L4_PAGEMASK;
}

#endif
