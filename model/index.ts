/** The reference world: small, obviously right, slow is fine. */
export { create_world, World } from './world.ts';
export { boot } from './log_server.ts';
export { boot_poor_man, poor_hello, poor_write, type Poor_man_system } from './poor_man.ts';
