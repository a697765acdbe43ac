/* Does not compile: line 5 calls what is not declared. */
#include <l4/re/env>

void *malloc(size_t size) throw() {
  return L4Re::Env::env()->heap()->alloc(size);
}
