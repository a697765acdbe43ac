/**
 * What must hold after every command, on both systems:
 * - each world's own check_invariants(), a walk over every table: after every
 *   WALK_EVERY-th command (walk_due), at setup, when the program's commands
 *   are done and after teardown, and at once when any check fails;
 * - model and impl agree on stats() and on the console;
 * - log integrity and unforgeable labels: the console is exactly the lines the
 *   account expects (each session's texts, in order, with its own id, and only
 *   through capabilities its holder was given);
 * - no leaked capabilities: every count in stats() is what the account holds.
 */
import type { Log_system, World, World_stats } from '../l4re/world.ts';
import type { Account } from './account.ts';
import { type Pair, Violation, show } from './pair.ts';

/**
 * A world's invariant walk costs as much as the rest of a command's checks
 * together; a broken invariant that lasts is still seen within this many commands.
 */
const WALK_EVERY = 8;

/** Whether the walk is due after the `n`-th command of a program. */
export function walk_due(n: number): boolean {
  return n % WALK_EVERY === 0;
}

/**
 * Run `step` (a command); if it fails, walk `worlds` first: a broken table
 * invariant, the deeper cause of what the harness saw, is what gets reported.
 */
export function walk_on_failure(worlds: readonly World[], step: () => void): void {
  try {
    step();
  } catch (e) {
    for (const w of worlds) w.check_invariants();
    throw e;
  }
}

export function check_all(acc: Account, pair: Pair, walk = true): World_stats {
  if (walk) {
    pair.ref.world.check_invariants();
    pair.cand.world.check_invariants();
  }
  const stats = pair.both('stats()', (s) => s.world.stats());
  check_console(acc, pair.ref.console, pair.ref_world.name);
  check_console(acc, pair.cand.console, pair.cand_world.name);
  check_counts(acc, pair.ref, stats);
  return stats;
}

/** The system's console is exactly the account's: then model and impl agree on it too. */
function check_console(acc: Account, console: readonly string[], who: string): void {
  const n = Math.max(console.length, acc.console.length);
  for (let i = 0; i < n; i++) {
    if (console[i] !== acc.console[i]) {
      throw new Violation(
        `log integrity: ${who} console line ${i + 1} is ${show(console[i])}, expected ${show(acc.console[i])}`,
      );
    }
  }
}

function expect_count(what: string, got: number, want: number): void {
  if (got !== want) throw new Violation(`leak check: ${what} is ${got}, expected ${want}`);
}

function check_counts(acc: Account, sys: Log_system, stats: World_stats): void {
  const sessions = acc.alive_sessions().length;
  expect_count('registered objects', stats.objects, 1 + sessions);
  expect_count('live gates', stats.gates, 1 + sessions);
  expect_count('live dataspaces', stats.dataspaces, acc.dataspaces.filter((d) => d.alive).length);
  expect_count('quota used', stats.quota_used, acc.quota_used());
  const by_name = new Map(stats.tasks.map((t) => [t.name, t]));
  expect_count(`${sys.server.name} slots`, by_name.get(sys.server.name)?.slots ?? -1, sessions);
  acc.clients.forEach((name, c) => {
    const t = by_name.get(name);
    expect_count(`${name} slots`, t?.slots ?? -1, acc.handles_of(c, (h) => !h.env).length);
    expect_count(`${name} regions`, t?.regions ?? -1, acc.regions.filter((r) => r.owner === c).length);
  });
}
