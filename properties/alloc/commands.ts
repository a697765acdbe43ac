/**
 * Commands of an allocator program. fast-check generates them with abstract
 * picks; each resolves its pointer against the account at run time (live
 * pointers counted back from the newest, modulo their number), runs the call
 * on both sides, writes a C line to the transcript and updates the account.
 * The heap checkers check every call; after every command both checkers must
 * hold exactly the account's live pointers, and both worlds' invariants must
 * hold when their walk is due (walk_due) and at teardown.
 */
import { hex } from '../../l4re/hex.ts';
import { Transcribed_command, pick, ret_text } from '../commands/command.ts';
import { walk_due, walk_on_failure } from '../invariants.ts';
import { Violation } from '../pair.ts';
import type { Alloc_account, Pointer } from './account.ts';
import type { Alloc_pair } from './pair.ts';
import type { Alloc_op } from './side.ts';

/** Which pointer a free or realloc gets. */
export type Pick =
  | { readonly kind: 'live'; readonly k: number }
  /** `off` bytes into a live block (1 if the block is not bigger than `off`). */
  | { readonly kind: 'interior'; readonly k: number; readonly off: number }
  /** A freed pointer whose address is a live block on neither side. */
  | { readonly kind: 'stale'; readonly k: number }
  /** An address no malloc can return. */
  | { readonly kind: 'never'; readonly addr: number }
  | { readonly kind: 'null' };

/** A realloc's new size, relative to the block's: the same, `n` more, `n` less (at least 1), or `n`. */
export interface Resize {
  readonly how: 'same' | 'grow' | 'shrink' | 'to';
  readonly n: number;
}

interface Resolved {
  readonly text: string;
  readonly addr: readonly [number, number];
  /** The live pointer it is, if any. */
  readonly p?: Pointer;
}

function resolve(acc: Alloc_account, pair: Alloc_pair, p: Pick): Resolved | undefined {
  if (p.kind === 'null') return { text: 'NULL', addr: [0, 0] };
  if (p.kind === 'never') return { text: `(void *)${hex(p.addr)}`, addr: [p.addr, p.addr] };
  if (p.kind === 'stale') {
    const s = pick(acc.stale(pair), p.k);
    return s && { text: s.name, addr: s.addr };
  }
  const l = pick(acc.live, p.k);
  if (l === undefined || p.kind === 'live') return l && { text: l.name, addr: l.addr, p: l };
  const off = p.off < l.size ? p.off : 1;
  return { text: `${l.name} + ${off}`, addr: [l.addr[0] + off, l.addr[1] + off] };
}

function new_size(r: Resize, old: number | undefined): number {
  if (old === undefined || r.how === 'to') return r.n;
  if (r.how === 'same') return old;
  return r.how === 'grow' ? old + r.n : Math.max(1, old - r.n);
}

function size_text(n: number): string {
  return Number.isSafeInteger(n) && n > 2 ** 32 ? hex(n) : String(n);
}

/** One call on both sides, checked and accounted; `size` is undefined for free. */
function call(acc: Alloc_account, pair: Alloc_pair, op: Alloc_op, t: Resolved, size: number | undefined): void {
  const args = op === 'malloc' ? size_text(size!) : size === undefined ? t.text : `${t.text}, ${size_text(size)}`;
  const line = `${op}(${args})`;
  acc.say(line);
  const r = pair.both(line, (s, i) => s.call(op, t.addr[i]!, size));
  pair.sides.forEach((_, i) => pair.on(i, (s) => s.settle(t.addr[i]!, size, r[i]!)));
  if (r[0] > 0) {
    if (t.p) acc.retire(t.p);
    const name = `p${pair.sides[0].checker.block_at(r[0])!.serial}`;
    acc.live.push({ name, addr: r, size: size! });
    acc.transcript[acc.transcript.length - 1] = `${name} = ${line}`;
    acc.result(`${hex(r[0])} | ${hex(r[1])}`);
    return;
  }
  if (r[0] === 0 && t.p && (size === undefined || size === 0)) acc.retire(t.p);
  acc.result(ret_text(r[0]));
}

export abstract class Alloc_command extends Transcribed_command<Alloc_account, Alloc_pair> {
  check(_acc: Readonly<Alloc_account>): boolean {
    return true;
  }

  override run(acc: Alloc_account, pair: Alloc_pair): void {
    walk_on_failure(pair.sides.map((s) => s.world), () => super.run(acc, pair));
  }

  protected after(acc: Alloc_account, pair: Alloc_pair): void {
    const walk = walk_due(acc.ran.length);
    for (const s of pair.sides) {
      if (walk) s.world.check_invariants();
      const n = s.checker.live_count();
      if (n !== acc.live.length) throw new Violation(`${s.under.name}: the checker holds ${n} blocks, the program ${acc.live.length}`);
    }
  }
}

export class Malloc extends Alloc_command {
  constructor(readonly size: number) {
    super();
  }

  protected exec(acc: Alloc_account, pair: Alloc_pair): void {
    call(acc, pair, 'malloc', { text: '', addr: [0, 0] }, this.size);
  }

  protected describe(): string {
    return `malloc(${this.size})`;
  }
}

/** free(p) or realloc(p, size) of a picked pointer; without one to pick it does nothing. */
export class Pointer_call extends Alloc_command {
  constructor(
    readonly target: Pick,
    readonly resize?: Resize,
  ) {
    super();
  }

  override check(acc: Readonly<Alloc_account>): boolean {
    return (this.target.kind !== 'live' && this.target.kind !== 'interior') || acc.live.length > 0;
  }

  protected exec(acc: Alloc_account, pair: Alloc_pair): void {
    const t = resolve(acc, pair, this.target);
    if (t === undefined) return;
    const size = this.resize && new_size(this.resize, t.p?.size);
    call(acc, pair, size === undefined ? 'free' : 'realloc', t, size);
  }

  protected describe(): string {
    const t = JSON.stringify(this.target);
    return this.resize === undefined ? `free(${t})` : `realloc(${t}, ${JSON.stringify(this.resize)})`;
  }
}

/** A phase that allocates many blocks in a row. */
export class Malloc_many extends Alloc_command {
  constructor(readonly sizes: readonly number[]) {
    super();
  }

  protected exec(acc: Alloc_account, pair: Alloc_pair): void {
    for (const n of this.sizes) call(acc, pair, 'malloc', { text: '', addr: [0, 0] }, n);
  }

  protected describe(): string {
    return `malloc each of [${this.sizes.join(', ')}]`;
  }
}

/** A phase that frees every live block except every `keep`-th: the heap fragments. */
export class Free_most extends Alloc_command {
  constructor(readonly keep: number) {
    super();
  }

  override check(acc: Readonly<Alloc_account>): boolean {
    return acc.live.length > 0;
  }

  protected exec(acc: Alloc_account, pair: Alloc_pair): void {
    const doomed = acc.live.filter((_, i) => i % this.keep !== 0);
    for (const p of doomed) call(acc, pair, 'free', { text: p.name, addr: p.addr, p }, undefined);
  }

  protected describe(): string {
    return `free all but every ${this.keep}th`;
  }
}
