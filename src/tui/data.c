/*
 * data.c: what the console reads, and nothing more. The queue is a window
 * of at most one screenful, read by keyset pagination around the selected
 * incident (store.h: anchor, backward), so a move or a reload costs the
 * same with ten incidents or a million; the selection is kept by id across
 * reloads. The selected incident's panes (holders, clocks, ladder,
 * timeline, recipients) are read in one short read transaction; nothing
 * is held while the console idles. The review list is a second window of
 * the same kind over closed incidents (t->rv), and an opened review is
 * loaded whole by ops_review_load(). No curses here.
 */
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/sentence.h"
#include "vigil/deadline.h"
#include "vigil/ops-notify.h"
#include "vigil/util.h"

#define TIMELINE_MAX 60

void
data_queue_clear(struct queue *q)
{
	incident_list_free(&q->rows, q->n);
	free(q->clk);
	q->clk = NULL;
	q->n = 0;
}

/* Each row's most urgent clock, evaluated once per load. */
static int
data_row_clocks(struct tui *t, struct queue *q, struct verr *e)
{
	const struct clock_view	*u;
	struct clock_view	*v = NULL;
	size_t			 i, k, n = 0;
	int64_t			 now = ops_now(t->ctx);

	q->clk = xcalloc(q->n + 1, sizeof *q->clk);
	for (i = 0; i < q->n; i++) {
		struct row_clock	*rc = &q->clk[i];

		if (ops_clocks_eval(t->ctx, &q->rows[i], NULL, 0, now, &v, &n,
		    e) != 0)
			return -1;
		u = clock_views_urgent(v, n);
		for (k = 0; k < n; k++)
			if (v[k].r.state == CLOCK_ERROR && (u == NULL ||
			    u->r.state != CLOCK_OVERDUE))
				break;
		if (k < n) {
			/* a clock that cannot be computed may hide the
			 * nearest deadline: ERROR, as in 'vigil list' */
			snprintf(rc->id, sizeof rc->id, "%s", v[k].id);
			clock_view_deadline(&v[k], &rc->outcome);
		} else if (u != NULL) {
			rc->running = true;
			snprintf(rc->id, sizeof rc->id, "%s", u->id);
			rc->start = u->r.start;
			rc->due = u->r.due;
		} else
			clock_views_customer(v, n, &rc->outcome);
		clock_views_free(&v, n);
	}
	return 0;
}

static void
tl_free(struct detail *d)
{
	size_t	i;

	for (i = 0; i < d->ntl; i++) {
		free(d->tl[i].who);
		free(d->tl[i].text);
		free(d->tl[i].action);
		free(d->tl[i].payload);
	}
	free(d->tl);
	d->tl = NULL;
	d->ntl = 0;
}

void
data_detail_clear(struct detail *d)
{
	if (d->has)
		incident_clear(&d->inc);
	milestone_list_free(&d->ms, d->nms);
	clock_views_free(&d->clocks, d->nclocks);
	tl_free(d);
	recipient_list_free(&d->rec, d->nrec);
	evidence_items_free(&d->ev.v, d->ev.n);
	d->ev.n = 0;
	d->nrec = d->nrec_notified = 0;
	task_views_free(&d->tasks, d->ntasks);
	d->ntasks = 0;
	d->nms = d->nclocks = 0;
	d->has = false;
	d->mine = 0;
	memset(d->may, 0, sizeof d->may);
	d->may_declare = false;
}

const struct incident *
data_selected(const struct tui *t)
{
	if (!t->q.has_sel || t->q.sel < 0 || (size_t)t->q.sel >= t->q.n)
		return NULL;
	return &t->q.rows[t->q.sel];
}

/* Rows of q's box at the current size (even when not shown). */
static int
data_height(const struct tui *t, const struct queue *q)
{
	struct layout	l;

	layout_compute(q->set == INCIDENTS_OPEN ? LAYOUT_MAIN : LAYOUT_REVIEW,
	    t->cols, t->rows, &l);
	return l.queue_rows > 0 ? l.queue_rows : 1;
}

static void
data_query(const struct queue *w, struct incident_query *q)
{
	memset(q, 0, sizeof *q);
	q->set = w->set;
	q->filter = w->filter[0] != '\0' ? w->filter : NULL;
}

static int
data_list(struct tui *t, const struct queue *w, bool anchor, int64_t id,
    bool backward, int limit, bool roles, struct incident **out, size_t *n,
    struct verr *e)
{
	struct incident_query	q;

