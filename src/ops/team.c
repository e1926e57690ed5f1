/*
 * team.c: hand-offs and corrections — picking up a vacant triage or sim
 * role, changing an incident's severity, kind, title or description, and
 * correcting a recorded milestone's time. Never a silent edit: every
 * change is journaled with the old and the new value, in the same
 * transaction, through the op machinery of op.h.
 */
#include <stdlib.h>
#include <string.h>

#include "op.h"
#include "vigil/milestone.h"
#include "vigil/ops-team.h"
#include "vigil/store-team.h"
#include "vigil/util.h"

int
ops_pickup(struct vigil_ctx *ctx, const char *key, enum role r,
    struct verr *e)
{
	struct op	op;

	if (op_begin(&op, ctx, ACTION_PICKUP, key, r, e) != 0)
		goto fail;
	if (op.inc.holder[r] != NULL) {
		op_invalid(&op, e, VERR_DATA, "%s already has a %s holder "
		    "(%s); they or the sim hand it over with 'vigil assign'",
		    op.inc.key, role_name(r), op.inc.holder[r]);
		goto fail;
	}
	if (assignments_insert(ctx->db, op.inc.id, r, ctx->me.login, op.now,
	    ctx->me.login, "picked up", e) != 0)
		goto fail;
	json_kstr(&op.j, "role", role_name(r));
	json_kstr(&op.j, "login", ctx->me.login);
	return op_finish(&op, "role.pickup", e);
fail:
	op_abort(&op);
	return -1;
}

/* Add {"old": a, "new": b} under k for a changed text field. */
static void
team_json_change(struct json *j, const char *k, const char *a,
    const char *b)
{
	json_key(j, k);
	json_obj_open(j);
	json_kstr(j, "old", a);
	json_kstr(j, "new", b);
	json_obj_close(j);
}

int
ops_incident_set(struct vigil_ctx *ctx, const char *key,
    const struct incident_edit *in, struct verr *e)
{
	struct incident_edit	 ed = *in;
	struct op		 op;
	int			 changed = 0;

	if (!ed.has_severity && !ed.has_kind && ed.title == NULL &&
	    ed.description == NULL)
		return verr_set(e, VERR_USAGE, "set: nothing to change; give "
		    "--severity, --kind, --title or --description");
	if (ed.has_severity && (ed.severity < SEVERITY_MIN || ed.severity >
	    SEVERITY_MAX))
		return verr_set(e, VERR_USAGE, "severity must be 1 to 4 (1 is "
		    "the most severe)");
	if ((ed.title != NULL && check_text("the title", ed.title,
	    INCIDENT_TITLE_MAX, true, e) != 0) || (ed.description != NULL &&
	    check_text("the description", ed.description, INCIDENT_TEXT_MAX,
	    false, e) != 0))
		return -1;
	if (op_begin(&op, ctx, ACTION_EDIT, key, ROLE_SIM, e) != 0)
		goto fail;
	if (ed.has_severity && ed.severity != op.inc.severity) {
		json_key(&op.j, "severity");
		json_obj_open(&op.j);
		json_kint(&op.j, "old", op.inc.severity);
		json_kint(&op.j, "new", ed.severity);
		json_obj_close(&op.j);
		changed++;
	} else
		ed.has_severity = false;
	if (ed.has_kind && ed.kind != op.inc.kind) {
		team_json_change(&op.j, "kind", kind_name(op.inc.kind),
		    kind_name(ed.kind));
		changed++;
	} else
		ed.has_kind = false;
	if (ed.title != NULL && strcmp(ed.title, op.inc.title) != 0) {
		team_json_change(&op.j, "title", op.inc.title, ed.title);
		changed++;
	} else
		ed.title = NULL;
	if (ed.description != NULL && strcmp(ed.description,
	    op.inc.description != NULL ? op.inc.description : "") != 0) {
		team_json_change(&op.j, "description", op.inc.description !=
		    NULL ? op.inc.description : "", ed.description);
		changed++;
	} else
		ed.description = NULL;
	if (changed == 0) {
		op_invalid(&op, e, VERR_DATA, "%s already has those values; "
		    "nothing changed", op.inc.key);
		goto fail;
	}
	if (incidents_edit(ctx->db, op.inc.id, &ed, op.now, e) != 0)
		goto fail;
	return op_finish(&op, "incident.set", e);
fail:
	op_abort(&op);
	return -1;
}

int
ops_milestone_correct(struct vigil_ctx *ctx, const char *key,
    const char *name, int64_t at, int offset_s, const char *reason,
    struct verr *e)
{
	struct milestone	*list = NULL, *m = NULL;
	struct op		 op;
	size_t			 n = 0, i;
	char			 why[256];

	if (check_text("the reason", reason, INCIDENT_TEXT_MAX, true, e) != 0)
		return verr_set(e, VERR_USAGE, "a correction needs --reason "
		    "TEXT: why the recorded time was wrong");
	if (!milestone_known_name(name))
		return verr_set(e, VERR_USAGE, "unknown milestone '%s' (known: "
		    "%s)", name, milestone_user_names());
	if (op_begin(&op, ctx, ACTION_MILESTONE, key, ROLE_TRIAGE, e) != 0)
		goto fail;
	if (milestones_list(ctx->db, op.inc.id, &list, &n, e) != 0)
		goto fail;
	for (i = 0; i < n; i++)
		if (strcmp(list[i].name, name) == 0)
			m = &list[i];
	if (m == NULL) {
		op_invalid(&op, e, VERR_NOINPUT, "%s has no %s milestone to "
		    "correct; record it without --correct", op.inc.key, name);
		goto fail;
	}
	if (m->at == at) {
		op_invalid(&op, e, VERR_DATA, "%s: %s is already at that time; "
		    "nothing changed", op.inc.key, name);
		goto fail;
	}
	if (at > op.now + 300) {
		op_invalid(&op, e, VERR_DATA, "%s: a milestone cannot be in the "
		    "future", op.inc.key);
		goto fail;
	}
	{
		/* the ladder's order, judged without the wrong time */
		struct milestone	 keep = *m;
		size_t			 k = (size_t)(m - list);
		int			 rc;

		memmove(&list[k], &list[k + 1], (n - k - 1) * sizeof *list);
		rc = milestone_check(name, at, list, n - 1, why, sizeof why);
		memmove(&list[k + 1], &list[k], (n - k - 1) * sizeof *list);
		list[k] = keep;
		if (rc != 0) {
			op_invalid(&op, e, VERR_DATA, "%s: %s", op.inc.key,
			    why);
			goto fail;
		}
	}
	if (milestones_correct(ctx->db, op.inc.id, m->id, at, offset_s, e) != 0)
		goto fail;
	if (strcmp(name, "customers_notified") == 0 &&
	    incidents_set_notified(ctx->db, op.inc.id, true, at, e) != 0)
		goto fail;
	json_kstr(&op.j, "milestone", name);
	json_ktime_offset(&op.j, "old", m->at, m->offset_s);
	json_ktime_offset(&op.j, "new", at, offset_s);
	json_kstr(&op.j, "reason", reason);
	milestone_list_free(&list, n);
	return op_finish(&op, "milestone.correct", e);
fail:
	milestone_list_free(&list, n);
	op_abort(&op);
	return -1;
}
