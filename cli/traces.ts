/**
 * `l4check traces [--allocator impl|model|FILE] [--traces PATH]... [--json FILE]`:
 * replay malloc-lab traces with every check, then measure utilization and
 * throughput. A student module is bundled as the grader bundles it, so it
 * loads from anywhere. Prints a table per trace and the averages; the JSON file is
 * rewritten after every trace, so an interrupted run keeps what it computed.
 * Exit 1 if any trace fails, 2 on a usage error.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { submission_bundle } from '../grader/ts_bundle.ts';
import type { Allocator_factory } from '../l4re/alloc.ts';
import { ALLOCATORS, student_allocator } from '../properties/allocators.ts';
import type { Allocator_under_test } from '../properties/trace/replay.ts';
import { type Trace_result, run_trace, summarize } from '../properties/trace/run_trace.ts';
import { TRACES_DIR, trace_files } from '../properties/trace/trace_files.ts';
import { Usage_error } from './usage.ts';

export const TRACES_USAGE = 'usage: l4check traces [--allocator impl|model|FILE] [--traces PATH]... [--json FILE]';

async function allocator(spec: string): Promise<Allocator_under_test> {
  if (spec === 'impl' || spec === 'model') return ALLOCATORS[spec];
  const bundled = await submission_bundle(spec);
  if ('error' in bundled) throw new Usage_error(`--allocator ${spec}: cannot load: ${bundled.error}`);
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(bundled.path).href)) as { default?: unknown };
  } catch (e) {
    throw new Usage_error(`--allocator ${spec}: cannot load: ${(e as Error).message.split('\n')[0]}`);
  }
  if (typeof mod.default !== 'function') {
    throw new Usage_error(`--allocator ${spec}: the default export is not an Allocator_factory (env) => {malloc, free, realloc}`);
  }
  return student_allocator(spec, mod.default as Allocator_factory);
}

function cell(r: Trace_result): string {
  if (r.skipped !== undefined) return `skipped: ${r.skipped}`;
  if (!r.ok) return `FAILED: ${r.error}`;
  return `${r.util.toFixed(3).padStart(6)}  ${Math.round(r.opsPerSec).toString().padStart(10)}`;
}

export async function traces(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { allocator: { type: 'string' }, traces: { type: 'string', multiple: true }, json: { type: 'string' } },
  });
  const a = await allocator(values.allocator ?? 'impl');
  let files: string[];
  try {
    files = trace_files(values.traces ?? [TRACES_DIR]);
  } catch (e) {
    throw new Usage_error(`--traces ${(e as Error).message}`);
  }
  if (files.length === 0) throw new Usage_error(`no .rep files under ${(values.traces ?? [TRACES_DIR]).join(', ')}`);
  const width = Math.max(...files.map((f) => f.length));
  console.log(`${'trace'.padEnd(width)}  ok    util       ops/s   (allocator ${a.name})`);
  const results: Trace_result[] = [];
  let current: string | undefined;
  /** A module that calls process.exit must not pass for a clean run. */
  const early_exit = () => {
    if (current === undefined) return;
    console.error(`l4check traces: the allocator ended the process during ${current}; the results before it are kept`);
    process.exitCode = 1;
  };
  process.on('exit', early_exit);
  for (const file of files) {
    current = file;
    const r = run_trace(file, a);
    results.push(r);
    console.log(`${file.padEnd(width)}  ${r.ok ? 'ok  ' : 'FAIL'}  ${cell(r)}`);
    if (values.json !== undefined) {
      writeFileSync(values.json, `${JSON.stringify({ traces: results, summary: summarize(results) }, null, 2)}\n`);
    }
  }
  current = undefined;
  process.off('exit', early_exit);
  const s = summarize(results);
  console.log(
    `\n${s.ok} ok, ${s.failed} failed, ${s.skipped} skipped; average utilization ${s.avgUtil.toFixed(3)}, ${Math.round(s.opsPerSec)} ops/s`,
  );
  return s.failed === 0 ? 0 : 1;
}
