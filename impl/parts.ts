/**
 * Parts: the one way to swap a part of an assembly (the world, the allocator)
 * for a subclass that overrides one protected seam (a planted bug). An
 * assembly's parts are a record of the classes it is built from; its entry
 * point takes a Partial of them, and every builder gets the classes it builds
 * as a constructor argument from whoever builds it, never from a global.
 *
 *   create_world(config, { Rm: Off_by_a_page_rm })      create_malloc_with({ Tlsf: Short_grow_tlsf })
 *
 *   World_parts (world.ts)   built by                     with
 *   Kernel                   create_world                 (config, parts)
 *   Object_table             Kernel                       ()
 *   Cap_alloc                Impl_task                    (task, base slot, slot count)
 *   Mem_alloc, Rm            Impl_task                    (task)
 *   Impl_task                Kernel (loader, new_task)    (kernel, name, parts)
 *   Registry_server          boot                         (server task, parts)
 *   Object_registry          Registry_server              (server)
 *   Session_factory          boot                         (server, console, parts)
 *   Log_session              Session_factory              (id, console)
 *
 *   Malloc_parts (malloc.ts) built by                     with
 *   Impl_allocator           create_malloc_with           (task, parts)
 *   Large_blocks             Impl_allocator               (task)
 *   Tlsf                     Impl_allocator.in_arena      Tlsf.map(task, need, retired): a subclass
 *                                                         overrides map, which builds a plain Tlsf
 *   Slabs                    Impl_allocator.in_arena      (tlsf)
 *
 *   Shared_heap_parts        built by                     with
 *   Heap_lock                Shared_heap (shared_heap.ts) (words, index): its lock word
 */

/** The parts `defaults` with those of `swap` swapped in. */
export function with_parts<P extends object>(defaults: P, swap: Partial<P> = {}): P {
  return { ...defaults, ...swap };
}
