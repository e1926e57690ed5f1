/*
 * lineedit.c: one line of text being typed (see lineedit.h). The text is
 * raw user input kept as typed; the cursor is a byte offset that always
 * sits on a UTF-8 boundary. Nothing here draws or reads keys: the console
 * feeds keys in and draws lineedit_view().
 */
#include <stdlib.h>
#include <string.h>

#include "vigil/buf.h"
#include "vigil/lineedit.h"
#include "vigil/sanitize.h"
#include "vigil/util.h"

#define LINEEDIT_DEFAULT_MAX 4096

static bool
is_cont(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

void
lineedit_init(struct lineedit *le, size_t max)
{
	memset(le, 0, sizeof *le);
	buf_init(&le->text);
	buf_add(&le->text, "", 0);
	le->max = max != 0 ? max : LINEEDIT_DEFAULT_MAX;
}

void
lineedit_clear(struct lineedit *le)
{
	buf_clear(&le->text);
	free(le->placeholder);
	free(le->stash);
	memset(le, 0, sizeof *le);
	buf_init(&le->text);
}

/* Replace the text, cursor at its end. */
static void
set_text(struct lineedit *le, const char *s)
{
	buf_reset(&le->text);
	buf_add(&le->text, "", 0);
	le->cur = 0;
	if (s != NULL)
		lineedit_insert(le, s, strlen(s));
}

void
lineedit_set(struct lineedit *le, const char *text)
{
	set_text(le, text);
}

void
lineedit_placeholder(struct lineedit *le, const char *text)
{
	free(le->placeholder);
	le->placeholder = text != NULL && *text != '\0' ? xstrdup(text) :
	    NULL;
}

void
lineedit_history(struct lineedit *le, struct lineedit_history *h)
{
	le->hist = h;
	le->hpos = h != NULL ? h->n : 0;
}

bool
lineedit_insert(struct lineedit *le, const char *s, size_t len)
{
	struct buf	*b = &le->text;
	size_t		 room;

	if (len == 0 || b->len >= le->max)
		return false;
	room = le->max - b->len;
	if (len > room) {
		len = room;
		while (len > 0 && is_cont(s[len]))
			len--;	/* never split a code point */
		if (len == 0)
			return false;
	}
	/* one move for the whole run: a 2,000-byte paste is one memmove */
	buf_add(b, s, len);
	memmove(b->data + le->cur + len, b->data + le->cur,
	    b->len - len - le->cur);
	memcpy(b->data + le->cur, s, len);
	b->data[b->len] = '\0';
	le->cur += len;
	return true;
}

bool
lineedit_insert_cp(struct lineedit *le, uint32_t cp)
{
	char	c[4];
	size_t	n;

	if ((n = utf8_encode(cp, c)) == 0)
		return false;
	return lineedit_insert(le, c, n);
}

static size_t
prev_cp(const struct lineedit *le, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && is_cont(le->text.data[at]))
		at--;
	return at;
}

static size_t
next_cp(const struct lineedit *le, size_t at)
{
	if (at >= le->text.len)
		return le->text.len;
	at++;
	while (at < le->text.len && is_cont(le->text.data[at]))
		at++;
	return at;
}

/* Remove bytes [from, to). */
static bool
cut(struct lineedit *le, size_t from, size_t to)
{
	struct buf	*b = &le->text;

	if (to <= from)
		return false;
	memmove(b->data + from, b->data + to, b->len - to + 1);
	b->len -= to - from;
	le->cur = from;
	return true;
}

static bool
history_move(struct lineedit *le, bool older)
{
	struct lineedit_history	*h = le->hist;

	if (h == NULL || h->n == 0)
		return false;
	if (older && le->hpos == 0)
		return false;
	if (!older && le->hpos >= h->n)
		return false;
	if (le->hpos == h->n) {
		free(le->stash);
		le->stash = xstrdup(lineedit_text(le));
	}
	le->hpos = older ? le->hpos - 1 : le->hpos + 1;
	set_text(le, le->hpos < h->n ? h->v[le->hpos] : le->stash);
	return true;
}

