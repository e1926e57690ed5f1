/*
 * identity.h: who is acting. The login comes from the real uid through the
 * password database, never from $USER or $LOGNAME; the audit login uid
 * (unchanged across su and sudo) is recorded beside it when the kernel has
 * one.
 */
#ifndef VIGIL_IDENTITY_H
#define VIGIL_IDENTITY_H

#include <stdbool.h>
#include <stdint.h>

#include "vigil/verr.h"

#define LOGIN_MAX 64

struct actor {
	int64_t	uid;
	char	login[LOGIN_MAX];
	char	gecos[128];		/* display name from passwd, may be "" */
	bool	has_loginuid;
	int64_t	loginuid;
};

/* The person running this process (getuid() -> getpwuid()). */
int	identity_current(struct actor *, struct verr *);
/* Is s a plausible login name (what the roster accepts)? */
bool	identity_valid_login(const char *s);

#endif
