/*
 * payload.c: a reader for the flat JSON objects of journal payloads (see
 * payload.h). It accepts exactly what json_* in src/util/buf.c writes and
 * a little more (whitespace, nested objects kept raw); anything else is an
 * error, never a crash: payloads may have been edited behind our back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/buf.h"
#include "vigil/payload.h"
#include "vigil/util.h"

static const char *
skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static int
hex4(const char *p, unsigned *out)
{
	unsigned	v = 0;
	int		i;

	for (i = 0; i < 4; i++) {
		char	c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* A JSON string at *pp (on its opening quote), appended to b. */
static int
read_string(const char **pp, struct buf *b)
{
	const char	*p = *pp;
	unsigned	 cp, lo;

	if (*p != '"')
		return -1;
	for (p++; *p != '"'; p++) {
		if (*p == '\0')
			return -1;
		if (*p != '\\') {
			buf_putc(b, *p);
			continue;
		}
		switch (*++p) {
		case '"': case '\\': case '/':
			buf_putc(b, *p);
			break;
		case 'b': buf_putc(b, '\b'); break;
		case 'f': buf_putc(b, '\f'); break;
		case 'n': buf_putc(b, '\n'); break;
		case 'r': buf_putc(b, '\r'); break;
		case 't': buf_putc(b, '\t'); break;
		case 'u':
			if (hex4(p + 1, &cp) != 0)
				return -1;
			p += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && p[1] == '\\' &&
			    p[2] == 'u' && hex4(p + 3, &lo) == 0 &&
			    lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				p += 6;
			} else if (cp >= 0xd800 && cp < 0xe000)
				cp = 0xfffd;	/* a lone surrogate */
			buf_put_utf8(b, cp);
			break;
		default:
			return -1;
		}
	}
	*pp = p + 1;
	return 0;
}

/* A scalar (number, true, false, null) as its text; null sets *isnull. */
static int
read_scalar(const char **pp, struct buf *b, bool *isnull)
{
	const char	*p = *pp, *s = p;

	while (*p != '\0' && *p != ',' && *p != '}' && *p != ']' &&
	    *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
		p++;
	if (p == s)
		return -1;
	if ((size_t)(p - s) == 4 && strncmp(s, "null", 4) == 0)
		*isnull = true;
	else
		buf_add(b, s, (size_t)(p - s));
	*pp = p;
	return 0;
}

/* A nested object or array kept raw (depth-counted, strings skipped). */
static int
read_raw(const char **pp, struct buf *b)
{
	const char	*p = *pp, *s = p;
	int		 depth = 0;
	struct buf	 junk;

	do {
		if (*p == '\0')
			return -1;
		if (*p == '"') {
			buf_init(&junk);
			if (read_string(&p, &junk) != 0) {
				buf_clear(&junk);
				return -1;
			}
			buf_clear(&junk);
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']')
			depth--;
		p++;
	} while (depth > 0);
	buf_add(b, s, (size_t)(p - s));
	*pp = p;
	return 0;
}

/* An array of strings and scalars, joined by ", " (else raw). */
static int
read_array(const char **pp, struct buf *b)
{
	const char	*p = skip_ws(*pp + 1);
	bool		 first = true, isnull;

	if (*p == ']') {
		*pp = p + 1;
		return 0;
	}
	for (;;) {
		p = skip_ws(p);
		if (!first)
			buf_puts(b, ", ");
		first = false;
		isnull = false;
		if (*p == '"') {
			if (read_string(&p, b) != 0)
				return -1;
		} else if (*p == '{' || *p == '[') {
			if (read_raw(&p, b) != 0)
				return -1;
		} else if (read_scalar(&p, b, &isnull) != 0)
			return -1;
		p = skip_ws(p);
		if (*p == ']')
			break;
		if (*p != ',')
			return -1;
		p++;
	}
	*pp = p + 1;
	return 0;
}

int
payload_parse(const char *s, struct payload *out)
{
	const char	*p;
	struct buf	 k, v;
	bool		 isnull;
	int		 rc;

	out->f = NULL;
	out->n = 0;
	if (s == NULL)
		return -1;
	p = skip_ws(s);
	if (*p++ != '{')
		return -1;
	p = skip_ws(p);
	if (*p == '}')
		return *skip_ws(p + 1) == '\0' ? 0 : -1;
	for (;;) {
		buf_init(&k);
		buf_init(&v);
		isnull = false;
		p = skip_ws(p);
		rc = read_string(&p, &k);
		if (rc == 0) {
			p = skip_ws(p);
			rc = *p++ == ':' ? 0 : -1;
		}
		if (rc == 0) {
			p = skip_ws(p);
			if (*p == '"')
				rc = read_string(&p, &v);
			else if (*p == '[')
				rc = read_array(&p, &v);
			else if (*p == '{')
				rc = read_raw(&p, &v);
			else
				rc = read_scalar(&p, &v, &isnull);
		}
		if (rc != 0) {
			buf_clear(&k);
			buf_clear(&v);
			return -1;
		}
		out->f = xreallocarray(out->f, out->n + 1, sizeof *out->f);
		out->f[out->n].key = buf_steal(&k);
		if (isnull) {
			out->f[out->n].val = NULL;
			buf_clear(&v);
		} else
			out->f[out->n].val = buf_steal(&v);
		out->n++;
		p = skip_ws(p);
		if (*p == '}')
			break;
		if (*p++ != ',')
			return -1;
	}
	return *skip_ws(p + 1) == '\0' ? 0 : -1;
}

const char *
payload_get(const struct payload *p, const char *key)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->f[i].key, key) == 0)
			return p->f[i].val;
	return NULL;
}

void
payload_clear(struct payload *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++) {
		free(p->f[i].key);
		free(p->f[i].val);
	}
	free(p->f);
	p->f = NULL;
	p->n = 0;
}
