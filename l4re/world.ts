/**
 * A whole L4Re-style system: the kernel's objects and tasks, Moe's quota, and the
 * loader (ned) that hands out environment capabilities. model/ and impl/ each
 * provide `create_world` and `boot` with these types.
 */
import type { Cap } from './cap.ts';
import type { Epiface, Object_registry } from './epiface.ts';
import type { Task } from './task.ts';

export interface World_config {
  /** Mem_alloc quota in bytes, for the whole world. */
  readonly quota: number;
  /** Slots each task's cap_alloc manages (default L4RE_CAP_ALLOC_SLOTS). */
  readonly cap_alloc_slots?: number;
}

/** A loader channel (ld:new_channel()): an Ipc_gate the loader holds, not yet bound. */
export type Channel = number;

/** An environment capability given to a task at start: a channel with rights. */
export interface Env_cap {
  readonly channel: Channel;
  readonly rights: number;
}

/** Counts that must return to their baseline once everything is freed. */
export interface World_stats {
  /** Per task, in creation order: cap_alloc slots in use and attached regions. */
  readonly tasks: readonly { readonly name: string; readonly slots: number; readonly regions: number }[];
  /** Live Ipc_gate objects, the loader's channels included. */
  readonly gates: number;
  /** Live dataspaces. */
  readonly dataspaces: number;
  /** Bytes charged to the Mem_alloc quota. */
  readonly quota_used: number;
  /** Epifaces registered in every registry. */
  readonly objects: number;
}

export interface World {
  new_channel(): Channel;
  /**
   * Start a task. Its environment capabilities take slots 1, 2, … in the order
   * given (at most L4RE_CAP_ALLOC_BASE - 1 of them), each a counted copy.
   */
  create_task(name: string, caps?: Readonly<Record<string, Env_cap>>): Task;
  stats(): World_stats;
  /** Throws, naming the structure and what mismatched, if an internal invariant is broken. */
  check_invariants(): void;
  /**
   * The kernel debugger's view: the label of the gate behind `cap` in `task`, or
   * undefined. Attack commands use it to forge messages; no client API exposes it.
   */
  debug_label(task: Task, cap: Cap): number | undefined;
}

/** One client session of the logging server. */
export interface Log_session extends Epiface {
  /** The id string given at create; every line of the session starts with it. */
  readonly id: string;
}

export interface Boot_config extends World_config {
  /** Client task names; each gets the factory as env cap `log_server` with RWS. */
  readonly clients: readonly string[];
}

/**
 * The Lua example with sessions, booted: a `logging` server task whose
 * Registry_server has the session factory registered as service `log_server`,
 * and client tasks holding the factory.
 */
export interface Log_system {
  readonly world: World;
  readonly server: Task;
  readonly registry: Object_registry;
  readonly clients: readonly Task[];
  /** Every line the logging server printed, in order. */
  readonly console: readonly string[];
  /** Live sessions in creation order. */
  sessions(): readonly Log_session[];
}

export type Boot = (config: Boot_config) => Log_system;
export type Create_world = (config: World_config) => World;
