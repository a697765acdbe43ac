/**
 * `l4check grade PATH... [--traces PATH]... [--report FORMAT]... [--out PATH] [--json FILE] [--csv FILE] [--jobs N] [--time-limit S] [--heap-limit SIZE] [--throughput time|instructions] [--runs N] [--threads N]`:
 * grade submission files, or folders of them (grader/grade.ts); with
 * --threads, C and C++ ones also from N threads at once (grader/thread_suite.ts). One line per
 * submission on stderr as it finishes, with the progress; the report files
 * (default: the terminal's and reports/grade/report.json; --json and --csv
 * name a JSON or gradebook file of their own) are rewritten after every
 * submission, so a class run stopped part-way keeps everything it finished.
 * Counterexamples and stored results go in the first report file's folder. A
 * submission whose content has a stored result is not graded again. Exit 0
 * when every submission passes, 1 when any does not, 2 on a usage error.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { type Grade_options, type Submission_result, grade_submission, result_key } from '../grader/grade.ts';
import { NATIVE_EXTENSIONS } from '../grader/build.ts';
import { Grade_store } from '../grader/grade_store.ts';
import { THREADS_MAX } from '../grader/native_runner.ts';
import { References } from '../grader/references.ts';
import { SUBMISSION_EXTENSIONS, submission_files } from '../grader/submissions.ts';
import { SUITE_DEFAULTS } from '../grader/suite.ts';
import { TS_DEFAULTS } from '../grader/ts_runner.ts';
import { TRACES_DIR, trace_files } from '../properties/trace/trace_files.ts';
import { csv } from '../reports/csv.ts';
import { json } from '../reports/json.ts';
import { type Output, outputs, work_folder, write_all, write_files } from '../reports/outputs.ts';
import { Progress } from '../reports/progress.ts';
import type { Grade_report } from '../reports/report.ts';
import { submission_line } from '../reports/terminal.ts';
import { Usage_error } from './usage.ts';

export const GRADE_USAGE =
  'usage: l4check grade PATH... [--traces PATH]... [--report terminal|json|csv|junit|html|gradescope|autolab]... [--out PATH] [--json FILE] [--csv FILE] [--jobs N] [--time-limit S] [--heap-limit SIZE] [--throughput time|instructions] [--runs N] [--threads N]';
/**
 * The most replay time per weighted trace for throughput, for the submission
 * and again for the reference: the K best samples usually agree long before.
 */
const TIMED_MS = 50;
/** A property program is short: it gets at most this much CPU time, whatever --time-limit says. */
const PROGRAM_LIMIT_S = 5;

const SIZE_UNITS: Record<string, number> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** `64G`, `512M`, `1048576`: bytes, with binary units. */
function size(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const m = /^(\d+)([KMGT]?)$/.exec(text);
  const n = m === null ? NaN : Number(m[1]) * SIZE_UNITS[m[2]!]!;
  if (!(n > 0) || !Number.isSafeInteger(n)) throw new Usage_error(`${flag} ${text}: want a size in bytes, or with K, M, G or T (binary units)`);
  return n;
}

function positive(flag: string, text: string | undefined, fallback: number, integer: boolean): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new Usage_error(`${flag} ${text}: want a positive ${integer ? 'integer' : 'number'}`);
  return n;
}

/** A result for a submission the grader itself failed on: shown, never stored. */
function grader_error(file: string, e: unknown): Submission_result {
  const message = `grader error: ${(e as Error)?.message ?? String(e)}`;
  return { file, hash: '', kind: 'unknown', verdict: 'crash', failures: [{ check: 'grader', where: 'grading', message }], util: 0, ops_per_sec: 0, score: 0 };
}

