/*
 * draw.c: the one chokepoint between text and curses. Every string the
 * console shows, from the database, from the user or from our own
 * formatting, goes through draw_text(): sanitized (sanitize.h: escapes,
 * C1, bidi and zero-width characters become visible placeholders), cut to
 * its width in cells, then handed to waddnstr. No other file may pass a
 * string to curses. Boxes use WACS line drawing in UTF-8 locales and
 * plain ASCII otherwise (docs/CONSOLE.md rule 10).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/sanitize.h"
#include "vigil/util.h"

attr_t
draw_attr(const struct tui *t, enum slot s)
{
	return t->attr[s];
}

attr_t
draw_state_attr(const struct tui *t, enum clock_state s)
{
	switch (s) {
	case CLOCK_OK:
	case CLOCK_MET:
		return t->attr[SLOT_OK];
	case CLOCK_WARN:
		return t->attr[SLOT_WARN];
	case CLOCK_CRITICAL:
	case CLOCK_MISSED:
	case CLOCK_ERROR:
		return t->attr[SLOT_SEV1];
	case CLOCK_OVERDUE:
		return t->attr[SLOT_OVERDUE];
	default:
		return t->attr[SLOT_MUTED];
	}
}

static void
draw_spaces(int y, int x, int n, attr_t attr)
{
	wattrset(stdscr, (int)attr);
	if (n > 0)
		mvwhline(stdscr, y, x, ' ', n);
}

int
draw_text(struct tui *t, int y, int x, int width, const char *raw,
    attr_t attr, int flags)
{
	char	*clean;
	int	 w = 0, lead = 0;

	if (width <= 0 || y < 0 || y >= t->rows || x >= t->cols)
		return 0;
	if (x + width > t->cols)
		width = t->cols - x;
	clean = sanitize_fit(raw, width, t->san, &w);
	if (flags & DRAW_RIGHT)
		lead = width - w;
	if (lead > 0 && (flags & DRAW_PAD))
		draw_spaces(y, x, lead, attr);
	wattrset(stdscr, (int)attr);
	mvwaddnstr(stdscr, y, x + lead, clean, -1);
	if ((flags & DRAW_PAD) && lead + w < width)
		draw_spaces(y, x + lead + w, width - lead - w, attr);
	wattrset(stdscr, A_NORMAL);
	free(clean);
	return lead + w;
}

int
draw_fmt(struct tui *t, int y, int x, int width, attr_t attr, int flags,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 w;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	w = draw_text(t, y, x, width, s, attr, flags);
	free(s);
	return w;
}

/*
 * The digits of a countdown change every second, and from one incident
 * to the next: drawn plain, a tick or a move between two clocks in the
 * same state rewrites digits only, with no colour switched on and off
 * around them (docs/CONSOLE.md rule 12). The state's glyph or word ("!!",
 * "OVERDUE") keeps the colour, and carries the meaning without it
 * (rule 8).
 */
int
draw_countdown(struct tui *t, int y, int x, int width, const char *label,
    enum clock_state s, attr_t attr, int flags)
{
	const char	*sp = strchr(label, ' ');
	char		*glyph;
	int		 w;

	if (s == CLOCK_NONE || sp == NULL)
		return draw_text(t, y, x, width, label, attr, flags);
	glyph = xstrndup(label, (size_t)(sp - label));
	w = draw_text(t, y, x, width, glyph, attr, 0);
	free(glyph);
	return w + draw_text(t, y, x + w, width - w, sp, A_NORMAL, flags);
}

void
draw_blank(struct tui *t, const struct rect *r)
{
	int	i;

	(void)t;
	for (i = 0; i < r->h; i++)
		draw_spaces(r->y + i, r->x, r->w, A_NORMAL);
	wattrset(stdscr, A_NORMAL);
}

void
draw_hline(struct tui *t, int y, int x, int w)
{
	if (w <= 0)
		return;
	wattrset(stdscr, A_NORMAL);
	if (t->utf8)
		mvwhline_set(stdscr, y, x, WACS_HLINE, w);
	else
		mvwhline(stdscr, y, x, '-', w);
}

/* One corner or side cell. */
static void
draw_corner(struct tui *t, int y, int x, const cchar_t *wacs, chtype ascii)
{
	if (t->utf8)
		mvwadd_wch(stdscr, y, x, wacs);
	else
		mvwaddch(stdscr, y, x, ascii);
}

void
draw_box(struct tui *t, const struct rect *r, const char *title,
    bool focused)
{
	int	bottom = r->y + r->h - 1, right = r->x + r->w - 1, i;

	if (r->h < 2 || r->w < 2)
		return;
	wattrset(stdscr, A_NORMAL);
	draw_corner(t, r->y, r->x, WACS_ULCORNER, '+');
	draw_corner(t, r->y, right, WACS_URCORNER, '+');
	draw_corner(t, bottom, r->x, WACS_LLCORNER, '+');
	draw_corner(t, bottom, right, WACS_LRCORNER, '+');
	draw_hline(t, r->y, r->x + 1, r->w - 2);
	draw_hline(t, bottom, r->x + 1, r->w - 2);
	for (i = r->y + 1; i < bottom; i++) {
		draw_corner(t, i, r->x, WACS_VLINE, '|');
		draw_corner(t, i, right, WACS_VLINE, '|');
	}
	if (title != NULL && r->w > 6) {
		char	*s;

		/* "> Queue" marks the focused pane without colour */
		xasprintf(&s, "%s%s ", focused ? "> " : " ", title);
		draw_text(t, r->y, r->x + 1, r->w - 4, s,
		    focused ? draw_attr(t, SLOT_TITLE) | A_BOLD : A_NORMAL, 0);
		free(s);
	}
}
