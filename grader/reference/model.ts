/** l4check's reference allocator, run as a submission (`l4check replay --allocator model`). */
export { create_malloc as default } from '../../model/malloc.ts';
