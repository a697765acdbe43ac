/**
 * The trace sets the utilization goals are stated over, with the best published
 * student results they must beat.
 */
import { join } from 'node:path';
import { TRACES_DIR } from './trace_files.ts';

export interface Trace_set {
  readonly name: string;
  readonly files: readonly string[];
  /** The average utilization l4check's optimized allocator must reach. */
  readonly goal: number;
}

/** The 16 weight-1 traces of CMU's 2016+ malloc lab. */
export const CMU_2016_WEIGHTED: Trace_set = {
  name: 'cmu-2016plus, the 16 weight-1 traces',
  files: [
    ...['bdd-aa32', 'bdd-aa4', 'bdd-ma4', 'bdd-nq7', 'cbit-abs', 'cbit-parity', 'cbit-satadd', 'cbit-xyz'],
    ...['ngram-gulliver1', 'ngram-gulliver2', 'ngram-moby1', 'ngram-shake1'],
    ...['syn-array', 'syn-mix', 'syn-string', 'syn-struct'],
  ].map((t) => join(TRACES_DIR, 'cmu-2016plus', `${t}.rep`)),
  goal: 0.75,
};

/** The 11 default traces of the CS:APP malloc lab. */
export const CSAPP_DEFAULT: Trace_set = {
  name: 'csapp-classic, the 11 default -bal traces',
  files: ['amptjp', 'cccp', 'cp-decl', 'expr', 'coalescing', 'random', 'random2', 'binary', 'binary2', 'realloc', 'realloc2'].map((t) =>
    join(TRACES_DIR, 'csapp-classic', `${t}-bal.rep`),
  ),
  goal: 0.9,
};
