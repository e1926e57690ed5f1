/*
 * layout.c: the console's rectangles from the terminal size (tui-layout.h).
 * Pure arithmetic on integers: no curses, no state, no allocation. It
 * decides what fits at 80x24 (docs/CONSOLE.md rule 11) and what larger
 * terminals add; the views only draw into what it returns.
 */
#include <string.h>

#include "vigil/tui-layout.h"

static struct rect
rect(int y, int x, int h, int w)
{
	struct rect	r;

	r.y = y;
	r.x = x;
	r.h = h < 0 ? 0 : h;
	r.w = w < 0 ? 0 : w;
	return r;
}

static int
imax(int a, int b)
{
	return a > b ? a : b;
}

static int
imin(int a, int b)
{
	return a < b ? a : b;
}

/* The lines every view shares: header on top, three lines at the bottom. */
static void
frame(struct layout *l, int cols, int rows)
{
	l->header = rect(0, 0, 1, cols);
	l->message = rect(rows - 3, 0, 1, cols);
	l->status = rect(rows - 2, 0, 1, cols);
	l->hints = rect(rows - 1, 0, 1, cols);
}

static void
layout_main(struct layout *l, int cols, int rows)
{
	int	avail = rows - 4, bh, strip, rw, dw, qh;

	l->wide = cols >= LAYOUT_WIDE_COLS;
	l->all_roles = rows >= LAYOUT_TALL_ROWS;
	bh = (l->all_roles ? 7 : 5) + 2;
	if (rows >= 40)
		bh = imax(bh, avail * 2 / 5);
	if (l->wide) {
		/* roles | deadline | timeline pane, the queue above */
		strip = 0;
		rw = imax(36, cols / 4);
		dw = imax(44, cols * 3 / 10);
		qh = avail - bh;
		l->timeline_pane = true;
		l->timeline = rect(1 + qh, rw + dw, bh, cols - rw - dw);
	} else {
		/*
		 * roles | deadline, a timeline strip below them: its last
		 * entry at 80x24 (the queue gets the row), more when taller.
		 * Every strip line follows the selection, and is rewritten
		 * on a move (docs/CONSOLE.md rule 12).
		 */
		strip = imax(1, (avail - bh) / 8);
		rw = cols * 9 / 20;
		dw = cols - rw;
		qh = avail - bh - strip;
		l->timeline_pane = false;
		l->timeline = rect(1 + qh + bh, 0, strip, cols);
	}
	l->queue = rect(1, 0, qh, cols);
	l->queue_rows = imax(0, qh - 3);
	l->roles = rect(1 + qh, 0, bh, rw);
	l->deadline = rect(1 + qh, rw, bh, dw);
}

/*
 * One incident: roles, clocks and ladder on the left (wide) or in two
 * rows of two (80 columns); the recipients and the evidence above the
 * timeline on the right (wide), or at 80 columns the evidence under the
 * ladder when the terminal is tall enough, else sharing the bottom right
 * with the recipients and the timeline.
 */
static void
layout_incident(struct layout *l, int cols, int rows)
{
	int	avail = rows - 4, lw, dh, rh, eh, n;

	l->wide = cols >= LAYOUT_WIDE_COLS;
	l->all_roles = true;
	l->timeline_pane = true;
	if (l->wide) {
		/* one left column (roles, clocks, ladder); timeline right */
		lw = 60;
		dh = imax(7, avail - 9 - 10);
		l->roles = rect(1, 0, 9, lw);
		l->deadline = rect(10, 0, dh, lw);
		l->ladder = rect(10 + dh, 0, imin(10, avail - 9 - dh), lw);
		rh = imin(12, avail / 3);
		eh = imin(10, avail / 4);
		l->recipients = rect(1, lw, rh, cols - lw);
		l->evidence = rect(1 + rh, lw, eh, cols - lw);
		l->timeline = rect(1 + rh + eh, lw, avail - rh - eh, cols - lw);
	} else {
		lw = cols / 2;
		l->roles = rect(1, 0, 9, lw);
		l->deadline = rect(1, lw, 9, cols - lw);
		n = avail - 9;
		if (n - 10 >= 4) {
			/* room under the whole ladder for the evidence */
			l->ladder = rect(10, 0, 10, lw);
			l->evidence = rect(20, 0, n - 10, lw);
			rh = (n + 1) / 2;
			l->recipients = rect(10, lw, rh, cols - lw);
			l->timeline = rect(10 + rh, lw, n - rh, cols - lw);
			return;
		}
		l->ladder = rect(10, 0, n, lw);
		rh = (n + 1) / 3;
		eh = n / 3;
		l->recipients = rect(10, lw, rh, cols - lw);
		l->evidence = rect(10 + rh, lw, eh, cols - lw);
		l->timeline = rect(10 + rh + eh, lw, n - rh - eh, cols - lw);
	}
}

