/*
 * actions-team.c: the console's hand-offs and edits — picking up a
 * vacant triage or sim role, and changing severity, kind, title or
 * description (long text: in $VISUAL or $EDITOR, editor.c) — by key and
 * by ':' verb. Each act calls the src/ops function the command line calls
 * (ops_pickup, ops_incident_set, as `vigil set --description`); a write
 * that meets another session's lock is kept and retried (pending.c).
 */
#include <stdlib.h>
#include <string.h>

#include "pending.h"
#include "tui-private.h"
#include "vigil/ops-team.h"
#include "vigil/util.h"

int
team_do_pickup(struct tui *t, enum role r)
{
	struct verr	e;
	int		rc;

	rc = ops_pickup(t->ctx, t->f.key, r, &e);
	if (rc == 0)
		action_message(t, false, "%s: you hold the %s role now.",
		    t->f.key, role_name(r));
	return action_result(t, rc, &e, false);
}

int
team_do_set(struct tui *t, const struct incident_edit *ed)
{
	struct verr	e;
	int		rc;

	rc = ops_incident_set(t->ctx, t->f.key, ed, &e);
	if (rc == 0)
		action_message(t, false, "%s: %s changed.", t->f.key,
		    ed->has_severity ? "severity" : ed->has_kind ? "kind" :
		    ed->title != NULL ? "title" : "description");
	return action_result(t, rc, &e, false);
}

/* The roles this person may pick up on the selected incident. */
static int
team_vacant(struct tui *t, enum role out[2])
{
	static const enum role pick[] = { ROLE_TRIAGE, ROLE_SIM };
	size_t	i;
	int	n = 0;

	for (i = 0; i < nitems(pick); i++)
		if (t->d.inc.holder[pick[i]] == NULL && ops_may(t->ctx,
		    &t->d.inc, ACTION_PICKUP, pick[i]))
			out[n++] = pick[i];
	return n;
}

static int
team_pickup_pick(struct tui *t, const char *v, int choice)
{
	enum role	r;
	int		rc;

	(void)choice;
	if (v == NULL || role_parse(v, &r) != 0)
		return action_cancelled(t);
	rc = team_do_pickup(t, r);
	action_flow_clear(&t->f);
	return rc;
}

int
team_start_pickup(struct tui *t)
{
	enum role	 can[2];
	char		**items, **values, label[128];
	int		 n, i, rc;

	if (action_key(t) == NULL)
		return RD_PAINT;
	if ((n = team_vacant(t, can)) == 0) {
		action_message(t, true, "Nothing to pick up on %s: %s.",
		    t->f.key, t->d.inc.holder[ROLE_TRIAGE] != NULL &&
		    t->d.inc.holder[ROLE_SIM] != NULL ? "its triage and sim "
		    "roles are held" : "the roster does not qualify you for "
		    "its vacant triage or sim role");
		action_flow_clear(&t->f);
		return RD_PAINT;
	}
	if (n == 1) {
		rc = team_do_pickup(t, can[0]);
		action_flow_clear(&t->f);
		return rc;
	}
	items = xcalloc(3, sizeof *items);
	values = xcalloc(3, sizeof *values);
	for (i = 0; i < n; i++) {
		items[i] = xstrdup(role_title(can[i]));
		values[i] = xstrdup(role_name(can[i]));
	}
	snprintf(label, sizeof label, "Pick up which role of %s?", t->f.key);
	prompt_choice(t, label, items, values, n, team_pickup_pick);
	return RD_PAINT;
}

static int
team_severity_pick(struct tui *t, const char *v, int choice)
{
	struct incident_edit	ed = { .has_severity = true };
	int			rc;

	if (v == NULL)
		return action_cancelled(t);
	ed.severity = choice + 1;
	rc = team_do_set(t, &ed);
	action_flow_clear(&t->f);
	return rc;
}

static int
team_kind_pick(struct tui *t, const char *v, int choice)
{
	struct incident_edit	ed = { .has_kind = true };
	int			rc;

	(void)choice;
	if (v == NULL || kind_parse(v, &ed.kind) != 0)
		return action_cancelled(t);
	rc = team_do_set(t, &ed);
	action_flow_clear(&t->f);
	return rc;
}

static int
team_title_text(struct tui *t, const char *v, int choice)
{
	struct incident_edit	ed = { 0 };
	int			rc;

	(void)choice;
	if (v == NULL || *v == '\0')
		return action_cancelled(t);
	ed.title = v;
	rc = team_do_set(t, &ed);
	action_flow_clear(&t->f);
	return rc;
}

static int
team_description_text(struct tui *t, const char *v, int choice)
{
	struct incident_edit	ed = { 0 };
	int			rc;

	(void)choice;
	if (v == NULL)
		return action_cancelled(t);
	ed.description = v;
	rc = team_do_set(t, &ed);
	action_flow_clear(&t->f);
	return rc;
}

/* The description, long text, in $VISUAL / $EDITOR (w, or e then 4). */
static int
team_describe(struct tui *t)
{
	char	label[128];

	snprintf(label, sizeof label, "Description of %s: ", t->f.key);
	return editor_save(t, "description", t->d.inc.description,
	    INCIDENT_TEXT_MAX, label, team_description_text);
}

