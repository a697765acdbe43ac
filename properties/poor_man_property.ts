/**
 * The slides' poor man's design under attack: one gate, and each client sends
 * the numeric id hello() gave it. The property "no client can write under
 * another client's id" must FAIL — fast-check finds a client claiming someone
 * else's id and shrinks it to a two-line program.
 */
import fc from 'fast-check';
import { boot_poor_man, poor_hello, poor_write, type Poor_man_system } from '../model/index.ts';
import { type Transcribed, Transcribed_command, ret_text } from './commands/command.ts';
import { text_text } from './commands/session.ts';
import { Violation } from './pair.ts';
import { run_transcribed } from './program.ts';
import { CLIENTS } from './world_property.ts';

abstract class Poor_command extends Transcribed_command<Transcribed, Poor_man_system> {
  check(): boolean {
    return true;
  }

  protected after(): void {}
}

class Hello extends Poor_command {
  constructor(readonly client: number) {
    super();
  }

  protected exec(s: Transcribed, sys: Poor_man_system): void {
    const name = CLIENTS[this.client]!;
    const task = sys.clients[this.client]!;
    s.transcript.push(`${name}: id = poor.hello(${JSON.stringify(name)})`);
    const id = poor_hello(task, task.get_cap('log_server'), name);
    s.transcript[s.transcript.length - 1] += `  // ${ret_text(id)}`;
  }

  protected describe(): string {
    return `hello(client ${this.client})`;
  }
}

/** A client writes with an id it claims: its own, or any number it likes. */
class Claim_write extends Poor_command {
  constructor(
    readonly client: number,
    readonly id: number,
    readonly text: string,
  ) {
    super();
  }

  protected exec(s: Transcribed, sys: Poor_man_system): void {
    const name = CLIENTS[this.client]!;
    const task = sys.clients[this.client]!;
    const lines = sys.console.length;
    s.transcript.push(`${name}: poor.write(${this.id}, ${text_text(this.text)})`);
    const r = poor_write(task, task.get_cap('log_server'), this.id, this.text);
    const line = sys.console[lines];
    s.transcript[s.transcript.length - 1] += `  // ${ret_text(r)}${line === undefined ? '' : `, prints ${JSON.stringify(line)}`}`;
    if (line !== undefined && !line.startsWith(`${name}: `)) {
      throw new Violation(`${name} wrote under another client's id: ${JSON.stringify(line)}`);
    }
  }

  protected describe(): string {
    return `write(client ${this.client}, id ${this.id}, ${text_text(this.text)})`;
  }
}

const client = fc.nat({ max: CLIENTS.length - 1 });

export function poor_man_property(max_commands: number) {
  const cmds = fc.commands(
    [
      client.map((c) => new Hello(c)),
      fc.tuple(client, fc.nat({ max: 3 }), fc.string({ maxLength: 8 })).map(([c, id, t]) => new Claim_write(c, id, t)),
    ],
    { maxCommands: max_commands },
  );
  return fc.property(cmds, (commands) => {
    run_transcribed<Transcribed, Poor_man_system>(
      { transcript: [], ran: [] },
      () => boot_poor_man({ quota: 1 << 20, clients: [...CLIENTS] }),
      commands,
      () => {},
    );
  });
}
