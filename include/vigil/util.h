/*
 * util.h: allocation wrappers that never return NULL, and small string
 * helpers. On out-of-memory they call the registered fatal hook (the console
 * restores the terminal there) and exit with status 71 (EX_OSERR).
 */
#ifndef VIGIL_UTIL_H
#define VIGIL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* Called once before exit on a fatal error; borrowed, may be NULL. */
void	 util_set_fatal_hook(void (*hook)(void));
/* Restore whatever the hook protects (the terminal), print and exit 70/71. */
void	 util_fatal(int status, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3), noreturn));

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 xvasprintf(char **, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

/* Parse a whole decimal integer in [min, max]; 0 on success, -1 otherwise. */
int	 util_parse_int(const char *, long long, long long, long long *);

#endif
