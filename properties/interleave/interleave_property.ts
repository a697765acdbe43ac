/**
 * The interleaving property: two to four clients of the logging server write
 * texts (long ones in several messages) at once, and the scheduler picks the
 * order in which their messages reach the server; some close their session
 * mid-text. For every order, on a reference and a candidate world side by side:
 * - after each message, the console is exactly the account's: every session's
 *   lines are its own texts, whole, in its order, under its own id (check_all);
 * - a session closed mid-text loses that text and nothing else;
 * - the clients' history is linearizable (check_log_history);
 * - after teardown every count is back at its baseline: nothing leaks.
 * A failure is a Program_failure whose transcript is the interleaving as it
 * ran: the calls in the order they reached the server.
 */
import fc from 'fast-check';
import { L4_PAGESIZE } from '../../l4re/mem.ts';
import type { Boot_config } from '../../l4re/world.ts';
import { Account } from '../account.ts';
import { Program_failure, boot_pair, teardown } from '../program.ts';
import type { World_under_test } from '../worlds.ts';
import { check_log_history } from './log_history.ts';
import { CLIENT_NAMES, type Client_plan, client_plans } from './plan.ts';
import { Scheduled_clients } from './scheduled_clients.ts';

export function interleave_property(ref: World_under_test, cand: World_under_test) {
  return fc.asyncProperty(fc.scheduler(), client_plans, async (s, plans) => {
    await run_interleaving(ref, cand, s, plans);
  });
}

/** One interleaving of `plans`, in the order `s` picks; the account, its transcript the calls in the order they ran. */
export async function run_interleaving(ref: World_under_test, cand: World_under_test, s: fc.Scheduler, plans: readonly Client_plan[]): Promise<Account> {
  const config = interleave_config(plans.length);
  const acc = new Account(config);
  try {
    const pair = boot_pair(acc, ref, cand, config);
    check_log_history(await new Scheduled_clients(s, acc, pair).run_all(plans));
    teardown(acc, pair);
    return acc;
  } catch (e) {
    throw e instanceof Program_failure ? e : new Program_failure(e as Error, acc.transcript, acc.ran);
  }
}

/** The first `clients` of CLIENT_NAMES, and a quota the sessions never reach. */
export function interleave_config(clients: number): Boot_config {
  return { quota: 16 * L4_PAGESIZE, clients: CLIENT_NAMES.slice(0, clients) };
}
