/*
 * op.c: the shape every action shares (see op.h): open the transaction and
 * load the incident and the actor, ask the permission table (journaling a
 * refusal), then finish with the queue key refreshed, one journal entry and
 * COMMIT, or abort with ROLLBACK. Only op_finish() and op_abort() free an
 * op. Also the few steps several actions share: the milestone write and
 * the checks on free text.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/buf.h"
#include "vigil/ops-clock-eval.h"
#include "vigil/ops.h"
#include "vigil/store-record.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"
#include "vigil/queue.h"
#include "op.h"

void
op_free(struct op *op)
{
	incident_clear(&op->inc);
	person_clear(&op->me);
	buf_clear(&op->payload);
}

/* Load what the permission check needs; inside the transaction. */
/* Load what the permission check needs; inside the transaction. */
static int
op_load_actor(struct op *op, struct verr *e)
{
	struct vigil_ctx	*ctx = op->ctx;
	int			 found;

	if ((found = roster_get(ctx->db, ctx->me.login, &op->me, e)) < 0)
		return -1;
	op->on_roster = found == 1;
	/* the roster binds a login to its uid: a re-created account with the
	 * same name is someone else until an administrator says otherwise */
	if (op->on_roster && op->me.has_uid && op->me.uid != ctx->me.uid) {
		op->on_roster = false;
		op->uid_differs = true;
	}
	op->held = 0;
	if (op->has_incident && assignments_held_by(ctx->db, op->inc.id,
	    ctx->me.login, &op->held, e) != 0)
		return -1;
	return 0;
}

int
op_start(struct op *op, struct vigil_ctx *ctx, enum action a,
    const char *key, struct verr *e)
{
	int64_t	id = 0;

	memset(op, 0, sizeof *op);
	op->ctx = ctx;
	op->action = a;
	buf_init(&op->payload);
	json_init(&op->j, &op->payload, false);
	if (key != NULL && ops_key(key, &id, e) != 0)
		return -1;
	if (ctx->read_only)
		return verr_set(e, VERR_NOPERM, "vigil is in read-only mode; "
		    "nothing can be changed");
	if (db_begin(ctx->db, e) != 0)
		return -1;
	op->in_tx = true;
	op->now = ops_now(ctx);
	if (key != NULL) {
		if (incidents_get(ctx->db, id, &op->inc, e) != 0)
			return -1;
		op->has_incident = true;
	}
	if (op_load_actor(op, e) != 0)
		return -1;
	json_obj_open(&op->j);
	return 0;
}

void
op_abort(struct op *op)
{
	if (op->in_tx)
		db_rollback(op->ctx->db);
	op->in_tx = false;
	op_free(op);
}

/* More than DENIAL_BURST_N refusals of one person within DENIAL_BURST_S
 * seconds are a burst: counted, not journaled one by one. */
#define DENIAL_BURST_S 60
#define DENIAL_BURST_N 20

/* End a refusal's transaction: kept when its writes worked (rc 0). */
static int
op_refused(struct op *op, int rc, const char *why, struct verr *e)
{
	if (rc == 0)
		db_commit(op->ctx->db, NULL);
	else
		db_rollback(op->ctx->db);
	op->in_tx = false;
	return verr_set(e, VERR_NOPERM, "%s", why);
}