	data_query(w, &q);
	q.has_anchor = anchor;
	q.anchor_id = id;
	q.backward = backward;
	q.limit = limit;
	q.with_roles = roles;
	return incidents_list(t->ctx->db, &q, out, n, e);
}

/* The header counts: open, sev1, mine, declared (unfiltered). */
static int
data_counts(struct tui *t, struct verr *e)
{
	struct incident_stats	st;

	if (incidents_stats(t->ctx->db, t->ctx->me.login, &st, e) != 0)
		return -1;
	t->q.all = st.all;
	t->q.open = st.open;
	t->q.sev1 = st.sev1;
	t->q.mine = st.mine;
	t->q.declared = st.declared;
	/* my open tasks: the header's count and the "my tasks" view */
	return tasks_mine_load(t, e);
}

static int
data_find(const struct incident *v, size_t n, int64_t id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i].id == id)
			return (int)i;
	return -1;
}

/* Read the window so that the selection sits `off` rows from its top. */
static int
data_window(struct tui *t, struct queue *q, int h, struct verr *e)
{
	struct incident	*before = NULL, *v = NULL;
	size_t		 nb = 0, n = 0;
	int		 off, idx, above;
	bool		 at_start;

	if (!q->has_sel) {
		q->sel = 0;
		return data_list(t, q, false, 0, false, h, true, &q->rows,
		    &q->n, e);
	}
	off = q->off < 0 ? 0 : q->off >= h ? h - 1 : q->off;
	if (data_list(t, q, true, q->sel_id, true, off + 1, false, &before,
	    &nb, e) != 0)
		return -1;
	at_start = nb < (size_t)off + 1;
	if (data_list(t, q, !at_start, at_start ? 0 : before[0].id, false, h,
	    true, &v, &n, e) != 0) {
		incident_list_free(&before, nb);
		return -1;
	}
	above = at_start ? (int)nb : off;
	incident_list_free(&before, nb);
	if ((idx = data_find(v, n, q->sel_id)) < 0) {
		/* it left the set: select what now stands in its place */
		idx = above < (int)n ? above : (int)n - 1;
	}
	if (n < (size_t)h && !at_start) {
		/* near the end: show a full window of the last rows */
		int64_t	keep = n > 0 ? v[idx].id : q->sel_id;

		incident_list_free(&v, n);
		if (data_list(t, q, false, 0, true, h, true, &v, &n, e) != 0)
			return -1;
		if ((idx = data_find(v, n, keep)) < 0)
			idx = (int)n - 1;
	}
	q->rows = v;
	q->n = n;
	q->sel = idx;
	return 0;
}

int
data_queue_load(struct tui *t, struct queue *q, struct verr *e)
{
	struct incident_query	 iq;
	size_t			 i;
	int			 h = data_height(t, q), rc = -1, w;

	if (db_begin_read(t->ctx->db, e) != 0)
		return -1;
	data_queue_clear(q);
	if (q->stale && q == &t->q && data_counts(t, e) != 0)
		goto out;
	data_query(q, &iq);
	if ((q->stale || q->count_stale) &&
	    incidents_count(t->ctx->db, &iq, &q->count, e) != 0)
		goto out;
	q->stale = q->count_stale = false;
	if (data_window(t, q, h, e) != 0)
		goto out;
	if (q->n == 0) {
		q->has_sel = false;
		q->sel = 0;
		q->rank = 0;
	} else {
		q->has_sel = true;
		q->sel_id = q->rows[q->sel].id;
		q->off = q->sel;
		if (incidents_rank(t->ctx->db, &iq, q->sel_id, &q->rank,
		    e) != 0)
			goto out;
	}
	if (data_row_clocks(t, q, e) != 0)
		goto out;
	/*
	 * The key column only widens: a window of shorter keys (IR-999
	 * after IR-1000) keeps it, so a move never shifts every column of
	 * the queue and rewrites all its rows (docs/CONSOLE.md rule 12).
	 */
	for (i = 0; i < q->n; i++)
		if ((w = (int)strlen(q->rows[i].key)) > q->key_len)
			q->key_len = w;
	q->key_w = q->key_len > 5 ? q->key_len : 5;
	rc = 0;
out:
	db_end_read(t->ctx->db);
	return rc;
}

