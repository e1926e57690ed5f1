/*
 * actions.c: the console's write actions. Each is a short flow of prompts
 * (choose the role, then a qualified person, then a hand-off note ...)
 * that ends in exactly one call of the src/ops function the command line
 * calls, so the rules, the transaction and the journal entry are the same
 * from both front ends. Refusals and errors go to the message line with
 * the message ops wrote. --read-only offers none of this. The incident a
 * flow acts on is fixed (by key) when it starts, whatever reloads happen
 * while the user types.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tui-private.h"
#include "vigil/milestone.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

void
action_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_error = error;
	/* kept in full for :messages, since the message line may cut it */
	if (t->nmsglog == MSGLOG_MAX) {
		free(t->msglog[0]);
		memmove(t->msglog, t->msglog + 1, (MSGLOG_MAX - 1) *
		    sizeof t->msglog[0]);
		t->nmsglog--;
	}
	t->msglog[t->nmsglog++] = xstrdup(t->msg);
}

void
action_flow_clear(struct flow *f)
{
	free(f->s1);
	free(f->s2);
	memset(f, 0, sizeof *f);
	f->role = -1;
}

const char *
action_key(struct tui *t)
{
	if (!t->d.has) {
		action_message(t, true, "No incident selected.");
		return NULL;
	}
	snprintf(t->f.key, sizeof t->f.key, "%s", t->d.inc.key);
	return t->f.key;
}

int
action_result(struct tui *t, int rc, const struct verr *e, bool reviews)
{
	/* another session holds the lock: kept, retried from the tick */
	if (rc != 0 && e->code == VERR_TEMPFAIL && pending_busy(t))
		return RD_PAINT;
	if (rc != 0) {
		action_message(t, true, "%s", e->msg);
		/* a refusal is journaled: the timeline shows it */
		return RD_DETAIL | RD_PAINT;
	}
	t->q.stale = true;
	t->q.count_stale = true;
	if (reviews)
		t->rv.stale = t->rv.count_stale = true;
	return RD_RELOAD;
}

int
action_cancelled(struct tui *t)
{
	action_message(t, false, "Cancelled; nothing changed.");
	action_flow_clear(&t->f);
	return RD_PAINT;
}

/* Is `a` permitted here? If not, say who may. */
static bool
action_allowed(struct tui *t, enum action a)
{
	if (t->d.may[a])
		return true;
	action_message(t, true, "Not permitted: to %s on %s is for %s.",
	    action_desc(a), t->d.inc.key, role_rule_text(a));
	return false;
}

/* ---- the acts -------------------------------------------------------- */

/* A new incident of that kind (the key flow asks; ':new' is security). */
static int
action_do_new_kind(struct tui *t, const char *title, int severity,
    enum kind kind)
{
	struct incident_new	in;
	struct verr		e;
	char			key[INCIDENT_KEY_MAX];
	int64_t			id;
	int			rc;

	memset(&in, 0, sizeof in);
	in.title = title;
	in.severity = severity;
	in.kind = kind;
	rc = ops_incident_new(t->ctx, &in, key, &e);
	if (rc == 0) {
		action_message(t, false, "Created %s.", key);
		if (incident_key_parse(key, &id) == 0)
			data_select_id(t, id);
		t->focus = PANE_QUEUE;
	}
	return action_result(t, rc, &e, false);
}

int
action_do_new(struct tui *t, const char *title, int severity)
{
	return action_do_new_kind(t, title, severity, KIND_SECURITY);
}

int
action_do_assign(struct tui *t, enum role r, const char *login,
    const char *note)
{
	struct verr	e;
	int		rc;

	rc = ops_assign(t->ctx, t->f.key, r, login, note, &e);
	if (rc == 0)
		action_message(t, false, "%s: %s now holds the %s role.",
		    t->f.key, login, role_name(r));
	return action_result(t, rc, &e, false);
}

