/**
 * Run one differential program: boot both systems, run the commands that pass
 * their check, tear everything down, and demand that every count is back at its
 * baseline. A failure carries the transcript: the program as it ran, one call a
 * line, ending with the call that failed.
 */
import type fc from 'fast-check';
import { L4_CAP_FPAGE_RWS, cap_of_slot } from '../l4re/cap.ts';
import { hex } from '../l4re/hex.ts';
import type { Boot_config } from '../l4re/world.ts';
import { Account } from './account.ts';
import type { Transcribed } from './commands/command.ts';
import { check_all } from './invariants.ts';
import { Pair, Violation, same, show } from './pair.ts';
import type { World_under_test } from './worlds.ts';

export class Program_failure extends Error {
  override readonly name = 'Program_failure';

  constructor(
    override readonly cause: Error,
    readonly transcript: readonly string[],
    /** The commands that ran, ending with the one that failed (none if setup failed). */
    readonly commands: readonly object[],
  ) {
    super(`${cause.name}: ${cause.message}\n${transcript.map((l) => `  ${l}`).join('\n')}`);
  }
}

/** Commands run so far in this process, for the verify table. */
export const executed = { commands: 0 };

/** The slot env capability `log_server` takes: the first environment slot. */
const LOG_SERVER_CAP = cap_of_slot(1);

/**
 * Set up, run every command that passes its check, tear down: all of it inside
 * one transcript, so that any failure becomes a Program_failure carrying the
 * program as it ran. The one loop every property of l4check runs through.
 */
export function run_transcribed<M extends Transcribed, R>(
  m: M,
  setup: () => R,
  cmds: Iterable<fc.Command<M, R>>,
  teardown: (r: R) => void,
): M {
  /** m.ran's length when teardown began: commands teardown runs are not the program's. */
  let program_end: number | undefined;
  try {
    const r = setup();
    for (const c of cmds) {
      if (!c.check(m)) continue;
      executed.commands++;
      c.run(m, r);
    }
    program_end = m.ran.length;
    teardown(r);
  } catch (e) {
    throw e instanceof Program_failure ? e : new Program_failure(e as Error, m.transcript, m.ran.slice(0, program_end));
  }
  m.ran.length = program_end;
  return m;
}

export function run_program(
  ref: World_under_test,
  cand: World_under_test,
  config: Boot_config,
  cmds: Iterable<fc.Command<Account, Pair>>,
): Account {
  const acc = new Account(config);
  return run_transcribed(acc, () => boot_pair(acc, ref, cand, config), cmds, (pair) => teardown(acc, pair));
}

/** Boot both systems; every client holds the factory as `log_server` in slot 1; the baseline is taken. */
export function boot_pair(acc: Account, ref: World_under_test, cand: World_under_test, config: Boot_config): Pair {
  const pair = new Pair(ref, cand, config);
  config.clients.forEach((_, c) => {
    acc.add_handle({ name: 'log_server', owner: c, cap: LOG_SERVER_CAP, target: { kind: 'factory' }, rights: L4_CAP_FPAGE_RWS, env: true });
  });
  const env = pair.both('get_cap("log_server")', (sys) => sys.clients.map((t) => t.get_cap('log_server')));
  if (env.some((cap) => cap !== LOG_SERVER_CAP)) throw new Violation(`log_server is not in slot 1: ${show(env)}`);
  acc.baseline = check_all(acc, pair);
  return pair;
}

/** Every client detaches every region and frees every slot; the world must be as booted. */
export function teardown(acc: Account, pair: Pair): void {
  check_all(acc, pair);
  acc.say('// teardown');
  for (const r of [...acc.regions]) {
    const call = `${acc.clients[r.owner]}: rm.detach(${hex(r.addr)})`;
    acc.say(call);
    const ret = pair.both(call, (sys) => sys.clients[r.owner]!.rm.detach(r.addr));
    if (ret !== 0) throw new Violation(`${call} returned ${ret} for an attached region`);
    acc.regions.splice(acc.regions.indexOf(r), 1);
    acc.drop_copy({ kind: 'ds', ds: r.ds });
  }
  for (const h of acc.handles.filter((x) => !x.env)) {
    const call = `${acc.clients[h.owner]}: cap_alloc.free(${h.name})`;
    acc.say(call);
    const ret = pair.both(call, (sys) => sys.clients[h.owner]!.cap_alloc.free(h.cap));
    if (ret !== 0) throw new Violation(`${call} returned ${ret} for an allocated slot`);
    acc.remove_handle(h);
  }
  const stats = check_all(acc, pair);
  if (!same(stats, acc.baseline)) {
    throw new Violation(`leak after teardown: stats ${show(stats)}, baseline ${show(acc.baseline)}`);
  }
}