bool
lineedit_key(struct lineedit *le, enum lineedit_key k)
{
	size_t	at, old = le->cur;

	switch (k) {
	case LE_LEFT:
		le->cur = prev_cp(le, le->cur);
		break;
	case LE_RIGHT:
		le->cur = next_cp(le, le->cur);
		break;
	case LE_HOME:
		le->cur = 0;
		break;
	case LE_END:
		le->cur = le->text.len;
		break;
	case LE_BACKSPACE:
		return cut(le, prev_cp(le, le->cur), le->cur);
	case LE_DELETE:
		return cut(le, le->cur, next_cp(le, le->cur));
	case LE_KILL_WORD:
		at = le->cur;
		while (at > 0 && le->text.data[at - 1] == ' ')
			at--;
		while (at > 0 && le->text.data[at - 1] != ' ')
			at--;
		return cut(le, at, le->cur);
	case LE_KILL_START:
		return cut(le, 0, le->cur);
	case LE_KILL_END:
		if (le->cur == le->text.len)
			return false;
		le->text.len = le->cur;
		le->text.data[le->cur] = '\0';
		return true;
	case LE_UP:
		return history_move(le, true);
	case LE_DOWN:
		return history_move(le, false);
	}
	return le->cur != old;
}

const char *
lineedit_text(const struct lineedit *le)
{
	return buf_str(&le->text);
}

bool
lineedit_showing_placeholder(const struct lineedit *le)
{
	return le->text.len == 0 && le->placeholder != NULL;
}

const char *
lineedit_answer(const struct lineedit *le)
{
	return lineedit_showing_placeholder(le) ? le->placeholder :
	    lineedit_text(le);
}

void
lineedit_view(const struct lineedit *le, int cells, int flags, char **out,
    int *col)
{
	const char	*ell = (flags & SAN_ASCII) ? "~" : "\xe2\x80\xa6";
	char		*raw_before, *before, *after;
	const char	*p;
	int		 wb, wa, target, drop = 0, w, room;
	struct buf	 b;
	uint32_t	 cp;
	size_t		 n, left;

	flags &= ~SAN_MULTILINE;
	if (cells < 2)
		cells = 2;
	if (lineedit_showing_placeholder(le)) {
		*out = sanitize_fit(le->placeholder, cells - 1, flags, NULL);
		*col = 0;
		return;
	}
	raw_before = xstrndup(le->text.data != NULL ? le->text.data : "",
	    le->cur);
	before = sanitize(raw_before, flags);
	free(raw_before);
	wb = sanitize_width(before);
	p = before;
	buf_init(&b);
	if (wb + 1 > cells) {
		/* cut on the left; keep a little of what follows visible */
		after = sanitize(le->text.data + le->cur, flags);
		wa = sanitize_width(after);
		free(after);
		target = cells - 2 - (wa < cells / 4 ? wa : cells / 4);
		if (target < 1)
			target = 1;
		left = strlen(p);
		while (left > 0 && wb - drop > target) {
			n = sanitize_decode((const unsigned char *)p, left,
			    &cp);
			drop += sanitize_cp_width(cp);
			p += n;
			left -= n;
		}
		buf_puts(&b, ell);
		*col = 1 + wb - drop;
	} else
		*col = wb;
	buf_puts(&b, p);
	room = cells - *col;
	if (room > 0 && le->cur < le->text.len) {
		after = sanitize_fit(le->text.data + le->cur, room, flags, &w);
		buf_puts(&b, after);
		free(after);
	}
	free(before);
	*out = buf_steal(&b);
}

void
lineedit_history_add(struct lineedit_history *h, const char *s)
{
	if (s == NULL || *s == '\0' ||
	    (h->n > 0 && strcmp(h->v[h->n - 1], s) == 0))
		return;
	if (h->n == LINEEDIT_HISTORY_MAX) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, (h->n - 1) * sizeof h->v[0]);
		h->n--;
	}
	h->v[h->n++] = xstrdup(s);
}

void
lineedit_history_clear(struct lineedit_history *h)
{
	size_t	i;

	for (i = 0; i < h->n; i++)
		free(h->v[i]);
	h->n = 0;
}