int
action_do_release(struct tui *t, enum role r, const char *note)
{
	struct verr	e;
	int		rc;

	rc = ops_release(t->ctx, t->f.key, r, note, &e);
	if (rc == 0)
		action_message(t, false, "%s: the %s role is released.",
		    t->f.key, role_name(r));
	return action_result(t, rc, &e, false);
}

int
action_do_stage(struct tui *t, enum stage s, const char *reason)
{
	struct verr	e;
	int		rc;

	rc = ops_stage(t->ctx, t->f.key, s, reason, &e);
	if (rc == 0)
		action_message(t, false, "%s: stage %s.", t->f.key,
		    stage_name(s));
	return action_result(t, rc, &e, false);
}

int
action_do_note(struct tui *t, const char *text)
{
	struct verr	e;
	int		rc;

	rc = ops_note(t->ctx, t->f.key, text, &e);
	if (rc == 0)
		action_message(t, false, "%s: note added.", t->f.key);
	return action_result(t, rc, &e, false);
}

int
action_do_milestone(struct tui *t, const char *name, const char *when)
{
	struct verr	e;
	int64_t		at = 0;
	int		off = 0, rc;
	bool		has_at = when != NULL && *when != '\0' &&
			    strcmp(when, "now") != 0;

	if (has_at && timefmt_parse(when, ops_now(t->ctx), &at, &off) != 0) {
		action_message(t, true, "Not a time: '%s' (use now, or ISO "
		    "8601 with Z or an offset: 2026-11-22T08:50Z).", when);
		return RD_PAINT;
	}
	rc = ops_milestone(t->ctx, t->f.key, name, has_at, at, off, NULL, &e);
	if (rc == 0)
		action_message(t, false, "%s: milestone %s recorded.",
		    t->f.key, name);
	return action_result(t, rc, &e, false);
}

/* ---- confirmations: name what happens, default No (docs/CONSOLE.md rule 7) */

static bool
action_key_matches(const struct tui *t, const char *typed)
{
	size_t	n;

	if (typed == NULL)
		return false;
	while (*typed == ' ')
		typed++;
	n = strlen(typed);
	while (n > 0 && typed[n - 1] == ' ')
		n--;
	return n == strlen(t->f.key) && strncasecmp(typed, t->f.key, n) == 0;
}

/*
 * After a declaration: the customer clock's due as the rules compute it
 * (a re-declaration resumes the first clock), or, when the clock is in
 * error, that error now, on the message line, as the clock starts.
 */
static void
declare_said(struct tui *t, char due[TIMEFMT_MAX])
{
	struct incident		 inc;
	struct clock_view	*v = NULL;
	struct verr		 e;
	size_t			 n = 0, i;
	int64_t			 id;

	timefmt_utc_short(ops_now(t->ctx) + DEADLINE_CUSTOMER_S, due);
	if (ops_key(t->f.key, &id, &e) != 0 ||
	    incidents_get(t->ctx->db, id, &inc, &e) != 0)
		goto say;
	if (ops_clocks_eval(t->ctx, &inc, NULL, 0, ops_now(t->ctx), &v, &n,
	    &e) == 0) {
		for (i = 0; i < n; i++)
			if (v[i].r.state == CLOCK_ERROR) {
				action_message(t, true, "%s: breach declared, "
				    "but clock %s is in ERROR: %s", t->f.key,
				    v[i].id, v[i].r.message);
				clock_views_free(&v, n);
				incident_clear(&inc);
				return;
			}
		if (n > 0 && v[0].r.has_due)
			timefmt_utc_short(v[0].r.due, due);
		clock_views_free(&v, n);
	}
	incident_clear(&inc);
say:
	action_message(t, false, "%s: breach declared. Customers must be "
	    "notified by %s.", t->f.key, due);
}

static int
declare_confirmed(struct tui *t, const char *typed, int choice)
{
	struct verr	e;
	char		due[TIMEFMT_MAX];
	int		rc;

	(void)choice;
	if (!action_key_matches(t, typed)) {
		action_message(t, false, "Not declared: the key was not typed. "
		    "Nothing changed.");
		action_flow_clear(&t->f);
		return RD_PAINT;
	}
	rc = ops_declare(t->ctx, t->f.key, t->f.s1, false, 0, 0, &e);
	if (rc == 0)
		declare_said(t, due);
	action_flow_clear(&t->f);
	return action_result(t, rc, &e, false);
}

