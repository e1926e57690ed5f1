/*
 * ops-export-md.h: text from the database made safe as Markdown
 * (src/ops/export-md.c), for the review export and the evidence report.
 */
#ifndef VIGIL_OPS_EXPORT_MD_H
#define VIGIL_OPS_EXPORT_MD_H

#include <stdbool.h>

#include "vigil/buf.h"

/*
 * Append raw (borrowed; "" for none) to out as Markdown text: passed
 * through sanitize() so no terminal control survives, then Markdown
 * punctuation backslash-escaped and a line's leading spaces dropped, so it
 * cannot change the document's structure. table: for a table cell, where
 * newlines become <br>.
 */
void	export_md_text(struct buf *out, const char *raw, bool table);

#endif
