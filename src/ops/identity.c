/*
 * identity.c: who is running vigil. The real uid is the only trusted
 * source; $USER and $LOGNAME are never read.
 */
#include <ctype.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vigil/ops-identity.h"
#include "vigil/util.h"

int
identity_current(struct actor *a, struct verr *e)
{
	struct passwd	*pw;
	FILE		*f;
	char		*comma;
	long long	 lu;

	memset(a, 0, sizeof *a);
	a->uid = (int64_t)getuid();
	if ((pw = getpwuid(getuid())) == NULL || pw->pw_name == NULL)
		return verr_set(e, VERR_NOPERM, "uid %lld has no entry in "
		    "the password database; vigil needs a named account",
		    (long long)a->uid);
	if (strlen(pw->pw_name) >= sizeof a->login)
		return verr_set(e, VERR_NOPERM, "login name too long");
	snprintf(a->login, sizeof a->login, "%s", pw->pw_name);
	snprintf(a->gecos, sizeof a->gecos, "%s",
	    pw->pw_gecos != NULL ? pw->pw_gecos : "");
	if ((comma = strchr(a->gecos, ',')) != NULL)
		*comma = '\0';
	/* The audit login uid survives su and sudo; 4294967295 is unset. */
	if ((f = fopen("/proc/self/loginuid", "r")) != NULL) {
		if (fscanf(f, "%lld", &lu) == 1 && lu >= 0 &&
		    lu != 4294967295LL) {
			a->has_loginuid = true;
			a->loginuid = lu;
		}
		fclose(f);
	}
	return 0;
}

bool
identity_valid_login(const char *s)
{
	const char	*p;

	if (s == NULL || *s == '\0' || strlen(s) >= LOGIN_MAX || *s == '-')
		return false;
	for (p = s; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' &&
		    *p != '.')
			return false;
	return true;
}