int
action_confirm_declare(struct tui *t, const char *reason)
{
	char	q[512], l[128];

	free(t->f.s1);
	t->f.s1 = xstrdup(reason);
	snprintf(q, sizeof q, "Declare a customer data breach on %s? The "
	    "72-hour notification clock starts now. Type the key %s to "
	    "confirm.", t->f.key, t->f.key);
	snprintf(l, sizeof l, "Type %s to declare (anything else: No): ",
	    t->f.key);
	prompt_confirm(t, q, l, declare_confirmed);
	return RD_PAINT;
}

static int
retract_confirmed(struct tui *t, const char *typed, int choice)
{
	struct verr	e;
	int		rc;

	(void)choice;
	if (!action_key_matches(t, typed)) {
		action_message(t, false, "Not retracted: the key was not "
		    "typed. Nothing changed.");
		action_flow_clear(&t->f);
		return RD_PAINT;
	}
	rc = ops_retract(t->ctx, t->f.key, t->f.s1, &e);
	if (rc == 0)
		action_message(t, false, "%s: declaration retracted.",
		    t->f.key);
	action_flow_clear(&t->f);
	return action_result(t, rc, &e, false);
}

int
action_confirm_retract(struct tui *t, const char *reason)
{
	char	q[512], l[128];

	free(t->f.s1);
	t->f.s1 = xstrdup(reason);
	snprintf(q, sizeof q, "Retract the breach declaration on %s? Its "
	    "customer-notification clock stops; the declaration and this "
	    "retraction stay in the record. Type the key %s to confirm.",
	    t->f.key, t->f.key);
	snprintf(l, sizeof l, "Type %s to retract (anything else: No): ",
	    t->f.key);
	prompt_confirm(t, q, l, retract_confirmed);
	return RD_PAINT;
}

static int
close_confirmed(struct tui *t, const char *typed, int choice)
{
	struct verr	e;
	int		rc;

	(void)choice;
	if (!action_key_matches(t, typed)) {
		action_message(t, false, "Not closed: the key was not typed. "
		    "Nothing changed.");
		action_flow_clear(&t->f);
		return RD_PAINT;
	}
	rc = ops_incident_close(t->ctx, t->f.key,
	    (enum resolution)t->f.resolution, t->f.s2, &e);
	if (rc == 0)
		action_message(t, false, "%s: closed as %s.", t->f.key,
		    resolution_name((enum resolution)t->f.resolution));
	action_flow_clear(&t->f);
	return action_result(t, rc, &e, false);
}

int
action_confirm_close(struct tui *t, enum resolution r, const char *note)
{
	char	q[512], l[128];

	t->f.resolution = (int)r;
	free(t->f.s2);
	t->f.s2 = note != NULL && *note != '\0' ? xstrdup(note) : NULL;
	snprintf(q, sizeof q, "Close %s as %s? It leaves the queue and becomes "
	    "a read-only record for the review. Type the key %s to confirm.",
	    t->f.key, resolution_name(r), t->f.key);
	snprintf(l, sizeof l, "Type %s to close (anything else: No): ",
	    t->f.key);
	prompt_confirm(t, q, l, close_confirmed);
	return RD_PAINT;
}

/* ---- the flows ------------------------------------------------------- */

char **
action_strv(size_t n)
{
	return xcalloc(n + 1, sizeof(char *));
}

bool
action_read_only(struct tui *t, enum tui_action a)
{
	const struct keydef	*k = keymap_find(a);

	if (!t->ctx->read_only)
		return false;
	action_message(t, true, "Read-only console: '%s' is not offered "
	    "(opened with --read-only).", k != NULL ? k->name : "?");
	return true;
}

