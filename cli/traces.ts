/**
 * `l4check traces [--allocator impl|model|FILE] [--traces PATH]... [--report FORMAT]... [--out PATH] [--json FILE]`:
 * replay malloc-lab traces with every check, then measure utilization and
 * throughput. A student module is bundled as the grader bundles it, so it
 * loads from anywhere. Progress on stderr (a failing trace on a line of its
 * own), then the reports (reports/outputs.ts; --json FILE is --report json
 * into FILE); report files are rewritten after every trace, so an
 * interrupted run keeps what it computed. Exit 1 if any trace fails, 2 on a
 * usage error.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { submission_bundle } from '../grader/ts_bundle.ts';
import type { Allocator_factory } from '../l4re/alloc.ts';
import { ALLOCATORS, student_allocator } from '../properties/allocators.ts';
import type { Allocator_under_test } from '../properties/trace/replay.ts';
import { type Trace_result, run_trace, summarize } from '../properties/trace/run_trace.ts';
import { TRACES_DIR, trace_files } from '../properties/trace/trace_files.ts';
import { json } from '../reports/json.ts';
import { outputs, write_all, write_files } from '../reports/outputs.ts';
import { Progress } from '../reports/progress.ts';
import type { Traces_report } from '../reports/report.ts';
import { trace_cells } from '../reports/terminal.ts';
import { Usage_error } from './usage.ts';

export const TRACES_USAGE = 'usage: l4check traces [--allocator impl|model|FILE] [--traces PATH]... [--report terminal|json|junit|html]... [--out PATH] [--json FILE]';

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

export async function traces(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      allocator: { type: 'string' },
      traces: { type: 'string', multiple: true },
      report: { type: 'string', multiple: true },
      out: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const outs = [
    ...outputs('traces', values.report ?? ['terminal'], values.out, ['terminal']),
    ...(values.json === undefined ? [] : [{ reporter: json, file: values.json }]),
  ];
  const a = await allocator(values.allocator ?? 'impl');
  let files: string[];
  try {
    files = trace_files(values.traces ?? [TRACES_DIR]);
  } catch (e) {
    throw new Usage_error(`--traces ${(e as Error).message}`);
  }
  if (files.length === 0) throw new Usage_error(`no .rep files under ${(values.traces ?? [TRACES_DIR]).join(', ')}`);
  const results: Trace_result[] = [];
  const report = (): Traces_report => ({ command: 'traces', allocator: a.name, traces: results, summary: summarize(results) });
  const progress = new Progress('traces', files.length);
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
    write_files(outs, report());
    if (!r.ok) progress.note(`${file}  ${trace_cells(r)}`);
    progress.tick(file);
  }
  current = undefined;
  process.off('exit', early_exit);
  progress.end();
  write_all(outs, report());
  return report().summary.failed === 0 ? 0 : 1;
}
