/**
 * A logging server that receives each text in fragments, one message each,
 * and appends the line when the last fragment arrives; other clients' messages
 * may come in between. Its reassembly buffer is per session, or, with the
 * planted bug, one for all sessions (the bug issue 16's interleavings must
 * find), which mixes the texts of sessions that write at once.
 */
import { L4_EOK } from '../../../l4re/err.ts';
import type { Log_input, Log_output } from '../models/log_sessions.ts';
import { type Concurrent_impl, atomically } from './simulate.fixture.ts';

/** Characters a message carries. */
export const FRAGMENT = 4;

interface Server {
  readonly lines: Map<number, string[]>;
  /** Reassembly buffers by session; the buggy server keeps all under key 0. */
  readonly buffers: Map<number, string>;
}

export function log_server(one_buffer_for_all: boolean): Concurrent_impl<Server, Log_input, Log_output> {
  return {
    init: () => ({ lines: new Map(), buffers: new Map() }),
    *run(server, input) {
      if (input.op === 'read') return yield* atomically(() => [...(server.lines.get(input.session) ?? [])]);
      const b = one_buffer_for_all ? 0 : input.session;
      for (let at = 0; at < input.text.length; at += FRAGMENT) {
        yield;
        server.buffers.set(b, (server.buffers.get(b) ?? '') + input.text.slice(at, at + FRAGMENT));
      }
      server.lines.set(input.session, [...(server.lines.get(input.session) ?? []), server.buffers.get(b) ?? '']);
      server.buffers.delete(b);
      yield;
      return L4_EOK;
    },
  };
}
