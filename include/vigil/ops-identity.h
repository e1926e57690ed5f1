/*
 * ops-identity.h: finding who is acting (struct actor, actor.h). The
 * login comes from the real uid through the password database, never from
 * $USER or $LOGNAME; the audit login uid (unchanged across su and sudo) is
 * recorded beside it when the kernel has one.
 */
#ifndef VIGIL_OPS_IDENTITY_H
#define VIGIL_OPS_IDENTITY_H

#include <stdbool.h>
#include <stdint.h>

#include "vigil/actor.h"
#include "vigil/verr.h"

/* The person running this process (getuid() -> getpwuid()). */
int	identity_current(struct actor *, struct verr *);
/* Is s a plausible login name (what the roster accepts)? */
bool	identity_valid_login(const char *s);

#endif
