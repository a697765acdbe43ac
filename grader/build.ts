/**
 * Building a C submission into its driver (grader/native/driver.c): tell the
 * kind from the source, compile the student's file on its own, link it with
 * the driver and the kind's subject. Builds are cached under
 * `<tmpdir>/l4check-build/<hash>/`, keyed by the student's source and every
 * native source, so a rebuilt driver never runs stale.
 *
 *   mm     defines mm_malloc (or aliases malloc to it, CMU 2016+ style)
 *   l4re   includes <l4/re/c/...> or defines malloc, plain or with a prefix (my_malloc)
 *   cxx    a C++ file (.cc, .cpp, .cxx) over L4Re's C++ API: malloc, free and
 *          realloc as C functions or as C++ overloads (the slides'
 *          `void *malloc(unsigned)` is _Z6mallocj)
 *
 * A C file that is both is `mm`. A compiler or linker error is the build's
 * error: its first error line.
 *
 * The student's malloc must not become the driver's: an l4re file is compiled
 * with its names defined to l4re_student_*; a C++ file is compiled as it is,
 * then the symbols it defines are renamed in its object (objcopy), mangled
 * ones included, so headers that declare malloc stay untouched.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Native_kind = 'mm' | 'l4re' | 'cxx';

export type Build_result = { readonly ok: true; readonly kind: Native_kind; readonly exe: string } | { readonly ok: false; readonly error: string };

export const NATIVE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'native');
const L4RE_INCLUDE = join(NATIVE_DIR, 'l4re', 'include');
/** glibc's malloc through the same driver, with its own subject: the reference of C submissions. */
export const GLIBC_REFERENCE = join(NATIVE_DIR, 'reference', 'glibc.c');
const GLIBC_SUBJECT = ['subject_glibc.c', 'subject_renamed.c', 'subject_no_environment.c'];
const COMMON = ['driver.c', 'replay.c', 'checker.c', 'pattern.c', 'request.c', 'report.c', 'isolate.c', 'fault.c', 'instructions.c', 'threads.c', 'lives.c'];
const SUBJECT: Record<Native_kind, readonly string[]> = {
  mm: ['subject_mm.c', 'subject_no_environment.c', 'memlib.c'],
  l4re: ['subject_l4re.c', 'subject_renamed.c', join('l4re', 'shim.c'), join('l4re', 'rm.c')],
  cxx: ['subject_l4re.c', 'subject_renamed.c', join('l4re', 'shim.c'), join('l4re', 'rm.c')],
};
const CFLAGS = ['-O2', '-std=gnu11'];
const CXXFLAGS = ['-O2', '-std=gnu++17'];
const CXX_EXTENSIONS = ['.cc', '.cpp', '.cxx'];
/** The extensions of files built into a driver. */
export const NATIVE_EXTENSIONS = ['.c', ...CXX_EXTENSIONS];
const STUDENT_NAMES = ['malloc', 'free', 'realloc', 'calloc'];
/** The calls the driver makes, which a submission must define. */
const REQUIRED = ['malloc', 'free', 'realloc'];
/** libc's allocation functions: a C++ object that defines one would replace the driver's. */
const LIBC_ALLOCATION = [...STUDENT_NAMES, 'memalign', 'posix_memalign', 'aligned_alloc', 'valloc', 'pvalloc', 'malloc_usable_size', 'reallocarray'];
/**
 * The student's writable data, renamed so the driver finds it between
 * __start_/__stop_ symbols and can restore it before each l4re program.
 */
const DATA_SECTIONS: Record<string, string> = {
  '.data': 'l4check_data',
  '.data.rel': 'l4check_data_rel',
  '.data.rel.local': 'l4check_data_rel_local',
  '.bss': 'l4check_bss',
};

