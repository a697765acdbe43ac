/**
 * L4Re error codes (l4sys/include/err.h). Functions return them negated:
 * `-L4_ENOENT`. IPC errors are `-(L4_EIPC_LO + code)`.
 */
export const L4_EOK = 0;
export const L4_EPERM = 1;
export const L4_ENOENT = 2;
export const L4_EAGAIN = 11;
export const L4_ENOMEM = 12;
export const L4_EACCESS = 13;
export const L4_EBUSY = 16;
export const L4_EEXIST = 17;
export const L4_ENODEV = 19;
export const L4_EINVAL = 22;
export const L4_ENOSPC = 28;
export const L4_ERANGE = 34;
export const L4_ENOSYS = 38;
export const L4_EBADPROTO = 39;
export const L4_EADDRNOTAVAIL = 99;
export const L4_ENOREPLY = 1000;
export const L4_EMSGTOOSHORT = 1001;
export const L4_EMSGTOOLONG = 1002;

export const L4_EIPC_LO = 2000;
/** IPC error code: the partner (the invoked capability) does not exist. */
export const L4_IPC_ENOT_EXISTENT = 4;
/** What `l4_error()` gives for a call through an empty slot or a deleted gate: -2004. */
export const L4_IPC_NOT_EXISTENT_ERR = -(L4_EIPC_LO + L4_IPC_ENOT_EXISTENT);

const NAMES: ReadonlyMap<number, string> = new Map([
  [L4_EOK, 'L4_EOK'],
  [L4_EPERM, 'L4_EPERM'],
  [L4_ENOENT, 'L4_ENOENT'],
  [L4_EAGAIN, 'L4_EAGAIN'],
  [L4_ENOMEM, 'L4_ENOMEM'],
  [L4_EACCESS, 'L4_EACCESS'],
  [L4_EBUSY, 'L4_EBUSY'],
  [L4_EEXIST, 'L4_EEXIST'],
  [L4_ENODEV, 'L4_ENODEV'],
  [L4_EINVAL, 'L4_EINVAL'],
  [L4_ENOSPC, 'L4_ENOSPC'],
  [L4_ERANGE, 'L4_ERANGE'],
  [L4_ENOSYS, 'L4_ENOSYS'],
  [L4_EBADPROTO, 'L4_EBADPROTO'],
  [L4_EADDRNOTAVAIL, 'L4_EADDRNOTAVAIL'],
  [L4_ENOREPLY, 'L4_ENOREPLY'],
  [L4_EMSGTOOSHORT, 'L4_EMSGTOOSHORT'],
  [L4_EMSGTOOLONG, 'L4_EMSGTOOLONG'],
]);

/** `-2` → `"-L4_ENOENT"`, `-2004` → `"-L4_EIPC(4)"`; non-negative values print as numbers. */
export function l4_err_name(code: number): string {
  if (code >= 0) return String(code);
  const name = NAMES.get(-code);
  if (name !== undefined) return `-${name}`;
  if (-code > L4_EIPC_LO) return `-L4_EIPC(${-code - L4_EIPC_LO})`;
  return String(code);
}