void
layout_with_tasks(struct layout *l)
{
	struct rect	*tl = &l->timeline;
	int		 th;

	if (l->too_small || l->recipients.h == 0)
		return;			/* not the incident view */
	if (l->wide) {
		th = imin(imax(6, tl->h / 2), tl->h - 4);
		if (th < 4)
			return;
		l->tasks = rect(tl->y, tl->x, th, tl->w);
		*tl = rect(tl->y + th, tl->x, tl->h - th, tl->w);
	} else {
		l->tasks = l->ladder;
		l->ladder = rect(0, 0, 0, 0);
	}
}

void
layout_compute(enum layout_view view, int cols, int rows, struct layout *out)
{
	memset(out, 0, sizeof *out);
	out->cols = cols;
	out->rows = rows;
	if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS) {
		out->too_small = true;
		return;
	}
	frame(out, cols, rows);
	switch (view) {
	case LAYOUT_MAIN:
		layout_main(out, cols, rows);
		break;
	case LAYOUT_INCIDENT:
		layout_incident(out, cols, rows);
		break;
	case LAYOUT_HELP:
		out->body = rect(1, 0, rows - 4, cols);
		break;
	case LAYOUT_REVIEW:
		/* one box: a header line and the rows, or the document */
		out->body = rect(1, 0, rows - 4, cols);
		out->queue_rows = imax(0, rows - 4 - 3);
		out->wide = cols >= LAYOUT_WIDE_COLS;
		break;
	}
}

void
layout_queue_cols(int width, int key_w, bool wide, struct queue_cols *c)
{
	int	right;

	memset(c, 0, sizeof *c);
	key_w = imax(5, imin(key_w, 12));
	c->marker_x = 0;
	c->key_x = 2;
	c->key_w = key_w;
	c->sev_x = c->key_x + key_w + 1;
	c->sev_w = 4;
	c->stage_x = c->sev_x + c->sev_w + 1;
	c->stage_w = 9;
	c->title_x = c->stage_x + c->stage_w + 1;
	/* the fixed columns on the right, allocated right to left */
	/* "MISSED by 16h52m"; wide, also the clock: "!  T-04:00:00 nis2-notify" */
	c->deadline_w = wide ? 26 : 16;
	c->deadline_x = imax(c->title_x, width - c->deadline_w - 1);
	right = c->deadline_x;
	if (wide) {
		c->updated_w = 11;
		c->updated_x = right - 1 - c->updated_w;
		right = c->updated_x;
		c->eim_w = 9;
		c->eim_x = right - 1 - c->eim_w;
		right = c->eim_x;
	}
	c->sim_w = 9;
	c->sim_x = right - 1 - c->sim_w;
	right = c->sim_x;
	c->title_w = imax(0, right - 1 - c->title_x);
	if (c->deadline_x + c->deadline_w > width)
		c->deadline_w = imax(0, width - c->deadline_x);
}

int
layout_scroll(int top, int sel, int n, int height)
{
	if (height <= 0 || n <= 0)
		return 0;
	if (sel < 0)
		sel = 0;
	if (sel >= n)
		sel = n - 1;
	if (sel < top)
		top = sel;
	if (sel >= top + height)
		top = sel - height + 1;
	if (top > n - height)
		top = n - height;
	return imax(0, top);
}
