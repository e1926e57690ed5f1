/*
 * template.c: rendering bulletin templates ({{name}} placeholders). Pure:
 * no files, no clock; src/ops/bulletin.c reads the template and gathers the
 * values from the incident.
 */
#include <string.h>

#include "vigil/buf.h"
#include "vigil/template.h"

static bool
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/*
 * If p starts a well-formed placeholder, store the name's span and the
 * placeholder's length and return true.
 */
static bool
placeholder(const char *p, const char **name, size_t *namelen, size_t *len)
{
	const char	*q = p + 2, *start;

	if (p[0] != '{' || p[1] != '{')
		return false;
	while (*q == ' ')
		q++;
	start = q;
	while (name_char(*q))
		q++;
	if (q == start)
		return false;
	*name = start;
	*namelen = (size_t)(q - start);
	while (*q == ' ')
		q++;
	if (q[0] != '}' || q[1] != '}')
		return false;
	*len = (size_t)(q + 2 - p);
	return true;
}

char *
template_render(const char *tmpl, const struct template_var *vars, size_t n,
    int *unknown, char *first, size_t firstlen)
{
	struct buf	 b;
	const char	*p = tmpl != NULL ? tmpl : "", *name;
	size_t		 namelen, len, i;

	buf_init(&b);
	buf_add(&b, "", 0);
	if (unknown != NULL)
		*unknown = 0;
	if (first != NULL && firstlen > 0)
		first[0] = '\0';
	while (*p != '\0') {
		if (!placeholder(p, &name, &namelen, &len)) {
			buf_putc(&b, *p++);
			continue;
		}
		for (i = 0; i < n; i++)
			if (strlen(vars[i].name) == namelen &&
			    memcmp(vars[i].name, name, namelen) == 0)
				break;
		if (i < n) {
			if (vars[i].value != NULL)
				buf_puts(&b, vars[i].value);
		} else {
			buf_add(&b, p, len);
			if (unknown != NULL && (*unknown)++ == 0 &&
			    first != NULL && firstlen > 0) {
				if (namelen >= firstlen)
					namelen = firstlen - 1;
				memcpy(first, name, namelen);
				first[namelen] = '\0';
			}
		}
		p += len;
	}
	return buf_steal(&b);
}

bool
template_name_valid(const char *s)
{
	size_t	i;

	if (s == NULL || s[0] == '\0' || s[0] == '-' || s[0] == '_')
		return false;
	for (i = 0; s[i] != '\0'; i++) {
		if (i >= TEMPLATE_NAME_MAX - 1)
			return false;
		if (!name_char(s[i]) && s[i] != '-')
			return false;
	}
	return true;
}

/* Characters in s[0..len) (UTF-8 lead bytes). */
static int
chars(const char *s, size_t len)
{
	size_t	i;
	int	n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

int
template_width(const char *tmpl)
{
	const char	*p = tmpl, *nl;
	size_t		 len;
	int		 w = 0, c;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		c = chars(p, len);
		if (c > w && memmem(p, len, "{{", 2) == NULL)
			w = c;
		p = nl != NULL ? nl + 1 : NULL;
	}
	return w >= 20 ? w : 72;
}

/* Width of a line's hanging indent: spaces, then a list marker. */
static size_t
hang(const char *p, size_t len)
{
	size_t	i = 0, j;

	while (i < len && p[i] == ' ')
		i++;
	if (i + 1 < len && (p[i] == '-' || p[i] == '*') && p[i + 1] == ' ')
		return i + 2;
	for (j = i; j < len && p[j] >= '0' && p[j] <= '9'; j++)
		;
	if (j > i && j + 1 < len && p[j] == '.' && p[j + 1] == ' ')
		return j + 2;
	return i;
}

static void
wrap_line(struct buf *b, const char *p, size_t len, int width)
{
	size_t	ind = hang(p, len), i = ind, ws, we;
	int	col;

	buf_add(b, p, ind);
	col = (int)ind;
	while (i < len) {
		/* the next word [ws, we) */
		while (i < len && p[i] == ' ')
			i++;
		ws = i;
		while (i < len && p[i] != ' ')
			i++;
		we = i;
		if (we == ws)
			break;
		if (col > (int)ind && col + 1 + chars(p + ws, we - ws) >
		    width) {
			buf_putc(b, '\n');
			for (col = 0; col < (int)ind; col++)
				buf_putc(b, ' ');
		} else if (col > (int)ind) {
			buf_putc(b, ' ');
			col++;
		}
		buf_add(b, p + ws, we - ws);
		col += chars(p + ws, we - ws);
	}
}

/* Does the line [p, p+len) start a block of its own (heading, list item,
 * quote, table row, blank)? */
static bool
starts_block(const char *p, size_t len)
{
	size_t	i = 0;

	while (i < len && p[i] == ' ')
		i++;
	if (i == len)
		return true;
	if (p[i] == '#' || p[i] == '>' || p[i] == '|' || p[i] == '`')
		return true;
	return hang(p, len) > i;	/* "- ", "* ", "1. " */
}

static bool
blank(const char *p, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return false;
	return true;
}

char *
template_wrap(const char *text, int width)
{
	struct buf	 b, para;
	const char	*p = text, *nl, *q, *qnl;
	size_t		 len, qlen;
	bool		 wide;

	buf_init(&b);
	buf_add(&b, "", 0);
	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		/* the paragraph: this line and the ones that continue it */
		wide = chars(p, len) > width;
		q = nl != NULL ? nl + 1 : NULL;
		while (q != NULL && *q != '\0') {
			qnl = strchr(q, '\n');
			qlen = qnl != NULL ? (size_t)(qnl - q) : strlen(q);
			if (blank(p, len) || blank(q, qlen) ||
			    starts_block(q, qlen) || p[0] == '#' ||
			    p[0] == '|')
				break;
			if (chars(q, qlen) > width)
				wide = true;
			q = qnl != NULL ? qnl + 1 : NULL;
		}
		if (!wide) {
			/* copied as written, line by line */
			const char *end = q != NULL ? q : p + strlen(p);

			buf_add(&b, p, (size_t)(end - p));
			p = q;
			continue;
		}
		/* joined with single spaces, then wrapped as one line */
		buf_init(&para);
		for (;;) {
			buf_add(&para, p, len);
			p = nl != NULL ? nl + 1 : NULL;
			if (p == q || p == NULL)
				break;
			nl = strchr(p, '\n');
			len = nl != NULL ? (size_t)(nl - p) : strlen(p);
			while (len > 0 && *p == ' ') {
				p++;
				len--;
			}
			buf_putc(&para, ' ');
		}
		wrap_line(&b, buf_str(&para), para.len, width);
		buf_clear(&para);
		if (q != NULL || (text[strlen(text) - 1] == '\n'))
			buf_putc(&b, '\n');
		p = q;
	}
	return buf_steal(&b);
}