int
op_authorise(struct op *op, enum role target, struct verr *e)
{
	struct actor_facts	 f;
	struct buf		 b;
	struct json		 j;
	char			 why[512];
	int64_t			 repeats = 0, since = 0, recent = 0;
	bool			 open = false, opening = false, ended = false;
	int			 rc;

	assert(op->in_tx);	/* after a successful op_start() */
	f.on_roster = op->on_roster;
	f.admin = op->on_roster && op->me.admin;
	f.held = op->held;
	f.qualified = op->on_roster ? op->me.roles : 0;
	f.sim_vacant = op->has_incident && op->inc.holder[ROLE_SIM] == NULL;
	if (role_may(op->action, target, &f, why, sizeof why))
		return 0;
	if (op->uid_differs)
		snprintf(why, sizeof why, "%s is on the roster with uid %lld, "
		    "but you are uid %lld (was the account re-created?); an "
		    "administrator who knows this is the same person runs "
		    "'vigil roster add %s --rebind-uid'", op->ctx->me.login,
		    (long long)op->me.uid, (long long)op->ctx->me.uid,
		    op->ctx->me.login);
	/* a burst: past a few journaled refusals of this person within the
	 * minute, one more entry opens a counter, then they are only
	 * counted (the next entry after the minute carries the count) */
	if (denials_recent(op->ctx->db, op->ctx->me.uid, op->now -
	    DENIAL_BURST_S, &recent, NULL) == 0 && recent >=
	    DENIAL_BURST_N) {
		if (denials_burst(op->ctx->db, op->ctx->me.uid, &open,
		    NULL) == 0 && open) {
			rc = denials_count(op->ctx->db, op->ctx->me.uid,
			    op->now, NULL);
			return op_refused(op, rc, why, e);
		}
		opening = true;
	}
	if (denials_take(op->ctx->db, op->ctx->me.uid, &repeats, &since,
	    &ended, NULL) != 0)
		repeats = 0;
	if (opening && denials_open(op->ctx->db, op->ctx->me.uid,
	    op->ctx->me.login, op->now, NULL) != 0)
		opening = false;
	buf_init(&b);
	json_init(&j, &b, false);
	json_obj_open(&j);
	json_kstr(&j, "attempt", action_name(op->action));
	if (op->action == ACTION_ASSIGN || op->action == ACTION_RELEASE ||
	    op->action == ACTION_PICKUP)
		json_kstr(&j, "role", role_name(target));
	json_kstr(&j, "reason", why);
	if (repeats > 0 || ended) {
		/* refusals of the last burst, not journaled one by one */
		json_kint(&j, "repeated", repeats);
		json_ktime_offset(&j, "repeated_since", since, 0);
	}
	if (ended)
		json_kstr(&j, "burst", "ended");
	else if (opening)
		json_kstr(&j, "burst", "counting");
	json_obj_close(&j);
	rc = journal_append(op->ctx->db, &op->ctx->me, op->has_incident,
	    op->inc.id, op->now, "denied", buf_str(&b), NULL);
	buf_clear(&b);
	return op_refused(op, rc, why, e);
}

/* Refuse changes to a closed incident (the review has its own act). */
int
op_require_open(struct op *op, struct verr *e)
{
	if (!op->inc.closed)
		return 0;
	if (op->inc.key[0] == '\0')
		incident_key_format(op->inc.id, op->inc.key);
	return verr_set(e, VERR_DATA, "%s is closed; a closed incident is a "
	    "read-only record", op->inc.key);
}

int
op_begin(struct op *op, struct vigil_ctx *ctx, enum action a,
    const char *key, enum role target, struct verr *e)
{
	if (op_start(op, ctx, a, key, e) != 0 ||
	    op_authorise(op, target, e) != 0)
		return -1;
	if (key != NULL && op_require_open(op, e) != 0)
		return -1;
	return 0;
}

/*
 * Recompute the queue's keys: the due time of the incident's most urgent
 * running clock, and the order key of queue.h (none once closed).
 */
int
op_refresh_queue(struct op *op, struct verr *e)
{
	const struct clock_view	*u;
	struct clock_view	*v = NULL;
	struct queue_clock	*qc = NULL;
	struct incident		 inc;
	size_t			 n = 0, nq = 0, i;
	bool			 has = false, has_key = false;
	int64_t			 due = 0, key = 0;
	int			 rc;

	if (incidents_get(op->ctx->db, op->inc.id, &inc, e) != 0)
		return -1;
	if (!inc.closed) {
		if (ops_clocks_eval(op->ctx, &inc, NULL, 0, op->now, &v, &n,
		    e) != 0) {
			incident_clear(&inc);
			return -1;
		}
		if ((u = clock_views_urgent(v, n)) != NULL) {
			has = true;
			due = u->r.due;
		}
		qc = xcalloc(n + 1, sizeof *qc);
		for (i = 0; i < n; i++) {
			enum clock_state s = v[i].r.state;

			/* as clock_views_urgent: a proposed rule or a
			 * bill never ranks an incident */
			if ((s == CLOCK_OK || s == CLOCK_WARN ||
			    s == CLOCK_CRITICAL || s == CLOCK_OVERDUE) &&
			    v[i].r.has_due && (v[i].rule == NULL ||
			    !rule_not_law(v[i].rule))) {
				qc[nq].start = v[i].r.has_start ?
				    v[i].r.start : v[i].r.due;
				qc[nq].due = v[i].r.due;
				nq++;
			}
		}
		key = queue_key(qc, nq, inc.severity, inc.holder[ROLE_SIM] !=
		    NULL, inc.created_at, &has_key);
		free(qc);
		clock_views_free(&v, n);
	}
	incident_clear(&inc);
	rc = incidents_set_queue_due(op->ctx->db, op->inc.id, has, due, e);
	if (rc == 0)
		rc = incidents_set_queue_key(op->ctx->db, op->inc.id, has_key,
		    key, e);
	return rc;
}