static int
new_kind(struct tui *t, const char *v, int choice)
{
	int	rc;

	if (v == NULL || t->f.s1 == NULL)
		return action_cancelled(t);
	rc = action_do_new_kind(t, t->f.s1, t->f.severity, choice == 1 ?
	    KIND_PRIVACY : KIND_SECURITY);
	action_flow_clear(&t->f);
	return rc;
}

/* After the severity, the kind: security or privacy (the SIM's call). */
static int
new_severity(struct tui *t, const char *v, int choice)
{
	char	**items;

	if (v == NULL || t->f.s1 == NULL)
		return action_cancelled(t);
	t->f.severity = choice + 1;
	items = action_strv(2);
	items[0] = xstrdup("security  unauthorised access to systems");
	items[1] = xstrdup("privacy   personal data of customers");
	prompt_choice(t, "Kind of the new incident", items, NULL, 2,
	    new_kind);
	return RD_PAINT;
}

static int
new_title(struct tui *t, const char *title, int choice)
{
	static const char *const sev[] = {
		"SEV1  critical", "SEV2  high", "SEV3  medium", "SEV4  low",
	};
	char	**items;
	int	  i;

	(void)choice;
	if (title == NULL || *title == '\0')
		return action_cancelled(t);
	t->f.s1 = xstrdup(title);
	items = action_strv(4);
	for (i = 0; i < 4; i++)
		items[i] = xstrdup(sev[i]);
	prompt_choice(t, "Severity of the new incident", items, NULL, 4,
	    new_severity);
	t->p.sel = 2;	/* the command line's default, SEV3 */
	return RD_PAINT;
}

static int
assign_note(struct tui *t, const char *note, int choice)
{
	int	rc;

	(void)choice;
	if (note == NULL)
		return action_cancelled(t);
	rc = action_do_assign(t, (enum role)t->f.role, t->f.s1,
	    *note != '\0' ? note : NULL);
	action_flow_clear(&t->f);
	return rc;
}

static int
assign_person(struct tui *t, const char *login, int choice)
{
	char	label[256];

	(void)choice;
	if (login == NULL)
		return action_cancelled(t);
	t->f.s1 = xstrdup(login);
	snprintf(label, sizeof label, "Hand-off note for %s as %s (Enter to "
	    "skip): ", login, role_name((enum role)t->f.role));
	prompt_text(t, label, "", assign_note);
	return RD_PAINT;
}

/* Offer the people the roster says are qualified for f.role. */
static int
assign_people(struct tui *t)
{
	struct person	*v = NULL;
	struct verr	 e;
	size_t		 n = 0, i, k;
	char		**items, **values, label[128];
	enum role	 r = (enum role)t->f.role;
	int		 pass, sel = -1;

	if (roster_qualified(t->ctx->db, r, &v, &n, &e) != 0) {
		action_message(t, true, "%s", e.msg);
		action_flow_clear(&t->f);
		return RD_PAINT;
	}
	if (n == 0) {
		action_message(t, true, "Nobody on the roster is qualified for "
		    "the %s role ('vigil roster add LOGIN --roles %s').",
		    role_name(r), role_name(r));
		action_flow_clear(&t->f);
		return RD_PAINT;
	}
	/*
	 * Those qualified for the role itself first, administrators (who are
	 * qualified for everything) after; nobody preselected unless someone
	 * holds it now, so a careless Enter picks no one.
	 */
	items = action_strv(n);
	values = action_strv(n);
	for (pass = 0, k = 0; pass < 2; pass++)
		for (i = 0; i < n; i++) {
			bool	holds = t->d.has && t->d.inc.holder[r] != NULL &&
				    strcmp(t->d.inc.holder[r], v[i].login) == 0;

			if (v[i].admin != (pass == 1))
				continue;
			if (holds)
				sel = (int)k;
			xasprintf(&items[k], "%-12s %s%s%s", v[i].login,
			    v[i].name != NULL ? v[i].name : "",
			    v[i].admin ? "  (administrator)" : "",
			    holds ? "  (holds it now)" : "");
			values[k++] = xstrdup(v[i].login);
		}
	person_list_free(&v, n);
	snprintf(label, sizeof label, "Who takes the %s role on %s?",
	    role_name(r), t->f.key);
	prompt_choice(t, label, items, values, (int)n, assign_person);
	t->p.sel = sel;
	return RD_PAINT;
}

