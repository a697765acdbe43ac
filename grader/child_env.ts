/**
 * The environment every runner's child process starts with: the grader's own,
 * plus glibc's malloc asked to put its heap in transparent huge pages
 * (`glibc.malloc.hugetlb=1`). Memory-bound traces time up to half again
 * slower or faster from one process to the next when their heap lies in
 * scattered 4 KiB pages; in huge pages they time alike. It concerns the heaps
 * glibc serves: glibc's own as the C reference, and the array buffers behind
 * a TypeScript world's dataspaces. (memlib advises its own heap: memlib.c.)
 */
export const CHILD_ENV: NodeJS.ProcessEnv = { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' };
