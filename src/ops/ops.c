/*
 * ops.c: the actions that change a database. Every public function here
 * follows one shape (see op_start/op_deny/op_finish):
 *
 *	BEGIN IMMEDIATE
 *	read the incident and the actor's roster entry and held roles
 *	ask role_may(); on refusal journal "denied", COMMIT, return NOPERM
 *	validate the request against the incident's state
 *	write the rows, refresh the queue key, append ONE journal entry
 *	COMMIT   (any error before this: ROLLBACK, nothing changed)
 *
 * Front ends never write rows themselves.
 */
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <uuid/uuid.h>

#include "vigil/buf.h"
#include "vigil/clocks.h"
#include "vigil/deadline.h"
#include "vigil/notify.h"
#include "vigil/ops.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"
#include "ops-private.h"


int64_t
ops_system_clock(void)
{
	return (int64_t)time(NULL);
}

int64_t
ops_now(const struct vigil_ctx *ctx)
{
	return ctx->clock_now != NULL ? ctx->clock_now() : ops_system_clock();
}

int
ops_key(const char *key, int64_t *id, struct verr *e)
{
	if (incident_key_parse(key, id) != 0)
		return verr_set(e, VERR_DATA, "'%s' is not an incident key "
		    "(expected something like IR-42)", key != NULL ? key : "");
	return 0;
}

int
ops_open(struct vigil_ctx *ctx, const char *path, bool create, bool *created,
    struct verr *e)
{
	struct person	 p;
	int64_t		 n;
	bool		 made = false;

	if (created != NULL)
		*created = false;
	if (db_open(path, (create ? DB_CREATE : 0) |
	    (ctx->read_only ? DB_READONLY : 0), &ctx->db, &made, e) != 0)
		return -1;
	if (created != NULL)
		*created = made;
	if (ctx->read_only)
		return 0;
	if (roster_count(ctx->db, &n, e) != 0)
		goto fail;
	if (n > 0)
		return 0;
	/* First use: the creator administers the database. */
	if (db_begin(ctx->db, e) != 0)
		goto fail;
	if (roster_count(ctx->db, &n, e) != 0)
		goto rollback;
	if (n == 0) {
		struct buf	b;
		struct json	j;
		int		rc;

		memset(&p, 0, sizeof p);
		p.login = ctx->me.login;
		p.has_uid = true;
		p.uid = ctx->me.uid;
		p.name = ctx->me.gecos[0] != '\0' ? ctx->me.gecos :
		    ctx->me.login;
		p.contact = "";
		p.roles = ROLE_ALL;
		p.admin = true;
		p.added_at = ops_now(ctx);
		p.added_by = ctx->me.login;
		if (roster_put(ctx->db, &p, e) != 0)
			goto rollback;
		buf_init(&b);
		json_init(&j, &b, false);
		json_obj_open(&j);
		json_kstr(&j, "login", p.login);
		json_kstr(&j, "name", p.name);
		json_kstr(&j, "roles", "triage,sim,forensics,service,eim,comms,"
		    "support");
		json_kbool(&j, "admin", true);
		json_obj_close(&j);
		rc = journal_append(ctx->db, &ctx->me, false, 0, p.added_at,
		    "database.create", buf_str(&b), e);
		buf_clear(&b);
		if (rc != 0)
			goto rollback;
	}
	if (db_commit(ctx->db, e) != 0)
		goto fail;
	return 0;
rollback:
	db_rollback(ctx->db);
fail:
	db_close(&ctx->db);
	return -1;
}

void
ops_close(struct vigil_ctx *ctx)
{
	db_close(&ctx->db);
	ruleset_free(&ctx->rules);
}

void
op_free(struct op *op)
{
	incident_clear(&op->inc);
	person_clear(&op->me);
	buf_clear(&op->payload);
}

/* Load what the permission check needs; inside the transaction. */
static int
op_load_actor(struct op *op, struct verr *e)
{
	struct vigil_ctx	*ctx = op->ctx;
	int			 found;

	if ((found = roster_get(ctx->db, ctx->me.login, &op->me, e)) < 0)
		return -1;
	op->on_roster = found == 1;
	op->held = 0;
	if (op->has_incident && assignments_held_by(ctx->db, op->inc.id,
	    ctx->me.login, &op->held, e) != 0)
		return -1;
	return 0;
}