/*
 * A step past the window's edge moves the window by half its height, not
 * by a row (as Emacs recentres, and Midnight Commander's half-page
 * scrolling): the selection lands in the middle with the rows around it in
 * view, and the queue's rows are rewritten once per half window instead of
 * once per step, which is what a slow link feels (docs/CONSOLE.md rule 12).
 */
bool
data_move(struct tui *t, struct queue *q, int delta)
{
	struct incident	*v = NULL;
	size_t		 n = 0;
	int		 idx = q->sel + delta, h = data_height(t, q), k;
	bool		 page = delta >= h || -delta >= h;

	if (q->n == 0)
		return false;
	if (idx >= 0 && idx < (int)q->n) {
		q->sel = idx;
		q->sel_id = q->rows[idx].id;
		q->off = idx;
		q->rank += delta;
		return false;
	}
	if (idx >= (int)q->n) {
		k = idx - ((int)q->n - 1);
		if (data_list(t, q, true, q->rows[q->n - 1].id, false, k,
		    false, &v, &n, NULL) != 0 || n == 0) {
			/* nothing below: go to the last row */
			incident_list_free(&v, n);
			q->sel = (int)q->n - 1;
			q->sel_id = q->rows[q->sel].id;
			q->off = q->sel;
			return true;
		}
		q->sel_id = v[n - 1].id;
		q->off = page ? q->sel : h - h / 2;
	} else {
		k = -idx;
		if (data_list(t, q, true, q->rows[0].id, true, k, false, &v,
		    &n, NULL) != 0 || n == 0) {
			incident_list_free(&v, n);
			q->sel = 0;
			q->sel_id = q->rows[0].id;
			q->off = 0;
			return true;
		}
		q->sel_id = v[0].id;
		q->off = page ? q->sel : h / 2 - 1;
	}
	incident_list_free(&v, n);
	q->has_sel = true;
	return true;
}

void
data_home(struct queue *q)
{
	q->has_sel = false;
	q->off = 0;
}

void
data_end(struct tui *t, struct queue *q)
{
	struct incident	*v = NULL;
	size_t		 n = 0;

	if (data_list(t, q, false, 0, true, 1, false, &v, &n, NULL) == 0 &&
	    n == 1) {
		q->has_sel = true;
		q->sel_id = v[0].id;
		q->off = data_height(t, q) - 1;
	}
	incident_list_free(&v, n);
}

void
data_select_id(struct tui *t, int64_t id)
{
	t->q.has_sel = true;
	t->q.sel_id = id;
}

/*
 * A journal payload as words: {"role":"sim","login":"bob"} becomes
 * role=sim login=bob. Display only; the result is sanitized when drawn.
 */
char *
data_summary(const char *action, const char *payload)
{
	struct buf	 b;
	const char	*p;
	bool		 in_str = false;

	buf_init(&b);
	buf_puts(&b, action != NULL ? action : "?");
	if (payload == NULL || strcmp(payload, "{}") == 0)
		return buf_steal(&b);
	buf_putc(&b, ' ');
	for (p = payload; *p != '\0'; p++) {
		/* identifiers the header already shows: "uuid", "key" */
		size_t		 skip = 0;
		const char	*q;

		if (!in_str && (*p == '{' || *p == ',')) {
			if (strncmp(p + 1, "\"uuid\":\"", 8) == 0)
				skip = 9;
			else if (strncmp(p + 1, "\"key\":\"", 7) == 0)
				skip = 8;
		}
		if (skip > 0 && (q = strchr(p + skip, '"')) != NULL) {
			p = q;		/* the closing quote of the value */
			continue;
		}
		if (*p == '\\' && in_str && p[1] != '\0') {
			buf_putc(&b, p[1] == 'n' ? ' ' : p[1]);
			p++;
		} else if (*p == '"')
			in_str = !in_str;
		else if (!in_str && (*p == '{' || *p == '}'))
			continue;
		else if (!in_str && *p == ':')
			buf_putc(&b, '=');
		else if (!in_str && *p == ',') {
			if (b.len > 0 && b.data[b.len - 1] != ' ')
				buf_putc(&b, ' ');
		}
		else
			buf_putc(&b, *p);
	}
	return buf_steal(&b);
}

/*
 * A journal entry as the timeline shows it: its sentence (sentence.h)
 * without the actor, whom the line already names ("alice  notified R1
 * Acme Corp at ..."). Display only; the result is sanitized when drawn.
 */
