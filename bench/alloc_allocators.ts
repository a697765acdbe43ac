/** The allocators of the alloc benchmark, in table order. */
import { as_tlsf_bench } from './alloc_as_tlsf.ts';
import { glibc_bench } from './alloc_glibc.ts';
import type { Bench_allocator } from './alloc_run.ts';
import { impl_bench, model_bench } from './alloc_simulated.ts';
import { thing_bench } from './alloc_thing.ts';

export const BENCH_ALLOCATORS: readonly Bench_allocator[] = [impl_bench, model_bench, thing_bench, as_tlsf_bench, glibc_bench];
