/**
 * The world property: random programs of clients, the logging server and the
 * memory services, run on a reference and a candidate world side by side.
 */
import fc from 'fast-check';
import {
  L4_CAP_FPAGE_R,
  L4_CAP_FPAGE_RO,
  L4_CAP_FPAGE_RW,
  L4_CAP_FPAGE_RWS,
  L4_CAP_FPAGE_RWSD,
  L4_CAP_FPAGE_S,
} from '../l4re/cap.ts';
import { LOG_MAX_FRAGMENT, LOG_MAX_TEXT } from '../l4re/log.ts';
import {
  L4_PAGESIZE,
  L4RE_CAP_ALLOC_BASE,
  L4RE_RM_F_R,
  L4RE_RM_F_RW,
  L4RE_RM_F_RWX,
} from '../l4re/mem.ts';
import type { Boot_config } from '../l4re/world.ts';
import type { Account } from './account.ts';
import { Codec } from './commands/codec.ts';
import { Access, Attach, type Attach_place, type Attach_size, Detach, Ds_alloc, Slot_alloc } from './commands/memory.ts';
import {
  CREATE_ARGS,
  Close,
  Create,
  Delete,
  Forge,
  Free_again,
  Guess,
  Kick,
  Pass,
  Write,
} from './commands/session.ts';
import type { Pair } from './pair.ts';
import { run_program } from './program.ts';
import type { World_under_test } from './worlds.ts';

export const CLIENTS = ['alice', 'bob', 'carol'] as const;

/** A client pick; resolved at run time, preferring clients that hold what the command needs. */
const client = fc.nat({ max: 63 });
/** A pick among live things; resolved modulo their number at run time. */
const which = fc.nat({ max: 63 });

/** Texts: mostly short, some right at the message limit, some over many messages, rarely too long. */
const text = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  {
    weight: 2,
    arbitrary: fc
      .integer({ min: LOG_MAX_FRAGMENT - 1, max: 3 * LOG_MAX_FRAGMENT + 1 })
      .chain((n) => fc.constantFrom(n, LOG_MAX_FRAGMENT, LOG_MAX_FRAGMENT + 1))
      .map((n) => long_text(n)),
  },
  { weight: 1, arbitrary: fc.constant(long_text(LOG_MAX_TEXT + 1)) },
);

/** A fragment that fits one message. */
const fragment = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 16 }),
  fc.constantFrom(long_text(LOG_MAX_FRAGMENT)),
);

/** `<0><1><2>…` cut to `n` characters: where a fragment ends can be read off the text. */
export function long_text(n: number): string {
  let s = '';
  for (let i = 0; s.length < n; i++) s += `<${i}>`;
  return s.slice(0, n);
}

const rights = fc.constantFrom(
  L4_CAP_FPAGE_RWSD,
  L4_CAP_FPAGE_RWS,
  L4_CAP_FPAGE_RW,
  L4_CAP_FPAGE_RO,
  L4_CAP_FPAGE_R | L4_CAP_FPAGE_S,
);

/**
 * Sizes where bugs live: 0, 1, a page ±1, several pages, and past the quota;
 * mostly a few whole pages (±1 byte), so that regions of equal and neighbouring
 * sizes meet in the address space.
 */
const ds_size = fc.oneof(
  fc.constantFrom(0, 1, L4_PAGESIZE - 1, L4_PAGESIZE, L4_PAGESIZE + 1, 3 * L4_PAGESIZE, 1 << 30, -1),
  fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(-1, 0, 0, 1)).map(([k, d]) => k * L4_PAGESIZE + d),
  fc.integer({ min: 1, max: 16 * L4_PAGESIZE }),
);

const slot = fc.oneof(
  fc.nat({ max: 8 }),
  fc.integer({ min: L4RE_CAP_ALLOC_BASE, max: L4RE_CAP_ALLOC_BASE + 24 }),
  fc.nat({ max: 65535 }),
);

type Cmd = fc.Arbitrary<fc.Command<Account, Pair>>;
const w = (weight: number, arbitrary: Cmd) => ({ weight, arbitrary });

