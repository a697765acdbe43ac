/**
 * Log_session: one client session of the logging server; what Print does is
 * Log_session_t's (l4re/log.ts), the pending text is kept here.
 *
 *   pending: [ "frag" ][ "ment" ][ … ]   chunks of the unprinted line
 *   bytes:   UTF-8 length of their concatenation
 *   last:    the last UTF-16 unit of the pending text (0 when empty)
 *
 * Invariant: bytes = Buffer.byteLength(pending.join('')) ≤ LOG_MAX_TEXT; a
 * surrogate pair split across two fragments counts 4 bytes, not 3 + 3.
 */
import { Log_session_t } from '../l4re/log.ts';
import type { Log_session as L4_log_session } from '../l4re/world.ts';

/** Bytes two lone surrogates (3 + 3) take beyond the pair they form (4). */
const SPLIT_PAIR_EXCESS = 2;

function is_high_surrogate(u: number): boolean {
  return u >= 0xd800 && u <= 0xdbff;
}

function is_low_surrogate(u: number): boolean {
  return u >= 0xdc00 && u <= 0xdfff;
}

export class Log_session extends Log_session_t implements L4_log_session {
  protected pending: string[] = [];
  protected bytes = 0;
  protected last = 0;

  constructor(
    readonly id: string,
    protected readonly console: string[],
  ) {
    super();
  }

  protected append(fragment: string): void {
    if (fragment.length === 0) return;
    this.bytes += Buffer.byteLength(fragment, 'utf8');
    if (is_high_surrogate(this.last) && is_low_surrogate(fragment.charCodeAt(0))) this.bytes -= SPLIT_PAIR_EXCESS;
    this.pending.push(fragment);
    this.last = fragment.charCodeAt(fragment.length - 1);
  }

  protected pending_bytes(): number {
    return this.bytes;
  }

  protected print(): void {
    this.console.push(`${this.id}: ${this.pending.join('')}`);
    this.drop();
  }

  protected drop(): void {
    this.pending = [];
    this.bytes = 0;
    this.last = 0;
  }
}
