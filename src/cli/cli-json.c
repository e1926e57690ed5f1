/*
 * cli-json.c: JSON for terminals and pipes alike. The JSON writer keeps
 * text as UTF-8; alert fields come from attackers as often as not, so the
 * intake commands print every non-ASCII character as a \uXXXX escape: the
 * document means the same, and no bidirectional override, zero-width or
 * tag character reaches a terminal that shows it.
 */
#include <stdio.h>

#include "cli-private.h"
#include "vigil/sanitize.h"

void
cli_print_json_ascii(struct buf *b)
{
	const unsigned char	*p = (const unsigned char *)buf_str(b);
	size_t			 left = b->len, n;
	uint32_t		 cp, hi, lo;

	while (left > 0) {
		if (*p < 0x80) {
			putchar(*p);
			p++;
			left--;
			continue;
		}
		n = sanitize_decode(p, left, &cp);
		if (n == 0) {	/* the writer made it valid; be safe anyway */
			fputs("\\ufffd", stdout);
			n = 1;
		} else if (cp >= 0x10000) {
			hi = 0xd800 + ((cp - 0x10000) >> 10);
			lo = 0xdc00 + ((cp - 0x10000) & 0x3ff);
			printf("\\u%04x\\u%04x", (unsigned)hi, (unsigned)lo);
		} else
			printf("\\u%04x", (unsigned)cp);
		p += n;
		left -= n;
	}
	putchar('\n');
}
