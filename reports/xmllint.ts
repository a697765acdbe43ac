/**
 * xmllint (Debian's libxml2-utils) for the tests: validating a JUnit report
 * against reports/schema/junit.xsd, and reading it back through a real XML
 * parser.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCHEMA = fileURLToPath(new URL('./schema/junit.xsd', import.meta.url));

function xmllint(args: readonly string[], doc: string): { readonly status: number | null; readonly stdout: string; readonly stderr: string } {
  const r = spawnSync('xmllint', [...args, '-'], { input: doc, encoding: 'utf8' });
  if (r.error !== undefined) throw new Error(`xmllint: ${r.error.message} (install libxml2-utils)`);
  return r;
}

/** Whether `doc` is valid against reports/schema/junit.xsd, and xmllint's complaints. */
export function validate(doc: string): { readonly ok: boolean; readonly errors: string } {
  const r = xmllint(['--noout', '--schema', SCHEMA], doc);
  return { ok: r.status === 0, errors: r.stderr };
}

/** The value of an XPath expression over `doc` (a string or a number). */
export function xpath(doc: string, expr: string): string {
  const r = xmllint(['--xpath', expr], doc);
  if (r.status !== 0) throw new Error(`xmllint --xpath ${expr}: ${r.stderr}`);
  return r.stdout.replace(/\n$/, '');
}