export async function grade(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      traces: { type: 'string', multiple: true },
      report: { type: 'string', multiple: true },
      out: { type: 'string' },
      json: { type: 'string' },
      csv: { type: 'string' },
      jobs: { type: 'string' },
      'time-limit': { type: 'string' },
      'heap-limit': { type: 'string' },
      throughput: { type: 'string' },
      runs: { type: 'string' },
      threads: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new Usage_error('name at least one submission file or folder');
  const { files, missing } = submission_files(positionals);
  if (missing.length > 0) throw new Usage_error(`${missing.join(', ')}: no such file or directory`);
  if (files.length === 0) throw new Usage_error(`no submissions (${SUBMISSION_EXTENSIONS.join(', ')}) under ${positionals.join(', ')}`);
  let traces: string[];
  try {
    traces = trace_files(values.traces ?? [TRACES_DIR]);
  } catch (e) {
    throw new Usage_error(`--traces ${(e as Error).message}`);
  }
  const throughput = values.throughput ?? 'time';
  if (throughput !== 'time' && throughput !== 'instructions') throw new Usage_error(`--throughput ${throughput}: want time or instructions`);
  if (throughput === 'instructions') {
    const not_c = files.find((f) => !NATIVE_EXTENSIONS.includes(extname(f)));
    if (not_c !== undefined) throw new Usage_error(`--throughput instructions counts the instructions of C and C++ submissions under valgrind; ${not_c} is neither`);
    if (spawnSync('valgrind', ['--version']).error !== undefined) throw new Usage_error('--throughput instructions needs valgrind (apt-get install valgrind)');
  }
  const threads = values.threads === undefined ? undefined : positive('--threads', values.threads, 0, true);
  if (threads !== undefined) {
    if (threads < 2 || threads > THREADS_MAX) throw new Usage_error(`--threads ${threads}: want 2 to ${THREADS_MAX} threads (4 finds races best on 2 cores)`);
    const not_c = files.find((f) => !NATIVE_EXTENSIONS.includes(extname(f)));
    if (not_c !== undefined) throw new Usage_error(`--threads runs C and C++ submissions from several threads; ${not_c} is neither (a TypeScript allocator runs on one thread)`);
  }
  const jobs = positive('--jobs', values.jobs, 1, true);
  const limit = positive('--time-limit', values['time-limit'], SUITE_DEFAULTS.trace_limit_s, false);
  const runs = positive('--runs', values.runs, SUITE_DEFAULTS.runs, true);
  const aliases: Output[] = [
    ...(values.json === undefined ? [] : [{ reporter: json, file: values.json }]),
    ...(values.csv === undefined ? [] : [{ reporter: csv, file: values.csv }]),
  ];
  const asked = values.report ?? (aliases.length > 0 ? ['terminal'] : undefined);
  const outs = [...outputs('grade', asked, values.out, ['terminal', 'json']), ...aliases];
  const single = outs.find((o) => o.reporter.format === 'gradescope' || o.reporter.format === 'autolab');
  if (single !== undefined && files.length !== 1) throw new Usage_error(`--report ${single.reporter.format} grades one submission (one container each); got ${files.length}`);
  const out_dir = work_folder('grade', outs);
  mkdirSync(out_dir, { recursive: true });
  const o: Grade_options = {
    ...SUITE_DEFAULTS,
    runs,
    trace_limit_s: limit,
    program_limit_s: Math.min(limit, PROGRAM_LIMIT_S),
    traces,
    out_dir,
    memory_mb: TS_DEFAULTS.memory_mb,
    heap_limit: size('--heap-limit', values['heap-limit'], TS_DEFAULTS.heap_limit),
    timed_ms: TIMED_MS,
    throughput,
    ...(threads === undefined ? {} : { threads }),
  };
  const store = new Grade_store(out_dir);
  const refs = new References();
  const results: (Submission_result | undefined)[] = new Array(files.length);
  const report = (): Grade_report => ({ command: 'grade', submissions: results.filter((r) => r !== undefined) });
  const progress = new Progress('submissions', files.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const file = files[i]!;
      const stored = store.get(file, result_key(file, o));
      let r = stored;
      if (r === undefined) {
        try {
          r = await grade_submission(file, o, refs);
          store.put(r);
        } catch (e) {
          r = grader_error(file, e);
        }
      }
      results[i] = r;
      write_files(outs, report());
      progress.note(`${submission_line(r)}${stored === undefined ? '' : '  (cached)'}`);
      progress.tick(file);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
  } finally {
    await refs.close();
  }
  progress.end();
  write_all(outs, report());
  return results.every((r) => r?.verdict === 'pass') ? 0 : 1;
}