/** The command mix, weighted towards calls that succeed and build up state. */
export const WORLD_COMMAND: Cmd = fc.oneof(
  w(6, fc.tuple(client, fc.oneof(fc.constant(0), which)).map(([c, v]) => new Create(c, v, 0, 'id'))),
  w(
    2,
    fc
      .tuple(client, which, fc.oneof(fc.constant(0), fc.integer({ min: -2, max: 3 })), fc.constantFrom(...CREATE_ARGS))
      .map(([c, v, t, a]) => new Create(c, v, t, a)),
  ),
  w(8, fc.tuple(client, which, text).map(([c, v, t]) => new Write(c, v, t, false))),
  w(3, fc.tuple(client, which, fragment).map(([c, v, t]) => new Write(c, v, t, true))),
  w(2, fc.tuple(client, which, which, fc.string({ maxLength: 8 })).map(([c, v, x, t]) => new Forge(c, v, x, t))),
  w(1, fc.tuple(client, slot, fc.string({ maxLength: 8 })).map(([c, s, t]) => new Guess(c, s, t))),
  w(3, fc.tuple(client, which, client, rights).map(([f, v, t, r]) => new Pass(f, v, t, r))),
  w(3, fc.tuple(client, which).map(([c, v]) => new Close(c, v))),
  w(1, fc.tuple(client, which).map(([c, x]) => new Free_again(c, x))),
  w(1, fc.tuple(client, which).map(([c, v]) => new Delete(c, v))),
  w(1, which.map((x) => new Kick(x))),
  w(4, fc.tuple(client, ds_size).map(([c, s]) => new Ds_alloc(c, s))),
  w(
    6,
    fc
      .tuple(
        client,
        which,
        fc.constantFrom<Attach_place>('search', 'search_below', 'search_below', 'fixed_near', 'fixed_far', 'below_start'),
        which,
        fc.constantFrom<Attach_size>('whole', 'whole', 'whole', 'whole', 'pages', 'pages', 'bytes', 'past_end'),
        fc.oneof(fc.nat({ max: 8 }), fc.constantFrom(0, 1, L4_PAGESIZE + 1)),
        fc.constantFrom(0, 0, 0, 0, 0, 0, L4_PAGESIZE, 100),
        fc.constantFrom(L4RE_RM_F_RW, L4RE_RM_F_RW, L4RE_RM_F_R, L4RE_RM_F_RWX, 0),
      )
      .map(([c, v, p, x, h, n, o, f]) => new Attach(c, v, p, x, h, n, o, f)),
  ),
  w(2, fc.tuple(client, which, fc.boolean()).map(([c, x, s]) => new Detach(c, x, s))),
  w(
    5,
    fc
      .tuple(client, which, fc.integer({ min: -8, max: 5 * L4_PAGESIZE }), fc.integer({ min: 0, max: 2 * L4_PAGESIZE }), fc.boolean())
      .map(([c, x, o, l, wr]) => new Access(c, x, o, l, wr)),
  ),
  w(1, client.map((c) => new Slot_alloc(c))),
);

/** Every world command as data: its class and constructor fields, for counterexample files. */
export const WORLD_CODEC = new Codec<fc.Command<Account, Pair>>({
  Create: [Create, ['client', 'via', 'type', 'args']],
  Write: [Write, ['client', 'via', 'text', 'more']],
  Forge: [Forge, ['client', 'via', 'victim', 'text']],
  Guess: [Guess, ['client', 'slot', 'text']],
  Pass: [Pass, ['from', 'via', 'to', 'rights']],
  Close: [Close, ['client', 'via']],
  Free_again: [Free_again, ['client', 'which']],
  Delete: [Delete, ['client', 'via']],
  Kick: [Kick, ['which']],
  Ds_alloc: [Ds_alloc, ['client', 'size']],
  Attach: [Attach, ['client', 'via', 'place', 'where', 'how', 'n', 'offset', 'flags']],
  Detach: [Detach, ['client', 'which', 'stray']],
  Access: [Access, ['client', 'which', 'offset', 'len', 'write']],
  Slot_alloc: [Slot_alloc, ['client']],
});

/** Small quotas and slot ranges, so that exhaustion paths run too. */
export const boot_config: fc.Arbitrary<Boot_config> = fc.record({
  quota: fc.constantFrom(16 * L4_PAGESIZE, 256 * L4_PAGESIZE),
  cap_alloc_slots: fc.constantFrom(6, 4096),
  clients: fc.constant([...CLIENTS]),
});

/** A boot configuration and a program of up to `max_commands` commands. */
export function world_programs(max_commands: number) {
  return fc.tuple(boot_config, fc.commands([WORLD_COMMAND], { maxCommands: max_commands, size: 'max' }));
}

export function world_property(ref: World_under_test, cand: World_under_test, max_commands: number) {
  return fc.property(world_programs(max_commands), ([config, cmds]) => {
    run_program(ref, cand, config, cmds);
  });
}
