/*
 * clocks.c: evaluating an incident's clocks, and the actions that change
 * them (enable, disable, sent, hold, release). Evaluation itself is the
 * pure clock_eval() of src/model; this file gathers its inputs from the
 * store: the milestones, the enabled rules, the holds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops-private.h"
#include "vigil/clocks.h"
#include "vigil/util.h"

void
clock_views_free(struct clock_view **v, size_t n)
{
	(void)n;
	free(*v);
	*v = NULL;
}

const struct ruleset *
ops_rules(struct vigil_ctx *ctx)
{
	const char	*dirs[2];
	size_t		 n = 0;

	if (ctx->rules != NULL)
		return ctx->rules;
	if (ctx->share_dir != NULL)
		dirs[n++] = ctx->share_dir;
	if (ctx->user_dir != NULL)
		dirs[n++] = ctx->user_dir;
	ruleset_load_dirs(dirs, n, NULL, &ctx->rules);
	return ctx->rules;
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

/* A rule the ruleset knows, or a message naming `vigil rules`. */
static const struct rule *
known_rule(struct vigil_ctx *ctx, const char *id, struct verr *e)
{
	const struct ruleset	*rs = ops_rules(ctx);
	const struct rule	*r = rs != NULL ? ruleset_find(rs, id) : NULL;

	if (r == NULL)
		verr_set(e, VERR_DATA, "no rule '%s' (see 'vigil rules' for the "
		    "loaded rules)", id);
	return r;
}

