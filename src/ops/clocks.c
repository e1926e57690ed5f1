/*
 * clocks.c: the actions that change an incident's clocks: enable,
 * disable, sent, hold, release; and the default clocks a new incident
 * gets. Each in the shape of op.h. Evaluating clocks is clock-eval.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/ops-clocks.h"
#include "vigil/store-zone.h"
#include "vigil/timefmt.h"
#include "vigil/tz.h"
#include "vigil/util.h"
#include "op.h"

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
		    (r->error == NULL && rule_not_law(r)))
			continue;	/* unknown ones: 'vigil rules' says so */
		rc = clocks_set(ctx->db, incident, id, true, now,
		    ctx->me.login, e);
	}
	free(list);
	return rc;
}

/* Every rule of the list ("gdpr-33,nis2-early") known, and at least one. */
static int
clocks_check_list(struct vigil_ctx *ctx, const char *rules, struct verr *e)
{
	char	*list, *id, *save = NULL;
	int	 count = 0, rc = 0;

	list = xstrdup(rules);
	for (id = strtok_r(list, ",", &save); id != NULL && rc == 0;
	    id = strtok_r(NULL, ",", &save)) {
		if (known_rule(ctx, id, e) == NULL)
			rc = -1;
		else if (strcmp(id, CLOCK_CUSTOMER) == 0)
			rc = verr_set(e, VERR_DATA, "the customer clock is "
			    "always on for a declared breach");
		else
			count++;
	}
	free(list);
	if (rc == 0 && count == 0)
		rc = verr_set(e, VERR_USAGE, "name at least one rule");
	return rc;
}

int
ops_clocks_enable(struct vigil_ctx *ctx, const char *key, const char *rules,
    bool enable, struct verr *e)
{
	struct op	 op;
	char		*list, *id, *save = NULL;

	if (clocks_check_list(ctx, rules, e) != 0)
		return -1;
	if (op_begin(&op, ctx, ACTION_CLOCKS, key, ROLE_SIM, e) != 0)
		goto fail;
	json_key(&op.j, enable ? "enable" : "disable");
	json_arr_open(&op.j);
	list = xstrdup(rules);
	for (id = strtok_r(list, ",", &save); id != NULL;
	    id = strtok_r(NULL, ",", &save)) {
		if (clocks_set(ctx->db, op.inc.id, id, enable, op.now,
		    ctx->me.login, e) != 0) {
			free(list);
			goto fail;
		}
		json_str(&op.j, id);
	}
	free(list);
	json_arr_close(&op.j);
	return op_finish(&op, enable ? "clocks.enable" : "clocks.disable", e);
fail:
	op_abort(&op);
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
	if (op_begin(&op, ctx, ACTION_MILESTONE, key, ROLE_TRIAGE, e) != 0)
		goto fail;
	/*
	 * The customer clock is met by the ladder's customers_notified, which
	 * is recorded once; after a retraction and a new declaration,
	 * sent:customer answers the new one. Decided inside the transaction.
	 */
	if (strcmp(rule, CLOCK_CUSTOMER) == 0 && !op.inc.notified)
		snprintf(name, sizeof name, "customers_notified");
	else
		snprintf(name, sizeof name, "sent:%s", rule);
	if (!enabled_on(ctx, op.inc.id, rule)) {
		op_invalid(&op, e, VERR_DATA, "clock %s is not enabled on %s "
		    "(enable it with 'vigil clocks %s --enable %s')", rule,
		    op.inc.key, op.inc.key, rule);
		goto fail;
	}
	if (op_milestone(&op, name, has_at ? at : op.now, has_at ? offset_s :
	    0, NULL, e) != 0)
		goto fail;
	json_kstr(&op.j, "rule", rule);
	return op_finish(&op, "clock.sent", e);
fail:
	op_abort(&op);
	return -1;
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

	if (check_text("the basis", basis, 2000, true, e) != 0)
		return -1;
	/* authorised first: a refusal is journaled whatever the request */
	if (op_begin(&op, ctx, ACTION_CLOCKS, key, ROLE_SIM, e) != 0)
		goto fail;
	if ((r = known_rule(ctx, rule, e)) == NULL)
		goto fail;
	if (r->error != NULL) {
		op_invalid(&op, e, VERR_DATA, "rule %s has an error, so what a "
		    "hold does is unknown: %s", rule, r->error);
		goto fail;
	}
	if (r->nholds == 0) {
		op_invalid(&op, e, VERR_DATA, "clock %s cannot be held: its "
		    "rule accepts no suspension", rule);
		goto fail;
	}
	if (!basis_allowed(r, basis)) {
		for (i = 0; i < r->nholds; i++)
			snprintf(list + strlen(list), sizeof list -
			    strlen(list), "%s%s", i ? ", " : "", r->holds[i]);
		op_invalid(&op, e, VERR_DATA, "the basis of a hold on %s must "
		    "start with one of: %s (e.g. \"%s: letter of ...\")", rule,
		    list, r->holds[0]);
		goto fail;
	}
	if (!has_from)
		from = op.now;
	if (!enabled_on(ctx, op.inc.id, rule)) {
		op_invalid(&op, e, VERR_DATA, "clock %s is not enabled on %s",
		    rule, op.inc.key);
		goto fail;
	}
	if (has_until && until <= from) {
		op_invalid(&op, e, VERR_DATA, "a hold must end after it "
		    "begins");
		goto fail;
	}
	if (holds_insert(ctx->db, op.inc.id, rule, basis, from, has_until,
	    until, op.now, ctx->me.login, e) != 0)
		goto fail;
	json_kstr(&op.j, "rule", rule);
	json_kstr(&op.j, "basis", basis);
	json_ktime_offset(&op.j, "from", from, 0);
	if (has_until)
		json_ktime_offset(&op.j, "until", until, 0);
	return op_finish(&op, "clock.hold", e);
fail:
	op_abort(&op);
	return -1;
}

