/**
 * The two steps of an interleaved client that the world property has no
 * command for: one Print message of a text through the client's own session,
 * and a look at one session's lines on the console. Each runs on both systems
 * when the scheduler lets it through, writes its transcript line, and is
 * followed by every invariant of the pair (check_all), as a World_command is.
 */
import type { Cap } from '../../l4re/cap.ts';
import { L4_IPC_NOT_EXISTENT_ERR } from '../../l4re/err.ts';
import { LOG_MORE, log_print_msg } from '../../l4re/log.ts';
import type { Account } from '../account.ts';
import { World_command, ret_text } from '../commands/command.ts';
import { text_text } from '../commands/session.ts';
import { type Pair, Violation } from '../pair.ts';

/** A client's own session, as it opened it: `alice` holds `s1` (id `alice.s1`) in slot `cap`. */
export interface Client_session {
  readonly client: number;
  readonly who: string;
  readonly name: string;
  readonly id: string;
  readonly cap: Cap;
  /** The session in the history: 1 for `s1`. */
  readonly number: number;
}

/** The lines session `id` printed so far, in order, its prefix `<id>: ` taken off. */
function session_lines(console: readonly string[], id: string): string[] {
  const prefix = `${id}: `;
  return console.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
}

/** One Print message through the client's own capability, even after it closed: then the reply is an error. */
export class Print_fragment extends World_command {
  /** The server's reply, once run. */
  reply: number | undefined;

  constructor(readonly session: Client_session, readonly fragment: string, readonly more: boolean) {
    super();
  }

  protected exec(acc: Account, pair: Pair): void {
    const { client: c, cap } = this.session;
    const line = this.describe();
    const r = this.call(acc, pair, line, (sys) => sys.clients[c]!.invoke(cap, log_print_msg(this.fragment, this.more ? LOG_MORE : 0)).ret);
    // Through its own RW capability a print is `ok` while the session lives, `dead` once it is closed.
    const outcome = acc.print(acc.handle_at(c, cap), this.fragment, this.more);
    const want = outcome === 'ok' ? 0 : L4_IPC_NOT_EXISTENT_ERR;
    if (r !== want) throw new Violation(`${line} returned ${ret_text(r)}, but the account expects ${ret_text(want)} (${outcome})`);
    this.reply = r;
  }

  protected describe(): string {
    const { who, name } = this.session;
    return `${who}: ${name}.print(${text_text(this.fragment)}${this.more ? ', LOG_MORE' : ''})`;
  }
}

/** Client `who` reads the console: the lines `session` printed so far. What it may see, the history's check says. */
export class Look extends World_command {
  /** What the client saw, once run. */
  lines: readonly string[] | undefined;

  constructor(readonly who: string, readonly session: Client_session) {
    super();
  }

  protected exec(acc: Account, pair: Pair): void {
    const shown = (lines: readonly string[]) => `[${lines.map(text_text).join(', ')}]`;
    this.lines = this.call(acc, pair, this.describe(), (sys) => session_lines(sys.console, this.session.id), shown);
  }

  protected describe(): string {
    return `${this.who}: console_lines(${this.session.name})`;
  }
}
