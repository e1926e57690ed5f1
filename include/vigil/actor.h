/*
 * actor.h: who is acting, as the journal records it: the login and uid
 * from the password database and, when the kernel has one, the audit login
 * uid. A plain record, so the store can journal an actor without knowing
 * how it was found (ops-identity.h finds it).
 */
#ifndef VIGIL_ACTOR_H
#define VIGIL_ACTOR_H

#include <stdbool.h>
#include <stdint.h>

#define LOGIN_MAX 64

struct actor {
	int64_t	uid;
	char	login[LOGIN_MAX];
	char	gecos[128];		/* display name from passwd, may be "" */
	bool	has_loginuid;
	int64_t	loginuid;
};

#endif
