/**
 * Clients of the logging server at once, through fast-check's scheduler.
 * Each client opens its session (in turn, before any message), then goes
 * through its plan: a text is sent in fragments (log_fragments), one Print
 * message at a time, the next once the last one's reply came; a look reads
 * the console. Every message, look and close is in flight until the
 * scheduler lets it through, and only then reaches the server (its command
 * runs on both systems). The scheduler picks among all that is in flight, so
 * the clients' messages, fragments included, arrive in any order.
 *
 * The history has a write for each text, from its first message's send to its
 * last reply (L4_EOK, or the error that ended it: the rest of the text and the
 * client's later steps are not sent), and a read for each look.
 */
import type fc from 'fast-check';
import { log_fragments } from '../../l4re/log.ts';
import type { Account } from '../account.ts';
import type { World_command } from '../commands/command.ts';
import { Close, Create, Kick } from '../commands/session.ts';
import type { History } from '../linearizability/history.ts';
import type { Log_input, Log_output } from '../linearizability/models/log_sessions.ts';
import { History_recorder } from '../linearizability/recorder.ts';
import { type Pair, Violation } from '../pair.ts';
import { executed } from '../program.ts';
import { type Client_session, Look, Print_fragment } from './commands.ts';
import type { Client_plan, Close_plan } from './plan.ts';

export class Scheduled_clients {
  private readonly rec = new History_recorder<Log_input, Log_output>();
  private readonly sessions: Client_session[];

  /** Every client opens its session through the factory, `alice` first. */
  constructor(
    private readonly s: fc.Scheduler,
    private readonly acc: Account,
    private readonly pair: Pair,
  ) {
    this.sessions = acc.clients.map((who, c) => {
      this.run(new Create(c, 0, 0, 'id'));
      const h = acc.handles_of(c, (x) => !x.env)[0];
      const session = acc.sessions.at(-1);
      if (h === undefined || session === undefined) throw new Violation(`${who} could not open a session`);
      return { client: c, who, name: session.name, id: session.id, cap: h.cap, number: acc.sessions.length };
    });
  }

  /** Run client c's plan `plans[c]`, all at once, until every client is done; their history. */
  async run_all(plans: readonly Client_plan[]): Promise<History<Log_input, Log_output>> {
    await this.s.waitFor(Promise.all(plans.map((plan, c) => this.client(this.sessions[c]!, plan))));
    return this.rec.history();
  }

  private async client(me: Client_session, plan: Client_plan): Promise<void> {
    const close_at = plan.close === null ? -1 : Math.min(plan.close.during, plan.steps.length);
    const closing: Promise<unknown>[] = [];
    for (const [i, step] of plan.steps.entries()) {
      if (i === close_at) closing.push(this.close(me, plan.close!));
      if (step.op === 'look') await this.look(me, this.sessions[step.session % this.sessions.length]!);
      else if ((await this.write(me, step.text)) !== 0) break;
    }
    if (close_at === plan.steps.length) closing.push(this.close(me, plan.close!));
    await Promise.all(closing);
  }

  /** Send `text` in as many messages as it takes; the first error ends it. */
  private async write(me: Client_session, text: string): Promise<number> {
    const op = this.rec.invoke(me.client, { op: 'write', session: me.number, text });
    const parts = log_fragments(text);
    let reply = 0;
    for (let i = 0; i < parts.length && reply === 0; i++) {
      const print = new Print_fragment(me, parts[i]!, i < parts.length - 1);
      reply = (await this.arrive(String(print), () => print)).reply!;
    }
    this.rec.respond(op, reply);
    return reply;
  }

  private async look(me: Client_session, session: Client_session): Promise<void> {
    const op = this.rec.invoke(me.client, { op: 'read', session: session.number });
    const look = new Look(me.who, session);
    this.rec.respond(op, (await this.arrive(String(look), () => look)).lines!);
  }

  /** The client frees its capability, or the server unregisters the session, whatever is in flight. */
  private close(me: Client_session, plan: Close_plan): Promise<unknown> {
    if (plan.by === 'client') return this.arrive(`${me.who}: cap_alloc.free(${me.name})`, () => new Close(me.client, 0));
    return this.arrive(`logging: registry.unregister_obj(${me.name})`, () => {
      // Alive: only its own client's plan closes a session, and once. Kick picks counting back from the newest.
      const alive = this.acc.alive_sessions();
      return new Kick(alive.length - 1 - alive.findIndex((x) => x.id === me.id));
    });
  }

  /** The command `make` gives, run once the scheduler lets `label` through. */
  private async arrive<C extends World_command>(label: string, make: () => C): Promise<C> {
    await this.s.schedule(Promise.resolve(), label);
    return this.run(make());
  }

  private run<C extends World_command>(cmd: C): C {
    executed.commands++;
    cmd.run(this.acc, this.pair);
    return cmd;
  }
}
