/**
 * World benchmark: a mixed workload (session create/write/close, writes to live
 * sessions, capability passing, dataspace alloc/attach/write/detach/free, reads,
 * calls through empty slots) over a world holding N live objects — sessions,
 * dataspaces and attached regions — for model and impl alike.
 */
import { L4_CAP_FPAGE_RW, type Cap } from '../l4re/cap.ts';
import { Factory_cap } from '../l4re/factory.ts';
import { log_print_msg, log_write } from '../l4re/log.ts';
import { L4_PAGESIZE, L4RE_CAP_ALLOC_BASE, L4RE_RM_F_RW, L4RE_RM_F_SEARCH_ADDR, L4RE_RM_START } from '../l4re/mem.ts';
import type { Task } from '../l4re/task.ts';
import type { Log_system } from '../l4re/world.ts';
import type { World_under_test } from '../properties/worlds.ts';

const CLIENTS = 16;
const SLOTS = 65536 - L4RE_CAP_ALLOC_BASE;

/** xorshift32: the same op sequence for both worlds. */
function rng(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

interface Client {
  readonly task: Task;
  readonly factory: Factory_cap;
  readonly sessions: Cap[];
  readonly regions: number[];
}

/** N live objects: a fifth sessions, two fifths dataspaces, each attached once. */
function populate(sys: Log_system, live: number): Client[] {
  const clients = sys.clients.map((task) => ({
    task,
    factory: new Factory_cap(task, task.get_cap('log_server')),
    sessions: [] as Cap[],
    regions: [] as number[],
  }));
  const sessions = Math.floor(live / 5);
  const dataspaces = Math.floor((live - sessions) / 2);
  for (let i = 0; i < sessions; i++) {
    const c = clients[i % CLIENTS]!;
    const s = c.factory.create(0, `c${i % CLIENTS}.${i}`);
    if (s < 0) throw new Error(`bench world: create failed with ${s} at session ${i}`);
    c.sessions.push(s);
  }
  for (let i = 0; i < dataspaces; i++) {
    const c = clients[i % CLIENTS]!;
    const ds = c.task.cap_alloc.alloc();
    if (c.task.mem_alloc.alloc(L4_PAGESIZE, ds) !== 0) throw new Error(`bench world: mem_alloc failed at ${i}`);
    const at = c.task.rm.attach(L4RE_RM_START, L4_PAGESIZE, L4RE_RM_F_RW | L4RE_RM_F_SEARCH_ADDR, ds);
    if (at < 0) throw new Error(`bench world: attach failed with ${at} at ${i}`);
    c.regions.push(at);
  }
  return clients;
}

const DATA = new Uint8Array(64).fill(0x5a);

/** One step of the mix; returns the number of API calls it made. */
function step(clients: Client[], r: () => number, n: number): number {
  const c = clients[Math.floor(r() * CLIENTS)]!;
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  switch (Math.floor(r() * 6)) {
    case 0: {
      const s = c.factory.create(0, `tmp${n}`);
      log_write(c.task, s, 'hello');
      c.task.cap_alloc.free(s);
      return 3;
    }
    case 1:
      c.task.invoke(pick(c.sessions), log_print_msg(`line ${n}`, 0));
      return 1;
    case 2: {
      const to = clients[Math.floor(r() * CLIENTS)]!;
      const dst = to.task.cap_alloc.alloc();
      c.task.map(pick(c.sessions), to.task, dst, L4_CAP_FPAGE_RW);
      to.task.cap_alloc.free(dst);
      return 3;
    }
    case 3: {
      const ds = c.task.cap_alloc.alloc();
      c.task.mem_alloc.alloc(L4_PAGESIZE, ds);
      const at = c.task.rm.attach(L4RE_RM_START, L4_PAGESIZE, L4RE_RM_F_RW | L4RE_RM_F_SEARCH_ADDR, ds);
      c.task.write(at, DATA);
      c.task.rm.detach(at);
      c.task.cap_alloc.free(ds);
      return 6;
    }
    case 4:
      c.task.read(pick(c.regions), DATA.length);
      return 1;
    default:
      c.task.invoke(0x7ff000, log_print_msg('nobody', 0));
      return 1;
  }
}

export interface World_bench_row {
  readonly live: number;
  readonly impl_ops_per_sec: number;
  readonly model_ops_per_sec: number;
}

/** API calls per second of the mix on `w` with `live` objects, measured for `seconds`. */
export function measure(w: World_under_test, live: number, seconds: number): number {
  const sys = w.boot({
    quota: (live + 1024) * L4_PAGESIZE,
    cap_alloc_slots: SLOTS,
    clients: Array.from({ length: CLIENTS }, (_, i) => `c${i}`),
  });
  const clients = populate(sys, live);
  const r = rng(live);
  let ops = 0;
  let n = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  let now = t0;
  while (now < end) {
    for (let i = 0; i < 64; i++) ops += step(clients, r, n++);
    now = performance.now();
  }
  sys.world.check_invariants();
  return ops / ((now - t0) / 1000);
}

export function bench_world(model: World_under_test, impl: World_under_test, sizes: readonly number[], seconds: number): World_bench_row[] {
  return sizes.map((live) => ({
    live,
    impl_ops_per_sec: Math.round(measure(impl, live, seconds)),
    model_ops_per_sec: Math.round(measure(model, live, seconds)),
  }));
}

