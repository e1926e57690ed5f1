/*
 * verr.h: the one error convention of vigil. A function that can fail for
 * a reason the user should hear about takes a `struct verr *` (may be NULL)
 * and returns -1 (or NULL) after verr_set(). The code is a sysexits(3) value
 * so the command line can exit with it directly.
 */
#ifndef VIGIL_VERR_H
#define VIGIL_VERR_H

enum verr_code {
	VERR_OK = 0,
	VERR_USAGE = 64,	/* EX_USAGE: wrong arguments */
	VERR_DATA = 65,		/* EX_DATAERR: invalid value or transition */
	VERR_NOINPUT = 66,	/* EX_NOINPUT: no such incident or database */
	VERR_SOFTWARE = 70,	/* EX_SOFTWARE: internal error, corrupt file */
	VERR_CANTCREAT = 73,	/* EX_CANTCREAT: cannot create the database */
	VERR_IOERR = 74,	/* EX_IOERR: read or write failed */
	VERR_TEMPFAIL = 75,	/* EX_TEMPFAIL: database still busy */
	VERR_NOPERM = 77,	/* EX_NOPERM: not permitted */
};

struct verr {
	int	code;
	char	msg[512];
};

/* Set code and message (if e is not NULL); always returns -1. */
int	verr_set(struct verr *e, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	verr_clear(struct verr *e);

#endif