const MM_DEFINED = /\bmm_malloc\s*\([^;{]*\)\s*\{|#\s*define\s+malloc\s+mm_malloc\b/;
const L4RE_INCLUDED = /#\s*include\s*<l4\/re\/c\//;
/** A definition of malloc, with its optional prefix (`my_` in my_malloc). */
const MALLOC_DEFINED = /\b([A-Za-z_]\w*_)?malloc\s*\([^;{)]*\)\s*\{/;

/** The kind of a C or C++ source (told by `file`'s extension), or why it has none. */
export function native_kind(source: string, file = 'submission.c'): Native_kind | { readonly error: string } {
  if (CXX_EXTENSIONS.includes(extname(file))) return 'cxx';
  if (MM_DEFINED.test(source)) return 'mm';
  if (L4RE_INCLUDED.test(source) || MALLOC_DEFINED.test(source)) return 'l4re';
  return { error: 'defines neither mm_malloc nor malloc' };
}

/** -D flags that make the student's declarations and the driver's agree. */
function kind_flags(kind: Native_kind, source: string): string[] {
  if (kind === 'mm') {
    const init = /\b(bool|_Bool)\s+mm_init\s*\(/.test(source) ? ['-DL4CHECK_MM_INIT_BOOL'] : [];
    const check = /\b(\w+)\s+mm_checkheap\s*\(/.exec(source)?.[1];
    const checkheap = check === 'void' ? ['-DL4CHECK_CHECKHEAP_VOID'] : check === 'bool' || check === '_Bool' ? ['-DL4CHECK_CHECKHEAP_BOOL'] : [];
    return ['-DDRIVER', ...init, ...checkheap];
  }
  if (kind === 'cxx') return [];
  const prefix = MALLOC_DEFINED.exec(source)?.[1] ?? '';
  return STUDENT_NAMES.map((n) => `-D${prefix}${n}=l4re_student_${n}`);
}

/** The first line of compiler or linker output that names an error. */
function first_error(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim());
  return lines.find((l) => /\berror\b|undefined reference|multiple definition/.test(l)) ?? lines.find((l) => l !== '') ?? 'the compiler failed';
}

function run(command: string, args: readonly string[]): string | undefined {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error) return `${command}: ${r.error.message}`;
  return r.status === 0 ? undefined : first_error(r.stderr);
}

/**
 * objcopy's renames for a C++ object: each of malloc, free, realloc (and
 * calloc) it defines, as a C function or, failing that, as a C++ overload at
 * namespace scope (_Z6mallocj), becomes l4re_student_<name>; every other libc
 * allocation function it defines gets a name of its own. A missing one is the
 * build's error.
 */
function cxx_renames(file: string, object: string): string[] | { readonly error: string } {
  const r = spawnSync('nm', ['--defined-only', '--extern-only', '-P', object], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return { error: `nm: ${r.error?.message ?? first_error(r.stderr)}` };
  const defined = new Set(r.stdout.split('\n').map((l) => l.split(' ')[0]));
  const renames: string[] = [];
  for (const name of LIBC_ALLOCATION) {
    const c = defined.has(name) ? name : undefined;
    const overload = [...defined].find((d) => d.startsWith(`_Z${name.length}${name}`));
    const chosen = c ?? (STUDENT_NAMES.includes(name) ? overload : undefined);
    if (chosen === undefined) {
      if (REQUIRED.includes(name)) return { error: `${basename(file)} defines no ${name}(): neither the C function nor a C++ ${name} at namespace scope` };
      continue;
    }
    renames.push('--redefine-sym', `${chosen}=l4re_student_${name}`);
  }
  return renames;
}

function native_sources_hash(): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(p).update(readFileSync(p));
    }
  };
  walk(NATIVE_DIR);
  return h.digest('hex');
}

/** Build `file` (a .c submission) into its driver, or say why it does not build. */
export function build_native(file: string, cache_dir = join(tmpdir(), 'l4check-build')): Build_result {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  const kind = native_kind(source, file);
  if (typeof kind !== 'string') return { ok: false, error: kind.error };
  const flags = kind_flags(kind, source);
  const subject = file === GLIBC_REFERENCE ? GLIBC_SUBJECT : SUBJECT[kind];
  const key = createHash('sha256').update(kind).update(source).update(subject.join(' ')).update(flags.join(' ')).update(native_sources_hash()).digest('hex').slice(0, 32);
  const dir = join(cache_dir, key);
  const exe = join(dir, 'driver');
  if (existsSync(exe)) return { ok: true, kind, exe };
  mkdirSync(cache_dir, { recursive: true });
  const work = mkdtempSync(join(cache_dir, 'tmp-'));
  try {
    const include = kind === 'mm' ? ['-I', NATIVE_DIR] : ['-I', L4RE_INCLUDE];
    const object = join(work, 'student.o');
    const compiled = kind === 'cxx' ? run('g++', [...CXXFLAGS, ...include, '-c', file, '-o', object]) : run('cc', [...CFLAGS, ...include, ...flags, '-c', file, '-o', object]);
    if (compiled !== undefined) return { ok: false, error: compiled };
    const renames = kind === 'cxx' ? cxx_renames(file, object) : [];
    if (!Array.isArray(renames)) return { ok: false, error: renames.error };
    const error =
      (kind === 'mm' ? undefined : run('objcopy', [...Object.entries(DATA_SECTIONS).flatMap(([from, to]) => ['--rename-section', `${from}=${to}`]), ...renames, object])) ??
      run('cc', [
        ...CFLAGS,
        '-Wall',
        '-Wextra',
        '-I',
        NATIVE_DIR,
        '-I',
        L4RE_INCLUDE,
        ...flags.filter((f) => !f.startsWith('-D') || f.startsWith('-DL4CHECK')),
        ...[...COMMON, ...subject].map((s) => join(NATIVE_DIR, s)),
        object,
        ...(kind === 'cxx' ? ['-lstdc++'] : []),
        '-pthread',
        '-lm',
        '-Wl,-z,now',
        '-o',
        join(work, 'driver'),
      ]);
    if (error !== undefined) return { ok: false, error };
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    return { ok: true, kind, exe };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
