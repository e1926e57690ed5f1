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
	lineedit_clear(&p->le);
	memset(p, 0, sizeof *p);
	lineedit_init(&p->le, PROMPT_INPUT_MAX);
}

/* The history of this kind of question (one per callback). */
static struct lineedit_history *
prompt_history(struct tui *t, prompt_done_fn fn)
{
	int	i;

	if (fn == NULL)
		return NULL;
	for (i = 0; i < PROMPT_KINDS_MAX; i++) {
		if (t->hist[i].fn == fn)
			return &t->hist[i].h;
		if (t->hist[i].fn == NULL) {
			t->hist[i].fn = fn;
			return &t->hist[i].h;
		}
	}
	return NULL;	/* more kinds than slots: no history for this one */
}

void
prompt_text(struct tui *t, const char *label, const char *initial,
    prompt_done_fn done)
{
	prompt_reset(&t->p);
	t->p.kind = PROMPT_TEXT;
	snprintf(t->p.label, sizeof t->p.label, "%s", label);
	lineedit_set(&t->p.le, initial);
	lineedit_history(&t->p.le, prompt_history(t, done));
	t->p.done = done;
}

void
prompt_text_default(struct tui *t, const char *label, const char *dflt,
    prompt_done_fn done)
{
	prompt_text(t, label, NULL, done);
	lineedit_placeholder(&t->p.le, dflt);
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

	if (answered && t->p.kind == PROMPT_TEXT) {
		answer = xstrdup(lineedit_answer(&t->p.le));
		if (t->p.le.hist != NULL)
			lineedit_history_add(t->p.le.hist,
			    lineedit_text(&t->p.le));
	}
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
	/*
	 * The owner asked the same question again after an error: the error
	 * goes with the prompt (not behind it) and what was typed stays.
	 */
	if (answer != NULL && t->p.kind == PROMPT_TEXT && t->p.done == fn &&
	    t->msg_error && t->msg[0] != '\0') {
		snprintf(t->p.error, sizeof t->p.error, "%s", t->msg);
		t->msg[0] = '\0';
		t->msg_error = false;
		if (lineedit_text(&t->p.le)[0] == '\0')
			lineedit_set(&t->p.le, answer);
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

/* A key that types a character (not a control, not a C1 code). */
static bool
prompt_printable(int key, bool keycode)
{
	return !keycode && key >= 0x20 && key != 0x7f &&
	    !(key >= 0x80 && key < 0xa0) && key <= 0x10ffff;
}

/*
 * A paste arrives as a burst of keys: take every character already
 * waiting in one go (one redraw, not one per character). Stops at the
 * first key that is not a character and gives it back.
 */
static void
prompt_drain(struct tui *t)
{
	wint_t	wch;
	int	rc, n = 0;

	if (t->headless)
		return;
	wtimeout(stdscr, 0);
	while (n++ < PROMPT_INPUT_MAX && (rc = wget_wch(stdscr, &wch)) != ERR) {
		if (rc == KEY_CODE_YES) {
			ungetch((int)wch);
			break;
		}
		if (!prompt_printable((int)wch, false)) {
			unget_wch((wchar_t)wch);
			break;
		}
		lineedit_insert_cp(&t->p.le, (uint32_t)wch);
	}
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
	case ACT_UP:	if (p->sel > 0) p->sel--; else p->sel = 0; break;
	case ACT_DOWN:	if (p->sel < p->nitems - 1) p->sel++; break;
	case ACT_HOME:
	case ACT_PGUP:	p->sel = 0; break;
	case ACT_END:
	case ACT_PGDN:	p->sel = p->nitems - 1; break;
	case ACT_OPEN:
		if (p->sel < 0)		/* nothing chosen yet: Enter waits */
			return RD_NONE;
		return prompt_finish(t, true);
	case ACT_BACK:
	case ACT_QUIT:	return prompt_finish(t, false);
	default:	return RD_NONE;
	}
	return RD_PAINT;
}

/*
 * Ctrl-X: the answer so far in $VISUAL / $EDITOR, for text longer than a
 * line (a long note); the edited text is the answer. Unchanged: back to
 * the prompt as it was.
 */
static int
prompt_editor(struct tui *t)
{
	struct lineedit	*le = &t->p.le;
	struct verr	 e;
	char		*edited = NULL;

	if (editor_text(t, "text", lineedit_text(le), INCIDENT_TEXT_MAX,
	    &edited, &e) != 0) {
		snprintf(t->p.error, sizeof t->p.error, "%s", e.msg);
		return RD_FULL | RD_PAINT;
	}
	if (edited == NULL)
		return RD_FULL | RD_PAINT;
	lineedit_clear(le);
	lineedit_init(le, strlen(edited) + 1);
	lineedit_set(le, edited);
	free(edited);
	return prompt_finish(t, true) | RD_FULL;
}

int
prompt_key(struct tui *t, int key, bool keycode)
{
	struct prompt		*p = &t->p;
	struct lineedit		*le = &p->le;
	enum lineedit_key	 k;
	char			*before;
	int			 bits = RD_PAINT;
	bool			 edit = true;

	if (p->kind == PROMPT_CHOICE)
		return prompt_key_choice(t, key, keycode);
	if ((keycode && key == KEY_ENTER) || (!keycode && (key == '\r' ||
	    key == '\n')))
		return prompt_finish(t, true);
	if (!keycode && (key == 27 || key == CTRL('c') || key == CTRL('g')))
		return prompt_finish(t, false);
	if (!keycode && key == CTRL('x'))
		return prompt_editor(t);
	before = xstrdup(lineedit_text(le));
	if (prompt_printable(key, keycode)) {
		lineedit_insert_cp(le, (uint32_t)key);
		prompt_drain(t);
	} else {
		if (keycode) {
			switch (key) {
			case KEY_LEFT:		k = LE_LEFT; break;
			case KEY_RIGHT:		k = LE_RIGHT; break;
			case KEY_HOME:		k = LE_HOME; break;
			case KEY_END:		k = LE_END; break;
			case KEY_BACKSPACE:	k = LE_BACKSPACE; break;
			case KEY_DC:		k = LE_DELETE; break;
			case KEY_UP:		k = LE_UP; break;
			case KEY_DOWN:		k = LE_DOWN; break;
			default:		edit = false; k = LE_LEFT; break;
			}
		} else {
			switch (key) {
			case CTRL('b'):		k = LE_LEFT; break;
			case CTRL('f'):		k = LE_RIGHT; break;
			case CTRL('a'):		k = LE_HOME; break;
			case CTRL('e'):		k = LE_END; break;
			case CTRL('h'):
			case 127:		k = LE_BACKSPACE; break;
			case CTRL('d'):		k = LE_DELETE; break;
			case CTRL('w'):		k = LE_KILL_WORD; break;
			case CTRL('u'):		k = LE_KILL_START; break;
			case CTRL('k'):		k = LE_KILL_END; break;
			case CTRL('p'):		k = LE_UP; break;
			case CTRL('n'):		k = LE_DOWN; break;
			default:		edit = false; k = LE_LEFT; break;
			}
		}
		if (!edit) {
			free(before);
			return RD_NONE;
		}
		/* Right (or End) on a shown default takes it for editing */
		if ((k == LE_RIGHT || k == LE_END) &&
		    lineedit_showing_placeholder(le))
			lineedit_set(le, le->placeholder);
		else
			lineedit_key(le, k);
	}
	if (strcmp(before, lineedit_text(le)) != 0)
		p->error[0] = '\0';	/* typing again answers the error */
	if (p->changed != NULL && (strcmp(before, lineedit_text(le)) != 0 ||
	    before[0] == '\0'))
		bits |= p->changed(t, lineedit_text(le), -1);
	free(before);
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
	top = layout_scroll(p->top, p->sel < 0 ? 0 : p->sel, p->nitems, rows);
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
	if (p->sel < 0) {
		t->cursor_y = r.y + 1;
		t->cursor_x = r.x + 1;
	}
	draw_fmt(t, t->lay.message.y, 0, t->cols, A_BOLD, DRAW_PAD,
	    "%s  (%sUp/Down or j/k choose, Enter selects, Esc cancels)",
	    p->label, p->sel < 0 ? "nobody chosen yet: " : "");
}

void
prompt_paint(struct tui *t)
{
	struct prompt	*p = &t->p;
	char		 lines[8][128], *clean;
	struct rect	 r;
	int		 n, i, lw, avail, w, col;

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
	if (p->error[0] != '\0') {
		/* the error with the prompt, on the lines below it, wrapped */
		n = prompt_wrap(p->error, t->cols - 1, lines, 2);
		draw_text(t, t->lay.status.y, 0, t->cols, n > 0 ? lines[0] : "",
		    draw_attr(t, SLOT_ERROR), DRAW_PAD);
		draw_text(t, t->lay.hints.y, 0, t->cols, n > 1 ? lines[1] :
		    "(Esc cancels; :messages keeps every message)",
		    n > 1 ? draw_attr(t, SLOT_ERROR) : A_NORMAL, DRAW_PAD);
	}
	lw = draw_text(t, t->lay.message.y, 0, t->cols, p->label, A_BOLD,
	    DRAW_PAD);
	avail = t->cols - lw - 1;
	lineedit_view(&p->le, avail, t->san, &clean, &col);
	w = draw_text(t, t->lay.message.y, lw, avail, clean,
	    lineedit_showing_placeholder(&p->le) ? draw_attr(t, SLOT_MUTED) |
	    A_DIM : A_NORMAL, 0);
	free(clean);
	w = col;
	t->cursor_y = t->lay.message.y;
	t->cursor_x = lw + w;
}
