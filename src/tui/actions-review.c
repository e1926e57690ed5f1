/*
 * actions-review.c: the console's review actions: open the review list
 * and, in an opened review, set the root cause and the lessons learned,
 * add a repair item and mark one done. Like actions.c, each flow is a few
 * prompts that end in exactly one ops_* call (ops-review.h), and refusals
 * reach the message line with the message ops wrote. The review acts on
 * closed incidents: its key comes from the opened review (review_key).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

int
review_open_list(struct tui *t)
{
	while (t->depth > 1)
		view_pop(t);
	data_review_clear(&t->r);
	t->rv.has_sel = false;
	t->rv.off = 0;
	t->rv.stale = t->rv.count_stale = true;
	view_push(t, &view_review);
	return RD_LAYOUT | RD_QUEUE | RD_PAINT;
}

const char *
review_key(struct tui *t)
{
	if (!t->r.has || view_top(t) != &view_review_doc) {
		action_message(t, true, "Open a review first (Enter on a "
		    "closed incident).");
		return NULL;
	}
	snprintf(t->f.key, sizeof t->f.key, "%s", t->r.key);
	return t->f.key;
}

int
review_do_set(struct tui *t, const char *root_cause, const char *lessons)
{
	struct verr	e;
	int		rc;

	rc = ops_review_set(t->ctx, t->f.key, root_cause, lessons, &e);
	if (rc == 0)
		action_message(t, false, "%s: %s saved.", t->f.key,
		    root_cause != NULL ? "root cause" : "lessons learned");
	return action_result(t, rc, &e, true);
}

int
review_do_repair(struct tui *t, const char *text, const char *owner,
    const char *due)
{
	struct verr	e;
	char		id[REPAIR_ID_MAX];
	int		rc;

	rc = ops_repair_add(t->ctx, t->f.key, text, owner,
	    due != NULL && *due != '\0' ? due : NULL, id, &e);
	if (rc == 0)
		action_message(t, false, "%s: repair item %s added for %s.",
		    t->f.key, id, owner);
	return action_result(t, rc, &e, true);
}

int
review_do_done(struct tui *t, const char *rid)
{
	struct verr	e;
	int		rc;

	rc = ops_repair_done(t->ctx, t->f.key, rid, &e);
	if (rc == 0)
		action_message(t, false, "%s: repair item %s done.", t->f.key,
		    rid);
	return action_result(t, rc, &e, true);
}

static int
text_done(struct tui *t, const char *text, int choice)
{
	int	rc;

	(void)choice;
	if (text == NULL)
		return action_cancelled(t);
	rc = t->f.act == ACT_ROOT_CAUSE ? review_do_set(t, text, NULL) :
	    review_do_set(t, NULL, text);
	action_flow_clear(&t->f);
	return rc;
}

static int
repair_due(struct tui *t, const char *due, int choice)
{
	int64_t	days;
	int	rc;

	(void)choice;
	if (due == NULL)
		return action_cancelled(t);
	if (*due != '\0' && timefmt_parse_date(due, &days) != 0) {
		/* asked again: the repair item and its owner are kept, and
		 * the prompt keeps what was typed, with this error */
		action_message(t, true, "'%s' is not a date: use YYYY-MM-DD "
		    "(2026-12-15), or Enter for no due date.", due);
		prompt_text(t, "Due date (YYYY-MM-DD; Enter: none): ", due,
		    repair_due);
		return RD_PAINT;
	}
	rc = review_do_repair(t, t->f.s1, t->f.s2, due);
	action_flow_clear(&t->f);
	return rc;
}

static int
repair_owner(struct tui *t, const char *login, int choice)
{
	(void)choice;
	if (login == NULL)
		return action_cancelled(t);
	t->f.s2 = xstrdup(login);
	prompt_text(t, "Due date (YYYY-MM-DD; Enter: none): ", "",
	    repair_due);
	return RD_PAINT;
}

/* The roster as a choice of owners, the current user first selected. */
static int
repair_text(struct tui *t, const char *text, int choice)
{
	struct person	*v = NULL;
	struct verr	 e;
	size_t		 n = 0, i;
	char		**items, **values;
	int		 me = 0;

	(void)choice;
	if (text == NULL || *text == '\0')
		return action_cancelled(t);
	t->f.s1 = xstrdup(text);
	if (roster_list(t->ctx->db, &v, &n, &e) != 0 || n == 0) {
		person_list_free(&v, n);
		/* no roster to choose from: the current user owns it */
		return repair_owner(t, t->ctx->me.login, 0);
	}
	items = action_strv(n);
	values = action_strv(n);
	for (i = 0; i < n; i++) {
		xasprintf(&items[i], "%-12s %s", v[i].login,
		    v[i].name != NULL ? v[i].name : "");
		values[i] = xstrdup(v[i].login);
		if (strcmp(v[i].login, t->ctx->me.login) == 0)
			me = (int)i;
	}
	person_list_free(&v, n);
	prompt_choice(t, "Who owns the repair?", items, values, (int)n,
	    repair_owner);
	t->p.sel = me;
	return RD_PAINT;
}