/* Journal the action with the payload built in op->j, then commit. */
int
op_finish(struct op *op, const char *action, struct verr *e)
{
	int	rc;

	assert(op->in_tx);	/* started, not refused, not ended */
	json_obj_close(&op->j);
	if (op->has_incident && (incidents_touch(op->ctx->db, op->inc.id,
	    op->now, e) != 0 || op_refresh_queue(op, e) != 0)) {
		op_abort(op);
		return -1;
	}
	rc = journal_append(op->ctx->db, &op->ctx->me, op->has_incident,
	    op->inc.id, op->now, action, buf_str(&op->payload), e);
	if (rc != 0 || db_commit(op->ctx->db, e) != 0) {
		op_abort(op);
		return -1;
	}
	op->in_tx = false;
	op_free(op);
	return 0;
}

int
op_invalid(struct op *op, struct verr *e, int code, const char *fmt, ...)
{
	va_list	ap;
	char	msg[512];

	(void)op;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return verr_set(e, code, "%s", msg);
}

int
op_milestone(struct op *op, const char *name, int64_t at, int offset_s,
    const char *note, struct verr *e)
{
	struct milestone	*list = NULL;
	struct milestone_row	 m;
	size_t			 n = 0;
	char			 why[256], mname[MILESTONE_NAME_MAX];
	int			 rc;

	assert(op->in_tx && op->has_incident);
	if (milestones_list(op->ctx->db, op->inc.id, &list, &n, e) != 0)
		return -1;
	rc = milestone_check(name, at, list, n, why, sizeof why);
	milestone_list_free(&list, n);
	if (rc != 0)
		return verr_set(e, VERR_DATA, "%s: %s", op->inc.key, why);
	if (at > op->now + 300)
		return verr_set(e, VERR_DATA, "%s: a milestone cannot be in the "
		    "future", op->inc.key);
	memset(&m, 0, sizeof m);
	snprintf(mname, sizeof mname, "%s", name);
	m.name = mname;
	m.at = at;
	m.offset_s = offset_s;
	m.recorded_at = op->now;
	m.recorded_by = op->ctx->me.login;
	m.note = note;
	if (milestones_insert(op->ctx->db, op->inc.id, &m, e) != 0)
		return -1;
	if (strcmp(name, "customers_notified") == 0 &&
	    incidents_set_notified(op->ctx->db, op->inc.id, true, at, e) != 0)
		return -1;
	json_kstr(&op->j, "milestone", name);
	json_ktime_offset(&op->j, "at", at, offset_s);
	if (note != NULL && *note != '\0')
		json_kstr(&op->j, "note", note);
	return 0;
}

/* Checks on free text from the user: present, bounded. */
int
check_text(const char *what, const char *s, size_t max, bool required,
    struct verr *e)
{
	if (s == NULL || *s == '\0') {
		if (required)
			return verr_set(e, VERR_USAGE, "%s must not be empty",
			    what);
		return 0;
	}
	if (strlen(s) > max)
		return verr_set(e, VERR_DATA, "%s is too long (%zu bytes; at "
		    "most %zu)", what, strlen(s), max);
	if (required && s[strspn(s, " \t\r\n\v\f")] == '\0')
		return verr_set(e, VERR_USAGE, "%s must not be blank", what);
	return 0;
}

void
json_ktime_offset(struct json *j, const char *k, int64_t t, int offset_s)
{
	char	s[TIMEFMT_MAX];

	timefmt_offset(t, offset_s, s);
	json_kstr(j, k, s);
}
