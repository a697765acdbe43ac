/**
 * The logging server reassembles multi-message texts in one buffer shared by
 * every session: interleaved fragments of two sessions end up in one line.
 */
import { Log_session } from '../../impl/log_session.ts';

const shared: { pending: string[] } = { pending: [] };

export class Shared_buffer_session extends Log_session {
  protected override append(fragment: string): void {
    shared.pending.push(fragment);
    this.pending = shared.pending;
    this.bytes = Buffer.byteLength(shared.pending.join(''), 'utf8');
  }

  protected override drop(): void {
    shared.pending = [];
    this.pending = shared.pending;
    this.bytes = 0;
  }
}
