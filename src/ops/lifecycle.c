/*
 * lifecycle.c: the actions of an incident's life, from opening to closing:
 * new, assign and release a role, stage, note, milestone, declare and
 * retract a breach, close. Each follows the shape of op.h: op_begin(),
 * validate, write, op_finish(), and one failure path (op_abort()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uuid/uuid.h>

#include "vigil/ops-clocks.h"
#include "vigil/deadline.h"
#include "vigil/ops-notify.h"
#include "vigil/ops.h"
#include "vigil/ops-task.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"
#include "op.h"
#include "plan-private.h"

int
op_incident_open(struct op *op, const char *title, const char *description,
    int severity, enum kind kind, struct milestone_row *detected,
    char uuid[40], struct verr *e)
{
	struct vigil_ctx	*ctx = op->ctx;
	struct incident_row	 inc;
	uuid_t			 u;
	int64_t			 id;

	memset(&inc, 0, sizeof inc);
	uuid_generate_random(u);
	uuid_unparse_lower(u, uuid);
	inc.uuid = uuid;
	inc.title = title;
	inc.description = description;
	inc.severity = severity;
	inc.kind = kind;
	inc.stage = STAGE_DETECT;
	inc.created_at = op->now;
	inc.created_by = ctx->me.login;
	if (incidents_insert(ctx->db, &inc, &id, e) != 0)
		return -1;
	op->has_incident = true;
	op->inc.id = id;
	incident_key_format(id, op->inc.key);
	if (clocks_enable_defaults(ctx, id, op->now, e) != 0)
		return -1;
	if (detected == NULL)
		return 0;
	detected->name = "detected";
	detected->recorded_at = op->now;
	detected->recorded_by = ctx->me.login;
	return milestones_insert(ctx->db, id, detected, e);
}

int
ops_incident_new(struct vigil_ctx *ctx, const struct incident_new *in,
    char key[INCIDENT_KEY_MAX], struct verr *e)
{
	struct op		 op;
	struct milestone_row	 m;
	struct planset		*plans = NULL;
	const struct plan	*plan = NULL;
	struct plan_applied	 applied;
	char			 uuid[40];
	int64_t			 id;

	if (check_text("the title", in->title, INCIDENT_TITLE_MAX, true,
	    e) != 0 || check_text("the description", in->description,
	    INCIDENT_TEXT_MAX, false, e) != 0)
		return -1;
	if (in->severity < SEVERITY_MIN || in->severity > SEVERITY_MAX)
		return verr_set(e, VERR_USAGE, "severity must be 1 to 4 (1 is "
		    "the most severe)");
	if (in->plan != NULL && ops_plan_find(ctx, in->plan, &plans, &plan,
	    e) != 0)
		return -1;
	if (op_begin(&op, ctx, ACTION_INCIDENT_NEW, NULL, ROLE_TRIAGE, e) != 0)
		goto fail;
	if (in->has_detected && in->detected_at > op.now + 300) {
		op_invalid(&op, e, VERR_DATA, "the detection time is in the "
		    "future");
		goto fail;
	}
	memset(&m, 0, sizeof m);
	m.at = in->detected_at;
	m.offset_s = in->detected_offset;
	if (op_incident_open(&op, in->title, in->description, in->severity,
	    in->kind, in->has_detected ? &m : NULL, uuid, e) != 0)
		goto fail;
	id = op.inc.id;
	/* the plan's tasks, clocks and recipients, in the same act */
	if (plan != NULL && op_plan_apply(&op, plan, &applied, e) != 0)
		goto fail;
	planset_free(&plans);
	json_kstr(&op.j, "key", op.inc.key);
	json_kstr(&op.j, "uuid", uuid);
	json_kstr(&op.j, "title", in->title);
	json_kint(&op.j, "severity", in->severity);
	json_kstr(&op.j, "kind", kind_name(in->kind));
	if (in->description != NULL && *in->description != '\0')
		json_kstr(&op.j, "description", in->description);
	if (in->has_detected)
		json_ktime_offset(&op.j, "detected", in->detected_at,
		    in->detected_offset);
	/* Whoever opens it and may do triage holds its triage role. */
	if (op.on_roster && (op.me.roles & ROLE_BIT(ROLE_TRIAGE)) != 0) {
		if (assignments_insert(ctx->db, id, ROLE_TRIAGE, ctx->me.login,
		    op.now, ctx->me.login, "opened the incident", e) != 0)
			goto fail;
		json_kstr(&op.j, "triage", ctx->me.login);
	}
	snprintf(key, INCIDENT_KEY_MAX, "%s", op.inc.key);
	return op_finish(&op, "incident.new", e);