static int
assign_role(struct tui *t, const char *v, int choice)
{
	enum role	r;

	(void)choice;
	if (v == NULL || role_parse(v, &r) != 0)
		return action_cancelled(t);
	t->f.role = (int)r;
	return assign_people(t);
}

/* A choice of roles, each shown with its holder. held_only: held ones. */
static int
action_pick_role(struct tui *t, const char *label, bool held_only,
    prompt_done_fn done)
{
	char	**items = action_strv(ROLE__COUNT), **values;
	int	  r, n = 0;

	values = action_strv(ROLE__COUNT);
	for (r = 0; r < ROLE__COUNT; r++) {
		const char	*h = t->d.inc.holder[r];

		if (held_only && h == NULL)
			continue;
		xasprintf(&items[n], "%-10s %s", role_label((enum role)r),
		    h != NULL ? h : "(vacant)");
		values[n++] = xstrdup(role_name((enum role)r));
	}
	if (n == 0) {
		free(items);
		free(values);
		action_message(t, true, "Nobody holds a role on %s.",
		    t->f.key);
		action_flow_clear(&t->f);
		return RD_PAINT;
	}
	prompt_choice(t, label, items, values, n, done);
	return RD_PAINT;
}

static int
release_note(struct tui *t, const char *note, int choice)
{
	int	rc;

	(void)choice;
	if (note == NULL)
		return action_cancelled(t);
	rc = action_do_release(t, (enum role)t->f.role,
	    *note != '\0' ? note : NULL);
	action_flow_clear(&t->f);
	return rc;
}

static int
release_role(struct tui *t, const char *v, int choice)
{
	enum role	r;
	char		label[128];

	(void)choice;
	if (v == NULL || role_parse(v, &r) != 0)
		return action_cancelled(t);
	t->f.role = (int)r;
	snprintf(label, sizeof label, "Release note for %s on %s (Enter to "
	    "skip): ", role_name(r), t->f.key);
	prompt_text(t, label, "", release_note);
	return RD_PAINT;
}

static int
stage_reason(struct tui *t, const char *reason, int choice)
{
	int	rc;

	(void)choice;
	if (reason == NULL)
		return action_cancelled(t);
	rc = action_do_stage(t, (enum stage)t->f.stage, reason);
	action_flow_clear(&t->f);
	return rc;
}

static int
stage_pick(struct tui *t, const char *v, int choice)
{
	enum stage	s;
	char		why[256], label[400];
	int		rc;

	(void)choice;
	if (v == NULL || stage_parse(v, &s) != 0)
		return action_cancelled(t);
	t->f.stage = (int)s;
	if (stage_check_move(t->d.inc.stage, s, false, why, sizeof why) != 0) {
		snprintf(label, sizeof label, "Reason (%s): ", why);
		prompt_text(t, label, "", stage_reason);
		return RD_PAINT;
	}
	rc = action_do_stage(t, s, NULL);
	action_flow_clear(&t->f);
	return rc;
}

static int
note_text(struct tui *t, const char *text, int choice)
{
	int	rc;

	(void)choice;
	if (text == NULL || *text == '\0')
		return action_cancelled(t);
	rc = action_do_note(t, text);
	action_flow_clear(&t->f);
	return rc;
}

static int
milestone_time(struct tui *t, const char *when, int choice)
{
	int64_t	at;
	int	off, rc;
	char	label[256];

	(void)choice;
	if (when == NULL)
		return action_cancelled(t);
	if (*when != '\0' && strcmp(when, "now") != 0 &&
	    timefmt_parse(when, ops_now(t->ctx), &at, &off) != 0) {
		/* ask again, keeping what was typed */
		action_message(t, true, "Not a time: use now, or ISO 8601 with "
		    "Z or an offset (2026-11-22T08:50Z).");
		snprintf(label, sizeof label, "When did %s happen? ", t->f.s1);
		prompt_text(t, label, when, milestone_time);
		return RD_PAINT;
	}
	rc = action_do_milestone(t, t->f.s1, when);
	action_flow_clear(&t->f);
	return rc;
}

