/*
 * sanitize.h: the one gate between stored text and a terminal. Text from
 * the database and from input is hostile (attackers write alert titles).
 * Everything shown on a terminal, by the console or the command line, goes
 * through sanitize(); raw bytes stay unchanged in the database.
 *
 * Rules: invalid UTF-8 becomes U+FFFD (one per maximal invalid subpart);
 * C0 controls, DEL, C1 controls, bidirectional controls, zero-width and
 * format characters, tag characters, noncharacters and private-use
 * characters become visible placeholders; TAB becomes a space; LF is kept
 * only with SAN_MULTILINE; more than SAN_MAX_MARKS combining marks on one
 * character become placeholders. The result is valid UTF-8 (or, with
 * SAN_ASCII, pure printable ASCII) and contains no byte below 0x20 except
 * LF, and no C1 code point, so no escape sequence can survive.
 */
#ifndef VIGIL_SANITIZE_H
#define VIGIL_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sanitize_flags {
	SAN_MULTILINE = 1,	/* keep LF (otherwise shown as a placeholder) */
	SAN_ASCII = 2,		/* the terminal is not UTF-8: ASCII only */
	SAN_TABS = 4,		/* keep TAB (otherwise a space) */
};

#define SAN_MAX_MARKS 4

/* A sanitized copy of s (NULL gives ""); owned by the caller. */
char	*sanitize(const char *s, int flags);
/*
 * Sanitize, then cut to at most `cells` terminal cells, ending with an
 * ellipsis ("…", or "~" with SAN_ASCII) when cut. Owned by the caller.
 * *width (may be NULL) gets the cells used.
 */
char	*sanitize_fit(const char *s, int cells, int flags, int *width);
/* Cells needed to show already-sanitized text (one line). */
int	 sanitize_width(const char *clean);
/* Cells of one code point as the terminal will draw it (0, 1 or 2). */
int	 sanitize_cp_width(uint32_t cp);
/*
 * Decode one UTF-8 code point from s (at most len bytes). Returns the bytes
 * consumed (>= 1); *cp is U+FFFD for an invalid sequence.
 */
size_t	 sanitize_decode(const unsigned char *s, size_t len, uint32_t *cp);

#endif
