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
#include "vigil/store-zone.h"
#include "vigil/timefmt.h"
#include "vigil/tz.h"
#include "vigil/util.h"

void
clock_views_free(struct clock_view **v, size_t n)
{
	(void)n;
	free(*v);
	*v = NULL;
}

/*
 * When the customer clock started: the first declaration, whatever
 * retractions came after it (a retraction stops the clock, it does not
 * reset it), unless the EIM declared a new breach with a clock of its own
 * (a "new_clock" milestone beside that declaration): then the first
 * declaration from that one on. False when nothing was ever declared.
 */
bool
clock_views_customer_start(const struct milestone *ms, size_t n,
    int64_t *start)
{
	int64_t	from = INT64_MIN;
	bool	found = false;
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(ms[i].name, "new_clock") == 0 && ms[i].at > from)
			from = ms[i].at;
	for (i = 0; i < n; i++)
		if (strcmp(ms[i].name, "declared") == 0 && ms[i].at >= from &&
		    (!found || ms[i].at < *start)) {
			*start = ms[i].at;
			found = true;
		}
	return found;
}

/*
 * The milestones as the clocks see them: only the declarations of the
 * customer clock in force (clock_views_customer_start), and customers_notified at or
 * after its start is the customer clock's "sent".
 */
static struct milestone *
clock_milestones(const struct incident *inc, const struct milestone *ms,
    size_t n, size_t *nout)
{
	struct milestone	*v = xcalloc(n + 1, sizeof *v);
	size_t			 i, k = 0;
	int64_t			 start = 0;
	bool			 sent = false, started;

	started = clock_views_customer_start(ms, n, &start);
	for (i = 0; i < n; i++) {
		if (strcmp(ms[i].name, "declared") == 0 && (!started ||
		    ms[i].at < start))
			continue;
		if (strcmp(ms[i].name, "sent:" CLOCK_CUSTOMER) == 0) {
			if (!started || ms[i].at < start)
				continue;	/* answered an earlier clock */
			sent = true;
		}
		v[k++] = ms[i];
	}
	if (inc->notified && !sent && started && inc->notified_at >= start) {
		memset(&v[k], 0, sizeof v[k]);
		snprintf(v[k].name, sizeof v[k].name, "sent:%s",
		    CLOCK_CUSTOMER);
		v[k].at = inc->notified_at;
		k++;
	}
	*nout = k;
	return v;
}

/* The customer clock, stopped by a retraction: shown as such. */
static void
view_retracted(struct clock_view *cv, const struct incident *inc,
    const struct milestone *ms, size_t nms)
{
	char	due[TIMEFMT_MAX];
	int64_t	start;

	if (inc->declared || !clock_views_customer_start(ms, nms, &start) ||
	    cv->r.state == CLOCK_ERROR)
		return;
	cv->r.state = CLOCK_RETRACTED;
	if (cv->r.has_due) {
		timefmt_utc(cv->r.due, due);
		snprintf(cv->r.message, sizeof cv->r.message, "declaration "
		    "retracted: a new declaration resumes this clock (due %s) "
		    "unless declared with --new-clock", due);
	} else
		snprintf(cv->r.message, sizeof cv->r.message, "declaration "
		    "retracted");
}

/*
 * A broken customer rule on an incident never declared: nothing runs yet,
 * so the queue is not filled with ERROR; declaring says so (and the clock
 * is ERROR from then on).
 */
static void
customer_undeclared_error(struct clock_view *cv, const struct milestone *ms,
    size_t nms)
{
	int64_t	start;

	if (cv->r.state != CLOCK_ERROR || cv->rule == NULL ||
	    cv->rule->error == NULL ||
	    clock_views_customer_start(ms, nms, &start))
		return;
	cv->r.state = CLOCK_PENDING;
	snprintf(cv->r.message, sizeof cv->r.message, "no breach declared; "
	    "this clock cannot run: %.200s", cv->rule->error);
}

