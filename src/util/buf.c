/*
 * buf.c: growable strings and the JSON writer. The JSON writer never fails
 * and never emits invalid JSON: bad UTF-8 becomes U+FFFD, controls become
 * \u escapes. Key order is the caller's, so output is reproducible.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vigil/buf.h"
#include "vigil/util.h"

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_clear(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

static void
buf_grow(struct buf *b, size_t need)
{
	size_t	cap = b->cap == 0 ? 64 : b->cap;

	if (b->len + need + 1 <= b->cap)
		return;
	while (cap < b->len + need + 1)
		cap *= 2;
	b->data = xreallocarray(b->data, cap, 1);
	b->cap = cap;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	if (cp <= 0x10ffff) {
		out[0] = (char)(0xf0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[3] = (char)(0x80 | (cp & 0x3f));
		return 4;
	}
	return 0;
}

void
buf_put_utf8(struct buf *b, uint32_t cp)
{
	char	c[4];

	buf_add(b, c, utf8_encode(cp, c));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	ap, ap2;
	int	n;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		va_end(ap2);
		return;
	}
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	b->len += (size_t)n;
}

char *
buf_steal(struct buf *b)
{
	char	*s;

	if (b->data == NULL)
		return xstrdup("");
	s = b->data;
	buf_init(b);
	return s;
}

const char *
buf_str(const struct buf *b)
{
	return b->data == NULL ? "" : b->data;
}

static bool
buf_in_ranges(uint32_t cp, const uint32_t (*r)[2], size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (cp >= r[i][0] && cp <= r[i][1])
			return true;
	return false;
}

bool
buf_cp_dangerous(uint32_t cp)
{
	static const uint32_t	r[][2] = {
		{ 0x0000, 0x001f }, { 0x007f, 0x009f },	/* C0, DEL, C1 */
		{ 0x00ad, 0x00ad },			/* soft hyphen */
		{ 0x034f, 0x034f },			/* CGJ */
		{ 0x061c, 0x061c },			/* ALM */
		{ 0x115f, 0x1160 }, { 0x17b4, 0x17b5 },
		{ 0x180b, 0x180f },			/* Mongolian FVS */
		{ 0x200b, 0x200f },			/* ZW*, LRM, RLM */
		{ 0x2028, 0x202e },			/* LS, PS, bidi */
		{ 0x2060, 0x206f },			/* WJ, invisible ops, bidi isolates */
		{ 0x3164, 0x3164 }, { 0xfe00, 0xfe0f },	/* variation sel. */
		{ 0xfeff, 0xfeff },			/* BOM / ZWNBSP */
		{ 0xffa0, 0xffa0 }, { 0xfff0, 0xfffb },	/* specials */
		{ 0xfdd0, 0xfdef },			/* noncharacters */
		{ 0xe000, 0xf8ff },			/* private use */
		{ 0x1d173, 0x1d17a },			/* musical format */
		{ 0xe0000, 0xe0fff },			/* tags, VS supplement */
		{ 0xf0000, 0x10ffff },			/* private use planes */
	};

	if ((cp & 0xfffe) == 0xfffe)			/* U+xFFFE, U+xFFFF */
		return true;
	return buf_in_ranges(cp, r, sizeof r / sizeof r[0]);
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t
utf8_valid_len(const unsigned char *s, size_t left, uint32_t *out)
{
	uint32_t	cp;
	size_t		n, i;

	*out = s[0];
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > left)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	*out = cp;
	return n;
}

