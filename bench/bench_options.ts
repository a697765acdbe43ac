/** What `npm run bench -- NAME ...` passes every benchmark. */
export interface Bench_options {
  readonly json?: string;
  /** --seconds, when given. */
  readonly seconds?: number;
  /** --sizes, when given. */
  readonly sizes?: readonly number[];
}
