/**
 * A bound on a search's work: steps (one per event the search looks at) and
 * wall-clock milliseconds from the budget's creation. Once spent it stays
 * spent: a search that runs out answers `unknown`, never a guess.
 */
export interface Limits {
  readonly steps?: number;
  readonly ms?: number;
}

/** Steps between two looks at the clock. */
const CLOCK_EVERY = 1024;

export class Budget {
  /** Steps taken so far. */
  used = 0;
  private spent = false;
  private readonly steps: number;
  private readonly deadline: number;

  constructor(limits: Limits) {
    this.steps = limits.steps ?? Infinity;
    this.deadline = limits.ms === undefined ? Infinity : performance.now() + limits.ms;
  }

  /** Takes one step; false once the steps or the time are used up. */
  spend(): boolean {
    if (this.used >= this.steps || (this.used % CLOCK_EVERY === 0 && performance.now() > this.deadline)) this.spent = true;
    if (this.spent) return false;
    this.used++;
    return true;
  }

  get exhausted(): boolean {
    return this.spent;
  }
}
