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
