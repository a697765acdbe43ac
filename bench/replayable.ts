/** What the alloc benchmark replays against: malloc, free and realloc over numeric addresses, 0 = null. */
export interface Replayable {
  malloc(size: number): number;
  free(ptr: number): unknown;
  realloc(ptr: number, size: number): number;
}