static char *
tl_sentence(const char *action, const char *payload, const char *who)
{
	char	*s = sentence_raw(action, payload, who);
	size_t	 n = who != NULL ? strlen(who) : 0;

	if (n > 0 && strncmp(s, who, n) == 0 && s[n] == ' ')
		memmove(s, s + n + 1, strlen(s + n + 1) + 1);
	return s;
}

static int
tl_cmp(const void *a, const void *b)
{
	const struct tl_item	*x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? 1 : -1;	/* newest first */
	if (x->note != y->note)
		return x->note ? -1 : 1;
	if (x->ord != y->ord)
		return x->ord < y->ord ? 1 : -1;
	return 0;
}

/* Notes and journal entries of the incident, newest first. */
static int
data_timeline(struct tui *t, int64_t id, struct verr *e)
{
	struct detail		*d = &t->d;
	struct note		*nv = NULL;
	struct journal_entry	*jv = NULL;
	struct journal_query	 jq;
	size_t			 nn = 0, nj = 0, i;

	memset(&jq, 0, sizeof jq);
	jq.has_incident = true;
	jq.incident = id;
	jq.newest_first = true;
	jq.limit = TIMELINE_MAX;
	if (notes_list(t->ctx->db, id, TIMELINE_MAX, &nv, &nn, e) != 0)
		return -1;
	if (journal_list(t->ctx->db, &jq, &jv, &nj, e) != 0) {
		note_list_free(&nv, nn);
		return -1;
	}
	d->tl = xcalloc(nn + nj + 1, sizeof *d->tl);
	for (i = 0; i < nn; i++) {
		d->tl[d->ntl].at = nv[i].at;
		d->tl[d->ntl].who = xstrdup(nv[i].author);
		d->tl[d->ntl].text = xstrdup(nv[i].text);
		d->tl[d->ntl].note = true;
		d->tl[d->ntl].ord = nv[i].id;
		d->ntl++;
	}
	for (i = 0; i < nj; i++) {
		if (strcmp(jv[i].action, "note.add") == 0)
			continue;	/* the note itself is shown */
		d->tl[d->ntl].at = jv[i].at;
		d->tl[d->ntl].who = xstrdup(jv[i].login);
		d->tl[d->ntl].text = tl_sentence(jv[i].action,
		    jv[i].payload, jv[i].login);
		d->tl[d->ntl].action = xstrdup(jv[i].action);
		d->tl[d->ntl].payload = xstrdup(jv[i].payload);
		d->tl[d->ntl].ord = jv[i].seq;
		d->ntl++;
	}
	if (d->ntl > 1)
		qsort(d->tl, d->ntl, sizeof *d->tl, tl_cmp);
	note_list_free(&nv, nn);
	journal_list_free(&jv, nj);
	return 0;
}

