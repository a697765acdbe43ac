import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOCATORS } from '../allocators.ts';
import { ALLOC_CODEC, alloc_programs, run_alloc_program } from '../alloc_property.ts';
import { Malloc } from '../alloc/commands.ts';
import { run_program } from '../program.ts';
import { WORLD_CODEC, world_programs } from '../world_property.ts';
import { WORLDS } from '../worlds.ts';
import type { Codec } from './codec.ts';

const { model, impl } = WORLDS;

/** Through JSON text and back, as a counterexample file takes it. */
function round_trip<C extends object>(codec: Codec<C>, ran: readonly object[]): C[] {
  const text = JSON.stringify(ran.map((c) => codec.encode(c as C)));
  return (JSON.parse(text) as unknown[]).map((d) => codec.decode(d));
}

describe('commands as data: a decoded program runs exactly as the generated one', () => {
  it('world programs: the same transcript, and every command class is covered', () => {
    const seen = new Set<string>();
    for (const [config, cmds] of fc.sample(world_programs(60), { seed: 11, numRuns: 40 })) {
      const first = run_program(model, impl, config, cmds);
      for (const c of first.ran) seen.add(WORLD_CODEC.encode(c as never)[0]);
      const again = run_program(model, impl, JSON.parse(JSON.stringify(config)), round_trip(WORLD_CODEC, first.ran));
      expect(again.transcript).toEqual(first.transcript);
    }
    expect([...seen].sort()).toEqual(Object.keys(WORLD_CODEC.entries).sort());
  });

  it('allocator programs: the same transcript, and every command class is covered', () => {
    const seen = new Set<string>();
    for (const cmds of fc.sample(alloc_programs(60), { seed: 11, numRuns: 40 })) {
      const first = run_alloc_program(ALLOCATORS.model, ALLOCATORS.impl, cmds);
      for (const c of first.ran) seen.add(ALLOC_CODEC.encode(c as never)[0]);
      const again = run_alloc_program(ALLOCATORS.model, ALLOCATORS.impl, round_trip(ALLOC_CODEC, first.ran));
      expect(again.transcript).toEqual(first.transcript);
    }
    expect([...seen].sort()).toEqual(Object.keys(ALLOC_CODEC.entries).sort());
  });

  it('keeps the numbers JSON cannot hold', () => {
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const d = JSON.parse(JSON.stringify(ALLOC_CODEC.encode(new Malloc(n))));
      expect(d).toEqual(['Malloc', { $number: String(n) }]);
      expect((ALLOC_CODEC.decode(d) as Malloc).size).toBe(n);
    }
  });

  it('names what is wrong with a command it cannot decode', () => {
    expect(() => ALLOC_CODEC.decode({ Malloc: 3 })).toThrow(/not a command: \{"Malloc":3\}/);
    expect(() => ALLOC_CODEC.decode(['Calloc', 3])).toThrow(/unknown command "Calloc" \(known: Malloc, Pointer_call, Malloc_many, Free_most\)/);
    expect(() => ALLOC_CODEC.decode(['Malloc'])).toThrow(/Malloc takes 1 arguments \(size\), got 0/);
    expect(() => ALLOC_CODEC.decode(['Pointer_call', {}, {}, 3])).toThrow(/Pointer_call takes 1 to 2 arguments \(target, resize\?\), got 3/);
    expect(() => ALLOC_CODEC.decode(['toString'])).toThrow(/unknown command "toString"/);
  });
});
