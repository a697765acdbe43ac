/** One job of fuzz/jobs.ts, in its worker thread: hunts its seeds and posts every hunt. */
import { parentPort, workerData } from 'node:worker_threads';
import { signature } from './counterexample.ts';
import type { Job_data, Job_message } from './jobs.ts';
import { fuzz_loop } from './loop.ts';
import { open_target } from './targets.ts';

const data = workerData as Job_data;
const port = parentPort!;
const flag = new Int32Array(data.stop);
const known = new Set<string>();
port.on('message', (sig: string) => known.add(sig));
const post = (m: Job_message) => port.postMessage(m);

try {
  const target = await open_target(data.spec, data.planted);
  try {
    await fuzz_loop(
      target,
      {
        seed: data.seed,
        stride: data.stride,
        shrink_ms: data.shrink_ms,
        stopped: () => Atomics.load(flag, 0) !== 0,
        known: (failure) => known.has(signature(target.name, failure)),
      },
      (hunt, seed) => post({ hunt, seed }),
    );
  } finally {
    await target.close();
  }
  post({ done: true });
} catch (e) {
  post({ done: true, error: (e as Error).stack ?? String(e) });
}
