/*
 * l4check's L4Re shim: <l4/sys/kdebug.h>. Entering the kernel debugger stops
 * the system; under l4check it stops the run, and the verdict names the text
 * and the call site. enter_kdebug is the name before 2025, l4_kd_enter after.
 */
#ifndef L4_SYS_KDEBUG_H
#define L4_SYS_KDEBUG_H

#include <l4/l4check/calls.h>

#define enter_kdebug(text) l4check_kdebug((text), L4CHECK_HERE("enter_kdebug"))
#define l4_kd_enter(text) l4check_kdebug((text), L4CHECK_HERE("l4_kd_enter"))

#endif