static int
milestone_name(struct tui *t, const char *name, int choice)
{
	char	label[256];

	(void)choice;
	if (name == NULL)
		return action_cancelled(t);
	t->f.s1 = xstrdup(name);
	snprintf(label, sizeof label, "When did %s happen? (Enter: now; or "
	    "2026-11-22T08:50Z) ", name);
	prompt_text_default(t, label, "now", milestone_time);
	return RD_PAINT;
}

static int
action_pick_milestone(struct tui *t)
{
	const char	*all = milestone_user_names(), *p, *sp;
	char		**items = action_strv(32), **values = action_strv(32);
	char		 name[MILESTONE_NAME_MAX];
	int		 n = 0;
	size_t		 i;
	bool		 done;

	for (p = all; *p != '\0' && n < 32; p = *sp ? sp + 1 : sp) {
		if ((sp = strchr(p, ' ')) == NULL)
			sp = p + strlen(p);
		snprintf(name, sizeof name, "%.*s", (int)(sp - p), p);
		if (strchr(name, ':') != NULL)
			continue;	/* sent:RULE belongs to the clocks */
		done = false;
		for (i = 0; i < t->d.nms; i++)
			if (strcmp(t->d.ms[i].name, name) == 0)
				done = true;
		xasprintf(&items[n], "%-24s%s", name, done ?
		    "(recorded)" : "");
		values[n++] = xstrdup(name);
	}
	prompt_choice(t, "Which milestone?", items, values, n,
	    milestone_name);
	return RD_PAINT;
}

static int
declare_reason(struct tui *t, const char *reason, int choice)
{
	(void)choice;
	if (reason == NULL)
		return action_cancelled(t);
	if (*reason == '\0') {
		action_message(t, true, "A declaration needs a reason.");
		prompt_text(t, "Why is this a customer data breach? ", "",
		    declare_reason);
		return RD_PAINT;
	}
	return action_confirm_declare(t, reason);
}

static int
retract_reason(struct tui *t, const char *reason, int choice)
{
	(void)choice;
	if (reason == NULL)
		return action_cancelled(t);
	if (*reason == '\0') {
		action_message(t, true, "A retraction needs a reason.");
		prompt_text(t, "Why retract the declaration? ", "",
		    retract_reason);
		return RD_PAINT;
	}
	return action_confirm_retract(t, reason);
}

static int
close_note(struct tui *t, const char *note, int choice)
{
	(void)choice;
	if (note == NULL)
		return action_cancelled(t);
	return action_confirm_close(t, (enum resolution)t->f.resolution, note);
}

static int
close_resolution(struct tui *t, const char *v, int choice)
{
	enum resolution	r;

	(void)choice;
	if (v == NULL || resolution_parse(v, &r) != 0)
		return action_cancelled(t);
	t->f.resolution = (int)r;
	prompt_text(t, "Closing note (Enter to skip): ", "", close_note);
	return RD_PAINT;
}

/* Declaring and retracting are offered to the incident's EIM only. */
static bool
action_is_eim(struct tui *t, const char *what)
{
	const char	*eim = t->d.inc.holder[ROLE_EIM];

	if (t->d.may_declare)
		return true;
	if (eim != NULL)
		action_message(t, true, "Only the incident's current EIM can "
		    "%s; the EIM of %s is %s.", what, t->f.key, eim);
	else
		action_message(t, true, "Only the incident's current EIM can "
		    "%s; nobody holds the EIM role on %s (a assigns it).",
		    what, t->f.key);
	return false;
}