/*
 * Begin an action: transaction, incident (when key is not NULL), actor.
 * On failure the transaction is rolled back and op is freed.
 */
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
	op->now = ops_now(ctx);
	if (key != NULL) {
		if (incidents_get(ctx->db, id, &op->inc, e) != 0)
			goto fail;
		op->has_incident = true;
	}
	if (op_load_actor(op, e) != 0)
		goto fail;
	json_obj_open(&op->j);
	return 0;
fail:
	db_rollback(ctx->db);
	op_free(op);
	return -1;
}

void
op_abort(struct op *op)
{
	db_rollback(op->ctx->db);
	op_free(op);
}

/*
 * The permission check. On refusal, journal the denied attempt in the same
 * transaction, commit it, and return -1 with VERR_NOPERM.
 */
int
op_authorise(struct op *op, enum role target, struct verr *e)
{
	struct actor_facts	 f;
	struct buf		 b;
	struct json		 j;
	char			 why[256];
	int			 rc;

	f.on_roster = op->on_roster;
	f.admin = op->on_roster && op->me.admin;
	f.held = op->held;
	if (role_may(op->action, target, &f, why, sizeof why))
		return 0;
	buf_init(&b);
	json_init(&j, &b, false);
	json_obj_open(&j);
	json_kstr(&j, "attempt", action_name(op->action));
	if (op->action == ACTION_ASSIGN || op->action == ACTION_RELEASE)
		json_kstr(&j, "role", role_name(target));
	json_kstr(&j, "reason", why);
	json_obj_close(&j);
	rc = journal_append(op->ctx->db, &op->ctx->me, op->has_incident,
	    op->inc.id, op->now, "denied", buf_str(&b), NULL);
	buf_clear(&b);
	if (rc == 0)
		db_commit(op->ctx->db, NULL);
	else
		db_rollback(op->ctx->db);
	op_free(op);
	return verr_set(e, VERR_NOPERM, "%s", why);
}

/* Refuse changes to a closed incident (the review has its own act). */
int
op_require_open(struct op *op, struct verr *e)
{
	if (!op->inc.closed)
		return 0;
	op_abort(op);
	return verr_set(e, VERR_DATA, "%s is closed; a closed incident is a "
	    "read-only record", op->inc.key);
}

/*
 * Recompute the queue's sort key: the due time of the incident's most
 * urgent running clock (none once closed).
 */
int
op_refresh_queue(struct op *op, struct verr *e)
{
	const struct clock_view	*u;
	struct clock_view	*v = NULL;
	struct incident		 inc;
	size_t			 n = 0;
	bool			 has = false;
	int64_t			 due = 0;

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
		clock_views_free(&v, n);
	}
	incident_clear(&inc);
	return incidents_set_queue_due(op->ctx->db, op->inc.id, has, due, e);
}

/* Journal the action with the payload built in op->j, then commit. */
int
op_finish(struct op *op, const char *action, struct verr *e)
{
	int	rc;

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
	op_free(op);
	return 0;
}

int
op_invalid(struct op *op, struct verr *e, int code, const char *fmt, ...)
{
	va_list	ap;
	char	msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	op_abort(op);
	return verr_set(e, code, "%s", msg);
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
	return 0;
}

void
json_ktime_offset(struct json *j, const char *k, int64_t t, int offset_s)
{
	char	s[TIMEFMT_MAX];

	timefmt_offset(t, offset_s, s);
	json_kstr(j, k, s);
}

