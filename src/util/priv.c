/*
 * priv.c: the setgid installation's privilege handling (see priv.h and
 * the "setgid installation" section of README.md for the threat model).
 *
 * The only privilege vigil ever has is the effective group it was
 * installed setgid to. It is held only while the database is being opened
 * (and created); after that it is dropped for good, so a bug in vigil or a
 * hostile $EDITOR, rule file or terminal description cannot reach the
 * database directory except through the open descriptors, which are
 * close-on-exec. The process stays non-dumpable (the kernel's rule for
 * set-id programs), so another process of the user cannot borrow those
 * descriptors through ptrace or /proc. This file must not touch the uid:
 * identity is the real uid.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "vigil/priv.h"

static bool	priv_mode;
static bool	priv_gone;
static gid_t	priv_gid;

/*
 * Variables a setgid program must not let the user choose: where vigil's
 * shipped rules and templates are, where SQLite and others put temporary
 * files, where locale and character-set code is loaded from, and the
 * dynamic loader's own (already ignored by the loader in this mode).
 */
static const char *const priv_untrusted[] = {
	"VIGIL_SHARE", "TMPDIR", "SQLITE_TMPDIR", "LOCPATH",
	"NLSPATH", "GCONV_PATH", "TZDIR",
	"HOSTALIASES", "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT",
	"MALLOC_CHECK_", "MALLOC_TRACE",
};

static void
priv_die(const char *what)
{
	fprintf(stderr, "vigil: cannot %s the group privilege of the setgid "
	    "installation; refusing to run\n", what);
	exit(71);
}

void
priv_init(void)
{
	size_t	i;

	if (getegid() == getgid())
		return;
	priv_mode = true;
	priv_gid = getegid();
	for (i = 0; i < sizeof priv_untrusted / sizeof priv_untrusted[0]; i++)
		unsetenv(priv_untrusted[i]);
	priv_lower();
}

bool
priv_setgid_mode(void)
{
	return priv_mode;
}

gid_t
priv_group(void)
{
	return priv_mode ? priv_gid : getegid();
}

void
priv_raise(void)
{
	if (!priv_mode || priv_gone)
		return;
	if (setegid(priv_gid) != 0 || getegid() != priv_gid)
		priv_die("take");
}

void
priv_lower(void)
{
	if (!priv_mode || priv_gone)
		return;
	if (setegid(getgid()) != 0 || getegid() != getgid())
		priv_die("lower");
}

void
priv_drop(void)
{
	gid_t	r, e, s;

	if (!priv_mode || priv_gone)
		return;
	if (setresgid(getgid(), getgid(), getgid()) != 0 ||
	    getresgid(&r, &e, &s) != 0 || r != e || e != s ||
	    r != getgid())
		priv_die("drop");
	priv_gone = true;
}

bool
priv_dropped(void)
{
	return priv_gone;
}
