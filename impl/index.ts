/**
 * impl: the optimized L4Re world. create_world and boot take an optional
 * Partial<World_parts> to swap single classes (see parts.ts).
 */
export { boot } from './log_server.ts';
export { create_world, Impl_world, WORLD_PARTS, type World_parts } from './world.ts';
export { with_parts } from './parts.ts';
export { Kernel } from './kernel.ts';
export { Impl_task } from './task.ts';
export { Object_table } from './object_table.ts';
export { Cap_table } from './cap_table.ts';
export { Slot_bitmap } from './bitmap.ts';
export { Cap_alloc } from './cap_alloc.ts';
export { Mem_alloc } from './mem_alloc.ts';
export { Dataspace } from './dataspace.ts';
export { Region_tree } from './region_tree.ts';
export { Rm } from './rm.ts';
export { Object_registry } from './object_registry.ts';
export { Registry_server } from './registry_server.ts';
export { Session_factory } from './session_factory.ts';
export { Log_session } from './log_session.ts';
