/*
 * verr.c: filling in the user-facing error of a failed call.
 */
#include <stdarg.h>
#include <stdio.h>

#include "vigil/verr.h"

int
verr_set(struct verr *e, int code, const char *fmt, ...)
{
	va_list	ap;

	if (e == NULL)
		return -1;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void
verr_clear(struct verr *e)
{
	if (e != NULL) {
		e->code = VERR_OK;
		e->msg[0] = '\0';
	}
}
