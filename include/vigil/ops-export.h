/*
 * ops-export.h: a review document (ops-review.h) as Markdown or JSON. Pure
 * formatting of what ops_review_load() read: no I/O and no clock, so the
 * same database gives the same bytes (a "generated" stamp only with
 * opts->stamp). Keys and sections come in a fixed order; times are UTC
 * ("YYYY-MM-DDTHH:MM:SSZ").
 *
 * JSON keeps every string exactly as stored (the JSON writer escapes it).
 * Markdown is for people: text from the database is passed through
 * sanitize() (no terminal controls survive) and escaped so it cannot
 * change the document's structure — Markdown punctuation is
 * backslash-escaped, a line's leading spaces are dropped, newlines in
 * table cells become <br>, and bulletin bodies sit in a code fence longer
 * than any backtick run they contain.
 */
#ifndef VIGIL_OPS_EXPORT_H
#define VIGIL_OPS_EXPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "vigil/buf.h"
#include "vigil/ops-export-md.h"
#include "vigil/ops-review.h"

#define EXPORT_FORMAT "vigil-review/1"

struct export_opts {
	bool		 stamp;		/* add generated_at / generated_by */
	int64_t		 now;		/* for the stamp */
	const char	*by;		/* for the stamp (borrowed) */
	bool		 brief;		/* Markdown: no timeline, no bodies */
};

/* Append the JSON document (pretty, with a final newline) to out. */
void	export_json(const struct review_doc *, const struct export_opts *,
	    struct buf *out);
/* Append the Markdown document to out. */
void	export_markdown(const struct review_doc *, const struct export_opts *,
	    struct buf *out);
/* "45s", "12m 05s", "3h 12m 00s", "2d 04h 00m 00s"; "-" when negative. */
void	export_span(struct buf *out, int64_t secs);

#endif