int
action_start(struct tui *t, enum tui_action a)
{
	const struct keydef	*k = keymap_find(a);
	char			 label[256], **items, **values;
	int			 s, n;

	action_flow_clear(&t->f);
	t->f.act = a;
	if (t->ctx->read_only && k != NULL && k->writes) {
		action_message(t, true, "Read-only console: '%s' is not "
		    "offered (opened with --read-only).", k->name);
		return RD_PAINT;
	}
	if (a == ACT_NEW) {
		prompt_text(t, "New incident title: ", "", new_title);
		return RD_PAINT;
	}
	if (action_key(t) == NULL)
		return RD_PAINT;
	switch (a) {
	case ACT_ASSIGN:
		if (!action_allowed(t, ACTION_ASSIGN))
			return RD_PAINT;
		if (t->focus == PANE_ROLES) {
			t->f.role = (int)panes_role_at(t);
			return assign_people(t);
		}
		snprintf(label, sizeof label, "Assign which role on %s?",
		    t->f.key);
		return action_pick_role(t, label, false, assign_role);
	case ACT_RELEASE:
		if (!action_allowed(t, ACTION_RELEASE))
			return RD_PAINT;
		if (t->focus == PANE_ROLES &&
		    t->d.inc.holder[panes_role_at(t)] != NULL)
			return release_role(t, role_name(panes_role_at(t)),
			    0);
		snprintf(label, sizeof label, "Release which role on %s?",
		    t->f.key);
		return action_pick_role(t, label, true, release_role);
	case ACT_STAGE:
		if (!action_allowed(t, ACTION_STAGE))
			return RD_PAINT;
		items = action_strv(STAGE_CLOSE);
		values = action_strv(STAGE_CLOSE);
		for (s = 0, n = 0; s < STAGE_CLOSE; s++) {
			if (s == (int)t->d.inc.stage)
				continue;
			items[n] = xstrdup(stage_name((enum stage)s));
			values[n++] = xstrdup(stage_name((enum stage)s));
		}
		snprintf(label, sizeof label, "Move %s from %s to which "
		    "stage?", t->f.key, stage_name(t->d.inc.stage));
		prompt_choice(t, label, items, values, n, stage_pick);
		return RD_PAINT;
	case ACT_NOTE:
		if (!action_allowed(t, ACTION_NOTE))
			return RD_PAINT;
		snprintf(label, sizeof label, "Note on %s: ", t->f.key);
		prompt_text(t, label, "", note_text);
		return RD_PAINT;
	case ACT_LONG_NOTE:
		if (!action_allowed(t, ACTION_NOTE))
			return RD_PAINT;
		snprintf(label, sizeof label, "Note on %s: ", t->f.key);
		return editor_save(t, "note", "", INCIDENT_TEXT_MAX, label,
		    note_text);
	case ACT_MILESTONE:
		if (!action_allowed(t, ACTION_MILESTONE))
			return RD_PAINT;
		return action_pick_milestone(t);
	case ACT_DECLARE:
		if (!action_is_eim(t, "declare a breach"))
			return RD_PAINT;
		if (t->d.inc.declared) {
			action_message(t, true, "%s is already declared.",
			    t->f.key);
			return RD_PAINT;
		}
		prompt_text(t, "Why is this a customer data breach? ", "",
		    declare_reason);
		return RD_PAINT;
	case ACT_RETRACT:
		if (!action_is_eim(t, "retract a declaration"))
			return RD_PAINT;
		if (!t->d.inc.declared) {
			action_message(t, true, "%s has no declaration to "
			    "retract.", t->f.key);
			return RD_PAINT;
		}
		prompt_text(t, "Why retract the declaration? ", "",
		    retract_reason);
		return RD_PAINT;
	case ACT_CLOSE:
		if (!action_allowed(t, ACTION_CLOSE))
			return RD_PAINT;
		items = action_strv(4);
		values = action_strv(4);
		for (s = 0; s < 4; s++) {
			items[s] = xstrdup(resolution_name(
			    (enum resolution)(s + 1)));
			values[s] = xstrdup(items[s]);
		}
		snprintf(label, sizeof label, "Close %s with which "
		    "resolution?", t->f.key);
		prompt_choice(t, label, items, values, 4, close_resolution);
		return RD_PAINT;
	default:
		return RD_NONE;
	}
}