void
json_quote(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 left = strlen(s), n;
	uint32_t		 cp;

	buf_putc(b, '"');
	while (left > 0) {
		if (*p == '"' || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)*p);
			n = 1;
		} else if (*p == '\n') {
			buf_puts(b, "\\n");
			n = 1;
		} else if (*p == '\t') {
			buf_puts(b, "\\t");
			n = 1;
		} else if (*p == '\r') {
			buf_puts(b, "\\r");
			n = 1;
		} else if (*p < 0x20 || *p == 0x7f) {
			buf_printf(b, "\\u%04x", *p);
			n = 1;
		} else if ((n = utf8_valid_len(p, left, &cp)) == 0) {
			buf_puts(b, "\xef\xbf\xbd");
			n = 1;
		} else if (buf_cp_dangerous(cp)) {
			/* C1, bidi, zero-width, tags...: escaped, so the
			 * value is the same and no terminal sees it */
			if (cp < 0x10000)
				buf_printf(b, "\\u%04x", (unsigned)cp);
			else
				buf_printf(b, "\\u%04x\\u%04x", (unsigned)
				    (0xd800 + ((cp - 0x10000) >> 10)),
				    (unsigned)(0xdc00 + ((cp - 0x10000) &
				    0x3ff)));
		} else
			buf_add(b, p, n);
		p += n;
		left -= n;
	}
	buf_putc(b, '"');
}

void
json_init(struct json *j, struct buf *out, bool pretty)
{
	memset(j, 0, sizeof *j);
	j->out = out;
	j->pretty = pretty;
}

static void
json_newline(struct json *j)
{
	int	i;

	if (!j->pretty)
		return;
	buf_putc(j->out, '\n');
	for (i = 0; i < j->depth; i++)
		buf_puts(j->out, "  ");
}

/* Before a value (or key): comma and indentation as needed. */
static void
json_pre(struct json *j, bool is_key_or_elem)
{
	if (!is_key_or_elem)
		return;
	if (j->need_comma[j->depth])
		buf_putc(j->out, ',');
	if (j->depth > 0)
		json_newline(j);
	j->need_comma[j->depth] = true;
}

/* A value right after json_key() gets no comma of its own. */
static void
json_value_pre(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	json_pre(j, true);
}

static void
json_open(struct json *j, char c)
{
	json_value_pre(j);
	buf_putc(j->out, c);
	if (j->depth < (int)nitems(j->need_comma) - 1)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void
json_close(struct json *j, char c)
{
	bool	had = j->need_comma[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (had)
		json_newline(j);
	buf_putc(j->out, c);
}

void json_obj_open(struct json *j) { json_open(j, '{'); }
void json_obj_close(struct json *j) { json_close(j, '}'); }
void json_arr_open(struct json *j) { json_open(j, '['); }
void json_arr_close(struct json *j) { json_close(j, ']'); }

void
json_key(struct json *j, const char *k)
{
	json_pre(j, true);
	json_quote(j->out, k);
	buf_puts(j->out, j->pretty ? ": " : ":");
	j->after_key = true;
}

void
json_str(struct json *j, const char *s)
{
	json_value_pre(j);
	if (s == NULL)
		buf_puts(j->out, "null");
	else
		json_quote(j->out, s);
}

void
json_int(struct json *j, int64_t v)
{
	json_value_pre(j);
	buf_printf(j->out, "%" PRId64, v);
}

void
json_bool(struct json *j, bool v)
{
	json_value_pre(j);
	buf_puts(j->out, v ? "true" : "false");
}

void
json_null(struct json *j)
{
	json_value_pre(j);
	buf_puts(j->out, "null");
}

void
json_time(struct json *j, int64_t t, bool has)
{
	struct tm	tm;
	time_t		tt = (time_t)t;
	char		s[32];

	if (!has || gmtime_r(&tt, &tm) == NULL) {
		json_null(j);
		return;
	}
	strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_str(j, s);
}

void json_kstr(struct json *j, const char *k, const char *v) { json_key(j, k); json_str(j, v); }
void json_kint(struct json *j, const char *k, int64_t v) { json_key(j, k); json_int(j, v); }
void json_ktime(struct json *j, const char *k, int64_t t, bool has) { json_key(j, k); json_time(j, t, has); }
void json_kbool(struct json *j, const char *k, bool v) { json_key(j, k); json_bool(j, v); }
