// AssemblyScript entry: malloc/free/realloc over the runtime's TLSF heap
// (`heap.alloc`/`heap.free`/`heap.realloc`), with l4check's Allocator semantics
// for null and size 0. Built by bench/alloc_as_tlsf.ts with `--runtime minimal`
// (TLSF, no GC work: nothing here is managed). Not part of the TypeScript build.
//
// Sizes arrive as f64 so that a request of 2^32 bytes or more is not wrapped
// modulo 2^32 by the JS → i32 conversion: `<usize>` saturates it, and TLSF
// rejects anything above its 1 GiB block limit through `abort`.

export function malloc(size: f64): usize {
  return size == 0 ? 0 : heap.alloc(<usize>size);
}

export function free(ptr: usize): void {
  heap.free(ptr);
}

export function realloc(ptr: usize, size: f64): usize {
  if (ptr == 0) return malloc(size);
  if (size == 0) {
    heap.free(ptr);
    return 0;
  }
  return heap.realloc(ptr, <usize>size);
}