static bool
enabled_on(struct vigil_ctx *ctx, int64_t incident, const char *id)
{
	char	**ids = NULL;
	size_t	  n = 0, i;
	bool	  on = strcmp(id, CLOCK_CUSTOMER) == 0;

	if (clocks_enabled(ctx->db, incident, &ids, &n, NULL) != 0)
		return false;
	for (i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			on = true;
	clocks_ids_free(&ids, n);
	return on;
}

int
clocks_enable_defaults(struct vigil_ctx *ctx, int64_t incident, int64_t now,
    struct verr *e)
{
	const struct ruleset	*rs = ops_rules(ctx);
	const struct rule	*r;
	char			*list, *id, *save = NULL;
	int			 rc = 0;

	if (ctx->default_clocks == NULL || rs == NULL)
		return 0;
	list = xstrdup(ctx->default_clocks);
	for (id = strtok_r(list, ", ", &save); id != NULL && rc == 0;
	    id = strtok_r(NULL, ", ", &save)) {
		if (strcmp(id, CLOCK_CUSTOMER) == 0 ||
		    (r = ruleset_find(rs, id)) == NULL ||
		    r->status == RULE_PROPOSED)
			continue;	/* unknown ones: 'vigil rules' says so */
		rc = clocks_set(ctx->db, incident, id, true, now,
		    ctx->me.login, e);
	}
	free(list);
	return rc;
}

int
ops_clocks_enable(struct vigil_ctx *ctx, const char *key, const char *rules,
    bool enable, struct verr *e)
{
	struct op	 op;
	char		*list, *id, *save = NULL;
	int		 count = 0;

	list = xstrdup(rules);
	for (id = strtok_r(list, ",", &save); id != NULL;
	    id = strtok_r(NULL, ",", &save)) {
		if (known_rule(ctx, id, e) == NULL)
			goto fail_list;
		if (strcmp(id, CLOCK_CUSTOMER) == 0) {
			verr_set(e, VERR_DATA, "the customer clock is always "
			    "on for a declared breach");
			goto fail_list;
		}
		count++;
	}
	free(list);
	if (count == 0)
		return verr_set(e, VERR_USAGE, "name at least one rule");
	if (op_start(&op, ctx, ACTION_CLOCKS, key, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_SIM, e) != 0 || op_require_open(&op, e) != 0)
		return -1;
	json_key(&op.j, enable ? "enable" : "disable");
	json_arr_open(&op.j);
	list = xstrdup(rules);
	for (id = strtok_r(list, ",", &save); id != NULL;
	    id = strtok_r(NULL, ",", &save)) {
		if (clocks_set(ctx->db, op.inc.id, id, enable, op.now,
		    ctx->me.login, e) != 0) {
			free(list);
			op_abort(&op);
			return -1;
		}
		json_str(&op.j, id);
	}
	free(list);
	json_arr_close(&op.j);
	return op_finish(&op, enable ? "clocks.enable" : "clocks.disable", e);
fail_list:
	free(list);
	return -1;
}

int
ops_clock_sent(struct vigil_ctx *ctx, const char *key, const char *rule,
    bool has_at, int64_t at, int offset_s, struct verr *e)
{
	struct op	op;
	char		name[MILESTONE_NAME_MAX];

	if (known_rule(ctx, rule, e) == NULL)
		return -1;
	if (op_start(&op, ctx, ACTION_MILESTONE, key, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_TRIAGE, e) != 0 ||
	    op_require_open(&op, e) != 0)
		return -1;
	/*
	 * The customer clock is met by the ladder's customers_notified, which
	 * is recorded once; after a retraction and a new declaration,
	 * sent:customer answers the new one. Decided inside the transaction.
	 */
	if (strcmp(rule, CLOCK_CUSTOMER) == 0 && !op.inc.notified)
		snprintf(name, sizeof name, "customers_notified");
	else
		snprintf(name, sizeof name, "sent:%s", rule);
	if (!enabled_on(ctx, op.inc.id, rule))
		return op_invalid(&op, e, VERR_DATA, "clock %s is not enabled "
		    "on %s (enable it with 'vigil clocks %s --enable %s')",
		    rule, op.inc.key, op.inc.key, rule);
	if (op_milestone(&op, name, has_at ? at : op.now, has_at ? offset_s :
	    0, NULL, e) != 0) {
		op_abort(&op);
		return -1;
	}
	json_kstr(&op.j, "rule", rule);
	return op_finish(&op, "clock.sent", e);
}

/* Does basis start with one of the rule's accepted hold bases? */
static bool
basis_allowed(const struct rule *r, const char *basis)
{
	size_t	i, len;

	for (i = 0; i < r->nholds; i++) {
		len = strlen(r->holds[i]);
		if (strncmp(basis, r->holds[i], len) == 0 &&
		    (basis[len] == '\0' || basis[len] == ':' ||
		    basis[len] == ' ' || basis[len] == ','))
			return true;
	}
	return false;
}

int
ops_clock_hold(struct vigil_ctx *ctx, const char *key, const char *rule,
    const char *basis, bool has_from, int64_t from, bool has_until,
    int64_t until, struct verr *e)
{
	const struct rule	*r;
	struct op		 op;
	char			 list[256] = "";
	size_t			 i;

	if ((r = known_rule(ctx, rule, e)) == NULL ||
	    check_text("the basis", basis, 2000, true, e) != 0)
		return -1;
	if (r->nholds == 0)
		return verr_set(e, VERR_DATA, "clock %s cannot be held: its "
		    "rule accepts no suspension", rule);
	if (!basis_allowed(r, basis)) {
		for (i = 0; i < r->nholds; i++)
			snprintf(list + strlen(list), sizeof list -
			    strlen(list), "%s%s", i ? ", " : "", r->holds[i]);
		return verr_set(e, VERR_DATA, "the basis of a hold on %s must "
		    "start with one of: %s (e.g. \"%s: letter of ...\")", rule,
		    list, r->holds[0]);
	}
	if (op_start(&op, ctx, ACTION_CLOCKS, key, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_SIM, e) != 0 || op_require_open(&op, e) != 0)
		return -1;
	if (!has_from)
		from = op.now;
	if (!enabled_on(ctx, op.inc.id, rule))
		return op_invalid(&op, e, VERR_DATA, "clock %s is not enabled "
		    "on %s", rule, op.inc.key);
	if (has_until && until <= from)
		return op_invalid(&op, e, VERR_DATA, "a hold must end after it "
		    "begins");
	if (holds_insert(ctx->db, op.inc.id, rule, basis, from, has_until,
	    until, op.now, ctx->me.login, e) != 0) {
		op_abort(&op);
		return -1;
	}
	json_kstr(&op.j, "rule", rule);
	json_kstr(&op.j, "basis", basis);
	json_ktime_offset(&op.j, "from", from, 0);
	if (has_until)
		json_ktime_offset(&op.j, "until", until, 0);
	return op_finish(&op, "clock.hold", e);
}

int
ops_clock_release(struct vigil_ctx *ctx, const char *key, const char *rule,
    struct verr *e)
{
	struct op	op;
	int		n;

	if (op_start(&op, ctx, ACTION_CLOCKS, key, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_SIM, e) != 0 || op_require_open(&op, e) != 0)
		return -1;
	if (holds_release(ctx->db, op.inc.id, rule, op.now, ctx->me.login, &n,
	    e) != 0) {
		op_abort(&op);
		return -1;
	}
	if (n == 0)
		return op_invalid(&op, e, VERR_DATA, "clock %s has no hold in "
		    "force on %s", rule, op.inc.key);
	json_kstr(&op.j, "rule", rule);
	return op_finish(&op, "clock.release", e);
}
