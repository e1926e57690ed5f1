/*
 * sanitize.c: the display sanitizer (see sanitize.h for the rules). Pure:
 * no I/O, no locale state except wcwidth()'s answer for printable code
 * points, with a built-in table when the C library does not know one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "vigil/buf.h"
#include "vigil/sanitize.h"
#include "vigil/util.h"

size_t
sanitize_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t	c, min;
	size_t		n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f, min = 0x80;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f, min = 0x800;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07, min = 0x10000;
	else {
		*cp = 0xfffd;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if (i >= len || (s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;	/* maximal subpart: stop here */
			return i;
		}
		c = (c << 6) | (s[i] & 0x3f);
		/* reject overlongs and surrogates as early as possible */
		if (i == 1 && ((s[0] == 0xe0 && s[1] < 0xa0) ||
		    (s[0] == 0xed && s[1] > 0x9f) ||
		    (s[0] == 0xf0 && s[1] < 0x90) ||
		    (s[0] == 0xf4 && s[1] > 0x8f))) {
			*cp = 0xfffd;
			return 1;
		}
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = 0xfffd;
		return n;
	}
	*cp = c;
	return n;
}

static bool
in_ranges(uint32_t cp, const uint32_t (*r)[2], size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (cp >= r[i][0] && cp <= r[i][1])
			return true;
	return false;
}

/* Code points that must never reach the terminal as themselves (the one
 * list, shared with the JSON writer, which escapes them). */
static bool
dangerous(uint32_t cp)
{
	return buf_cp_dangerous(cp);
}

static bool
combining(uint32_t cp)
{
	static const uint32_t	r[][2] = {
		{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
		{ 0x0610, 0x061a }, { 0x064b, 0x065f }, { 0x0e31, 0x0e31 },
		{ 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e }, { 0x1ab0, 0x1aff },
		{ 0x1dc0, 0x1dff }, { 0x20d0, 0x20ff }, { 0xfe20, 0xfe2f },
	};

	return in_ranges(cp, r, nitems(r));
}

static bool
wide(uint32_t cp)
{
	static const uint32_t	r[][2] = {
		{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
		{ 0x23e9, 0x23ec }, { 0x2e80, 0x303e }, { 0x3041, 0x33ff },
		{ 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xa000, 0xa4cf },
		{ 0xa960, 0xa97f }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff },
		{ 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f }, { 0xff00, 0xff60 },
		{ 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f }, { 0x1f680, 0x1f6ff },
		{ 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
	};

	return in_ranges(cp, r, nitems(r));
}

int
sanitize_cp_width(uint32_t cp)
{
	int	w;

	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if (cp < 0x7f)
		return 1;
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w > 2 ? 2 : w;
	if (combining(cp))
		return 0;
	return wide(cp) ? 2 : 1;
}

/* Write the placeholder for a code point that may not be shown. */
static void
placeholder(struct buf *b, uint32_t cp, int flags)
{
	if (cp == 0x1b)
		buf_puts(b, (flags & SAN_ASCII) ? "^[" : "\xe2\x90\x9b"); /* ␛ */
	else if (cp < 0x20 && !(flags & SAN_ASCII))
		buf_put_utf8(b, 0x2400 + cp);	/* control pictures U+2400.. */
	else if (cp < 0x20)
		buf_printf(b, "^%c", (char)(cp + '@'));
	else if (cp == 0x7f)
		buf_puts(b, (flags & SAN_ASCII) ? "^?" : "\xe2\x90\xa1"); /* ␡ */
	else
		buf_printf(b, "<U+%04X>", cp);
}

char *
sanitize(const char *s, int flags)
{
	const unsigned char	*p = (const unsigned char *)(s ? s : "");
	size_t			 left = strlen((const char *)p), n;
	struct buf		 b;
	uint32_t		 cp;
	int			 marks = 0;

	buf_init(&b);
	buf_add(&b, "", 0);
	while (left > 0) {
		n = sanitize_decode(p, left, &cp);
		p += n;
		left -= n;
		if (cp == '\t') {
			buf_putc(&b, (flags & SAN_TABS) ? '\t' : ' ');
			marks = 0;
		} else if (cp == '\n' && (flags & SAN_MULTILINE)) {
			buf_putc(&b, '\n');
			marks = 0;
		} else if (dangerous(cp)) {
			placeholder(&b, cp, flags);
			marks = 0;
		} else if (cp == 0xfffd) {
			buf_puts(&b, (flags & SAN_ASCII) ? "?" :
			    "\xef\xbf\xbd");
			marks = 0;
		} else if (sanitize_cp_width(cp) == 0 && cp >= 0x80) {
			/* combining: attach at most SAN_MAX_MARKS, and never
			 * at the start of the text (nothing to attach to) */
			if (b.len == 0 || marks >= SAN_MAX_MARKS ||
			    (flags & SAN_ASCII))
				placeholder(&b, cp, flags);
			else {
				buf_put_utf8(&b, cp);
				marks++;
			}
		} else if (cp >= 0x80 && (flags & SAN_ASCII)) {
			buf_putc(&b, '?');
			marks = 0;
		} else {
			buf_put_utf8(&b, cp);
			marks = 0;
		}
	}
	return buf_steal(&b);
}

int
sanitize_width(const char *clean)
{
	const unsigned char	*p = (const unsigned char *)clean;
	size_t			 left = strlen(clean), n;
	uint32_t		 cp;
	int			 w = 0;

	while (left > 0) {
		n = sanitize_decode(p, left, &cp);
		w += sanitize_cp_width(cp);
		p += n;
		left -= n;
	}
	return w;
}

char *
sanitize_fit(const char *s, int cells, int flags, int *width)
{
	char		*clean = sanitize(s, flags & ~SAN_MULTILINE);
	const char	*ell = (flags & SAN_ASCII) ? "~" : "\xe2\x80\xa6";
	unsigned char	*p = (unsigned char *)clean;
	size_t		 left = strlen(clean), n, cut = 0;
	uint32_t	 cp;
	int		 w = 0, cw, total = sanitize_width(clean);
	struct buf	 b;

	if (cells < 0)
		cells = 0;
	if (total <= cells) {
		if (width != NULL)
			*width = total;
		return clean;
	}
	/* keep what fits in cells - 1, then the ellipsis */
	while (left > 0) {
		n = sanitize_decode(p + cut, left, &cp);
		cw = sanitize_cp_width(cp);
		if (w + cw > cells - 1)
			break;
		w += cw;
		cut += n;
		left -= n;
	}
	buf_init(&b);
	buf_add(&b, clean, cut);
	if (cells > 0) {
		buf_puts(&b, ell);
		w++;
	}
	free(clean);
	if (width != NULL)
		*width = w;
	return buf_steal(&b);
}
