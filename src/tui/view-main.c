/*
 * view-main.c: the top level, master and detail (docs/CONSOLE.md rule 6):
 * the queue of open incidents, most urgent first, over the selected
 * incident's role panels, its deadline panel and its timeline (a strip at
 * 80 columns, a pane from 120). It owns the queue's columns, the first-run
 * screen and the empty states; the other panes come from panes.c.
 */
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/countdown.h"
#include "vigil/deadline.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

static void
main_cols(const struct tui *t, struct queue_cols *c)
{
	layout_queue_cols(t->lay.queue.w - 2, t->q.key_w, t->lay.wide, c);
}

/*
 * A queue row's deadline: the most urgent running clock, classified at
 * this second ("!  T-04:00:00", with the rule's id when it is not the
 * customer clock), else the customer clock's outcome.
 */
static void
main_row_deadline(struct tui *t, int i, const struct queue_cols *c)
{
	const struct row_clock	*rc = &t->q.clk[i];
	struct deadline		 d;
	char			 label[32], text[32 + RULE_ID_MAX + 2];
	attr_t			 a = A_NORMAL;
	int			 y = t->lay.queue.y + 2 + i;
	int64_t			 now = ops_now(t->ctx);

	if (rc->running) {
		memset(&d, 0, sizeof d);
		d.state = deadline_classify(rc->start, rc->due, now, false, 0);
		d.due = rc->due;
		d.has_due = true;
		d.remaining = rc->due - now;
	} else
		d = rc->outcome;
	countdown_label(&d, label, sizeof label);
	/* the clock's id where it fits whole (a cut id names nothing) */
	if ((rc->running || d.state == CLOCK_ERROR) && rc->id[0] != '\0' &&
	    strcmp(rc->id, CLOCK_CUSTOMER) != 0 && (int)(strlen(label) + 1 +
	    strlen(rc->id)) <= c->deadline_w)
		snprintf(text, sizeof text, "%s %s", label, rc->id);
	else
		snprintf(text, sizeof text, "%s", label);
	if (d.state != CLOCK_NONE)
		a = draw_state_attr(t, d.state);
	draw_countdown(t, y, t->lay.queue.x + 1 + c->deadline_x,
	    c->deadline_w, text, d.state, a, DRAW_PAD);
}

static void
main_row(struct tui *t, int i, const struct queue_cols *c)
{
	const struct incident	*inc = &t->q.rows[i];
	bool			 sel = i == t->q.sel;
	attr_t			 a = A_NORMAL;
	int			 y = t->lay.queue.y + 2 + i;
	int			 x = t->lay.queue.x + 1;
	char			 when[32];

	/*
	 * The selection is the "> KEY" cells in reverse video, not the whole
	 * row (mutt's arrow_cursor idea): a move then rewrites about two
	 * dozen cells of the queue instead of two full rows, and every other
	 * cell keeps its attributes, so curses' diff skips it.
	 */
	draw_text(t, y, x, t->lay.queue.w - 2, "", a, DRAW_PAD);
	draw_fmt(t, y, x, c->key_x + c->key_w, sel ? draw_attr(t,
	    SLOT_SELECTED) : a, DRAW_PAD, "%s %s", sel ? ">" : " ", inc->key);
	draw_fmt(t, y, x + c->sev_x, c->sev_w, a | (inc->severity == 1 ?
	    draw_attr(t, SLOT_SEV1) : 0), 0, "SEV%d", inc->severity);
	draw_text(t, y, x + c->stage_x, c->stage_w, stage_name(inc->stage),
	    a, 0);
	draw_text(t, y, x + c->title_x, c->title_w, inc->title, a, 0);
	draw_text(t, y, x + c->sim_x, c->sim_w, inc->holder[ROLE_SIM] != NULL ?
	    inc->holder[ROLE_SIM] : "(none)", inc->holder[ROLE_SIM] != NULL ?
	    a : a | draw_attr(t, SLOT_MUTED), 0);
	if (c->eim_w > 0)
		draw_text(t, y, x + c->eim_x, c->eim_w,
		    inc->holder[ROLE_EIM] != NULL ? inc->holder[ROLE_EIM] :
		    "(none)", a, 0);
	if (c->updated_w > 0) {
		panes_time(t, inc->updated_at, when, sizeof when);
		draw_text(t, y, x + c->updated_x, c->updated_w, when, a, 0);
	}
	main_row_deadline(t, i, c);
	if (sel) {
		t->cursor_y = y;
		t->cursor_x = x;
	}
}

static void
main_empty(struct tui *t)
{
	static const char *const welcome[] = {
		"Welcome to vigil. This database has no incidents yet.",
		"",
		"  n   create an incident (a title, then a severity)",
		"  :   run a command by name, e.g.  :new Phishing wave",
		"  ?   help on every key",
		"  q   quit",
		"",
		"For a live demo database, quit and run:  vigil demo",
	};
	const struct rect	*r = &t->lay.queue;
	size_t			 i;
	char			*s;

	if (t->q.all == 0 || (t->opt.first_run && t->q.open == 0)) {
		for (i = 0; i < nitems(welcome) && (int)i < r->h - 2; i++)
			draw_text(t, r->y + 1 + (int)i, r->x + 2, r->w - 4,
			    welcome[i], i == 0 ? A_BOLD : A_NORMAL, 0);
		return;
	}
	if (t->q.filter[0] != '\0')
		xasprintf(&s, "No open incident matches \"%s\" (Esc clears "
		    "the filter).", t->q.filter);
	else
		xasprintf(&s, "No open incidents (%lld closed). n creates "
		    "one.", (long long)t->q.all);
	draw_text(t, r->y + 2, r->x + 2, r->w - 4, s, A_NORMAL, 0);
	free(s);
}

