/**
 * A replayed program as C lines, one per op, with what each call returned:
 * `p3 = malloc(24)  // 0x10040`. Blocks are named p1, p2, … in the order they
 * were made, as the heap checker names them in its messages.
 */
import { hex } from '../l4re/hex.ts';
import type { Trace_op } from '../properties/trace/read_trace.ts';
import type { Program } from './runner.ts';

/** What a call returned: a block's address in hex, NULL (0) or an error code in decimal. */
function result_text(r: number): string {
  return r > 0 ? hex(r) : String(r);
}

/** Lines for the ops that have a result, then the next op (the one a crash happened in) without one. */
export function transcript(ops: readonly Trace_op[], results: readonly number[], upto: number): string[] {
  const name = new Map<number, string>();
  let serial = 0;
  const lines: string[] = [];
  for (let i = 0; i <= upto && i < ops.length; i++) {
    const op = ops[i]!;
    const r = results[i];
    const ptr = op.id >= 0 ? (name.get(op.id) ?? 'NULL') : 'NULL';
    const call = op.kind === 'a' ? `malloc(${op.size})` : op.kind === 'f' ? `free(${ptr})` : `realloc(${ptr}, ${op.size})`;
    let line = call;
    // Without results (a runner that gives none, the op a crash happened in) a block is named as if made.
    if (op.kind !== 'f' && (r === undefined || r > 0)) {
      name.set(op.id, `p${++serial}`);
      line = `p${serial} = ${call}`;
    } else name.delete(op.id);
    lines.push(r === undefined ? line : `${line}  // ${result_text(r)}`);
  }
  return lines;
}

/** Threads' programs run at once: each thread's lines under a `// thread t` line, its blocks named p1, p2, … of its own. */
export function threads_transcript(programs: readonly Program[]): string[] {
  return programs.flatMap((p, t) => [`// thread ${t}`, ...transcript(p.ops, [], p.ops.length - 1)]);
}
