/**
 * The history an interleaving records, and its check: a write per text sent
 * (refused once its session is closed), a read per look; every run's history
 * is linearizable, and a look doctored to see a line no write wrote is not,
 * with that look as the witness. A refused write adds no line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { L4_EOK, L4_IPC_NOT_EXISTENT_ERR } from '../../l4re/err.ts';
import { Account } from '../account.ts';
import type { History, Operation } from '../linearizability/history.ts';
import type { Log_input, Log_output } from '../linearizability/models/log_sessions.ts';
import { returned } from '../linearizability/ops.fixture.ts';
import { boot_pair } from '../program.ts';
import { WORLDS } from '../worlds.ts';
import { interleave_config } from './interleave_property.ts';
import { check_log_history } from './log_history.ts';
import { type Client_plan, client_plans } from './plan.ts';
import { Scheduled_clients } from './scheduled_clients.ts';

type Log_op = Operation<Log_input, Log_output>;

const runs = fc.tuple(fc.scheduler(), client_plans).map(([s, plans]) => ({ s, plans }));

/** The history of model and impl run side by side, the scheduler `s` picking the order. */
async function history_of({ s, plans }: { readonly s: fc.Scheduler; readonly plans: readonly Client_plan[] }) {
  const config = interleave_config(plans.length);
  const acc = new Account(config);
  return new Scheduled_clients(s, acc, boot_pair(acc, WORLDS.model, WORLDS.impl, config)).run_all(plans);
}

/** Client c's calls are its plan's steps, in order: all of them, or up to the first write that was refused. */
function expect_plan_followed(history: History<Log_input, Log_output>, plan: Client_plan, c: number, clients: number): void {
  const ops = history.filter((op) => op.client === c);
  const refused = ops.findIndex((op) => op.input.op === 'write' && op.response!.output !== L4_EOK);
  expect(ops.length).toBe(refused < 0 ? plan.steps.length : refused + 1);
  const planned = plan.steps.map((st): Log_input => (st.op === 'write' ? { op: 'write', session: c + 1, text: st.text } : { op: 'read', session: (st.session % clients) + 1 }));
  expect(ops.map((op) => op.input)).toEqual(planned.slice(0, ops.length));
}

/** `look` saw one more line: one that no write of its session wrote. */
function doctored(history: History<Log_input, Log_output>, look: Log_op): History<Log_input, Log_output> {
  const saw = look.response!.output as readonly string[];
  return history.map((op) => (op === look ? { ...op, response: { ...op.response!, output: [...saw, 'forged'] } } : op));
}

describe('the history of an interleaving', () => {
  it('has a write per text and a read per look; linearizable, and not once a look is doctored (seed 11)', async () => {
    const seen = { reads: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(runs, async (run) => {
        const history = await history_of(run);
        expect(history.every((op) => op.response !== undefined)).toBe(true);
        run.plans.forEach((plan, c) => expect_plan_followed(history, plan, c, run.plans.length));
        expect(() => check_log_history(history)).not.toThrow();
        seen.refused += history.filter((op) => op.response!.output === L4_IPC_NOT_EXISTENT_ERR).length;
        const look = history.find((op) => op.input.op === 'read');
        if (look === undefined) return;
        seen.reads++;
        expect(() => check_log_history(doctored(history, look))).toThrow(
          new RegExp(`^log history: not linearizable: in part "session ${look.input.session}" .*\\n.*read\\(s${look.input.session}\\) -> \\[.*"forged"\\]`),
        );
      }),
      { seed: 11, numRuns: 200 },
    );
    expect(seen.reads).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(20);
  });

  it('a write refused with an error wrote nothing', () => {
    const write = { op: 'write', session: 1, text: 'hello' } as const;
    const read = { op: 'read', session: 1 } as const;
    const refused = returned<Log_input, Log_output>(0, write, [0, 1], L4_IPC_NOT_EXISTENT_ERR);
    expect(() => check_log_history([refused, returned(1, read, [2, 3], [])])).not.toThrow();
    expect(() => check_log_history([refused, returned(1, read, [2, 3], ['hello'])])).toThrow(/^log history: not linearizable/);
    expect(() => check_log_history([returned(0, write, [0, 1], L4_EOK), returned(1, read, [2, 3], [])])).toThrow(/^log history: not linearizable/);
  });
});
