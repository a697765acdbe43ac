import { describe, expect, it } from 'vitest';
import { L4_CAP_FPAGE_RW } from '../l4re/cap.ts';
import { L4_EINVAL, L4_ERANGE } from '../l4re/err.ts';
import { L4_PROTO_LOG } from '../l4re/ipc.ts';
import { log_print_msg, LOG_MAX_TEXT, LOG_MORE, LOG_OP_PRINT } from '../l4re/log.ts';
import { Log_session } from './log_session.ts';

function send(s: Log_session, text: string, flags = LOG_MORE): number {
  return s.dispatch(L4_CAP_FPAGE_RW, log_print_msg(text, flags)).ret;
}

/** Whether `fragments` count exactly `bytes`: the rest of LOG_MAX_TEXT fits, one byte more does not. */
function counts(fragments: string[], bytes: number): boolean {
  const s = new Log_session('a', []);
  for (const f of fragments) if (send(s, f) !== 0) return false;
  if (send(s, 'x'.repeat(LOG_MAX_TEXT - bytes)) !== 0) return false;
  return send(s, 'x') === -L4_ERANGE;
}

describe('impl Log_session', () => {
  it('counts a surrogate pair split across fragments as 4 bytes, at the edges of both ranges', () => {
    expect(counts(['\ud83d', '\ude00'], 4)).toBe(true);
    expect(counts(['\ud800', '\udc00'], 4)).toBe(true);
    expect(counts(['\udbff', '\udfff'], 4)).toBe(true);
  });

  it('counts lone surrogates and ordinary neighbours at their own UTF-8 length', () => {
    expect(counts(['a', '\ude00'], 4)).toBe(true);
    expect(counts(['\ud83d', 'x'], 4)).toBe(true);
    expect(counts(['\ud7ff', '\udc00'], 6)).toBe(true);
    expect(counts(['\udc00', '\udc00'], 6)).toBe(true);
    expect(counts(['\ud83d', '\ue000'], 6)).toBe(true);
  });

  it('rejects a message without its arguments, and release drops the pending text', () => {
    const console: string[] = [];
    const s = new Log_session('a', console);
    expect(s.dispatch(L4_CAP_FPAGE_RW, { proto: L4_PROTO_LOG, opcode: LOG_OP_PRINT, args: [] }).ret).toBe(-L4_EINVAL);
    expect(send(s, 'abc')).toBe(0);
    s.release();
    expect(send(s, 'd', 0)).toBe(0);
    expect(console).toEqual(['a: d']);
  });
});