fail:
	planset_free(&plans);
	op_abort(&op);
	return -1;
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
	if (op_begin(&op, ctx, ACTION_ASSIGN, key, r, e) != 0)
		goto fail;
	if ((found = roster_get(ctx->db, login, &p, e)) < 0)
		goto fail;
	if (found == 0) {
		op_invalid(&op, e, VERR_DATA, "%s is not on the roster (an "
		    "administrator adds people with 'vigil roster add')",
		    login);
		goto fail;
	}
	if ((p.roles & ROLE_BIT(r)) == 0) {
		person_clear(&p);
		op_invalid(&op, e, VERR_DATA, "%s is not qualified for the %s "
		    "role (an administrator can change that with 'vigil "
		    "roster add %s --roles ...')", login, role_name(r), login);
		goto fail;
	}
	person_clear(&p);
	if (op.inc.holder[r] != NULL && strcmp(op.inc.holder[r], login) == 0) {
		op_invalid(&op, e, VERR_DATA, "%s already holds the %s role on "
		    "%s", login, role_name(r), op.inc.key);
		goto fail;
	}
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
	if (op_begin(&op, ctx, ACTION_RELEASE, key, r, e) != 0)
		goto fail;
	if (op.inc.holder[r] == NULL) {
		op_invalid(&op, e, VERR_DATA, "nobody holds the %s role on %s",
		    role_name(r), op.inc.key);
		goto fail;
	}
	json_kstr(&op.j, "role", role_name(r));
	json_kstr(&op.j, "login", op.inc.holder[r]);
	if (note != NULL && *note != '\0')
		json_kstr(&op.j, "note", note);
	if (assignments_release(ctx->db, op.inc.id, r, op.now, ctx->me.login,
	    note, &released, e) != 0)
		goto fail;
	return op_finish(&op, "role.release", e);
fail:
	op_abort(&op);
	return -1;
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
	if (op_begin(&op, ctx, ACTION_STAGE, key, ROLE_SIM, e) != 0)
		goto fail;
	from = op.inc.stage;
	if (stage_check_move(from, to, reason != NULL && *reason != '\0', why,
	    sizeof why) != 0) {
		op_invalid(&op, e, VERR_DATA, "%s: %s", op.inc.key, why);
		goto fail;
	}
	if (incidents_set_stage(ctx->db, op.inc.id, to, op.now, e) != 0)
		goto fail;
	json_kstr(&op.j, "from", stage_name(from));
	json_kstr(&op.j, "to", stage_name(to));
	if (reason != NULL && *reason != '\0')
		json_kstr(&op.j, "reason", reason);
	return op_finish(&op, "stage.change", e);
fail:
	op_abort(&op);
	return -1;
}

int
ops_note(struct vigil_ctx *ctx, const char *key, const char *text,
    struct verr *e)
{
	struct op	op;

	if (check_text("the note", text, INCIDENT_TEXT_MAX, true, e) != 0)
		return -1;
	if (op_begin(&op, ctx, ACTION_NOTE, key, ROLE_TRIAGE, e) != 0)
		goto fail;
	if (notes_insert(ctx->db, op.inc.id, op.now, ctx->me.login, text,
	    e) != 0)
		goto fail;
	json_kstr(&op.j, "text", text);
	return op_finish(&op, "note.add", e);
fail:
	op_abort(&op);
	return -1;
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
	if (op_begin(&op, ctx, ACTION_MILESTONE, key, ROLE_TRIAGE, e) != 0)
		goto fail;
	if (op_milestone(&op, name, has_at ? at : op.now, has_at ? offset_s : 0,
	    note, e) != 0)
		goto fail;
	return op_finish(&op, "milestone.record", e);
fail:
	op_abort(&op);
	return -1;
}

int
ops_declare(struct vigil_ctx *ctx, const char *key, const char *reason,
    bool has_at, int64_t at, int offset_s, struct verr *e)
{
	return ops_declare_clock(ctx, key, reason, has_at, at, offset_s,
	    false, e);
}

/* Whether the incident was declared before (and so retracted since). */
static int
declared_before(struct op *op, bool *was, struct verr *e)
{
	struct milestone	*ms = NULL;
	size_t			 n = 0, i;

	*was = false;
	if (milestones_list(op->ctx->db, op->inc.id, &ms, &n, e) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(ms[i].name, "declared") == 0)
			*was = true;
	milestone_list_free(&ms, n);
	return 0;
}

/* The customer clock's due time after this declaration (it may resume). */
static void
declare_due(struct op *op, int64_t at, char due[TIMEFMT_MAX])
{
	struct incident		 inc = op->inc;
	struct clock_view	*v = NULL;
	size_t			 n = 0;

	inc.declared = true;
	inc.declared_at = at;
	timefmt_utc(at + DEADLINE_CUSTOMER_S, due);
	if (ops_clocks_eval(op->ctx, &inc, NULL, 0, op->now, &v, &n, NULL) ==
	    0 && n > 0 && v[0].r.has_due)
		timefmt_utc(v[0].r.due, due);
	clock_views_free(&v, n);
}

