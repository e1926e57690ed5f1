/*
 * view-review.c: the review list (v or F2, :review): closed incidents,
 * newest closed first, a window read by keyset pagination like the queue
 * (data.c, t->rv), so it stays instant with a million closed incidents.
 * Each row: key, severity, resolution, closed date, how the customer
 * deadline ended (MET, MISSED by ..., not notified, or - when no breach
 * was declared), title. Enter opens the review (view-review-doc.c); Esc
 * or q goes back to the queue.
 */
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/countdown.h"
#include "vigil/deadline.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

/* Column x offsets inside the box. */
enum {
	RV_KEY = 2,
	RV_SEV = 12,
	RV_RES = 17,
	RV_CLOSED = 32,
	RV_OUTCOME = 44,
	RV_TITLE = 60,
};

/* How the customer deadline of a closed incident ended, for its row. */
static void
review_outcome(const struct incident *inc, char *out, size_t len,
    enum clock_state *st)
{
	struct deadline	d;

	*st = CLOCK_NONE;
	if (!inc->declared) {
		snprintf(out, len, "-");
		return;
	}
	if (!inc->notified) {
		snprintf(out, len, "not notified");
		*st = CLOCK_MISSED;
		return;
	}
	deadline_customer(true, inc->declared_at, true, inc->notified_at,
	    inc->notified_at, &d);
	*st = d.state;
	if (d.state == CLOCK_MET)
		snprintf(out, len, "MET");
	else
		countdown_label(&d, out, len);
}

static void
review_row(struct tui *t, int i)
{
	const struct rect	*r = &t->lay.body;
	const struct incident	*inc = &t->rv.rows[i];
	bool			 sel = i == t->rv.sel;
	attr_t			 a = A_NORMAL;
	enum clock_state	 st;
	char			 u[TIMEFMT_MAX], oc[48];
	int			 y = r->y + 2 + i, x = r->x + 1, w = r->w - 2;

	/* the selection as in the queue: "> KEY" in reverse video */
	draw_text(t, y, x, w, "", a, DRAW_PAD);
	draw_fmt(t, y, x, RV_SEV - 1, sel ? draw_attr(t, SLOT_SELECTED) : a,
	    DRAW_PAD, "%s %s", sel ? ">" : " ", inc->key);
	draw_fmt(t, y, x + RV_SEV, 4, a | (inc->severity == 1 ?
	    draw_attr(t, SLOT_SEV1) : 0), 0, "SEV%d", inc->severity);
	draw_text(t, y, x + RV_RES, RV_CLOSED - RV_RES - 1,
	    resolution_name(inc->resolution), a, 0);
	timefmt_utc_short(inc->closed_at, u);
	u[10] = '\0';
	draw_text(t, y, x + RV_CLOSED, RV_OUTCOME - RV_CLOSED - 1, u, a, 0);
	review_outcome(inc, oc, sizeof oc, &st);
	draw_text(t, y, x + RV_OUTCOME, RV_TITLE - RV_OUTCOME - 1, oc,
	    a | (st != CLOCK_NONE ? draw_state_attr(t, st) : 0), 0);
	draw_text(t, y, x + RV_TITLE, w - RV_TITLE, inc->title, a, 0);
	if (sel) {
		t->cursor_y = y;
		t->cursor_x = x;
	}
}

static void
review_paint(struct tui *t)
{
	const struct rect	*r = &t->lay.body;
	struct queue		*q = &t->rv;
	char			*pos;
	int			 x = r->x + 1, y = r->y + 1;
	size_t			 i;
	attr_t			 h = A_BOLD;

	panes_header(t, "review  closed incidents, newest first");
	draw_box(t, r, "Review", true);
	t->cursor_y = y;
	t->cursor_x = x;
	if (q->n == 0) {
		draw_text(t, y + 1, x + 1, r->w - 4, "No closed incidents "
		    "yet. A closed incident's review appears here.",
		    A_NORMAL, 0);
		return;
	}
	draw_text(t, y, x + RV_KEY, 9, "KEY", h, 0);
	draw_text(t, y, x + RV_SEV, 4, "SEV", h, 0);
	draw_text(t, y, x + RV_RES, 14, "RESOLUTION", h, 0);
	draw_text(t, y, x + RV_CLOSED, 11, "CLOSED", h, 0);
	draw_text(t, y, x + RV_OUTCOME, 15, "DEADLINE", h, 0);
	draw_text(t, y, x + RV_TITLE, r->w - 2 - RV_TITLE, "TITLE", h, 0);
	for (i = 0; i < q->n && (int)i < t->lay.queue_rows; i++)
		if ((int)i != q->sel)
			review_row(t, (int)i);
	if (q->sel >= 0 && (size_t)q->sel < q->n)
		review_row(t, q->sel);
	xasprintf(&pos, " %lld of %lld ", (long long)q->rank + 1,
	    (long long)q->count);
	draw_text(t, r->y + r->h - 1, r->x + r->w - 3 - (int)strlen(pos),
	    (int)strlen(pos), pos, A_NORMAL, 0);
	free(pos);
}

static void
review_tick(struct tui *t)
{
	panes_header_clock(t);
}

/* Enter: load the selected incident's review and show it. */
static int
review_open(struct tui *t)
{
	struct verr	e;

	if (!t->rv.has_sel || t->rv.sel < 0 || (size_t)t->rv.sel >= t->rv.n)
		return RD_NONE;
	snprintf(t->r.key, sizeof t->r.key, "%s", t->rv.rows[t->rv.sel].key);
	if (data_review_load(t, &e) != 0) {
		action_message(t, true, "%s", e.msg);
		return RD_PAINT;
	}
	t->r.top = 0;
	view_push(t, &view_review_doc);
	return RD_LAYOUT | RD_PAINT;
}

static int
review_list_key(struct tui *t, enum tui_action a, int key)
{
	int	h = t->lay.queue_rows;

	(void)key;
	switch (a) {
	case ACT_BACK:
	case ACT_QUIT:
		view_pop(t);
		return RD_LAYOUT | RD_PAINT;
	case ACT_OPEN:
		return review_open(t);
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PGUP:
	case ACT_PGDN:
		if (!data_move(t, &t->rv, a == ACT_UP ? -1 : a == ACT_DOWN ?
		    1 : a == ACT_PGUP ? -h : h))
			return RD_PAINT;	/* inside the window */
		break;
	case ACT_HOME:	data_home(&t->rv); break;
	case ACT_END:	data_end(t, &t->rv); break;
	default:
		return RD_NONE;
	}
	return RD_QUEUE | RD_PAINT;
}

const struct view_ops view_review = {
	"review", LAYOUT_REVIEW, PANE_BIT(PANE_REVIEW),
	review_paint, review_tick, review_list_key,
};
