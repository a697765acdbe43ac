/* l4check's L4Re shim: <l4/re/env.h>, the C environment; the shim has no named capabilities. */
#ifndef L4_RE_ENV_H
#define L4_RE_ENV_H

#include <l4/sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct l4re_env_t {
  l4_cap_idx_t parent;
  l4_cap_idx_t rm;
  l4_cap_idx_t mem_alloc;
  l4_cap_idx_t log;
  l4_cap_idx_t main_thread;
  l4_cap_idx_t factory;
  l4_cap_idx_t scheduler;
} l4re_env_t;

l4re_env_t *l4re_env(void);
/* L4_INVALID_CAP: no name is bound. */
l4_cap_idx_t l4re_env_get_cap(char const *name);

#ifdef __cplusplus
}
#endif

#endif