static void
view_eval(struct clock_view *cv, const struct ruleset *rs,
    const struct tz *zone, const struct incident *inc,
    const struct milestone *ms, size_t nms,
    const struct hold_rec *holds, size_t nh, int64_t now)
{
	struct clock_hold	*hv;
	struct deadline		 d;
	size_t			 i, k = 0;
	int64_t			 start = 0;
	bool			 started;

	cv->rule = rs != NULL ? ruleset_find(rs, cv->id) : NULL;
	if (cv->rule == NULL && strcmp(cv->id, CLOCK_CUSTOMER) == 0 &&
	    (rs == NULL || rs->nerrors == 0)) {
		/* the built-in contract, should no rule file define it */
		started = clock_views_customer_start(ms, nms, &start);
		deadline_customer(started, start, inc->notified &&
		    inc->notified_at >= start, inc->notified_at, now, &d);
		memset(&cv->r, 0, sizeof cv->r);
		cv->r.state = d.state == CLOCK_NONE ? CLOCK_PENDING : d.state;
		cv->r.has_start = cv->r.has_due = d.has_due;
		cv->r.start = d.start;
		cv->r.due = cv->r.original_due = d.due;
		cv->r.remaining_s = d.remaining;
		cv->r.sent = d.state == CLOCK_MET || d.state == CLOCK_MISSED;
		cv->r.sent_at = inc->notified_at;
		view_retracted(cv, inc, ms, nms);
		return;
	}
	if (cv->rule == NULL) {
		/* never a silent fall-back when a rule file is broken */
		memset(&cv->r, 0, sizeof cv->r);
		cv->r.state = CLOCK_ERROR;
		if (rs != NULL && rs->nerrors > 0)
			snprintf(cv->r.message, sizeof cv->r.message, "rule %s "
			    "is not loaded; the rule files have errors, the "
			    "first: %.100s", cv->id, rs->errors[0]);
		else
			snprintf(cv->r.message, sizeof cv->r.message, "rule %s "
			    "is not loaded (see 'vigil rules')", cv->id);
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
	clock_eval_in(cv->rule, rs, zone, ms, nms, hv, k, now, &cv->r);
	free(hv);
	if (zone != NULL && cv->rule->state_zone)
		snprintf(cv->zone, sizeof cv->zone, "%s", tz_name(zone));
	if (strcmp(cv->id, CLOCK_CUSTOMER) == 0) {
		view_retracted(cv, inc, ms, nms);
		customer_undeclared_error(cv, ms, nms);
	}
}

/*
 * The zone of the incident's member state (set on the incident, else the
 * configured default), loaded once into the context's ruleset. NULL when
 * neither is set. A zone that cannot be loaded is -1 with e set: the
 * member-state clocks then say so instead of counting in another zone.
 */
static int
state_zone(struct vigil_ctx *ctx, const struct incident *inc,
    const struct tz **out, struct verr *e)
{
	struct tz	*z;
	char		*name = NULL;
	const char	*use;
	int		 rc = 0;

	*out = NULL;
	if (zones_get(ctx->db, inc->id, &name, e) != 0)
		return -1;
	use = name != NULL ? name : ctx->state_zone;
	if (use == NULL || ctx->rules == NULL)
		goto out;
	if ((*out = ruleset_zone(ctx->rules, use)) != NULL)
		goto out;
	if (!timefmt_iana_zone(use)) {
		rc = verr_set(e, VERR_DATA, "member-state zone \"%s\" is not an "
		    "IANA zone name such as Europe/Helsinki", use);
		goto out;
	}
	if (tz_load(NULL, use, &z, e) != 0) {
		rc = -1;
		goto out;
	}
	ruleset_add_zone(ctx->rules, z);
	*out = z;
out:
	free(name);
	return rc;
}

int
ops_clocks_eval(struct vigil_ctx *ctx, const struct incident *inc,
    const struct milestone *ms, size_t nms, int64_t now,
    struct clock_view **out, size_t *n, struct verr *e)
{
	struct milestone	*own = NULL;
	struct hold_rec		*holds = NULL;
	char			**ids = NULL;
	size_t			 nown = 0, nids = 0, nh = 0;
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
	ops_clocks_eval_from(ctx, inc, ms, nms, ids, nids, holds, nh, now,
	    out, n);
	rc = 0;
out:
	milestone_list_free(&own, nown);
	clocks_ids_free(&ids, nids);
	hold_list_free(&holds, nh);
	return rc;
}

void
ops_clocks_eval_from(struct vigil_ctx *ctx, const struct incident *inc,
    const struct milestone *ms, size_t nms, char *const *ids, size_t nids,
    const struct hold_rec *holds, size_t nh, int64_t now,
    struct clock_view **out, size_t *n)
{
	const struct ruleset	*rs = ops_rules(ctx);
	struct milestone	*adj;
	const struct tz		*zone = NULL;
	struct verr		 ze;
	size_t			 nadj, i;
	bool			 bad_zone = false;

	if (state_zone(ctx, inc, &zone, &ze) != 0)
		bad_zone = true;
	adj = clock_milestones(inc, ms, nms, &nadj);
	*out = xcalloc(nids + 1, sizeof **out);
	snprintf((*out)[0].id, sizeof (*out)[0].id, "%s", CLOCK_CUSTOMER);
	view_eval(&(*out)[0], rs, zone, inc, adj, nadj, holds, nh, now);
	*n = 1;
	for (i = 0; i < nids; i++) {
		struct clock_view	*cv = &(*out)[*n];

		if (strcmp(ids[i], CLOCK_CUSTOMER) == 0)
			continue;
		snprintf(cv->id, sizeof cv->id, "%s", ids[i]);
		view_eval(cv, rs, zone, inc, adj, nadj, holds, nh, now);
		if (bad_zone && cv->rule != NULL && cv->rule->state_zone) {
			memset(&cv->r, 0, sizeof cv->r);
			cv->r.state = CLOCK_ERROR;
			snprintf(cv->r.message, sizeof cv->r.message, "%.200s",
			    ze.msg);
		}
		(*n)++;
	}
	free(adj);
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
		    (v[i].rule == NULL || !rule_not_law(v[i].rule)) &&
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
