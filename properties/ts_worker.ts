/**
 * A worker_threads Worker that runs a TypeScript module, under vitest and
 * under tsx alike, on Node 20.
 *
 * What does not work on Node 20: `new Worker(new URL('./x.worker.ts',
 * import.meta.url))` throws ERR_UNKNOWN_FILE_EXTENSION, under tsx too (the
 * parent's `--import tsx/loader` does not reach a worker's entry module), and
 * so does `execArgv: ['--import', 'tsx']` (nodejs/node#47747, fixed in 22).
 * What does: the worker's entry is a two-line ES module in a data: URL that
 * registers tsx's loader in the worker's own thread (tsx/esm/api's register)
 * and then imports the .ts file; every .ts import from there on goes through
 * tsx. The API's file URL is resolved here, in the parent (a data: URL has no
 * node_modules to resolve a bare name against); vitest provides
 * import.meta.resolve as Node does. Start-up costs each worker about 0.2 s.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

const TSX_API = import.meta.resolve('tsx/esm/api');

/** A Worker running the TypeScript module `file` (a file: URL), with `options` (workerData, …). */
export function ts_worker(file: URL, options: WorkerOptions = {}): Worker {
  const entry = `import { register } from ${JSON.stringify(TSX_API)};\nregister();\nawait import(${JSON.stringify(file.href)});\n`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(entry)}`), options);
}
