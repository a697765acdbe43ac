import { describe, expect, it } from 'vitest';
import { L4_EINVAL, L4_ENOENT, L4_ENOSYS } from '../../l4re/err.ts';
import { L4_PROTO_LOG, str } from '../../l4re/ipc.ts';
import { boot_poor_man, poor_hello, poor_write } from '../../model/index.ts';

describe("poor man's log (model)", () => {
  const setup = () => {
    const sys = boot_poor_man({ quota: 0, clients: ['a', 'b'] });
    const [a, b] = sys.clients;
    return { sys, a: a!, b: b!, ca: a!.get_cap('log_server'), cb: b!.get_cap('log_server') };
  };

  it('hello hands out ids 0, 1, …; write prints under the id’s name', () => {
    const { sys, a, b, ca, cb } = setup();
    expect(poor_hello(a, ca, 'alice')).toBe(0);
    expect(poor_hello(b, cb, 'bob')).toBe(1);
    expect(poor_write(a, ca, 0, 'hi')).toBe(0);
    expect(sys.console).toEqual(['alice: hi']);
    expect(sys.server.name).toBe('logging');
    expect(sys.world.stats().objects).toBe(1);
  });

  it('trusts any id: bob can write as alice', () => {
    const { sys, a, b, ca, cb } = setup();
    poor_hello(a, ca, 'alice');
    poor_hello(b, cb, 'bob');
    expect(poor_write(b, cb, 0, 'I am alice')).toBe(0);
    expect(sys.console).toEqual(['alice: I am alice']);
  });

  it('rejects unknown ids, bad arguments and unknown opcodes', () => {
    const { a, ca } = setup();
    expect(poor_write(a, ca, 0, 'x')).toBe(-L4_ENOENT);
    expect(a.invoke(ca, { proto: L4_PROTO_LOG, opcode: 0, args: [] }).ret).toBe(-L4_EINVAL);
    expect(a.invoke(ca, { proto: L4_PROTO_LOG, opcode: 1, args: [str('x')] }).ret).toBe(-L4_EINVAL);
    expect(a.invoke(ca, { proto: L4_PROTO_LOG, opcode: 2, args: [] }).ret).toBe(-L4_ENOSYS);
    expect(poor_hello(a, 0x123, 'x')).toBe(-2004);
  });
});
