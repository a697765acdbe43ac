/**
 * `l4check verify` (and `npm run verify`): run every property with a fixed
 * seed, with progress on stderr, then the reports (reports/outputs.ts; the
 * terminal's is a table of property, runs, commands executed, result, and
 * the shrunk counterexamples). Exit code 1 if any property does not do what
 * it must, 2 on a usage error.
 *
 *   l4check verify [--seed N] [--runs N] [--only TEXT] [--path P] [--report FORMAT]... [--out PATH]
 */
import { parseArgs } from 'node:util';
import { type Check_result, run_async_check } from '../properties/run_check.ts';
import { ALLOC_CHECKS, INTERLEAVE_CHECKS, WORLD_CHECKS } from '../properties/all_properties.ts';
import { PLANTED_ALLOC_CHECKS } from '../properties/planted/alloc/checks.ts';
import { PLANTED_CHECKS } from '../properties/planted/checks.ts';
import { type Output, outputs, write_all, write_files } from '../reports/outputs.ts';
import { Progress } from '../reports/progress.ts';
import type { Verify_report } from '../reports/report.ts';
import { Usage_error } from './usage.ts';

export const VERIFY_USAGE = 'usage: l4check verify [--seed N] [--runs N] [--only TEXT] [--path P] [--report terminal|json|junit|html]... [--out PATH]';

interface Verify_options {
  readonly seed: number;
  readonly runs?: number;
  readonly only?: string;
  readonly path?: string;
  readonly outs: readonly Output[];
}

function parse(args: string[]): Verify_options {
  const { values } = parseArgs({
    args,
    options: {
      seed: { type: 'string' },
      runs: { type: 'string' },
      only: { type: 'string' },
      path: { type: 'string' },
      report: { type: 'string', multiple: true },
      out: { type: 'string' },
    },
    strict: true,
  });
  const num = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v)) throw new Usage_error(`--${name} wants an integer, got ${JSON.stringify(v)}`);
    return Number(v);
  };
  return {
    seed: num('seed', values.seed) ?? 20261125,
    ...(values.runs === undefined ? {} : { runs: num('runs', values.runs)! }),
    ...(values.only === undefined ? {} : { only: values.only }),
    ...(values.path === undefined ? {} : { path: values.path }),
    outs: outputs('verify', values.report, values.out, ['terminal']),
  };
}

/** Run the properties as `args` select; the exit code. */
export async function verify(args: string[]): Promise<number> {
  const opts = parse(args);
  const checks = [...WORLD_CHECKS, ...ALLOC_CHECKS, ...INTERLEAVE_CHECKS, ...PLANTED_CHECKS, ...PLANTED_ALLOC_CHECKS].filter((c) => opts.only === undefined || c.name.includes(opts.only));
  if (checks.length === 0) throw new Usage_error(`no property matches --only ${JSON.stringify(opts.only)}`);
  const results: Check_result[] = [];
  const report = (): Verify_report => ({ command: 'verify', seed: opts.seed, properties: results });
  const progress = new Progress('properties', checks.length);
  for (const check of checks) {
    const r = await run_async_check(check, opts);
    results.push(r);
    write_files(opts.outs, report());
    if (!r.ok) progress.note(`FAILED: ${r.name}`);
    progress.tick(r.name);
  }
  progress.end();
  write_all(opts.outs, report());
  return results.every((r) => r.ok) ? 0 : 1;
}
