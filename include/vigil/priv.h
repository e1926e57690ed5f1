/*
 * priv.h: the setgid installation's privilege handling. When vigil is
 * installed setgid to a dedicated group (the group that owns the database
 * directory), the process starts with that group as its effective group.
 * priv_init() runs first: it drops the environment variables a setgid
 * program must not trust and lowers the effective group to the real one,
 * so everything runs as the user; priv_raise()/priv_lower() bracket the
 * opening of the database, and priv_drop() gives the group up for good
 * (real, effective and saved) before anything runs or writes as the user
 * ($EDITOR, export -o FILE, reading rule files). Identity is always the
 * real uid. In an ordinary installation every function is a no-op.
 */
#ifndef VIGIL_PRIV_H
#define VIGIL_PRIV_H

#include <stdbool.h>
#include <sys/types.h>

/* Call first in main. Exits 71 if the group cannot be lowered. */
void	 priv_init(void);
/* True when the program runs setgid (started with egid != gid). */
bool	 priv_setgid_mode(void);
/* The group vigil runs setgid to (only meaningful in setgid mode). */
gid_t	 priv_group(void);
/* Take the setgid group as the effective group (no-op when dropped). */
void	 priv_raise(void);
/* Back to the user's group as the effective group. */
void	 priv_lower(void);
/* Give the setgid group up for good; exits 71 if that fails. */
void	 priv_drop(void);
/* True when the setgid group can no longer be taken back. */
bool	 priv_dropped(void);

#endif
