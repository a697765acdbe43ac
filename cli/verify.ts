/**
 * `l4check verify` (and `npm run verify`): run every property with a fixed
 * seed, print a table (property, runs, commands executed, result) and the
 * shrunk counterexamples. Exit code 1 if any property does not do what it
 * must, 2 on a usage error.
 *
 *   l4check verify [--seed N] [--runs N] [--only TEXT] [--path P]
 */
import { parseArgs } from 'node:util';
import { type Check_result, call_count, describe_counterexample, run_check } from '../properties/check.ts';
import { ALLOC_CHECKS, WORLD_CHECKS } from '../properties/checks.ts';
import { PLANTED_ALLOC_CHECKS } from '../properties/planted/alloc/checks.ts';
import { PLANTED_CHECKS } from '../properties/planted/checks.ts';
import { Usage_error } from './usage.ts';

export const VERIFY_USAGE = 'usage: l4check verify [--seed N] [--runs N] [--only TEXT] [--path P]';

interface Verify_options {
  readonly seed: number;
  readonly runs?: number;
  readonly only?: string;
  readonly path?: string;
}

function parse(args: string[]): Verify_options {
  const { values } = parseArgs({
    args,
    options: { seed: { type: 'string' }, runs: { type: 'string' }, only: { type: 'string' }, path: { type: 'string' } },
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
  };
}

function table(results: readonly Check_result[]): string {
  const rows = [
    ['property', 'must', 'runs', 'commands', 'result', 'shrunk', 'seconds'],
    ...results.map((r) => [
      r.name,
      r.expect,
      String(r.runs),
      String(r.commands),
      r.ok ? (r.expect === 'refuted' ? 'ok (refuted)' : 'ok') : r.expect === 'refuted' ? 'FAILED (not refuted)' : 'FAILED',
      r.counterexample ? `${call_count(r.counterexample.program)} calls` : '-',
      (r.ms / 1000).toFixed(1),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Run the properties as `args` select; the exit code. */
export function verify(args: string[]): number {
  const opts = parse(args);
  const checks = [...WORLD_CHECKS, ...ALLOC_CHECKS, ...PLANTED_CHECKS, ...PLANTED_ALLOC_CHECKS].filter((c) => opts.only === undefined || c.name.includes(opts.only));
  if (checks.length === 0) throw new Usage_error(`no property matches --only ${JSON.stringify(opts.only)}`);
  const results: Check_result[] = [];
  for (const check of checks) {
    const r = run_check(check, opts);
    results.push(r);
    process.stderr.write(`${r.ok ? '.' : 'F'}`);
  }
  process.stderr.write('\n');
  console.log(table(results));
  const shown = results.filter((r) => r.counterexample && (!r.ok || !r.name.startsWith('planted')));
  if (shown.length > 0) console.log(`\nCounterexamples (shrunk):\n\n${shown.map(describe_counterexample).join('\n\n')}`);
  const bad = results.filter((r) => !r.ok);
  console.log(`\n${results.length - bad.length} passed, ${bad.length} failed`);
  return bad.length === 0 ? 0 : 1;
}
