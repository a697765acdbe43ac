import { describe, expect, it } from 'vitest';
import { L4_PROTO_FACTORY, str } from '../l4re/ipc.ts';
import { log_print_msg } from '../l4re/log.ts';
import { Registry_server } from './registry_server.ts';
import { Session_factory } from './session_factory.ts';
import { create_world } from './world.ts';

describe('Session_factory', () => {
  it('makes plain Log_sessions when it is built without parts', () => {
    const w = create_world({ quota: 2 ** 30 });
    const srv = w.create_task('srv');
    const rs = new Registry_server(srv);
    const console: string[] = [];
    const factory = rs.registry.register_obj(new Session_factory(rs, console));
    const session = srv.cap_alloc.alloc();
    expect(srv.invoke(factory, { proto: L4_PROTO_FACTORY, opcode: 0, args: [str('x')], rcv: session })).toEqual({ ret: 0, words: [] });
    expect(srv.invoke(session, log_print_msg('hello', 0)).ret).toBe(0);
    expect(console).toEqual(['x: hello']);
    w.check_invariants();
  });
});
