/*
 * The slides' naive malloc() ("Naive malloc()", sessions and dynamic memory),
 * pasted as it is, with the #include lines a student adds and the closing
 * brace the slide leaves off; free() does nothing, and realloc() asks the
 * region map how big the old block's region is (a block is all of its
 * region here) to copy it.
 *
 * Each block gets a slot, a dataspace and a region of its own, and nothing
 * is ever given back. `void *malloc(unsigned size)` is a C++ overload
 * (_Z6mallocj), not libc's malloc(size_t): l4check grades it all the same.
 *
 * BUG: free() gives nothing back, so every block's slot, dataspace and region
 * leak (fail leak, named at the mem_alloc()->alloc line), and utilization is
 * terrible: a page at least for every block. Also: malloc(0) asks mem_alloc
 * for 0 bytes (-L4_EINVAL), and a request of 4 GiB or more is cut to 32 bits.
 */
#include <l4/re/env>
#include <l4/re/mem_alloc>
#include <l4/re/rm>
#include <l4/re/dataspace>
#include <l4/re/util/cap_alloc>
#include <stdlib.h>
#include <string.h>

void *malloc(unsigned size) {
    L4::Cap<L4Re::Dataspace> ds
        = L4Re::Util::cap_alloc.alloc<L4Re::Dataspace>();
    if (!ds.is_valid()) return 0;
    long err = L4Re::Env::env()->mem_alloc()->alloc(size, ds);
    if (err) return 0;
    void *addr = 0;
    err = L4Re::Env::env()->rm()->attach(&addr, size,
        L4Re::Rm::Search_addr | L4Re::Rm::F::RW, ds);
    if (err) return 0;
    return addr;
}

void free(void *) {}

void *realloc(void *p, unsigned size) {
    void *n = malloc(size);
    if (p && n) {
        l4_addr_t start = (l4_addr_t)p;
        unsigned long len;
        L4Re::Rm::Offset offs;
        L4Re::Rm::Flags flags;
        L4::Cap<L4Re::Dataspace> ds;
        L4Re::Env::env()->rm()->find(&start, &len, &offs, &flags, &ds);
        memcpy(n, p, len < size ? len : size);
    }
    return n;
}
