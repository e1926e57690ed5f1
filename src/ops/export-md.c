/*
 * export-md.c: text from the database made safe as Markdown: sanitized
 * first (src/model/sanitize.c), then every character that Markdown reads
 * as markup escaped, so a title or a note can never become a heading, a
 * list, a link or a table cell boundary. Used by the review export
 * (export.c) and the evidence report (evidence-report.c); in a file of its
 * own so that those two do not call each other.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/buf.h"
#include "vigil/ops-export-md.h"
#include "vigil/sanitize.h"

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
