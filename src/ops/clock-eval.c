/*
 * clock-eval.c: evaluating an incident's clocks; reads only. Evaluation
 * itself is the pure clock_eval() of src/model; this file gathers its
 * inputs from the store: the milestones, the enabled rules, the holds.
 * The actions that change clocks are in clocks.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/ops-clock-eval.h"
#include "vigil/util.h"

void
clock_views_free(struct clock_view **v, size_t n)
{
	(void)n;
	free(*v);
	*v = NULL;
}

/*
 * The milestones as the clocks see them: a retracted declaration does not
 * start the customer clock (only the current declaration counts), and
 * customers_notified at or after that declaration is the customer clock's
 * "sent".
 */
static struct milestone *
clock_milestones(const struct incident *inc, const struct milestone *ms,
    size_t n, size_t *nout)
{
	struct milestone	*v = xcalloc(n + 1, sizeof *v);
	size_t			 i, k = 0;
	bool			 sent = false;

	for (i = 0; i < n; i++) {
		if (strcmp(ms[i].name, "declared") == 0 && (!inc->declared ||
		    ms[i].at != inc->declared_at))
			continue;
		if (strcmp(ms[i].name, "sent:" CLOCK_CUSTOMER) == 0) {
			if (!inc->declared || ms[i].at < inc->declared_at)
				continue;	/* answered an earlier one */
			sent = true;
		}
		v[k++] = ms[i];
	}
	/* a notification answers the declaration in force only if it came
	 * after it: retracting and declaring again restarts the obligation */
	if (inc->notified && !sent && inc->declared &&
	    inc->notified_at >= inc->declared_at) {
		memset(&v[k], 0, sizeof v[k]);
		snprintf(v[k].name, sizeof v[k].name, "sent:%s",
		    CLOCK_CUSTOMER);
		v[k].at = inc->notified_at;
		k++;
	}
	*nout = k;
	return v;
}

static void
view_eval(struct clock_view *cv, const struct ruleset *rs,
    const struct incident *inc, const struct milestone *ms, size_t nms,
    const struct hold_rec *holds, size_t nh, int64_t now)
{
	struct clock_hold	*hv;
	struct deadline		 d;
	size_t			 i, k = 0;

	cv->rule = rs != NULL ? ruleset_find(rs, cv->id) : NULL;
	if (cv->rule == NULL && strcmp(cv->id, CLOCK_CUSTOMER) == 0) {
		/* the built-in contract, should the rule file be missing */
		deadline_customer(inc->declared, inc->declared_at,
		    inc->notified, inc->notified_at, now, &d);
		memset(&cv->r, 0, sizeof cv->r);
		cv->r.state = d.state == CLOCK_NONE ? CLOCK_PENDING : d.state;
		cv->r.has_start = cv->r.has_due = d.has_due;
		cv->r.start = d.start;
		cv->r.due = cv->r.original_due = d.due;
		cv->r.remaining_s = d.remaining;
		cv->r.sent = inc->notified;
		cv->r.sent_at = inc->notified_at;
		return;
	}
	if (cv->rule == NULL) {
		memset(&cv->r, 0, sizeof cv->r);
		cv->r.state = CLOCK_ERROR;
		snprintf(cv->r.message, sizeof cv->r.message, "rule %s is not "
		    "loaded (see 'vigil rules')", cv->id);
		return;
	}
	hv = xcalloc(nh + 1, sizeof *hv);
	for (i = 0; i < nh; i++) {
		if (strcmp(holds[i].rule, cv->id) != 0)
			continue;
		hv[k].from = holds[i].from;
		hv[k].open = !holds[i].has_until;
		hv[k].until = holds[i].until;
		hv[k].basis = holds[i].basis;
		k++;
	}
	clock_eval(cv->rule, rs, ms, nms, hv, k, now, &cv->r);
	free(hv);
}

int
ops_clocks_eval(struct vigil_ctx *ctx, const struct incident *inc,
    const struct milestone *ms, size_t nms, int64_t now,
    struct clock_view **out, size_t *n, struct verr *e)
{
	const struct ruleset	*rs = ops_rules(ctx);
	struct milestone	*own = NULL, *adj;
	struct hold_rec		*holds = NULL;
	char			**ids = NULL;
	size_t			 nown = 0, nadj, nids = 0, nh = 0, i;
	int			 rc = -1;

	*out = NULL;
	*n = 0;
	if (ms == NULL) {
		if (milestones_list(ctx->db, inc->id, &own, &nown, e) != 0)
			return -1;
		ms = own;
		nms = nown;
	}
	if (clocks_enabled(ctx->db, inc->id, &ids, &nids, e) != 0 ||
	    holds_list(ctx->db, inc->id, &holds, &nh, e) != 0)
		goto out;
	adj = clock_milestones(inc, ms, nms, &nadj);
	*out = xcalloc(nids + 1, sizeof **out);
	snprintf((*out)[0].id, sizeof (*out)[0].id, "%s", CLOCK_CUSTOMER);
	view_eval(&(*out)[0], rs, inc, adj, nadj, holds, nh, now);
	*n = 1;
	for (i = 0; i < nids; i++) {
		if (strcmp(ids[i], CLOCK_CUSTOMER) == 0)
			continue;
		snprintf((*out)[*n].id, sizeof (*out)[*n].id, "%s", ids[i]);
		view_eval(&(*out)[*n], rs, inc, adj, nadj, holds, nh, now);
		(*n)++;
	}
	free(adj);
	rc = 0;
out:
	milestone_list_free(&own, nown);
	clocks_ids_free(&ids, nids);
	hold_list_free(&holds, nh);
	return rc;
}

static bool
running(enum clock_state s)
{
	return s == CLOCK_OK || s == CLOCK_WARN || s == CLOCK_CRITICAL ||
	    s == CLOCK_OVERDUE;
}

const struct clock_view *
clock_views_urgent(const struct clock_view *v, size_t n)
{
	const struct clock_view	*best = NULL;
	size_t			 i;

	for (i = 0; i < n; i++)
		if (running(v[i].r.state) && v[i].r.has_due &&
		    (best == NULL || v[i].r.due < best->r.due))
			best = &v[i];
	return best;
}

void
clock_view_deadline(const struct clock_view *cv, struct deadline *d)
{
	memset(d, 0, sizeof *d);
	d->state = cv->r.state;
	d->start = cv->r.start;
	d->has_due = cv->r.has_due;
	d->due = cv->r.due;
	d->remaining = cv->r.remaining_s;
	d->done_at = cv->r.sent_at;
}

void
clock_views_customer(const struct clock_view *v, size_t n,
    struct deadline *d)
{
	memset(d, 0, sizeof *d);
	d->state = CLOCK_NONE;
	if (n == 0 || strcmp(v[0].id, CLOCK_CUSTOMER) != 0)
		return;
	clock_view_deadline(&v[0], d);
	if (d->state == CLOCK_PENDING)
		d->state = CLOCK_NONE;	/* nothing declared */
}
