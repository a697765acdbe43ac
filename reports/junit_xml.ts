/**
 * One JUnit suite as XML text, in Apache Ant's format (reports/schema/junit.xsd):
 * <testsuites> around one <testsuite>. The reporter decides what the suite
 * holds (reports/junit.ts); this file only writes it.
 *
 * Invariant: whatever the strings hold (a student's output can hold anything),
 * the document is well-formed XML 1.0: characters XML forbids are dropped,
 * markup characters are escaped, and attribute values keep their tabs and
 * line breaks as character references.
 */

/** How one test ended; a test without an outcome passed. */
export type Junit_outcome =
  | { readonly kind: 'skipped'; readonly message: string }
  /** `failure`: the test ran and its check failed; `error`: it could not run as meant. */
  | { readonly kind: 'failure' | 'error'; readonly type: string; readonly message: string; readonly details: string };

export interface Junit_case {
  readonly name: string;
  readonly classname: string;
  readonly seconds: number;
  readonly outcome?: Junit_outcome;
}

export interface Junit_suite {
  readonly name: string;
  readonly package: string;
  readonly seconds: number;
  readonly properties: readonly (readonly [name: string, value: string])[];
  readonly cases: readonly Junit_case[];
  /** Goes to <system-out>: what the tests printed, notes. */
  readonly out: string;
}

/**
 * Ant requires a timestamp, but a report carries no time and a reporter reads
 * no clock (reports/report.ts): the epoch stands for "unknown". Ant's fallback
 * for an unknown host is `localhost`.
 */
const UNKNOWN_TIMESTAMP = '1970-01-01T00:00:00';
const UNKNOWN_HOST = 'localhost';

/** Every character XML 1.0 does not allow (it allows tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 up); a lone surrogate too. */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** An attribute value, quotes and whitespace included, that reads back as `s` less forbidden characters. */
export function xml_attribute(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/[&<>"'\t\n\r]/g, (c) => ESCAPES[c]!);
}

/** Character data that reads back as `s` less forbidden characters (`>` escaped too, so `]]>` cannot occur). */
export function xml_text(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/[&<>\r]/g, (c) => ESCAPES[c]!);
}

/** Seconds as xs:decimal: never exponent notation, NaN or negative. */
export function decimal_seconds(s: number): string {
  return (Number.isFinite(s) && s > 0 ? s : 0).toFixed(3);
}

function first_line(s: string): string {
  return s.split(/\r?\n/, 1)[0]!;
}

function open_tag(name: string, attributes: Readonly<Record<string, string | number>>): string {
  const attrs = Object.entries(attributes).map(([k, v]) => ` ${k}="${xml_attribute(String(v))}"`);
  return `<${name}${attrs.join('')}`;
}

function outcome_xml(o: Junit_outcome): string {
  if (o.kind === 'skipped') return `${open_tag('skipped', { message: o.message })}/>`;
  return `${open_tag(o.kind, { message: first_line(o.message), type: o.type })}>${xml_text(o.details)}</${o.kind}>`;
}

function case_xml(c: Junit_case): string {
  const open = open_tag('testcase', { name: c.name, classname: c.classname, time: decimal_seconds(c.seconds) });
  if (c.outcome === undefined) return `    ${open}/>`;
  return `    ${open}>\n      ${outcome_xml(c.outcome)}\n    </testcase>`;
}

function count(cases: readonly Junit_case[], kind: Junit_outcome['kind']): number {
  return cases.filter((c) => c.outcome?.kind === kind).length;
}

export function junit_document(s: Junit_suite): string {
  const suite = open_tag('testsuite', {
    name: s.name,
    package: s.package,
    id: 0,
    timestamp: UNKNOWN_TIMESTAMP,
    hostname: UNKNOWN_HOST,
    tests: s.cases.length,
    failures: count(s.cases, 'failure'),
    errors: count(s.cases, 'error'),
    skipped: count(s.cases, 'skipped'),
    time: decimal_seconds(s.seconds),
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites>',
    `  ${suite}>`,
    '    <properties>',
    ...s.properties.map(([name, value]) => `      ${open_tag('property', { name, value })}/>`),
    '    </properties>',
    ...s.cases.map(case_xml),
    `    <system-out>${xml_text(s.out)}</system-out>`,
    '    <system-err></system-err>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
