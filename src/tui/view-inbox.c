/*
 * view-inbox.c: the triage inbox in the console (i from the queue,
 * :inbox). The new entries, most severe first, then the most recently
 * seen, each group's members under the entry they joined; the selected
 * entry's entities and why it was grouped on the line under the list.
 * Y accepts the entry (a new incident, you as triage holder), L links
 * (attaches) it to an incident (asks the key), Z dismisses it (asks the
 * reason); each
 * calls the src/ops function the CLI calls. Only the first window of
 * entries is read, and the counts come from one kept row, so the view is
 * as quick at a million alerts as at ten. Every alert field is drawn
 * through draw_text(), the sanitizer's chokepoint.
 */
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/ops-inbox.h"
#include "vigil/store-alert.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

#define INBOX_WINDOW 200	/* entries read, heads and members */

/* Column x offsets inside the box. */
enum {
	IB_ID = 2,
	IB_SEV = 10,
	IB_COUNT = 15,
	IB_SEEN = 22,
	IB_SOURCE = 35,
	IB_TITLE = 46,
};

void
inbox_view_clear(struct inbox_view *v)
{
	inbox_entry_list_free(&v->rows, v->n);
	free(v->member);
	v->member = NULL;
	v->n = 0;
}

/* The counts for the queue's header (one kept row). */
int
inbox_view_counts(struct tui *t, struct verr *e)
{
	return inbox_counts(t->ctx->db, &t->ib.entries, &t->ib.alerts, e);
}

/* Read the first window: heads, each followed by its new members. */
int
inbox_view_load(struct tui *t, struct verr *e)
{
	struct inbox_view	*v = &t->ib;
	struct inbox_entry	*heads = NULL, *m = NULL;
	size_t			 nh = 0, nm = 0, i, k, cap;
	int			 rc = -1;

	inbox_view_clear(v);
	if (db_begin_read(t->ctx->db, e) != 0)
		return -1;
	if (inbox_counts(t->ctx->db, &v->entries, &v->alerts, e) != 0 ||
	    inbox_list(t->ctx->db, INBOX_WINDOW, &heads, &nh, e) != 0)
		goto out;
	cap = nh + 16;
	v->rows = xcalloc(cap, sizeof *v->rows);
	v->member = xcalloc(cap, sizeof *v->member);
	for (i = 0; i < nh && v->n < INBOX_WINDOW; i++) {
		if (heads[i].members > 0 && inbox_members(t->ctx->db,
		    heads[i].id, &m, &nm, e) != 0)
			goto out;
		if (v->n + 1 + nm > cap) {
			cap = v->n + 1 + nm + 16;
			v->rows = xreallocarray(v->rows, cap, sizeof *v->rows);
			v->member = xreallocarray(v->member, cap,
			    sizeof *v->member);
		}
		v->rows[v->n] = heads[i];
		memset(&heads[i], 0, sizeof heads[i]);
		v->member[v->n++] = false;
		for (k = 0; k < nm; k++) {
			v->rows[v->n] = m[k];
			memset(&m[k], 0, sizeof m[k]);
			v->member[v->n++] = true;
		}
		inbox_entry_list_free(&m, nm);
		nm = 0;
	}
	/* keep the selection on the same entry when it is still there */
	v->sel = 0;
	for (i = 0; i < v->n; i++)
		if (v->rows[i].id == v->sel_id)
			v->sel = (int)i;
	if (v->n > 0)
		v->sel_id = v->rows[v->sel].id;
	rc = 0;
out:
	db_end_read(t->ctx->db);
	inbox_entry_list_free(&heads, nh);
	inbox_entry_list_free(&m, nm);
	return rc;
}

static void
inbox_row(struct tui *t, int i, int y)
{
	const struct rect	*r = &t->lay.body;
	const struct inbox_entry *x = &t->ib.rows[i];
	bool			 sel = i == t->ib.sel, mem = t->ib.member[i];
	attr_t			 a = A_NORMAL;
	char			 u[TIMEFMT_MAX];
	int			 xx = r->x + 1, w = r->w - 2;

	draw_text(t, y, xx, w, "", a, DRAW_PAD);
	draw_fmt(t, y, xx, IB_SEV - 1, sel ? draw_attr(t, SLOT_SELECTED) : a,
	    DRAW_PAD, "%s %s%lld", sel ? ">" : " ", mem ? "+" : "",
	    (long long)x->id);
	draw_fmt(t, y, xx + IB_SEV, 4, a | (x->severity == 1 ?
	    draw_attr(t, SLOT_SEV1) : 0), 0, "SEV%d", x->severity);
	draw_fmt(t, y, xx + IB_COUNT, 6, a, DRAW_RIGHT, "%lld",
	    (long long)x->count);
	timefmt_utc_short(x->last_seen, u);
	draw_text(t, y, xx + IB_SEEN, IB_SOURCE - IB_SEEN - 1, u + 5, a, 0);
	draw_text(t, y, xx + IB_SOURCE, IB_TITLE - IB_SOURCE - 1, x->source, a,
	    0);
	draw_text(t, y, xx + IB_TITLE + (mem ? 2 : 0), w - IB_TITLE -
	    (mem ? 2 : 0), x->title, a, 0);
	if (sel) {
		t->cursor_y = y;
		t->cursor_x = xx;
	}
}

