/*
 * prompt.c: the one question being asked. A line of text on the message
 * line (with an optional question box above it, for confirmations that
 * must name what happens), or a list to choose from in a box. Esc cancels
 * (the callback hears NULL); Enter answers. Typed text is raw user input:
 * it is stored as typed and drawn only through draw.c.
 */
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/sanitize.h"
#include "vigil/util.h"

#define PROMPT_INPUT_MAX 4096

static void
prompt_reset(struct prompt *p)
{
	int	i;

	for (i = 0; i < p->nitems; i++) {
		free(p->items[i]);
		if (p->values != NULL)
			free(p->values[i]);
	}
	free(p->items);
	free(p->values);
	buf_clear(&p->input);
	memset(p, 0, sizeof *p);
	buf_init(&p->input);
}

void
prompt_text(struct tui *t, const char *label, const char *initial,
    prompt_done_fn done)
{
	prompt_reset(&t->p);
	t->p.kind = PROMPT_TEXT;
	snprintf(t->p.label, sizeof t->p.label, "%s", label);
	buf_puts(&t->p.input, initial != NULL ? initial : "");
	t->p.done = done;
}

void
prompt_confirm(struct tui *t, const char *question, const char *label,
    prompt_done_fn done)
{
	prompt_text(t, label, "", done);
	snprintf(t->p.question, sizeof t->p.question, "%s", question);
}

void
prompt_choice(struct tui *t, const char *label, char **items, char **values,
    int n, prompt_done_fn done)
{
	prompt_reset(&t->p);
	t->p.kind = PROMPT_CHOICE;
	snprintf(t->p.label, sizeof t->p.label, "%s", label);
	t->p.items = items;
	t->p.values = values;
	t->p.nitems = n;
	t->p.done = done;
}

/* Close the prompt, then tell its owner (which may ask the next one). */
static int
prompt_finish(struct tui *t, bool answered)
{
	prompt_done_fn	 fn = t->p.done;
	char		*answer = NULL, label[256];
	int		 choice = -1, bits = RD_PAINT;
	bool		 text = t->p.kind == PROMPT_TEXT;

	if (answered && t->p.kind == PROMPT_TEXT)
		answer = xstrdup(buf_str(&t->p.input));
	else if (answered && t->p.kind == PROMPT_CHOICE && t->p.nitems > 0) {
		choice = t->p.sel;
		answer = xstrdup(t->p.values != NULL ? t->p.values[choice] :
		    t->p.items[choice]);
	}
	snprintf(label, sizeof label, "%s", text ? t->p.label : "");
	prompt_reset(&t->p);
	if (fn != NULL) {
		/* a write that meets another session's lock is kept */
		pending_before(t, fn, answer, choice, label);
		bits |= fn(t, answer, choice);
		bits |= pending_after(t);
	}
	free(answer);
	return bits;
}

void
prompt_cancel(struct tui *t)
{
	if (t->p.kind != PROMPT_NONE)
		t->pending |= prompt_finish(t, false);
}

