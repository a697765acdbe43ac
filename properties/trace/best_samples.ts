/**
 * The fastest of repeated timings, as mdriver's fcyc keeps them: the K best
 * samples, which agree when the K-th is within EPSILON of the best. Noise
 * from other work on the machine only ever adds time, so the fastest samples
 * are the allocator's own. Invariant: best holds the smallest min(K, taken)
 * samples, ascending.
 */
export const K = 3;
export const EPSILON = 0.02;
/** Samples after which a timing stops whether or not it agrees. */
export const MAX_SAMPLES = 20;

export class Best_samples {
  private readonly best: number[] = [];
  taken = 0;

  add(t: number): void {
    this.taken++;
    let at = this.best.length;
    while (at > 0 && this.best[at - 1]! > t) at--;
    if (at < K) this.best.splice(at, 0, t);
    if (this.best.length > K) this.best.pop();
  }

  /** The fastest sample; Infinity before any. */
  get fastest(): number {
    return this.best[0] ?? Infinity;
  }

  get converged(): boolean {
    return this.best.length === K && this.best[K - 1]! <= this.best[0]! * (1 + EPSILON);
  }

  /**
   * Whether to take another sample after `elapsed_ms` of a `budget_ms`
   * timing: fewer than K (2 once one sample takes a K-th of the budget: a
   * slow replay need not be repeated thrice, but once, against a first one
   * slowed by page faults or a compiler), or not agreeing yet within
   * MAX_SAMPLES and the budget.
   */
  more(elapsed_ms: number, budget_ms: number): boolean {
    const least = this.fastest * 1000 * K < budget_ms ? K : 2;
    return this.taken < least || (!this.converged && this.taken < MAX_SAMPLES && elapsed_ms < budget_ms);
  }
}