static int
repair_pick(struct tui *t, const char *rid, int choice)
{
	int	rc;

	(void)choice;
	if (rid == NULL)
		return action_cancelled(t);
	rc = review_do_done(t, rid);
	action_flow_clear(&t->f);
	return rc;
}

/* Root cause or lessons in $VISUAL / $EDITOR; unchanged: nothing saved. */
static int
review_edit_text(struct tui *t, const char *now)
{
	bool	rc = t->f.act == ACT_ROOT_CAUSE;
	char	label[128];

	snprintf(label, sizeof label, "%s of %s: ", rc ? "Root cause" :
	    "Lessons learned", t->f.key);
	return editor_save(t, rc ? "root cause" : "lessons learned", now,
	    REVIEW_TEXT_MAX, label, text_done);
}

int
review_start(struct tui *t, enum tui_action a)
{
	const struct review_doc	*d = &t->r.doc;
	char			 label[128], id[REPAIR_ID_MAX];
	char			**items, **values;
	size_t			 i;
	int			 n = 0;

	if (a == ACT_REVIEW)
		return review_open_list(t);
	action_flow_clear(&t->f);
	t->f.act = a;
	if (action_read_only(t, a) || review_key(t) == NULL)
		return RD_PAINT;
	switch (a) {
	case ACT_ROOT_CAUSE:
	case ACT_LESSONS:
		/* long text: the editor (:rootcause TEXT stays for a line) */
		return review_edit_text(t, a == ACT_ROOT_CAUSE ?
		    d->text.root_cause : d->text.lessons);
	case ACT_REPAIR_ADD:
		snprintf(label, sizeof label, "Repair item for %s: ",
		    t->f.key);
		prompt_text(t, label, "", repair_text);
		return RD_PAINT;
	case ACT_REPAIR_DONE:
		items = action_strv(d->nrep);
		values = action_strv(d->nrep);
		for (i = 0; i < d->nrep; i++) {
			if (d->rep[i].done)
				continue;
			ops_repair_id(d->rep[i].num, id);
			xasprintf(&items[n], "%-4s %-40.40s %s", id,
			    d->rep[i].text, d->rep[i].owner);
			values[n++] = xstrdup(id);
		}
		if (n == 0) {
			free(items);
			free(values);
			action_message(t, true, "%s has no open repair items.",
			    t->f.key);
			action_flow_clear(&t->f);
			return RD_PAINT;
		}
		prompt_choice(t, "Which repair item is done?", items, values,
		    n, repair_pick);
		return RD_PAINT;
	default:
		return RD_NONE;
	}
}

/* Show the review's incident as it stood (entry upto_seq, or time at). */
static int
travel_to(struct tui *t, int64_t at, int64_t upto_seq)
{
	struct rewind_view	rw;
	struct verr		e;
	int64_t			id;

	if (!t->r.has || incident_key_parse(t->r.key, &id) != 0)
		return RD_NONE;
	if (ops_rewind(t->ctx, id, at, upto_seq, &rw, &e) != 0) {
		action_message(t, true, "%s", e.msg);
		return RD_PAINT;
	}
	if (t->r.past)
		rewind_view_clear(&t->r.rw);
	t->r.rw = rw;
	t->r.past = true;
	t->r.top = 0;
	return RD_PAINT;
}

static int
travel_time(struct tui *t, const char *when, int choice)
{
	int64_t	at;
	int	off;

	(void)choice;
	if (when == NULL)
		return action_cancelled(t);
	if (timefmt_parse(when, ops_now(t->ctx), &at, &off) != 0) {
		action_message(t, true, "Not a time: use now, or ISO 8601 with "
		    "Z or an offset (2026-11-22T08:50Z).");
		review_travel(t, ACT_TRAVEL);
		return RD_PAINT;
	}
	return travel_to(t, at, 0);
}

int
review_travel(struct tui *t, enum tui_action a)
{
	const struct rewind_view	*rw = &t->r.rw;
	char				 label[128];

	if (!t->r.has) {
		action_message(t, true, "Open a review first (v, then Enter).");
		return RD_PAINT;
	}
	switch (a) {
	case ACT_TRAVEL:
		snprintf(label, sizeof label, "Show %s as it stood at (TIME): ",
		    t->r.key);
		prompt_text_default(t, label, "now", travel_time);
		return RD_PAINT;
	case ACT_PAST_PREV:
		if (!t->r.past)		/* from now: the last entry */
			return travel_to(t, ops_now(t->ctx), 0) | RD_REQUEST(a);
		if (!rw->has_prev) {
			action_message(t, false, "%s: this is its first journal "
			    "entry.", t->r.key);
			return RD_PAINT;
		}
		return travel_to(t, rw->prev_at, rw->prev_seq);
	case ACT_PAST_NEXT:
		if (!t->r.past)
			return RD_NONE;
		if (!rw->has_next) {	/* past the last one: now */
			rewind_view_clear(&t->r.rw);
			t->r.past = false;
			action_message(t, false, "%s: back to now.", t->r.key);
			return RD_PAINT;
		}
		return travel_to(t, rw->next_at, rw->next_seq);
	default:
		return RD_NONE;
	}
}
