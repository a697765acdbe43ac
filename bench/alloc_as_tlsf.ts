/**
 * AssemblyScript's TLSF runtime as a benchmark allocator: bench/as/tlsf_entry.ts
 * compiled by `asc --runtime minimal -O3` (a build step of the benchmark) and
 * driven from JS one export call per op, as impl is. Each replay gets a fresh
 * instance, whose memory starts small and grows (TLSF doubles it) up to wasm32's
 * 4 GiB. A request TLSF cannot serve (above its 1 GiB block limit, or memory that
 * cannot grow) traps; the trace is then failed for as-tlsf.
 * Utilization: peak payload / peak `memory.buffer.byteLength`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BENCH_DIR, build } from './build.ts';
import { js_driven } from './js_driven.ts';

interface Tlsf_exports {
  readonly memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  realloc(ptr: number, size: number): number;
}

const ENTRY = join(BENCH_DIR, 'as', 'tlsf_entry.ts');

let module: WebAssembly.Module | undefined;

function compiled(): WebAssembly.Module {
  if (module !== undefined) return module;
  const require = createRequire(import.meta.url);
  const asc = require.resolve('assemblyscript/bin/asc.js');
  const inputs = [ENTRY, require.resolve('assemblyscript/package.json')];
  const wasm = build('tlsf.wasm', inputs, process.execPath, (out) => [asc, ENTRY, '--runtime', 'minimal', '-O3', '-o', out]);
  module = new WebAssembly.Module(readFileSync(wasm));
  return module;
}

/** An AssemblyScript string: UTF-16 code units, their byte length in the word before. */
function as_string(memory: WebAssembly.Memory, ptr: number): string {
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0]!;
  return new TextDecoder('utf-16le').decode(new Uint8Array(memory.buffer, ptr, bytes));
}

function fresh(): Tlsf_exports {
  let memory: WebAssembly.Memory | undefined;
  const abort = (msg: number) => {
    throw new Error(`as-tlsf: ${memory === undefined ? 'abort' : as_string(memory, msg)}`);
  };
  const exports = new WebAssembly.Instance(compiled(), { env: { abort } }).exports as unknown as Tlsf_exports;
  memory = exports.memory;
  return exports;
}

export const as_tlsf_bench = js_driven('as-tlsf', fresh, (tlsf) => tlsf.memory.buffer.byteLength);