int
ops_incident_new(struct vigil_ctx *ctx, const struct incident_new *in,
    char key[INCIDENT_KEY_MAX], struct verr *e)
{
	struct op	 op;
	struct incident	 inc;
	struct milestone m;
	uuid_t		 u;
	int64_t		 id;

	if (check_text("the title", in->title, INCIDENT_TITLE_MAX, true,
	    e) != 0 || check_text("the description", in->description,
	    INCIDENT_TEXT_MAX, false, e) != 0)
		return -1;
	if (in->severity < SEVERITY_MIN || in->severity > SEVERITY_MAX)
		return verr_set(e, VERR_USAGE, "severity must be 1 to 4 (1 is "
		    "the most severe)");
	if (op_start(&op, ctx, ACTION_INCIDENT_NEW, NULL, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_TRIAGE, e) != 0)
		return -1;
	if (in->has_detected && in->detected_at > op.now + 300)
		return op_invalid(&op, e, VERR_DATA, "the detection time is "
		    "in the future");
	memset(&inc, 0, sizeof inc);
	uuid_generate_random(u);
	uuid_unparse_lower(u, inc.uuid);
	inc.title = (char *)in->title;
	inc.description = (char *)in->description;
	inc.severity = in->severity;
	inc.kind = in->kind;
	inc.stage = STAGE_DETECT;
	inc.created_at = op.now;
	inc.created_by = ctx->me.login;
	if (incidents_insert(ctx->db, &inc, &id, e) != 0) {
		op_abort(&op);
		return -1;
	}
	op.has_incident = true;
	op.inc.id = id;
	incident_key_format(id, op.inc.key);
	if (clocks_enable_defaults(ctx, id, op.now, e) != 0) {
		op_abort(&op);
		return -1;
	}
	if (in->has_detected) {
		memset(&m, 0, sizeof m);
		snprintf(m.name, sizeof m.name, "detected");
		m.at = in->detected_at;
		m.offset_s = in->detected_offset;
		m.recorded_at = op.now;
		m.recorded_by = ctx->me.login;
		if (milestones_insert(ctx->db, id, &m, e) != 0) {
			op_abort(&op);
			return -1;
		}
	}
	json_kstr(&op.j, "key", op.inc.key);
	json_kstr(&op.j, "uuid", inc.uuid);
	json_kstr(&op.j, "title", in->title);
	json_kint(&op.j, "severity", in->severity);
	json_kstr(&op.j, "kind", kind_name(in->kind));
	if (in->description != NULL && *in->description != '\0')
		json_kstr(&op.j, "description", in->description);
	if (in->has_detected)
		json_ktime_offset(&op.j, "detected", in->detected_at,
		    in->detected_offset);
	snprintf(key, INCIDENT_KEY_MAX, "%s", op.inc.key);
	return op_finish(&op, "incident.new", e);
}

int
ops_assign(struct vigil_ctx *ctx, const char *key, enum role r,
    const char *login, const char *note, struct verr *e)
{
	struct op	 op;
	struct person	 p;
	bool		 released = false;
	char		*previous = NULL;
	int		 found;

	if (check_text("the note", note, INCIDENT_TEXT_MAX, false, e) != 0)
		return -1;
	if (op_start(&op, ctx, ACTION_ASSIGN, key, e) != 0)
		return -1;
	if (op_authorise(&op, r, e) != 0)
		return -1;
	if (op_require_open(&op, e) != 0)
		return -1;
	if ((found = roster_get(ctx->db, login, &p, e)) < 0) {
		op_abort(&op);
		return -1;
	}
	if (found == 0)
		return op_invalid(&op, e, VERR_DATA, "%s is not on the roster "
		    "(an administrator adds people with 'vigil roster add')",
		    login);
	if ((p.roles & ROLE_BIT(r)) == 0) {
		person_clear(&p);
		return op_invalid(&op, e, VERR_DATA, "%s is not qualified for "
		    "the %s role (an administrator can change that with "
		    "'vigil roster add %s --roles ...')", login, role_name(r),
		    login);
	}
	person_clear(&p);
	if (op.inc.holder[r] != NULL && strcmp(op.inc.holder[r], login) == 0)
		return op_invalid(&op, e, VERR_DATA, "%s already holds the %s "
		    "role on %s", login, role_name(r), op.inc.key);
	if (op.inc.holder[r] != NULL) {
		previous = xstrdup(op.inc.holder[r]);
		if (assignments_release(ctx->db, op.inc.id, r, op.now,
		    ctx->me.login, note, &released, e) != 0)
			goto fail;
	}
	if (assignments_insert(ctx->db, op.inc.id, r, login, op.now,
	    ctx->me.login, note, e) != 0)
		goto fail;
	json_kstr(&op.j, "role", role_name(r));
	json_kstr(&op.j, "login", login);
	if (previous != NULL)
		json_kstr(&op.j, "previous", previous);
	if (note != NULL && *note != '\0')
		json_kstr(&op.j, "note", note);
	free(previous);
	return op_finish(&op, "role.assign", e);
fail:
	free(previous);
	op_abort(&op);
	return -1;
}

