/* Does not compile: for the build's error line. */
#include "mm.h"

void *mm_malloc(size_t n) {
  return n +;
}