/* Ask for the new value of field (0 severity, 1 kind, 2 title, 3 text). */
static int
team_ask(struct tui *t, int field)
{
	static const char *const sev[] = {
		"SEV1  critical", "SEV2  high", "SEV3  medium", "SEV4  low",
	};
	char	**items, **values, label[300];
	int	  i;

	switch (field) {
	case 0:
		items = xcalloc(5, sizeof *items);
		values = xcalloc(5, sizeof *values);
		for (i = 0; i < 4; i++) {
			items[i] = xstrdup(sev[i]);
			values[i] = xstrdup(sev[i]);
		}
		snprintf(label, sizeof label, "Severity of %s (now SEV%d)?",
		    t->f.key, t->d.inc.severity);
		prompt_choice(t, label, items, values, 4, team_severity_pick);
		t->p.sel = t->d.inc.severity - 1;
		break;
	case 1:
		items = xcalloc(3, sizeof *items);
		values = xcalloc(3, sizeof *values);
		items[0] = xstrdup("security  unauthorised access to systems");
		values[0] = xstrdup("security");
		items[1] = xstrdup("privacy   personal data of customers");
		values[1] = xstrdup("privacy");
		snprintf(label, sizeof label, "Kind of %s (now %s)?",
		    t->f.key, kind_name(t->d.inc.kind));
		prompt_choice(t, label, items, values, 2, team_kind_pick);
		t->p.sel = t->d.inc.kind == KIND_PRIVACY ? 1 : 0;
		break;
	case 2:
		snprintf(label, sizeof label, "Title of %s: ", t->f.key);
		prompt_text(t, label, t->d.inc.title, team_title_text);
		break;
	default:
		return team_describe(t);
	}
	return RD_PAINT;
}

static int
team_field_pick(struct tui *t, const char *v, int choice)
{
	if (v == NULL)
		return action_cancelled(t);
	return team_ask(t, choice);
}

/* May this person edit the selected incident? If not, say who may. */
static bool
team_may_edit(struct tui *t)
{
	if (action_key(t) == NULL)
		return false;
	if (!t->d.may[ACTION_EDIT]) {
		action_message(t, true, "Not permitted: to change %s is for %s.",
		    t->f.key, role_rule_text(ACTION_EDIT));
		action_flow_clear(&t->f);
		return false;
	}
	return true;
}

int
team_start_set(struct tui *t)
{
	char	**items, **values, label[128];

	if (!team_may_edit(t))
		return RD_PAINT;
	items = xcalloc(5, sizeof *items);
	values = xcalloc(5, sizeof *values);
	xasprintf(&items[0], "severity     SEV%d", t->d.inc.severity);
	xasprintf(&items[1], "kind         %s", kind_name(t->d.inc.kind));
	items[2] = xstrdup("title");
	items[3] = xstrdup("description");
	values[0] = xstrdup("severity");
	values[1] = xstrdup("kind");
	values[2] = xstrdup("title");
	values[3] = xstrdup("description");
	snprintf(label, sizeof label, "Change what on %s?", t->f.key);
	prompt_choice(t, label, items, values, 4, team_field_pick);
	return RD_PAINT;
}

int
team_command(struct tui *t, const char *verb, char *args)
{
	struct incident_edit	ed = { 0 };
	enum role		r, can[2];
	long long		v;
	int			rc;

	if (strcmp(verb, "set") == 0 && (args == NULL || *args == '\0'))
		return team_run(t, ACT_SET);
	if (strcmp(verb, "set") == 0) {
		/* ":set severity 2" is ":severity 2" */
		char	*sp = strchr(args, ' ');

		if (sp != NULL)
			*sp++ = '\0';
		verb = args;
		args = sp;
	}
	if (strcmp(verb, "pickup") != 0 && strcmp(verb, "severity") != 0 &&
	    strcmp(verb, "kind") != 0 && strcmp(verb, "title") != 0 &&
	    strcmp(verb, "description") != 0)
		return -1;
	if (action_key(t) == NULL)
		return RD_PAINT;
	if (strcmp(verb, "pickup") == 0) {
		if (args == NULL || *args == '\0') {
			if (team_vacant(t, can) != 1) {
				action_flow_clear(&t->f);
				return team_start_pickup(t);
			}
			r = can[0];
		} else if (role_parse(args, &r) != 0) {
			action_message(t, true, ":pickup triage or :pickup sim");
			action_flow_clear(&t->f);
			return RD_PAINT;
		}
		rc = team_do_pickup(t, r);
		action_flow_clear(&t->f);
		return rc;
	}
	if (strcmp(verb, "severity") == 0) {
		if (args == NULL || util_parse_int(args, 1, 4, &v) != 0) {
			action_message(t, true, ":severity 1, 2, 3 or 4 (1 is "
			    "the most severe)");
			action_flow_clear(&t->f);
			return RD_PAINT;
		}
		ed.has_severity = true;
		ed.severity = (int)v;
	} else if (strcmp(verb, "kind") == 0) {
		if (args == NULL || kind_parse(args, &ed.kind) != 0) {
			action_message(t, true, ":kind security or :kind "
			    "privacy");
			action_flow_clear(&t->f);
			return RD_PAINT;
		}
		ed.has_kind = true;
	} else if (strcmp(verb, "title") == 0)
		ed.title = args != NULL ? args : "";
	else if (args == NULL || *args == '\0') {
		/* ":description" alone: the long text in the editor */
		return team_may_edit(t) ? team_describe(t) : RD_PAINT;
	} else
		ed.description = args;
	rc = team_do_set(t, &ed);
	action_flow_clear(&t->f);
	return rc;
}

int
team_run(struct tui *t, enum tui_action a)
{
	action_flow_clear(&t->f);
	t->f.act = a;
	if (action_read_only(t, a))
		return RD_PAINT;
	if (a == ACT_DESCRIBE)
		return team_may_edit(t) ? team_describe(t) : RD_PAINT;
	return a == ACT_PICKUP ? team_start_pickup(t) : team_start_set(t);
}
