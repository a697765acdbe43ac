/**
 * l4check's L4Re API: the names, codes and interfaces a program on L4Re sees,
 * shared by the reference world (model/), the optimized world (impl/) and
 * student submissions. See docs/GLOSSARY.md for each name's L4Re original.
 */
export * from './err.ts';
export * from './cap.ts';
export * from './ipc.ts';
export * from './epiface.ts';
export * from './mem.ts';
export * from './memory.ts';
export * from './alloc.ts';
export type * from './task.ts';
export type * from './world.ts';
export * from './factory.ts';
export * from './log.ts';