int
ops_release(struct vigil_ctx *ctx, const char *key, enum role r,
    const char *note, struct verr *e)
{
	struct op	op;
	bool		released;

	if (check_text("the note", note, INCIDENT_TEXT_MAX, false, e) != 0)
		return -1;
	if (op_start(&op, ctx, ACTION_RELEASE, key, e) != 0)
		return -1;
	if (op_authorise(&op, r, e) != 0)
		return -1;
	if (op_require_open(&op, e) != 0)
		return -1;
	if (op.inc.holder[r] == NULL)
		return op_invalid(&op, e, VERR_DATA, "nobody holds the %s role "
		    "on %s", role_name(r), op.inc.key);
	json_kstr(&op.j, "role", role_name(r));
	json_kstr(&op.j, "login", op.inc.holder[r]);
	if (note != NULL && *note != '\0')
		json_kstr(&op.j, "note", note);
	if (assignments_release(ctx->db, op.inc.id, r, op.now, ctx->me.login,
	    note, &released, e) != 0) {
		op_abort(&op);
		return -1;
	}
	return op_finish(&op, "role.release", e);
}

int
ops_stage(struct vigil_ctx *ctx, const char *key, enum stage to,
    const char *reason, struct verr *e)
{
	struct op	op;
	char		why[256];
	enum stage	from;

	if (check_text("the reason", reason, INCIDENT_TEXT_MAX, false, e) != 0)
		return -1;
	if (op_start(&op, ctx, ACTION_STAGE, key, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_SIM, e) != 0)
		return -1;
	if (op_require_open(&op, e) != 0)
		return -1;
	from = op.inc.stage;
	if (stage_check_move(from, to, reason != NULL && *reason != '\0', why,
	    sizeof why) != 0)
		return op_invalid(&op, e, VERR_DATA, "%s: %s", op.inc.key, why);
	if (incidents_set_stage(ctx->db, op.inc.id, to, op.now, e) != 0) {
		op_abort(&op);
		return -1;
	}
	json_kstr(&op.j, "from", stage_name(from));
	json_kstr(&op.j, "to", stage_name(to));
	if (reason != NULL && *reason != '\0')
		json_kstr(&op.j, "reason", reason);
	return op_finish(&op, "stage.change", e);
}

int
ops_note(struct vigil_ctx *ctx, const char *key, const char *text,
    struct verr *e)
{
	struct op	op;

	if (check_text("the note", text, INCIDENT_TEXT_MAX, true, e) != 0)
		return -1;
	if (op_start(&op, ctx, ACTION_NOTE, key, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_TRIAGE, e) != 0)
		return -1;
	if (op_require_open(&op, e) != 0)
		return -1;
	if (notes_insert(ctx->db, op.inc.id, op.now, ctx->me.login, text,
	    e) != 0) {
		op_abort(&op);
		return -1;
	}
	json_kstr(&op.j, "text", text);
	return op_finish(&op, "note.add", e);
}

