/* l4check's L4Re shim: <l4/sys/err.h>. Codes are positive; functions return them negated. */
#ifndef L4_SYS_ERR_H
#define L4_SYS_ERR_H

enum l4_error_code_t {
  L4_EOK = 0,
  L4_EPERM = 1,
  L4_ENOENT = 2,
  L4_EAGAIN = 11,
  L4_ENOMEM = 12,
  L4_EACCESS = 13,
  L4_EBUSY = 16,
  L4_EEXIST = 17,
  L4_ENODEV = 19,
  L4_EINVAL = 22,
  L4_ENOSPC = 28,
  L4_ERANGE = 34,
  L4_ENOSYS = 38,
  L4_EBADPROTO = 39,
  L4_EADDRNOTAVAIL = 99,
  L4_ENOREPLY = 1000,
  L4_EMSGTOOSHORT = 1001,
  L4_EMSGTOOLONG = 1002,
  L4_EIPC_LO = 2000,
};

#endif