static void
main_queue(struct tui *t)
{
	const struct rect	*r = &t->lay.queue;
	struct queue_cols	 c;
	char			*title;
	int			 x = r->x + 1, y = r->y + 1;
	attr_t			 h = A_BOLD;
	size_t			 i;

	if (t->q.filter[0] != '\0')
		xasprintf(&title, "Queue /%s", t->q.filter);
	else
		title = xstrdup("Queue");
	draw_box(t, r, title, t->focus == PANE_QUEUE);
	free(title);
	t->cursor_y = y;
	t->cursor_x = x;
	if (t->q.n == 0) {
		main_empty(t);
		return;
	}
	main_cols(t, &c);
	draw_text(t, y, x + c.key_x, c.key_w, "KEY", h, 0);
	draw_text(t, y, x + c.sev_x, c.sev_w, "SEV", h, 0);
	draw_text(t, y, x + c.stage_x, c.stage_w, "STAGE", h, 0);
	draw_text(t, y, x + c.title_x, c.title_w, "TITLE", h, 0);
	draw_text(t, y, x + c.sim_x, c.sim_w, "SIM", h, 0);
	if (c.eim_w > 0)
		draw_text(t, y, x + c.eim_x, c.eim_w, "EIM", h, 0);
	if (c.updated_w > 0)
		draw_text(t, y, x + c.updated_x, c.updated_w, "UPDATED", h, 0);
	draw_text(t, y, x + c.deadline_x, c.deadline_w, "DEADLINE", h, 0);
	for (i = 0; i < t->q.n && (int)i < t->lay.queue_rows; i++)
		if ((int)i != t->q.sel)
			main_row(t, (int)i, &c);
	if (t->q.sel >= 0 && (size_t)t->q.sel < t->q.n)
		main_row(t, t->q.sel, &c);	/* last: it places the cursor */
	/* the position ("3 of 17") is the status line's: a second copy on
	 * the box would be rewritten on every move */
}

static void
main_paint(struct tui *t)
{
	int	cy, cx;

	panes_header(t, NULL);
	main_queue(t);
	cy = t->cursor_y;
	cx = t->cursor_x;
	panes_roles(t, &t->lay.roles, t->lay.all_roles);
	panes_deadline(t, &t->lay.deadline, false);
	panes_timeline(t, &t->lay.timeline, t->lay.timeline_pane);
	if (t->focus == PANE_QUEUE) {
		/* the cursor follows the selected incident */
		t->cursor_y = cy;
		t->cursor_x = cx;
	}
}

static void
main_tick(struct tui *t)
{
	struct queue_cols	c;
	size_t			i;

	panes_header_clock(t);
	if (t->q.n > 0) {
		main_cols(t, &c);
		for (i = 0; i < t->q.n && (int)i < t->lay.queue_rows; i++)
			if (t->q.rows[i].declared)
				main_row_deadline(t, (int)i, &c);
	}
	panes_deadline(t, &t->lay.deadline, true);
}

static int
main_key(struct tui *t, enum tui_action a, int key)
{
	int	h = t->lay.queue_rows;

	(void)key;
	if (a == ACT_BACK) {
		if (t->q.filter[0] != '\0') {
			t->q.filter[0] = '\0';
			t->q.count_stale = true;
			return RD_QUEUE | RD_DETAIL | RD_PAINT;
		}
		if (t->focus != PANE_QUEUE) {
			t->focus = PANE_QUEUE;
			return RD_PAINT;
		}
		action_message(t, false, "Esc goes back one level and never "
		    "quits; q quits");
		return RD_PAINT;
	}
	if (a == ACT_QUIT)
		return RD_QUIT;
	if (t->focus == PANE_ROLES)
		return panes_key_roles(t, a);
	if (t->focus == PANE_TIMELINE)
		return panes_key_timeline(t, a, t->lay.timeline_pane ?
		    t->lay.timeline.h - 2 : t->lay.timeline.h);
	if (t->focus != PANE_QUEUE)
		return RD_NONE;
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PGUP:
	case ACT_PGDN:
		if (!data_move(t, &t->q, a == ACT_UP ? -1 : a == ACT_DOWN ? 1 :
		    a == ACT_PGUP ? -h : h))
			return RD_DETAIL | RD_PAINT;	/* inside the window */
		break;
	case ACT_HOME:	data_home(&t->q); break;
	case ACT_END:	data_end(t, &t->q); break;
	case ACT_OPEN:
		if (!t->d.has)
			return RD_NONE;
		view_push(t, &view_incident);
		return RD_LAYOUT | RD_PAINT;
	default:
		return RD_NONE;
	}
	return RD_QUEUE | RD_DETAIL | RD_PAINT;
}

const struct view_ops view_main = {
	"queue", LAYOUT_MAIN,
	PANE_BIT(PANE_QUEUE) | PANE_BIT(PANE_ROLES) | PANE_BIT(PANE_DEADLINE) |
	    PANE_BIT(PANE_TIMELINE),
	main_paint, main_tick, main_key,
};