/* Insert a milestone after the ladder checks; shared by the acts. */
int
op_milestone(struct op *op, const char *name, int64_t at, int offset_s,
    const char *note, struct verr *e)
{
	struct milestone	*list = NULL, m;
	size_t			 n = 0;
	char			 why[256];
	int			 rc;

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
	snprintf(m.name, sizeof m.name, "%s", name);
	m.at = at;
	m.offset_s = offset_s;
	m.recorded_at = op->now;
	m.recorded_by = op->ctx->me.login;
	m.note = (char *)note;
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

int
ops_milestone(struct vigil_ctx *ctx, const char *key, const char *name,
    bool has_at, int64_t at, int offset_s, const char *note, struct verr *e)
{
	struct op	op;

	if (check_text("the note", note, INCIDENT_TEXT_MAX, false, e) != 0)
		return -1;
	if (!milestone_user_name(name))
		return verr_set(e, VERR_USAGE, "unknown milestone '%s'; one of: "
		    "%s", name, milestone_user_names());
	if (op_start(&op, ctx, ACTION_MILESTONE, key, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_TRIAGE, e) != 0)
		return -1;
	if (op_require_open(&op, e) != 0)
		return -1;
	if (op_milestone(&op, name, has_at ? at : op.now, has_at ? offset_s : 0,
	    note, e) != 0) {
		op_abort(&op);
		return -1;
	}
	return op_finish(&op, "milestone.record", e);
}

int
ops_declare(struct vigil_ctx *ctx, const char *key, const char *reason,
    bool has_at, int64_t at, int offset_s, struct verr *e)
{
	struct op	op;
	char		due[TIMEFMT_MAX];

	if (check_text("the reason", reason, INCIDENT_TEXT_MAX, true, e) != 0)
		return -1;
	if (op_start(&op, ctx, ACTION_DECLARE, key, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_EIM, e) != 0)
		return -1;
	if (op_require_open(&op, e) != 0)
		return -1;
	if (op.inc.declared)
		return op_invalid(&op, e, VERR_DATA, "%s is already declared a "
		    "breach (by %s)", op.inc.key, op.inc.declared_by);
	if (!has_at) {
		at = op.now;
		offset_s = 0;
	}
	if (op_milestone(&op, "declared", at, offset_s, reason, e) != 0 ||
	    incidents_set_declared(ctx->db, op.inc.id, true, at, offset_s,
	    ctx->me.login, op.now, e) != 0) {
		op_abort(&op);
		return -1;
	}
	timefmt_utc(at + DEADLINE_CUSTOMER_S, due);
	json_kstr(&op.j, "reason", reason);
	json_kstr(&op.j, "due", due);
	if (op_finish(&op, "breach.declare", e) != 0)
		return -1;
	ops_anchor(ctx, "a breach declaration");
	return 0;
}

int
ops_retract(struct vigil_ctx *ctx, const char *key, const char *reason,
    struct verr *e)
{
	struct op	op;

	if (check_text("the reason", reason, INCIDENT_TEXT_MAX, true, e) != 0)
		return -1;
	if (op_start(&op, ctx, ACTION_RETRACT, key, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_EIM, e) != 0)
		return -1;
	if (op_require_open(&op, e) != 0)
		return -1;
	if (!op.inc.declared)
		return op_invalid(&op, e, VERR_DATA, "%s has no breach "
		    "declaration to retract", op.inc.key);
	if (op_milestone(&op, "retracted", op.now, 0, reason, e) != 0 ||
	    incidents_set_declared(ctx->db, op.inc.id, false, 0, 0, NULL,
	    op.now, e) != 0) {
		op_abort(&op);
		return -1;
	}
	json_kstr(&op.j, "reason", reason);
	return op_finish(&op, "breach.retract", e);
}

int
ops_incident_close(struct vigil_ctx *ctx, const char *key, enum resolution r,
    const char *note, struct verr *e)
{
	struct op	op;

	if (check_text("the note", note, INCIDENT_TEXT_MAX, false, e) != 0)
		return -1;
	if (r == RESOLUTION_NONE)
		return verr_set(e, VERR_USAGE, "closing needs a resolution: "
		    "confirmed, false-positive, benign or duplicate");
	if (op_start(&op, ctx, ACTION_CLOSE, key, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_SIM, e) != 0)
		return -1;
	if (op_require_open(&op, e) != 0)
		return -1;
	/* a declared breach: every recipient settled (notify.c) */
	if (op.inc.declared && ops_notify_close_check(ctx, &op.inc, e) != 0) {
		op_abort(&op);
		return -1;
	}
	if (note != NULL && *note != '\0' && notes_insert(ctx->db, op.inc.id,
	    op.now, ctx->me.login, note, e) != 0) {
		op_abort(&op);
		return -1;
	}
	if (incidents_set_closed(ctx->db, op.inc.id, r, op.now, e) != 0) {
		op_abort(&op);
		return -1;
	}
	json_kstr(&op.j, "resolution", resolution_name(r));
	json_kstr(&op.j, "from", stage_name(op.inc.stage));
	if (note != NULL && *note != '\0')
		json_kstr(&op.j, "note", note);
	return op_finish(&op, "incident.close", e);
}

int
ops_roster_add(struct vigil_ctx *ctx, const struct roster_entry *re,
    struct verr *e)
{
	struct op	 op;
	struct person	 p, old;
	char		 roles[128];
	int		 found;

	if (!identity_valid_login(re->login))
		return verr_set(e, VERR_USAGE, "'%s' is not a valid login name",
		    re->login);
	if (check_text("the name", re->name, 200, false, e) != 0 ||
	    check_text("the contact", re->contact, 500, false, e) != 0)
		return -1;
	if (op_start(&op, ctx, ACTION_ROSTER, NULL, e) != 0)
		return -1;
	if (op_authorise(&op, ROLE_TRIAGE, e) != 0)
		return -1;
	if ((found = roster_get(ctx->db, re->login, &old, e)) < 0) {
		op_abort(&op);
		return -1;
	}
	memset(&p, 0, sizeof p);
	p.login = (char *)re->login;
	p.name = (char *)(re->name != NULL ? re->name :
	    found ? old.name : re->login);
	p.contact = (char *)(re->contact != NULL ? re->contact :
	    found ? old.contact : "");
	p.roles = re->has_roles ? re->roles : found ? old.roles : 0;
	p.admin = re->has_admin ? re->admin : found ? old.admin : false;
	p.has_uid = found ? old.has_uid : false;
	p.uid = found ? old.uid : 0;
	if (!p.has_uid) {
		struct passwd	*pw = getpwnam(re->login);

		if (pw != NULL) {
			p.has_uid = true;
			p.uid = (int64_t)pw->pw_uid;
		}
	}
	p.added_at = found ? old.added_at : op.now;
	p.added_by = found ? old.added_by : ctx->me.login;
	if (found && old.admin && !p.admin && strcmp(re->login,
	    ctx->me.login) == 0) {
		person_clear(&old);
		return op_invalid(&op, e, VERR_DATA, "you cannot remove your "
		    "own administrator flag");
	}
	if (roster_put(ctx->db, &p, e) != 0) {
		if (found)
			person_clear(&old);
		op_abort(&op);
		return -1;
	}
	role_format_list(p.roles, roles, sizeof roles);
	json_kstr(&op.j, "login", p.login);
	json_kstr(&op.j, "name", p.name);
	json_kstr(&op.j, "contact", p.contact);
	json_kstr(&op.j, "roles", roles);
	json_kbool(&op.j, "admin", p.admin);
	json_kbool(&op.j, "update", found == 1);
	if (found)
		person_clear(&old);
	return op_finish(&op, found ? "roster.update" : "roster.add", e);
}

bool
ops_may(struct vigil_ctx *ctx, const struct incident *inc, enum action a,
    enum role target)
{
	struct actor_facts	 f;
	struct person		 p;
	char			 why[256];
	int			 found;

	if (ctx->read_only || ctx->db == NULL)
		return false;
	memset(&f, 0, sizeof f);
	if ((found = roster_get(ctx->db, ctx->me.login, &p, NULL)) < 0)
		return false;
	f.on_roster = found == 1;
	f.admin = found == 1 && p.admin;
	if (found == 1)
		person_clear(&p);
	if (inc != NULL && assignments_held_by(ctx->db, inc->id,
	    ctx->me.login, &f.held, NULL) != 0)
		return false;
	return role_may(a, target, &f, why, sizeof why);
}
