import { describe, expect, it } from 'vitest';
import { L4_UTCB_GENERIC_DATA_SIZE, msg_words } from './ipc.ts';
import { LOG_MAX_FRAGMENT, LOG_MORE, log_fragments, log_print_msg } from './log.ts';

describe('log protocol', () => {
  it('a maximal fragment fills one message exactly', () => {
    expect(msg_words(log_print_msg('x'.repeat(LOG_MAX_FRAGMENT), LOG_MORE))).toBe(L4_UTCB_GENERIC_DATA_SIZE);
    expect(msg_words(log_print_msg('x'.repeat(LOG_MAX_FRAGMENT + 1), LOG_MORE))).toBeGreaterThan(
      L4_UTCB_GENERIC_DATA_SIZE,
    );
  });

  it('splits long texts into fragments that join back, never inside a character', () => {
    const text = 'ä'.repeat(LOG_MAX_FRAGMENT) + 'tail';
    const parts = log_fragments(text);
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(LOG_MAX_FRAGMENT);
    expect(parts.length).toBe(3);
    expect(log_fragments('')).toEqual(['']);
  });
});
