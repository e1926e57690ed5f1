/*
 * ops-export-md.h: Markdown text rules shared by the Markdown documents
 * (export-md.c).
 */
#ifndef VIGIL_OPS_EXPORT_MD_H
#define VIGIL_OPS_EXPORT_MD_H

#include <stdbool.h>
#include <stdint.h>

#include "vigil/buf.h"

/* Markdown-escape raw (sanitized first, so no terminal control survives) into out; table: for a table cell. */
void	export_md_text(struct buf *out, const char *raw, bool table);
/* "45s", "12m 05s", "3h 12m 00s", "2d 04h 00m 00s"; "-" when negative. */
void	export_md_span(struct buf *out, int64_t secs);

#endif
