/*
 * export-text.c: the text primitives every export shares (ops-export.h):
 * a duration as the reviews write it, and text from the database escaped
 * for Markdown. Their own file so that the documents that use them
 * (export.c, export-tasks.c, evidence-report.c) never call each other in
 * a circle.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/ops-export.h"
#include "vigil/sanitize.h"

void
export_span(struct buf *out, int64_t secs)
{
	uint64_t	s;
	long long	d, h, m;

	if (secs < 0)
		buf_putc(out, '-');
	s = secs < 0 ? (uint64_t)0 - (uint64_t)secs : (uint64_t)secs;
	d = (long long)(s / 86400);
	h = (long long)(s % 86400 / 3600);
	m = (long long)(s % 3600 / 60);
	s %= 60;
	if (d > 0)
		buf_printf(out, "%lldd %02lldh %02lldm %02llus", d, h, m,
		    (unsigned long long)s);
	else if (h > 0)
		buf_printf(out, "%lldh %02lldm %02llus", h, m,
		    (unsigned long long)s);
	else if (m > 0)
		buf_printf(out, "%lldm %02llus", m, (unsigned long long)s);
	else
		buf_printf(out, "%llus", (unsigned long long)s);
}

/* Characters that mean something to Markdown anywhere on a line. */
static bool
md_special(char c)
{
	return strchr("\\`*_[]<>|!&~#", c) != NULL;
}

void
export_md_text(struct buf *out, const char *raw, bool table)
{
	char		*s = sanitize(raw, SAN_MULTILINE);
	const char	*p = s, *q;
	bool		 bol = true;	/* at the beginning of a line */

	for (; *p != '\0'; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n') {
			buf_puts(out, table ? "<br>" : "\n");
			bol = true;
			continue;
		}
		if (bol) {
			/* leading spaces could make an indented code block */
			if (*p == ' ')
				continue;
			bol = false;
			/* block markers: lists, headings, breaks */
			if (*p == '+' || *p == '-' || *p == '=') {
				buf_putc(out, '\\');
				buf_putc(out, *p);
				continue;
			}
			for (q = p; *q >= '0' && *q <= '9'; q++)
				;
			if (q > p && (*q == '.' || *q == ')')) {
				buf_add(out, p, (size_t)(q - p));
				buf_putc(out, '\\');
				buf_putc(out, *q);
				p = q;
				continue;
			}
		}
		if (md_special(*p))
			buf_putc(out, '\\');
		buf_putc(out, *p);
	}
	free(s);
}
