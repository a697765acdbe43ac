/**
 * One client session of the logging server (Log_session_t has what Print does):
 * its pending text is one string. It never exceeds LOG_MAX_TEXT bytes and never
 * mixes with another session's.
 */
import { Log_session_t } from '../l4re/log.ts';
import type { Log_session as Log_session_api } from '../l4re/world.ts';

export class Log_session extends Log_session_t implements Log_session_api {
  private pending = '';

  constructor(
    readonly id: string,
    private readonly console: string[],
  ) {
    super();
  }

  protected append(fragment: string): void {
    this.pending += fragment;
  }

  protected pending_bytes(): number {
    return Buffer.byteLength(this.pending, 'utf8');
  }

  protected print(): void {
    this.console.push(`${this.id}: ${this.pending}`);
    this.pending = '';
  }

  protected drop(): void {
    this.pending = '';
  }
}