int
ops_clock_release(struct vigil_ctx *ctx, const char *key, const char *rule,
    struct verr *e)
{
	struct op	op;
	int		n;

	if (op_begin(&op, ctx, ACTION_CLOCKS, key, ROLE_SIM, e) != 0)
		goto fail;
	if (holds_release(ctx->db, op.inc.id, rule, op.now, ctx->me.login, &n,
	    e) != 0)
		goto fail;
	if (n == 0) {
		op_invalid(&op, e, VERR_DATA, "clock %s has no hold in force "
		    "on %s", rule, op.inc.key);
		goto fail;
	}
	json_kstr(&op.j, "rule", rule);
	return op_finish(&op, "clock.release", e);
fail:
	op_abort(&op);
	return -1;
}

int
ops_clocks_zone(struct vigil_ctx *ctx, const char *key, const char *zone,
    struct verr *e)
{
	struct op	 op;
	struct tz	*z = NULL;

	if (!timefmt_iana_zone(zone))
		return verr_set(e, VERR_DATA, "\"%s\" is not an IANA zone name "
		    "such as Europe/Helsinki (fixed-offset names like EET "
		    "ignore summer time)", zone);
	if (tz_load(NULL, zone, &z, NULL) != 0)
		return verr_set(e, VERR_DATA, "unknown time zone %s (not in the "
		    "zoneinfo database)", zone);
	tz_free(&z);
	if (op_begin(&op, ctx, ACTION_CLOCKS, key, ROLE_SIM, e) != 0)
		goto fail;
	if (zones_set(ctx->db, op.inc.id, zone, op.now, ctx->me.login, e) != 0)
		goto fail;
	json_kstr(&op.j, "zone", zone);
	return op_finish(&op, "clocks.zone", e);
fail:
	op_abort(&op);
	return -1;
}
