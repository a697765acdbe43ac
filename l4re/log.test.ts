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

  it('cuts ASCII texts every LOG_MAX_FRAGMENT bytes', () => {
    const text = 'x'.repeat(2 * LOG_MAX_FRAGMENT + 1);
    expect(log_fragments(text).map((p) => p.length)).toEqual([LOG_MAX_FRAGMENT, LOG_MAX_FRAGMENT, 1]);
    expect(log_fragments('y'.repeat(LOG_MAX_FRAGMENT))).toEqual(['y'.repeat(LOG_MAX_FRAGMENT)]);
  });

  it('counts bytes as UTF-8 does, lone surrogates and astral characters included', () => {
    const text = `${'a'.repeat(LOG_MAX_FRAGMENT - 3)}\u{1F600}\uD800b${'€'.repeat(200)}`;
    const parts = log_fragments(text);
    expect(parts.join('')).toBe(text);
    expect(parts[0]).toBe('a'.repeat(LOG_MAX_FRAGMENT - 3));
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(LOG_MAX_FRAGMENT);
    expect(parts[1]!.startsWith('\u{1F600}\uD800b')).toBe(true);
    expect(Buffer.byteLength(parts[1]!)).toBeGreaterThan(LOG_MAX_FRAGMENT - 3);
  });
});