/* The selected entry's entities, and why it is in its group. */
static void
inbox_detail(struct tui *t, int y)
{
	const struct rect	*r = &t->lay.body;
	const struct inbox_entry *x;
	struct buf		 b;

	if (t->ib.n == 0)
		return;
	x = &t->ib.rows[t->ib.sel];
	buf_init(&b);
	if (x->group_why[0] != '\0')
		buf_printf(&b, "grouped: %s   ", x->group_why);
	else if (x->members > 0)
		buf_printf(&b, "heads a group of %lld   ",
		    (long long)x->members + 1);
	if (x->host[0] != '\0')
		buf_printf(&b, "host %s  ", x->host);
	if (x->user[0] != '\0')
		buf_printf(&b, "user %s  ", x->user);
	if (x->src_ip[0] != '\0' || x->dst_ip[0] != '\0')
		buf_printf(&b, "%s -> %s  ", x->src_ip[0] != '\0' ? x->src_ip :
		    "?", x->dst_ip[0] != '\0' ? x->dst_ip : "?");
	buf_printf(&b, "rule %s", x->rule);
	draw_text(t, y, r->x + 2, r->w - 4, buf_str(&b), A_NORMAL, 0);
	buf_clear(&b);
}

static void
inbox_paint(struct tui *t)
{
	const struct rect	*r = &t->lay.body;
	struct inbox_view	*v = &t->ib;
	char			*title;
	int			 x = r->x + 1, y = r->y + 1, rows, i;
	attr_t			 h = A_BOLD;

	xasprintf(&title, "inbox  %lld new entr%s, %lld alert%s",
	    (long long)v->entries, v->entries == 1 ? "y" : "ies",
	    (long long)v->alerts, v->alerts == 1 ? "" : "s");
	panes_header(t, title);
	free(title);
	draw_box(t, r, "Inbox", true);
	t->cursor_y = y;
	t->cursor_x = x;
	if (v->n == 0) {
		draw_text(t, y + 1, x + 1, r->w - 4, "No new alerts. `vigil "
		    "import` feeds the inbox.", A_NORMAL, 0);
		return;
	}
	draw_text(t, y, x + IB_ID, 7, "ID", h, 0);
	draw_text(t, y, x + IB_SEV, 4, "SEV", h, 0);
	draw_text(t, y, x + IB_COUNT, 6, " COUNT", h, 0);
	draw_text(t, y, x + IB_SEEN, 12, "LAST SEEN", h, 0);
	draw_text(t, y, x + IB_SOURCE, 10, "SOURCE", h, 0);
	draw_text(t, y, x + IB_TITLE, r->w - 2 - IB_TITLE, "TITLE", h, 0);
	rows = r->h - 4;	/* header line, detail line, the box */
	if (rows < 1)
		rows = 1;
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + rows)
		v->top = v->sel - rows + 1;
	for (i = 0; i < rows && v->top + i < (int)v->n; i++)
		if (v->top + i != v->sel)
			inbox_row(t, v->top + i, y + 1 + i);
	if (v->sel >= v->top && v->sel < v->top + rows)
		inbox_row(t, v->sel, y + 1 + v->sel - v->top);
	inbox_detail(t, r->y + r->h - 2);
}

static void
inbox_tick(struct tui *t)
{
	panes_header_clock(t);
}

/* The entry an act is about, or 0 with a message. */
static int64_t
inbox_selected(struct tui *t)
{
	if (t->ib.n == 0) {
		action_message(t, true, "The inbox is empty.");
		return 0;
	}
	return t->ib.rows[t->ib.sel].id;
}

/* After an act: reload the inbox and the queue behind it. */
static int
inbox_after(struct tui *t)
{
	t->q.stale = t->q.count_stale = true;
	return RD_QUEUE | RD_PAINT;
}

