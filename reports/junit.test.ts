/**
 * The JUnit reporter's output is valid against Ant's JUnit schema, checked by
 * a real validator (xmllint, from libxml2-utils), and reads back as what it
 * was given: the XPath queries below go through xmllint's parser too.
 */
import { describe, expect, it } from 'vitest';
import { junit } from './junit.ts';
import { FUZZ, FUZZ_CLEAN, GRADE, GRADE_THREADS, TRACES, VERIFY } from './junit.fixture.ts';
import { decimal_seconds, xml_attribute, xml_text } from './junit_xml.ts';
import { validate, xpath } from './xmllint.ts';

/** tests, failures, errors, skipped and time of the one suite. */
function counts(doc: string): readonly string[] {
  return ['tests', 'failures', 'errors', 'skipped', 'time'].map((a) => xpath(doc, `string(/testsuites/testsuite/@${a})`));
}

const at = (name: string) => `/testsuites/testsuite/testcase[@name="${name}"]`;

describe('junit reporter', () => {
  const reports = { verify: VERIFY, traces: TRACES, grade: GRADE, 'grade --threads': GRADE_THREADS, fuzz: FUZZ, 'fuzz without findings': FUZZ_CLEAN };

  it.each(Object.entries(reports))('renders a %s report valid against the Ant JUnit schema', (_, report) => {
    expect(validate(junit.render(report))).toEqual({ ok: true, errors: expect.stringContaining('validates') });
  });

  it('has a validation that rejects what the schema forbids', () => {
    const doc = junit.render(VERIFY);
    expect(validate(doc).ok).toBe(true);
    expect(validate(doc.replace('<testcase name="world: model and impl agree"', '<testcase')).errors).toContain("attribute 'name' is required");
    expect(validate(doc.replace('<system-err></system-err>', '')).ok).toBe(false);
    expect(validate(doc.replace('timestamp="1970-01-01T00:00:00"', 'timestamp="1970-01-01T00:00:00Z"')).ok).toBe(false);
    expect(validate(doc.replace('</failure>', '</failure><skipped/>')).ok).toBe(false);
    expect(validate(doc.replace('world: model', 'world:\u0001model')).ok).toBe(false);
  });

  it('verify: one test a property; a property that must be refuted and is passes; a failure carries the program and its replay', () => {
    const doc = junit.render(VERIFY);
    expect(counts(doc)).toEqual(['4', '2', '0', '0', '4.788']);
    expect(xpath(doc, `count(${at("poor man's log: no client can write under another client's id")}/*)`)).toBe('0');
    const failure = `${at('world: labels are unforgeable')}/failure`;
    expect(xpath(doc, `string(${at('world: labels are unforgeable')}/@classname)`)).toBe('l4check.verify.holds');
    expect(xpath(doc, `string(${failure}/@message)`)).toBe('Divergence: alice: registry.register_obj(o1) returned 7 in model, -22 in impl');
    const text = xpath(doc, `string(${failure})`);
    expect(text).toContain('    cap1 = factory.create(0, "alice")  // 1\n    alice: registry.register_obj(o1)  // 7 <> -22\n');
    expect(text).toContain('replay: npm run verify -- --only "world: labels are unforgeable" --seed 20261125 --path "40:1:0"');
    expect(xpath(doc, `string(${at('planted: label reuse after unregister_obj')}/failure/@message)`)).toBe('no counterexample in 500 runs: this property must be refuted');
  });

  it('traces: one test a trace, a skipped trace skipped with its reason, a failing one with the command that reruns it', () => {
    const doc = junit.render(TRACES);
    expect(counts(doc)).toEqual(['4', '1', '0', '1', '0.005']);
    expect(xpath(doc, `string(${at('traces/amptjp.rep')}/@classname)`)).toBe('l4check.traces.bug_cap_leak_ts');
    expect(xpath(doc, `string(${at('traces/huge-giants.rep')}/skipped/@message)`)).toBe(TRACES.traces[1]!.skipped);
    expect(xpath(doc, `string(${at('traces/realloc.rep')}/failure)`)).toContain('replay: npx l4check traces --allocator examples/ts/bug_cap_leak.ts --traces traces/realloc.rep');
    expect(xpath(doc, 'string(//system-out)')).toBe('traces/short1.rep: line 3: size 0\n');
  });

  it('grade: build, correctness and leak per submission; a build error is an error; what a student printed survives escaping', () => {
    const doc = junit.render(GRADE);
    expect(counts(doc)).toEqual(['7', '2', '1', '0', '0.000']);
    expect(xpath(doc, 'count(//testcase[failure or error or skipped])')).toBe('3');
    expect(xpath(doc, `string(${at('slabs.cc: correctness')}/@classname)`)).toBe('l4check.grade.cxx');
    const failure = `${at('slabs.cc: correctness')}/failure`;
    expect(xpath(doc, `string(${failure}/@message)`)).toBe('op 3 (f 1): payload of p0 <&"\'> changed');
    expect(xpath(doc, `string(${failure}/@type)`)).toBe('payload');
    expect(xpath(doc, `string(${failure})`)).toBe(
      'payload: op 3 (f 1): payload of p0 <&"\'> changed\nbytes 8..16 differ\n  where: property suite (seed 20261125, 14 shrinks)\n  replay: npx l4check replay reports/grade/slabs/0-payload.rep --allocator slabs.cc',
    );
    expect(xpath(doc, `string(${at('slabs.cc: leak')}/failure)`)).toContain('npx l4check replay reports/grade/slabs/1-leak.rep --allocator slabs.cc');
    expect(xpath(doc, `count(${at('first_fit.c: correctness')}/*)`)).toBe('0');
    expect(xpath(doc, `string(${at('broken.c: build')}/error/@message)`)).toBe("broken.c:3:1: error: expected ';' before '}' token");
    expect(xpath(doc, 'string(//system-out)')).toBe('--- slabs.cc printed:\ndebug: <heap> & "arena" [31m ]]>  done\n\n');
    expect(xpath(doc, 'string(//property[@name="first_fit.c: score"]/@value)')).toBe('87.5');
  });

  it('grade --threads: thread-safety is a test of its own, passed, failed with the threads\' programs, or skipped when it did not run', () => {
    const doc = junit.render(GRADE_THREADS);
    expect(counts(doc)).toEqual(['12', '3', '0', '1', '0.000']);
    expect(xpath(doc, `count(${at('/autograder/submission/mm.c: thread-safety')}/*)`)).toBe('0');
    const failure = `${at('/autograder/submission/racy.c: thread-safety')}/failure`;
    expect(xpath(doc, `string(${failure}/@type)`)).toBe('thread-safety');
    expect(xpath(doc, `string(${failure})`)).toContain('    // thread 1\n    p1 = malloc(127)\n  replay: npx l4check replay /autograder/results/racy/0-thread-safety-t0.rep ');
    expect(xpath(doc, `count(${at('/autograder/submission/racy.c: correctness')}/*)`)).toBe('0');
    expect(xpath(doc, `string(${at('/autograder/submission/bug.c: thread-safety')}/skipped/@message)`)).toBe('not run: an earlier check failed (--threads 4)');
  });

  it('fuzz: each finding fails with its program and replay; a run without one is one passing test', () => {
    const doc = junit.render(FUZZ);
    expect(counts(doc)).toEqual(['1', '1', '0', '0', '60.250']);
    const text = xpath(doc, `string(${at(FUZZ.findings[0]!.signature)}/failure)`);
    expect(text).toBe("TypeError: Cannot set properties of undefined (setting '361')\n    p1 = malloc(314)  // 0x10000\n    realloc(p1, 314)\n  found 3 times\n  replay: npx l4check replay reports/fuzz/alloc-7.json");
    const clean = junit.render(FUZZ_CLEAN);
    expect(counts(clean)).toEqual(['1', '0', '0', '0', '60.250']);
    expect(xpath(clean, 'string(//testcase/@name)')).toBe('alloc: no finding');
  });
});

describe('junit XML text', () => {
  it('escapes markup, keeps whitespace in attributes and drops what XML 1.0 forbids', () => {
    expect(xml_attribute('a&b<c>d"e\'f\tg\nh\ri')).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h&#13;i');
    expect(xml_text('a&b<c>]]>\n"\'\r')).toBe('a&amp;b&lt;c&gt;]]&gt;\n"\'&#13;');
    expect(xml_text('\u0000\u0008\u000b\u000c\u001f\ufffe\uffff\ud800x\udc00 \u{1f600}\ud7ff\ue000')).toBe('x \u{1f600}\ud7ff\ue000');
  });

  it('writes seconds as plain decimals', () => {
    expect([1e-7, 12.3456, Number.NaN, -1, Infinity].map(decimal_seconds)).toEqual(['0.000', '12.346', '0.000', '0.000', '0.000']);
  });
});