int
data_detail_load(struct tui *t, struct verr *e)
{
	struct detail	*d = &t->d;
	int64_t		 id, prev = d->has ? d->inc.id : -1;
	int		 rc = -1, role_sel = d->role_sel, tl_top = d->tl_top;
	int		 tl_sel = d->tl_sel;
	int		 rec_sel = d->rec_sel, rec_top = d->rec_top;
	int		 task_sel = d->task_sel, task_top = d->task_top;
	static const enum action acts[] = {
		ACTION_NOTE, ACTION_MILESTONE, ACTION_STAGE, ACTION_CLOSE,
		ACTION_INCIDENT_NEW, ACTION_RECIPIENT, ACTION_BULLETIN,
		ACTION_EVIDENCE_ADD, ACTION_EVIDENCE_TRANSFER,
		ACTION_EVIDENCE_CHECK,
	};
	size_t		 i;

	data_detail_clear(d);
	if (!t->q.has_sel || t->q.n == 0)
		return 0;
	id = t->q.sel_id;
	if (db_begin_read(t->ctx->db, e) != 0)
		return -1;
	memset(&d->inc, 0, sizeof d->inc);
	if (incidents_get(t->ctx->db, id, &d->inc, e) != 0)
		goto out;
	d->has = true;
	if (milestones_list(t->ctx->db, id, &d->ms, &d->nms, e) != 0 ||
	    ops_clocks_eval(t->ctx, &d->inc, d->ms, d->nms, ops_now(t->ctx),
	    &d->clocks, &d->nclocks, e) != 0 ||
	    data_timeline(t, id, e) != 0 ||
	    assignments_held_by(t->ctx->db, id, t->ctx->me.login, &d->mine,
	    e) != 0 ||
	    recipients_list(t->ctx->db, id, &d->rec, &d->nrec, e) != 0 ||
	    pane_evidence_load(t, id, &d->ev, e) != 0 ||
	    ops_tasks_view(t->ctx, &d->inc, t->ctx->me.login, ops_now(t->ctx),
	    &d->tasks, &d->ntasks, e) != 0)
		goto out;
	for (i = 0; i < d->nrec; i++)
		if (recipient_state_notified(d->rec[i].state))
			d->nrec_notified++;
	for (i = 0; i < nitems(acts); i++)
		d->may[acts[i]] = ops_may(t->ctx, &d->inc, acts[i], ROLE_SIM);
	d->may[ACTION_ASSIGN] = ops_may(t->ctx, &d->inc, ACTION_ASSIGN,
	    ROLE_SIM) || ops_may(t->ctx, &d->inc, ACTION_ASSIGN, ROLE_EIM);
	d->may[ACTION_RELEASE] = d->may[ACTION_ASSIGN];
	d->may_declare = ops_may(t->ctx, &d->inc, ACTION_DECLARE, ROLE_EIM);
	d->may[ACTION_DECLARE] = d->may[ACTION_RETRACT] = d->may_declare;
	d->may[ACTION_WAIVE] = ops_may(t->ctx, &d->inc, ACTION_WAIVE,
	    ROLE_EIM);
	d->may[ACTION_EDIT] = ops_may(t->ctx, &d->inc, ACTION_EDIT, ROLE_SIM);
	/* pick-up: a vacant triage or sim role this person may take */
	d->may[ACTION_PICKUP] = (d->inc.holder[ROLE_TRIAGE] == NULL &&
	    ops_may(t->ctx, &d->inc, ACTION_PICKUP, ROLE_TRIAGE)) ||
	    (d->inc.holder[ROLE_SIM] == NULL && ops_may(t->ctx, &d->inc,
	    ACTION_PICKUP, ROLE_SIM));
	if (prev == id) {
		d->role_sel = role_sel;
		d->tl_top = tl_top;
		d->tl_sel = tl_sel < (int)d->ntl ? tl_sel : 0;
		d->rec_sel = rec_sel < (int)d->nrec ? rec_sel :
		    (int)d->nrec - 1;
		if (d->rec_sel < 0)
			d->rec_sel = 0;
		d->rec_top = rec_top;
		d->task_sel = task_sel < (int)d->ntasks ? task_sel :
		    (int)d->ntasks - 1;
		if (d->task_sel < 0)
			d->task_sel = 0;
		d->task_top = task_top;
	} else {
		d->role_sel = 0;
		d->tl_top = 0;
		d->tl_sel = 0;
		d->rec_sel = d->rec_top = 0;
		d->ev.sel = d->ev.top = 0;
		d->task_sel = d->task_top = 0;
	}
	rc = 0;
out:
	db_end_read(t->ctx->db);
	return rc;
}

void
data_review_clear(struct review_state *r)
{
	if (r->has)
		review_doc_clear(&r->doc);
	r->has = false;
	if (r->past)
		rewind_view_clear(&r->rw);
	r->past = false;
}

int
data_review_load(struct tui *t, struct verr *e)
{
	struct review_state	*r = &t->r;

	data_review_clear(r);
	memset(&r->doc, 0, sizeof r->doc);
	if (ops_review_load(t->ctx, r->key, false, &r->doc, e) != 0)
		return -1;
	r->has = true;
	r->may = ops_may(t->ctx, &r->doc.inc, ACTION_REVIEW, ROLE_SIM);
	return 0;
}

void
data_tick(struct tui *t)
{
	struct clock_result	*r;
	int64_t			 now = ops_now(t->ctx);
	size_t			 i;

	for (i = 0; i < t->d.nclocks; i++) {
		r = &t->d.clocks[i].r;
		if (!r->has_due || r->held || r->sent)
			continue;
		if (r->state != CLOCK_OK && r->state != CLOCK_WARN &&
		    r->state != CLOCK_CRITICAL && r->state != CLOCK_OVERDUE)
			continue;
		r->remaining_s = r->due - now;
		r->state = deadline_classify(r->start + r->held_s, r->due, now,
		    false, 0);
	}
}