int
inbox_do_accept(struct tui *t, int64_t id)
{
	struct verr	e;
	char		key[INCIDENT_KEY_MAX];

	if (ops_inbox_accept(t->ctx, id, key, &e) != 0) {
		action_message(t, true, "%s", e.msg);
		return RD_PAINT;
	}
	action_message(t, false, "Entry %lld accepted as %s; you hold triage.",
	    (long long)id, key);
	return inbox_after(t);
}

int
inbox_do_attach(struct tui *t, int64_t id, const char *key)
{
	struct verr	e;

	if (ops_inbox_attach(t->ctx, id, key, &e) != 0) {
		action_message(t, true, "%s", e.msg);
		return RD_PAINT;
	}
	action_message(t, false, "Entry %lld attached to %s.", (long long)id,
	    key);
	return inbox_after(t);
}

int
inbox_do_dismiss(struct tui *t, int64_t id, enum dismiss_reason r)
{
	struct verr	e;

	if (ops_inbox_dismiss(t->ctx, id, r, NULL, &e) != 0) {
		action_message(t, true, "%s", e.msg);
		return RD_PAINT;
	}
	action_message(t, false, "Entry %lld dismissed (%s).", (long long)id,
	    dismiss_reason_name(r));
	return inbox_after(t);
}

static int
inbox_attach_done(struct tui *t, const char *text, int choice)
{
	(void)choice;
	if (text == NULL || *text == '\0')
		return RD_PAINT;
	return inbox_do_attach(t, t->ib.act_id, text);
}

static int
inbox_dismiss_done(struct tui *t, const char *text, int choice)
{
	(void)text;
	if (choice < 0 || choice >= DISMISS__COUNT)
		return RD_PAINT;
	return inbox_do_dismiss(t, t->ib.act_id, (enum dismiss_reason)choice);
}

/* i opens the inbox; Y, L, Z are the three acts on its selected entry. */
int
inbox_act(struct tui *t, enum tui_action a)
{
	char	**items, label[96];
	int64_t	  id;
	int	  i;

	if (a == ACT_INBOX) {
		while (t->depth > 1)
			view_pop(t);
		t->ib.top = 0;
		view_push(t, &view_inbox);
		return RD_LAYOUT | RD_QUEUE | RD_PAINT;
	}
	if (action_read_only(t, a) || (id = inbox_selected(t)) == 0)
		return RD_PAINT;
	t->ib.act_id = id;
	switch (a) {
	case ACT_IB_ACCEPT:
		return inbox_do_accept(t, id);
	case ACT_IB_ATTACH:
		snprintf(label, sizeof label, "Attach entry %lld to incident: ",
		    (long long)id);
		prompt_text(t, label, "IR-", inbox_attach_done);
		return RD_PAINT;
	default:
		items = action_strv(DISMISS__COUNT);
		for (i = 0; i < DISMISS__COUNT; i++)
			items[i] = xstrdup(dismiss_reason_name(
			    (enum dismiss_reason)i));
		snprintf(label, sizeof label, "Dismiss entry %lld as",
		    (long long)id);
		prompt_choice(t, label, items, NULL, DISMISS__COUNT,
		    inbox_dismiss_done);
		return RD_PAINT;
	}
}

static int
inbox_key(struct tui *t, enum tui_action a, int key)
{
	struct inbox_view	*v = &t->ib;
	int			 h = t->lay.body.h - 4, n = (int)v->n;

	(void)key;
	switch (a) {
	case ACT_BACK:
	case ACT_QUIT:
		view_pop(t);
		return RD_LAYOUT | RD_QUEUE | RD_PAINT;
	case ACT_UP:	v->sel--; break;
	case ACT_DOWN:	v->sel++; break;
	case ACT_PGUP:	v->sel -= h > 1 ? h : 1; break;
	case ACT_PGDN:	v->sel += h > 1 ? h : 1; break;
	case ACT_HOME:	v->sel = 0; break;
	case ACT_END:	v->sel = n - 1; break;
	default:
		return RD_NONE;
	}
	if (v->sel >= n)
		v->sel = n - 1;
	if (v->sel < 0)
		v->sel = 0;
	if (n > 0)
		v->sel_id = v->rows[v->sel].id;
	return RD_PAINT;
}

const struct view_ops view_inbox = {
	"inbox", LAYOUT_REVIEW, PANE_BIT(PANE_INBOX),
	inbox_paint, inbox_tick, inbox_key,
};
