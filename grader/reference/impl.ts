/** The reference a TypeScript submission's throughput is measured against: l4check's optimized allocator, run as a submission. */
export { create_malloc as default } from '../../impl/malloc.ts';