int
ops_declare_clock(struct vigil_ctx *ctx, const char *key, const char *reason,
    bool has_at, int64_t at, int offset_s, bool new_clock, struct verr *e)
{
	struct op	op;
	char		due[TIMEFMT_MAX];
	bool		was = false;

	if (check_text("the reason", reason, INCIDENT_TEXT_MAX, true, e) != 0)
		return -1;
	if (op_begin(&op, ctx, ACTION_DECLARE, key, ROLE_EIM, e) != 0)
		goto fail;
	if (op.inc.declared) {
		op_invalid(&op, e, VERR_DATA, "%s is already declared a breach "
		    "(by %s)", op.inc.key, op.inc.declared_by);
		goto fail;
	}
	if (!has_at) {
		at = op.now;
		offset_s = 0;
	}
	if (new_clock && declared_before(&op, &was, e) != 0)
		goto fail;
	if (new_clock && !was) {
		op_invalid(&op, e, VERR_DATA, "%s was never declared: "
		    "--new-clock is for a new breach after a retraction",
		    op.inc.key);
		goto fail;
	}
	/*
	 * A retraction stops the customer clock and a new declaration
	 * resumes it with the first due time, unless the EIM says this is a
	 * new breach with a clock of its own (the new_clock milestone).
	 */
	if (op_milestone(&op, "declared", at, offset_s, reason, e) != 0 ||
	    (new_clock && op_milestone(&op, "new_clock", at, offset_s, reason,
	    e) != 0) ||
	    incidents_set_declared(ctx->db, op.inc.id, true, at, offset_s,
	    ctx->me.login, op.now, e) != 0)
		goto fail;
	declare_due(&op, at, due);
	json_kstr(&op.j, "reason", reason);
	json_kstr(&op.j, "due", due);
	if (new_clock)
		json_kbool(&op.j, "new_clock", true);
	if (op_finish(&op, "breach.declare", e) != 0)
		return -1;
	ops_anchor(ctx, "a breach declaration");
	return 0;
fail:
	op_abort(&op);
	return -1;
}

int
ops_retract(struct vigil_ctx *ctx, const char *key, const char *reason,
    struct verr *e)
{
	struct op	op;

	if (check_text("the reason", reason, INCIDENT_TEXT_MAX, true, e) != 0)
		return -1;
	if (op_begin(&op, ctx, ACTION_RETRACT, key, ROLE_EIM, e) != 0)
		goto fail;
	if (!op.inc.declared) {
		op_invalid(&op, e, VERR_DATA, "%s has no breach declaration to "
		    "retract", op.inc.key);
		goto fail;
	}
	if (op_milestone(&op, "retracted", op.now, 0, reason, e) != 0 ||
	    incidents_set_declared(ctx->db, op.inc.id, false, 0, 0, NULL,
	    op.now, e) != 0)
		goto fail;
	json_kstr(&op.j, "reason", reason);
	return op_finish(&op, "breach.retract", e);
fail:
	op_abort(&op);
	return -1;
}

int
ops_incident_close(struct vigil_ctx *ctx, const char *key, enum resolution r,
    const char *note, struct verr *e)
{
	struct op	 op;
	char		*blocking = NULL;

	if (check_text("the note", note, INCIDENT_TEXT_MAX, false, e) != 0)
		return -1;
	if (r == RESOLUTION_NONE)
		return verr_set(e, VERR_USAGE, "closing needs a resolution: "
		    "confirmed, false-positive, benign or duplicate");
	if (op_begin(&op, ctx, ACTION_CLOSE, key, ROLE_SIM, e) != 0)
		goto fail;
	/* a declared breach: every recipient settled (recipients.c) */
	if (op.inc.declared && ops_notify_close_check(ctx, &op.inc, e) != 0)
		goto fail;
	/* every required task done or skipped (task.c) */
	if (ops_tasks_blocking(ctx, op.inc.id, &blocking, e) != 0)
		goto fail;
	if (blocking != NULL) {
		op_invalid(&op, e, VERR_DATA, "%s cannot be closed: required "
		    "tasks are open (mark each done, or skip it with a "
		    "reason): %s; see 'vigil task list %s'", op.inc.key,
		    blocking, op.inc.key);
		free(blocking);
		goto fail;
	}
	if (note != NULL && *note != '\0' && notes_insert(ctx->db, op.inc.id,
	    op.now, ctx->me.login, note, e) != 0)
		goto fail;
	if (incidents_set_closed(ctx->db, op.inc.id, r, op.now, e) != 0)
		goto fail;
	json_kstr(&op.j, "resolution", resolution_name(r));
	json_kstr(&op.j, "from", stage_name(op.inc.stage));
	if (note != NULL && *note != '\0')
		json_kstr(&op.j, "note", note);
	return op_finish(&op, "incident.close", e);
fail:
	op_abort(&op);
	return -1;
}