/* Append a code point typed by the user, UTF-8 encoded. */
static void
prompt_put(struct buf *b, unsigned cp)
{
	char	c[4];
	size_t	n;

	if (cp < 0x80) {
		c[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		c[0] = (char)(0xc0 | (cp >> 6));
		c[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		c[0] = (char)(0xe0 | (cp >> 12));
		c[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		c[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		c[0] = (char)(0xf0 | (cp >> 18));
		c[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		c[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		c[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	if (b->len + n <= PROMPT_INPUT_MAX)
		buf_add(b, c, n);
}

/* Remove the last code point. */
static void
prompt_back_one(struct buf *b)
{
	while (b->len > 0 && ((unsigned char)b->data[b->len - 1] & 0xc0) ==
	    0x80)
		b->len--;
	if (b->len > 0)
		b->len--;
	if (b->data != NULL)
		b->data[b->len] = '\0';
}

static void
prompt_backspace(struct buf *b, bool word)
{
	if (!word) {
		prompt_back_one(b);
		return;
	}
	while (b->len > 0 && b->data[b->len - 1] == ' ')
		prompt_back_one(b);
	while (b->len > 0 && b->data[b->len - 1] != ' ')
		prompt_back_one(b);
}

static int
prompt_key_choice(struct tui *t, int key, bool keycode)
{
	struct prompt	*p = &t->p;

	if (!keycode && key >= '1' && key <= '9' && key - '1' < p->nitems) {
		p->sel = key - '1';
		return prompt_finish(t, true);
	}
	switch (keymap_lookup(t, key, keycode)) {
	case ACT_UP:	if (p->sel > 0) p->sel--; break;
	case ACT_DOWN:	if (p->sel < p->nitems - 1) p->sel++; break;
	case ACT_HOME:
	case ACT_PGUP:	p->sel = 0; break;
	case ACT_END:
	case ACT_PGDN:	p->sel = p->nitems - 1; break;
	case ACT_OPEN:	return prompt_finish(t, true);
	case ACT_BACK:
	case ACT_QUIT:	return prompt_finish(t, false);
	default:	return RD_NONE;
	}
	return RD_PAINT;
}

int
prompt_key(struct tui *t, int key, bool keycode)
{
	struct prompt	*p = &t->p;
	size_t		 before;
	int		 bits = RD_PAINT;

	if (p->kind == PROMPT_CHOICE)
		return prompt_key_choice(t, key, keycode);
	before = p->input.len;
	if ((keycode && key == KEY_ENTER) || (!keycode && (key == '\r' ||
	    key == '\n')))
		return prompt_finish(t, true);
	if (!keycode && (key == 27 || key == CTRL('c') || key == CTRL('g')))
		return prompt_finish(t, false);
	if ((keycode && key == KEY_BACKSPACE) || (!keycode && (key == 127 ||
	    key == CTRL('h'))))
		prompt_backspace(&p->input, false);
	else if (!keycode && key == CTRL('w'))
		prompt_backspace(&p->input, true);
	else if (!keycode && key == CTRL('u'))
		buf_reset(&p->input);
	else if (!keycode && key >= 0x20 && key != 0x7f &&
	    !(key >= 0x80 && key < 0xa0) && key <= 0x10ffff)
		prompt_put(&p->input, (unsigned)key);
	else
		return RD_NONE;
	if (p->input.len == 0)
		buf_add(&p->input, "", 0);
	if (p->changed != NULL && (p->input.len != before || before == 0))
		bits |= p->changed(t, buf_str(&p->input), -1);
	return bits;
}

/* Word-wrap our own ASCII text into lines of at most w bytes. */
static int
prompt_wrap(const char *s, int w, char lines[][128], int max)
{
	int		 n = 0, len;
	const char	*p = s, *brk;

	if (w > 127)
		w = 127;
	while (*p != '\0' && n < max) {
		len = (int)strlen(p);
		if (len <= w) {
			snprintf(lines[n++], 128, "%s", p);
			break;
		}
		for (brk = p + w; brk > p && *brk != ' '; brk--)
			;
		if (brk == p)
			brk = p + w;
		snprintf(lines[n++], 128, "%.*s", (int)(brk - p), p);
		p = *brk == ' ' ? brk + 1 : brk;
	}
	return n;
}

static void
prompt_paint_choice(struct tui *t)
{
	struct prompt	*p = &t->p;
	struct rect	 r;
	int		 i, w = 0, iw, top, rows;
	attr_t		 a;
	char		*clean;

	for (i = 0; i < p->nitems; i++) {
		clean = sanitize(p->items[i], t->san);
		if ((iw = sanitize_width(clean)) > w)
			w = iw;
		free(clean);
	}
	r.w = w + 6;
	if (r.w < 30)
		r.w = 30;
	if (r.w > t->cols - 4)
		r.w = t->cols - 4;
	rows = p->nitems < t->rows - 8 ? p->nitems : t->rows - 8;
	if (rows < 1)
		rows = 1;
	r.h = rows + 2;
	r.y = (t->rows - r.h) / 2;
	r.x = (t->cols - r.w) / 2;
	draw_blank(t, &r);
	draw_box(t, &r, "Choose", true);
	top = layout_scroll(p->top, p->sel, p->nitems, rows);
	p->top = top;
	for (i = 0; i < rows && top + i < p->nitems; i++) {
		bool	sel = top + i == p->sel;

		a = sel ? draw_attr(t, SLOT_SELECTED) : A_NORMAL;
		draw_text(t, r.y + 1 + i, r.x + 1, r.w - 2, sel ? "> " : "  ",
		    a, DRAW_PAD);
		draw_text(t, r.y + 1 + i, r.x + 3, r.w - 4, p->items[top + i],
		    a, 0);
		if (sel) {
			t->cursor_y = r.y + 1 + i;
			t->cursor_x = r.x + 1;
		}
	}
	draw_fmt(t, t->lay.message.y, 0, t->cols, A_BOLD, DRAW_PAD,
	    "%s  (Up/Down or j/k choose, Enter selects, Esc cancels)",
	    p->label);
}

void
prompt_paint(struct tui *t)
{
	struct prompt	*p = &t->p;
	char		 lines[8][128], *clean;
	const char	*tail;
	struct rect	 r;
	int		 n, i, lw, avail, w;
	size_t		 skip;

	if (p->kind == PROMPT_CHOICE) {
		prompt_paint_choice(t);
		return;
	}
	if (p->kind != PROMPT_TEXT)
		return;
	if (p->question[0] != '\0') {
		r.w = t->cols - 8 < 70 ? t->cols - 8 : 70;
		n = prompt_wrap(p->question, r.w - 4, lines, 8);
		r.h = n + 2;
		r.y = (t->rows - r.h) / 2;
		r.x = (t->cols - r.w) / 2;
		draw_blank(t, &r);
		draw_box(t, &r, "Confirm", true);
		for (i = 0; i < n; i++)
			draw_text(t, r.y + 1 + i, r.x + 2, r.w - 4, lines[i],
			    A_BOLD, 0);
	}
	lw = draw_text(t, t->lay.message.y, 0, t->cols, p->label, A_BOLD,
	    DRAW_PAD);
	avail = t->cols - lw - 1;
	clean = sanitize(buf_str(&p->input), t->san);
	/* show the end of a long input */
	tail = clean;
	w = sanitize_width(tail);
	while (w > avail - 1 && *tail != '\0') {
		uint32_t	cp;

		skip = sanitize_decode((const unsigned char *)tail,
		    strlen(tail), &cp);
		tail += skip;
		w = sanitize_width(tail);
	}
	if (tail != clean) {
		char	*s;

		xasprintf(&s, "%s%s", t->utf8 ? "\xe2\x80\xa6" : "~", tail);
		w = draw_text(t, t->lay.message.y, lw, avail, s, A_NORMAL, 0);
		free(s);
	} else
		w = draw_text(t, t->lay.message.y, lw, avail, tail, A_NORMAL,
		    0);
	free(clean);
	t->cursor_y = t->lay.message.y;
	t->cursor_x = lw + w;
}
