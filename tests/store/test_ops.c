/*
 * test_ops.c: every action of src/ops against a real file, with a pinned
 * clock. Each happy path checks the rows and its one journal entry; each
 * refusal checks the code and that the database is unchanged -- except,
 * for a refusal by the permission table, exactly one "denied" journal
 * entry naming who tried what. A failure in the middle of an action (a
 * constraint planted behind vigil's back makes the journal insert fail
 * after the other rows were written) must leave nothing behind. Last, the
 * 72-hour customer deadline and its states as a declaration makes them.
 *
 * The team: boss (administrator, created the file), sim1 (sim, triage),
 * sim2 (sim), eim1 (eim), tri1 (triage), for1 (forensics), plain (comms,
 * holding nothing), and "outsider", who is not on the roster.
 */
#include "storetest.h"

#include "vigil/deadline.h"

static struct st_fixture *
team(void)
{
	struct st_fixture	*f = st_open("boss");

	st_person(f, "sim1", "sim,triage", false);
	st_person(f, "sim2", "sim", false);
	st_person(f, "eim1", "eim", false);
	st_person(f, "tri1", "triage", false);
	st_person(f, "for1", "forensics", false);
	st_person(f, "plain", "comms", false);
	return f;
}

/* A new incident opened by boss; the actor is boss afterwards. */
static void
new_incident(struct st_fixture *f, const char *title, int sev, char *key)
{
	struct incident_new	in = { .title = title, .severity = sev };
	struct verr		e;

	st_as(f, "boss");
	if (ops_incident_new(&f->ctx, &in, key, &e) != 0)
		fail_msg("new: %s", e.msg);
}

static void
ok(int rc, const struct verr *e)
{
	if (rc != 0)
		fail_msg("refused (%d): %s", e->code, e->msg);
}

static struct incident
get(struct st_fixture *f, const char *key)
{
	struct incident	inc;
	struct verr	e;
	int64_t		id;

	assert_int_equal(incident_key_parse(key, &id), 0);
	if (incidents_get(f->ctx.db, id, &inc, &e) != 0)
		fail_msg("get %s: %s", key, e.msg);
	return inc;
}

static bool
is_declared(struct st_fixture *f, const char *key)
{
	struct incident	inc = get(f, key);
	bool		b = inc.declared;

	incident_clear(&inc);
	return b;
}

static bool
has_running_clock(struct st_fixture *f, const char *key)
{
	struct incident	inc = get(f, key);
	bool		b = inc.has_next_due;

	incident_clear(&inc);
	return b;
}

/* The newest journal entry's action, login, incident and payload field. */
static void
last_entry(struct st_fixture *f, const char *action, const char *login,
    int64_t incident)
{
	char	*a, *l;
	int64_t	 seq = st_int(f->path, "SELECT max(seq) FROM journal");

	a = st_text(f->path, "SELECT action FROM journal WHERE seq = %lld",
	    (long long)seq);
	l = st_text(f->path, "SELECT login FROM journal WHERE seq = %lld",
	    (long long)seq);
	assert_string_equal(a, action);
	assert_string_equal(l, login);
	if (incident > 0)
		assert_int_equal(st_int(f->path, "SELECT incident_id FROM "
		    "journal WHERE seq = %lld", (long long)seq), incident);
	else
		assert_int_equal(st_int(f->path, "SELECT incident_id IS NULL "
		    "FROM journal WHERE seq = %lld", (long long)seq), 1);
	free(a);
	free(l);
}

static char *
last_payload(struct st_fixture *f, const char *field)
{
	return st_text(f->path, "SELECT json_extract(payload, '$.%s') FROM "
	    "journal ORDER BY seq DESC LIMIT 1", field);
}

/* ---- watching for changes ------------------------------------------ */

struct watch {
	char	*all;		/* every row */
	char	*rest;		/* every row but the journal's */
	int64_t	 entries;
};

static void
watch(struct st_fixture *f, struct watch *w)
{
	w->all = st_snapshot(f->path, true);
	w->rest = st_snapshot(f->path, false);
	w->entries = st_journal_count(f->path);
}

static void
watch_free(struct watch *w)
{
	free(w->all);
	free(w->rest);
}

/* Refused with code; nothing at all changed. */
static void
expect_refused(struct st_fixture *f, struct watch *w, int rc,
    const struct verr *e, int code)
{
	char	*now;

	if (rc == 0)
		fail_msg("accepted, but should have been refused (%d)", code);
	if (e->code != code)
		fail_msg("refused with %d, expected %d: %s", e->code, code,
		    e->msg);
	assert_true(strlen(e->msg) > 5);
	assert_null(strchr(e->msg, '\n'));
	now = st_snapshot(f->path, true);
	assert_string_equal(now, w->all);
	free(now);
	watch_free(w);
}

/*
 * Refused by the permission table: 77, the rest of the database unchanged,
 * exactly one new journal entry "denied" by the actor about the incident.
 */
static void
expect_denied(struct st_fixture *f, struct watch *w, int rc,
    const struct verr *e, const char *attempt, int64_t incident)
{
	char	*now, *p;

	if (rc == 0)
		fail_msg("%s was allowed for %s", attempt, f->ctx.me.login);
	if (e->code != VERR_NOPERM)
		fail_msg("refused with %d, expected 77: %s", e->code, e->msg);
	now = st_snapshot(f->path, false);
	assert_string_equal(now, w->rest);
	free(now);
	assert_int_equal(st_journal_count(f->path), w->entries + 1);
	last_entry(f, "denied", f->ctx.me.login, incident);
	p = last_payload(f, "attempt");
	assert_string_equal(p, attempt);
	free(p);
	p = last_payload(f, "reason");
	assert_string_equal(p, e->msg);
	free(p);
	/* the denial is in the chain like any other entry */
	st_verify_ok(f);
	watch_free(w);
}

/* ---- happy paths --------------------------------------------------- */

static void
test_create(void **state)
{
	struct st_fixture	*f = team();
	struct incident_new	 in = { .title = "Suspicious login",
				     .description = "from 203.0.113.9",
				     .severity = 2, .kind = KIND_PRIVACY };
	struct incident		 inc;
	struct milestone	*ms;
	struct verr		 e;
	char			 key[INCIDENT_KEY_MAX], *p;
	size_t			 n;

	(void)state;
	st_as(f, "tri1");	/* anyone on the roster */
	in.has_detected = true;
	in.detected_at = ST_T0 - 2 * ST_HOUR;
	in.detected_offset = 3600;
	ok(ops_incident_new(&f->ctx, &in, key, &e), &e);
	assert_string_equal(key, "IR-1");
	inc = get(f, key);
	assert_string_equal(inc.title, "Suspicious login");
	assert_string_equal(inc.description, "from 203.0.113.9");
	assert_int_equal(inc.severity, 2);
	assert_int_equal(inc.kind, KIND_PRIVACY);
	assert_int_equal(inc.stage, STAGE_DETECT);
	assert_false(inc.closed);
	assert_false(inc.declared);
	assert_int_equal(inc.created_at, ST_T0);
	assert_string_equal(inc.created_by, "tri1");
	assert_int_equal(strlen(inc.uuid), 36);
	incident_clear(&inc);
	last_entry(f, "incident.new", "tri1", 1);
	p = last_payload(f, "key");
	assert_string_equal(p, "IR-1");
	free(p);
	p = last_payload(f, "detected");
	assert_string_equal(p, "2026-11-22T07:50:00+01:00");
	free(p);
	/* the detected milestone, with when it happened and its offset */
	assert_int_equal(milestones_list(f->ctx.db, 1, &ms, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ms[0].name, "detected");
	assert_int_equal(ms[0].at, ST_T0 - 2 * ST_HOUR);
	assert_int_equal(ms[0].offset_s, 3600);
	assert_int_equal(ms[0].recorded_at, ST_T0);
	assert_string_equal(ms[0].recorded_by, "tri1");
	milestone_list_free(&ms, n);
	/* keys count up */
	new_incident(f, "second", 4, key);
	assert_string_equal(key, "IR-2");
	st_verify_ok(f);
	st_close(&f);
}

static void
test_assign_handover_release(void **state)
{
	struct st_fixture	*f = team();
	struct assignment	*as;
	struct incident		 inc;
	struct verr		 e;
	char			 key[INCIDENT_KEY_MAX], *p;
	size_t			 n;

	(void)state;
	new_incident(f, "t", 3, key);
	ok(ops_assign(&f->ctx, key, ROLE_SIM, "sim1", NULL, &e), &e);
	last_entry(f, "role.assign", "boss", 1);
	st_now += ST_HOUR;
	/* the sim hands over to another sim, with a note */
	st_as(f, "sim1");
	ok(ops_assign(&f->ctx, key, ROLE_SIM, "sim2", "going off shift", &e),
	    &e);
	last_entry(f, "role.assign", "sim1", 1);
	p = last_payload(f, "previous");
	assert_string_equal(p, "sim1");
	free(p);
	inc = get(f, key);
	assert_string_equal(inc.holder[ROLE_SIM], "sim2");
	assert_int_equal(inc.held_since[ROLE_SIM], ST_T0 + ST_HOUR);
	incident_clear(&inc);
	assert_int_equal(assignments_list(f->ctx.db, 1, &as, &n, &e), 0);
	/* first the creator's triage (boss may do triage), then the sims */
	assert_int_equal(n, 3);
	assert_int_equal(as[0].role, ROLE_TRIAGE);
	assert_string_equal(as[0].login, "boss");
	assert_string_equal(as[1].login, "sim1");
	assert_true(as[1].released);
	assert_int_equal(as[1].assigned_at, ST_T0);
	assert_string_equal(as[1].assigned_by, "boss");
	assert_int_equal(as[1].released_at, ST_T0 + ST_HOUR);
	assert_string_equal(as[1].released_by, "sim1");
	assert_string_equal(as[1].release_note, "going off shift");
	assert_string_equal(as[2].login, "sim2");
	assert_false(as[2].released);
	assert_string_equal(as[2].note, "going off shift");
	assignment_list_free(&as, n);

	/* the new sim assigns the other roles */
	st_as(f, "sim2");
	ok(ops_assign(&f->ctx, key, ROLE_EIM, "eim1", NULL, &e), &e);
	ok(ops_assign(&f->ctx, key, ROLE_FORENSICS, "for1", NULL, &e), &e);
	ok(ops_release(&f->ctx, key, ROLE_FORENSICS, "done", &e), &e);
	last_entry(f, "role.release", "sim2", 1);
	p = last_payload(f, "login");
	assert_string_equal(p, "for1");
	free(p);
	inc = get(f, key);
	assert_null(inc.holder[ROLE_FORENSICS]);
	assert_string_equal(inc.holder[ROLE_EIM], "eim1");
	incident_clear(&inc);

	/* triage hands a fresh incident to a sim, and may take it back */
	new_incident(f, "t2", 3, key);
	ok(ops_assign(&f->ctx, key, ROLE_TRIAGE, "tri1", NULL, &e), &e);
	st_as(f, "tri1");
	ok(ops_assign(&f->ctx, key, ROLE_SIM, "sim1", NULL, &e), &e);
	ok(ops_release(&f->ctx, key, ROLE_SIM, NULL, &e), &e);
	st_verify_ok(f);
	st_close(&f);
}

static void
test_stage_note_milestone(void **state)
{
	struct st_fixture	*f = team();
	struct incident		 inc;
	struct note		*notes;
	struct milestone	*ms;
	struct verr		 e;
	char			 key[INCIDENT_KEY_MAX], *p;
	size_t			 n;

	(void)state;
	new_incident(f, "t", 3, key);
	ok(ops_assign(&f->ctx, key, ROLE_SIM, "sim1", NULL, &e), &e);
	st_as(f, "sim1");
	ok(ops_stage(&f->ctx, key, STAGE_ASSESS, NULL, &e), &e);
	last_entry(f, "stage.change", "sim1", 1);
	p = last_payload(f, "to");
	assert_string_equal(p, "assess");
	free(p);
	ok(ops_stage(&f->ctx, key, STAGE_STABILIZE, "contained early", &e),
	    &e);
	ok(ops_stage(&f->ctx, key, STAGE_DIAGNOSE, "not contained after all",
	    &e), &e);
	p = last_payload(f, "reason");
	assert_string_equal(p, "not contained after all");
	free(p);
	inc = get(f, key);
	assert_int_equal(inc.stage, STAGE_DIAGNOSE);
	incident_clear(&inc);

	/* a note from anyone on the roster, stored byte for byte */
	st_as(f, "plain");
	st_now += 60;
	ok(ops_note(&f->ctx, key, "payload: \x1b[2J\xff", &e), &e);
	last_entry(f, "note.add", "plain", 1);
	assert_int_equal(notes_list(f->ctx.db, 1, 0, &notes, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(notes[0].text, "payload: \x1b[2J\xff");
	assert_string_equal(notes[0].author, "plain");
	assert_int_equal(notes[0].at, ST_T0 + 60);
	note_list_free(&notes, n);

	/* a role holder records milestones, at a time in the past */
	st_as(f, "sim1");
	ok(ops_milestone(&f->ctx, key, "event_started", true,
	    ST_T0 - 5 * ST_HOUR, -18000, "first log line", &e), &e);
	ok(ops_milestone(&f->ctx, key, "oncall_engaged", false, 0, 0, NULL,
	    &e), &e);
	ok(ops_milestone(&f->ctx, key, "aware", true, ST_T0 - ST_HOUR, 0,
	    NULL, &e), &e);
	ok(ops_milestone(&f->ctx, key, "aware", true, ST_T0 - 30, 0, NULL,
	    &e), &e);	/* triggers may recur */
	ok(ops_milestone(&f->ctx, key, "sent:gdpr-33", false, 0, 0, NULL,
	    &e), &e);
	last_entry(f, "milestone.record", "sim1", 1);
	assert_int_equal(milestones_list(f->ctx.db, 1, &ms, &n, &e), 0);
	assert_int_equal(n, 5);
	assert_string_equal(ms[0].name, "event_started");
	assert_int_equal(ms[0].offset_s, -18000);
	assert_string_equal(ms[0].note, "first log line");
	assert_int_equal(ms[0].recorded_at, ST_T0 + 60);
	milestone_list_free(&ms, n);
	/* an administrator records without holding a role */
	st_as(f, "boss");
	ok(ops_milestone(&f->ctx, key, "response_engaged", false, 0, 0, NULL,
	    &e), &e);
	st_verify_ok(f);
	st_close(&f);
}

static void
test_declare_retract_close(void **state)
{
	struct st_fixture	*f = team();
	struct incident		 inc;
	struct milestone	*ms;
	struct verr		 e;
	char			 key[INCIDENT_KEY_MAX], *p;
	size_t			 n;

	(void)state;
	new_incident(f, "exfiltration", 1, key);
	ok(ops_assign(&f->ctx, key, ROLE_SIM, "sim1", NULL, &e), &e);
	ok(ops_assign(&f->ctx, key, ROLE_EIM, "eim1", NULL, &e), &e);
	st_as(f, "eim1");
	st_now = ST_T0 + ST_HOUR;
	ok(ops_declare(&f->ctx, key, "customer data read by the attacker",
	    true, ST_T0, 3600, &e), &e);
	last_entry(f, "breach.declare", "eim1", 1);
	p = last_payload(f, "due");
	assert_string_equal(p, "2026-11-25T08:50:00Z");
	free(p);
	inc = get(f, key);
	assert_true(inc.declared);
	assert_int_equal(inc.declared_at, ST_T0);
	assert_string_equal(inc.declared_by, "eim1");
	assert_true(inc.has_next_due);
	assert_int_equal(inc.next_due, ST_T0 + 72 * ST_HOUR);
	incident_clear(&inc);
	assert_int_equal(milestones_list(f->ctx.db, 1, &ms, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ms[0].name, "declared");
	assert_int_equal(ms[0].at, ST_T0);
	assert_int_equal(ms[0].offset_s, 3600);
	assert_string_equal(ms[0].recorded_by, "eim1");
	milestone_list_free(&ms, n);

	/* retracted by the eim, with a reason; both acts stay */
	st_now += ST_HOUR;
	ok(ops_retract(&f->ctx, key, "it was test data", &e), &e);
	last_entry(f, "breach.retract", "eim1", 1);
	inc = get(f, key);
	assert_false(inc.declared);
	assert_false(inc.has_next_due);
	incident_clear(&inc);
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM milestone "
	    "WHERE name IN ('declared', 'retracted')"), 2);
	/* and declared again later: the retraction stopped the clock, it did
	 * not reset it; it resumes with the first due time */
	st_now += ST_HOUR;
	ok(ops_declare(&f->ctx, key, "confirmed after all", false, 0, 0, &e),
	    &e);
	inc = get(f, key);
	assert_int_equal(inc.declared_at, st_now);
	assert_int_equal(inc.next_due, ST_T0 + 72 * ST_HOUR);
	incident_clear(&inc);

	/* customers notified, then the sim closes it */
	st_as(f, "sim1");
	st_now += ST_HOUR;
	ok(ops_milestone(&f->ctx, key, "customers_notified", false, 0, 0,
	    NULL, &e), &e);
	inc = get(f, key);
	assert_true(inc.notified);
	assert_int_equal(inc.notified_at, st_now);
	assert_false(inc.has_next_due);	/* its clock has stopped */
	incident_clear(&inc);
	ok(ops_incident_close(&f->ctx, key, RESOLUTION_CONFIRMED, "lessons in "
	    "the review", &e), &e);
	last_entry(f, "incident.close", "sim1", 1);
	p = last_payload(f, "resolution");
	assert_string_equal(p, "confirmed");
	free(p);
	inc = get(f, key);
	assert_true(inc.closed);
	assert_int_equal(inc.resolution, RESOLUTION_CONFIRMED);
	assert_int_equal(inc.closed_at, st_now);
	incident_clear(&inc);
	/* the closing note is on the timeline */
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM note WHERE "
	    "text = 'lessons in the review'"), 1);
	/* an administrator closes too */
	new_incident(f, "noise", 4, key);
	ok(ops_incident_close(&f->ctx, key, RESOLUTION_FALSE_POSITIVE, NULL,
	    &e), &e);
	st_verify_ok(f);
	st_close(&f);
}

static void
test_roster(void **state)
{
	struct st_fixture	*f = team();
	struct roster_entry	 re = { .login = "newbie", .name = "New Bie",
				     .contact = "+1 555 0100",
				     .has_roles = true,
				     .roles = ROLE_BIT(ROLE_SUPPORT) };
	struct person		 p;
	struct verr		 e;

	(void)state;
	ok(ops_roster_add(&f->ctx, &re, &e), &e);
	last_entry(f, "roster.add", "boss", 0);
	assert_int_equal(roster_get(f->ctx.db, "newbie", &p, &e), 1);
	assert_string_equal(p.name, "New Bie");
	assert_string_equal(p.contact, "+1 555 0100");
	assert_int_equal(p.roles, ROLE_BIT(ROLE_SUPPORT));
	assert_false(p.admin);
	assert_int_equal(p.added_at, ST_T0);
	assert_string_equal(p.added_by, "boss");
	person_clear(&p);
	/* updating keeps what is not given */
	memset(&re, 0, sizeof re);
	re.login = "newbie";
	re.has_admin = true;
	re.admin = true;
	ok(ops_roster_add(&f->ctx, &re, &e), &e);
	last_entry(f, "roster.update", "boss", 0);
	assert_int_equal(roster_get(f->ctx.db, "newbie", &p, &e), 1);
	assert_string_equal(p.name, "New Bie");
	assert_int_equal(p.roles, ROLE_BIT(ROLE_SUPPORT));
	assert_true(p.admin);
	person_clear(&p);
	/* the creator is the administrator, qualified for everything */
	assert_int_equal(roster_get(f->ctx.db, "boss", &p, &e), 1);
	assert_true(p.admin);
	assert_int_equal(p.roles, ROLE_ALL);
	person_clear(&p);
	st_close(&f);
}

/* ---- refusals by the permission table ------------------------------ */

static void
test_denied(void **state)
{
	struct st_fixture	*f = team();
	struct incident_new	 in = { .title = "x", .severity = 3 };
	struct roster_entry	 re = { .login = "mallory", .has_admin = true,
				     .admin = true };
	struct watch		 w;
	struct verr		 e;
	char			 key[INCIDENT_KEY_MAX];
	int			 rc;

	(void)state;
	new_incident(f, "t", 3, key);
	ok(ops_assign(&f->ctx, key, ROLE_SIM, "sim1", NULL, &e), &e);
	ok(ops_assign(&f->ctx, key, ROLE_EIM, "eim1", NULL, &e), &e);
	ok(ops_assign(&f->ctx, key, ROLE_TRIAGE, "tri1", NULL, &e), &e);

	/* not on the roster: nothing that writes, told how to be added */
	st_as(f, "outsider");
	watch(f, &w);
	rc = ops_incident_new(&f->ctx, &in, key, &e);
	expect_denied(f, &w, rc, &e, "new", 0);
	assert_non_null(strstr(e.msg, "vigil roster add"));
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM incident"), 1);
	watch(f, &w);
	rc = ops_note(&f->ctx, "IR-1", "hello", &e);
	expect_denied(f, &w, rc, &e, "note", 1);
	assert_non_null(strstr(e.msg, "roster"));

	/* a plain roster member holding nothing on the incident */
	st_as(f, "plain");
	watch(f, &w);
	rc = ops_stage(&f->ctx, "IR-1", STAGE_ASSESS, NULL, &e);
	expect_denied(f, &w, rc, &e, "stage", 1);
	watch(f, &w);
	rc = ops_assign(&f->ctx, "IR-1", ROLE_COMMS, "plain", NULL, &e);
	expect_denied(f, &w, rc, &e, "assign", 1);
	assert_non_null(strstr(e.msg, "sim"));
	watch(f, &w);
	rc = ops_milestone(&f->ctx, "IR-1", "detected", false, 0, 0, NULL,
	    &e);
	expect_denied(f, &w, rc, &e, "milestone", 1);
	watch(f, &w);
	rc = ops_incident_close(&f->ctx, "IR-1", RESOLUTION_BENIGN, NULL, &e);
	expect_denied(f, &w, rc, &e, "close", 1);
	watch(f, &w);
	rc = ops_roster_add(&f->ctx, &re, &e);
	expect_denied(f, &w, rc, &e, "roster", 0);
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM roster WHERE "
	    "login = 'mallory'"), 0);

	/* triage may assign the sim, nobody else */
	st_as(f, "tri1");
	watch(f, &w);
	rc = ops_assign(&f->ctx, "IR-1", ROLE_EIM, "boss", NULL, &e);
	expect_denied(f, &w, rc, &e, "assign", 1);
	watch(f, &w);
	rc = ops_release(&f->ctx, "IR-1", ROLE_EIM, NULL, &e);
	expect_denied(f, &w, rc, &e, "release", 1);
	watch(f, &w);
	rc = ops_stage(&f->ctx, "IR-1", STAGE_ASSESS, NULL, &e);
	expect_denied(f, &w, rc, &e, "stage", 1);

	/* the sim is not the eim: no declaration */
	st_as(f, "sim1");
	watch(f, &w);
	rc = ops_declare(&f->ctx, "IR-1", "I think so", false, 0, 0, &e);
	expect_denied(f, &w, rc, &e, "declare", 1);
	assert_non_null(strstr(e.msg, "eim"));
	/* nor is the administrator, qualified for every role */
	st_as(f, "boss");
	watch(f, &w);
	rc = ops_declare(&f->ctx, "IR-1", "as admin", false, 0, 0, &e);
	expect_denied(f, &w, rc, &e, "declare", 1);
	assert_false(is_declared(f, "IR-1"));
	/* an eim of another incident is not this one's eim */
	new_incident(f, "other", 3, key);
	ok(ops_assign(&f->ctx, key, ROLE_EIM, "eim1", NULL, &e), &e);
	st_as(f, "eim1");
	ok(ops_declare(&f->ctx, "IR-2", "real", false, 0, 0, &e), &e);
	st_as(f, "sim1");
	watch(f, &w);
	rc = ops_retract(&f->ctx, "IR-2", "no", &e);
	expect_denied(f, &w, rc, &e, "retract", 2);
	st_as(f, "boss");
	watch(f, &w);
	rc = ops_retract(&f->ctx, "IR-2", "no", &e);
	expect_denied(f, &w, rc, &e, "retract", 2);
	/* the eim who was released loses the power */
	ok(ops_release(&f->ctx, "IR-1", ROLE_EIM, NULL, &e), &e);
	st_as(f, "eim1");
	watch(f, &w);
	rc = ops_declare(&f->ctx, "IR-1", "still me?", false, 0, 0, &e);
	expect_denied(f, &w, rc, &e, "declare", 1);
	st_verify_ok(f);
	st_close(&f);
}

/* ---- refusals of invalid requests ---------------------------------- */

static void
test_invalid(void **state)
{
	struct st_fixture	*f = team();
	struct incident_new	 in = { .title = "x", .severity = 3 };
	struct watch		 w;
	struct verr		 e;
	char			 key[INCIDENT_KEY_MAX], *big;
	int			 rc;

	(void)state;
	new_incident(f, "t", 3, key);
	ok(ops_assign(&f->ctx, key, ROLE_SIM, "sim1", NULL, &e), &e);
	ok(ops_assign(&f->ctx, key, ROLE_EIM, "eim1", NULL, &e), &e);
	big = malloc(70000);
	memset(big, 'a', 69999);
	big[69999] = '\0';

	st_as(f, "sim1");
	/* no such incident, not a key */
	watch(f, &w);
	rc = ops_note(&f->ctx, "IR-99", "x", &e);
	expect_refused(f, &w, rc, &e, VERR_NOINPUT);
	assert_non_null(strstr(e.msg, "IR-99"));
	watch(f, &w);
	rc = ops_stage(&f->ctx, "INC-1", STAGE_ASSESS, NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	/* stage moves */
	watch(f, &w);
	rc = ops_stage(&f->ctx, key, STAGE_DIAGNOSE, NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	assert_non_null(strstr(e.msg, "reason"));
	watch(f, &w);
	rc = ops_stage(&f->ctx, key, STAGE_DIAGNOSE, "", &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	watch(f, &w);
	rc = ops_stage(&f->ctx, key, STAGE_DETECT, "why not", &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	watch(f, &w);
	rc = ops_stage(&f->ctx, key, STAGE_CLOSE, "skip it", &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	/* assignments */
	watch(f, &w);
	rc = ops_assign(&f->ctx, key, ROLE_FORENSICS, "plain", NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	assert_non_null(strstr(e.msg, "qualified"));
	watch(f, &w);
	rc = ops_assign(&f->ctx, key, ROLE_FORENSICS, "nobody", NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	assert_non_null(strstr(e.msg, "roster"));
	watch(f, &w);
	rc = ops_assign(&f->ctx, key, ROLE_SIM, "sim1", NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	assert_non_null(strstr(e.msg, "already"));
	watch(f, &w);
	rc = ops_release(&f->ctx, key, ROLE_COMMS, NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	/* notes */
	watch(f, &w);
	rc = ops_note(&f->ctx, key, "", &e);
	expect_refused(f, &w, rc, &e, VERR_USAGE);
	watch(f, &w);
	rc = ops_note(&f->ctx, key, NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_USAGE);
	watch(f, &w);
	rc = ops_note(&f->ctx, key, big, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	/* milestones: order, once, future, names */
	ok(ops_milestone(&f->ctx, key, "detected", true, ST_T0 - ST_HOUR, 0,
	    NULL, &e), &e);
	watch(f, &w);
	rc = ops_milestone(&f->ctx, key, "detected", false, 0, 0, NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	assert_non_null(strstr(e.msg, "already"));
	watch(f, &w);
	rc = ops_milestone(&f->ctx, key, "oncall_engaged", true,
	    ST_T0 - 2 * ST_HOUR, 0, NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	assert_non_null(strstr(e.msg, "earlier"));
	watch(f, &w);
	rc = ops_milestone(&f->ctx, key, "event_started", true, ST_T0, 0,
	    NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	assert_non_null(strstr(e.msg, "later"));
	watch(f, &w);
	rc = ops_milestone(&f->ctx, key, "aware", true, ST_T0 + ST_HOUR, 0,
	    NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	assert_non_null(strstr(e.msg, "future"));
	watch(f, &w);
	rc = ops_milestone(&f->ctx, key, "declared", false, 0, 0, NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_USAGE);
	watch(f, &w);
	rc = ops_milestone(&f->ctx, key, "lunch", false, 0, 0, NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_USAGE);
	/* declarations */
	st_as(f, "eim1");
	watch(f, &w);
	rc = ops_declare(&f->ctx, key, "", false, 0, 0, &e);
	expect_refused(f, &w, rc, &e, VERR_USAGE);
	watch(f, &w);
	rc = ops_declare(&f->ctx, key, "soon", true, ST_T0 + 3600, 0, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	watch(f, &w);
	rc = ops_retract(&f->ctx, key, "nothing to retract", &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	ok(ops_declare(&f->ctx, key, "yes", false, 0, 0, &e), &e);
	watch(f, &w);
	rc = ops_declare(&f->ctx, key, "again", false, 0, 0, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	assert_non_null(strstr(e.msg, "already"));
	/* closing a declared breach before customers are notified */
	st_as(f, "sim1");
	watch(f, &w);
	rc = ops_incident_close(&f->ctx, key, RESOLUTION_CONFIRMED, NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	assert_non_null(strstr(e.msg, "notified"));
	watch(f, &w);
	rc = ops_incident_close(&f->ctx, key, RESOLUTION_NONE, NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_USAGE);
	/* creating */
	st_as(f, "boss");
	in.title = "";
	watch(f, &w);
	rc = ops_incident_new(&f->ctx, &in, key, &e);
	expect_refused(f, &w, rc, &e, VERR_USAGE);
	in.title = big;
	watch(f, &w);
	rc = ops_incident_new(&f->ctx, &in, key, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	in.title = "ok";
	in.severity = 5;
	watch(f, &w);
	rc = ops_incident_new(&f->ctx, &in, key, &e);
	expect_refused(f, &w, rc, &e, VERR_USAGE);
	in.severity = 0;
	watch(f, &w);
	rc = ops_incident_new(&f->ctx, &in, key, &e);
	expect_refused(f, &w, rc, &e, VERR_USAGE);
	in.severity = 2;
	in.has_detected = true;
	in.detected_at = ST_T0 + ST_HOUR;
	watch(f, &w);
	rc = ops_incident_new(&f->ctx, &in, key, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	/* roster: bad login, own admin flag */
	{
		struct roster_entry	re = { .login = "-rf" };

		watch(f, &w);
		rc = ops_roster_add(&f->ctx, &re, &e);
		expect_refused(f, &w, rc, &e, VERR_USAGE);
		re.login = "a b";
		watch(f, &w);
		rc = ops_roster_add(&f->ctx, &re, &e);
		expect_refused(f, &w, rc, &e, VERR_USAGE);
		re.login = "boss";
		re.has_admin = true;
		re.admin = false;
		watch(f, &w);
		rc = ops_roster_add(&f->ctx, &re, &e);
		expect_refused(f, &w, rc, &e, VERR_DATA);
	}
	/* read-only: nothing, not even a denial */
	f->ctx.read_only = true;
	watch(f, &w);
	rc = ops_note(&f->ctx, "IR-1", "x", &e);
	expect_refused(f, &w, rc, &e, VERR_NOPERM);
	f->ctx.read_only = false;
	free(big);
	st_verify_ok(f);
	st_close(&f);
}

static void
test_closed_is_read_only(void **state)
{
	struct st_fixture	*f = team();
	struct watch		 w;
	struct verr		 e;
	char			 key[INCIDENT_KEY_MAX];
	int			 rc;

	(void)state;
	new_incident(f, "t", 3, key);
	ok(ops_assign(&f->ctx, key, ROLE_SIM, "sim1", NULL, &e), &e);
	ok(ops_assign(&f->ctx, key, ROLE_EIM, "eim1", NULL, &e), &e);
	ok(ops_incident_close(&f->ctx, key, RESOLUTION_BENIGN, NULL, &e), &e);
	st_as(f, "sim1");
	watch(f, &w);
	rc = ops_note(&f->ctx, key, "late", &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	assert_non_null(strstr(e.msg, "closed"));
	watch(f, &w);
	rc = ops_stage(&f->ctx, key, STAGE_ASSESS, NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	watch(f, &w);
	rc = ops_assign(&f->ctx, key, ROLE_SIM, "sim2", NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	watch(f, &w);
	rc = ops_release(&f->ctx, key, ROLE_SIM, NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	watch(f, &w);
	rc = ops_milestone(&f->ctx, key, "detected", false, 0, 0, NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	watch(f, &w);
	rc = ops_incident_close(&f->ctx, key, RESOLUTION_CONFIRMED, NULL, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	st_as(f, "eim1");
	watch(f, &w);
	rc = ops_declare(&f->ctx, key, "too late", false, 0, 0, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	st_close(&f);
}

/* ---- rollback of an action that fails half-way --------------------- */

/*
 * Make the next journal entry with this action fail (a partial unique
 * index planted with another program, after one such entry exists): the
 * action has by then written its other rows, which must all roll back.
 */
static void
plant_journal_failure(struct st_fixture *f, const char *action)
{
	st_sql(f->path, "CREATE UNIQUE INDEX boom ON journal (action) WHERE "
	    "action = %Q", action);
}

static void
test_rollback_midway(void **state)
{
	struct st_fixture	*f = team();
	struct incident		 inc;
	struct watch		 w;
	struct verr		 e;
	char			 key[INCIDENT_KEY_MAX];
	int			 rc;

	(void)state;
	new_incident(f, "t", 3, key);
	ok(ops_assign(&f->ctx, key, ROLE_SIM, "sim1", NULL, &e), &e);
	/* a hand-over: release sim1, assign sim2, then the journal fails */
	plant_journal_failure(f, "role.assign");
	watch(f, &w);
	rc = ops_assign(&f->ctx, key, ROLE_SIM, "sim2", "handover", &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	inc = get(f, key);
	assert_string_equal(inc.holder[ROLE_SIM], "sim1");
	incident_clear(&inc);
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM assignment "
	    "WHERE role = 'sim'"), 1);
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM assignment "
	    "WHERE released_at IS NOT NULL"), 0);
	st_sql(f->path, "DROP INDEX boom");

	/* close with a note: the note row, then the journal fails */
	new_incident(f, "t2", 3, key);
	ok(ops_incident_close(&f->ctx, key, RESOLUTION_BENIGN, NULL, &e), &e);
	new_incident(f, "t3", 3, key);
	plant_journal_failure(f, "incident.close");
	watch(f, &w);
	rc = ops_incident_close(&f->ctx, key, RESOLUTION_BENIGN, "bye", &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	inc = get(f, key);
	assert_false(inc.closed);
	incident_clear(&inc);
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM note"), 0);
	st_sql(f->path, "DROP INDEX boom");

	/* a declaration: milestone and incident row, then the journal */
	ok(ops_assign(&f->ctx, "IR-1", ROLE_EIM, "eim1", NULL, &e), &e);
	ok(ops_assign(&f->ctx, key, ROLE_EIM, "eim1", NULL, &e), &e);
	st_as(f, "eim1");
	ok(ops_declare(&f->ctx, "IR-1", "first", false, 0, 0, &e), &e);
	plant_journal_failure(f, "breach.declare");
	watch(f, &w);
	rc = ops_declare(&f->ctx, key, "second", false, 0, 0, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	inc = get(f, key);
	assert_false(inc.declared);
	assert_false(inc.has_next_due);
	incident_clear(&inc);
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM milestone "
	    "WHERE name = 'declared'"), 1);
	st_sql(f->path, "DROP INDEX boom");

	st_verify_ok(f);
	st_close(&f);
}

static void
test_rollback_new_incident(void **state)
{
	struct st_fixture	*f = team();
	struct incident_new	 in = { .title = "never", .severity = 1,
				     .has_detected = true,
				     .detected_at = ST_T0 };
	struct watch		 w;
	struct verr		 e;
	char			 key[INCIDENT_KEY_MAX];
	int			 rc;

	(void)state;
	/* the incident row and its detected milestone, then the journal */
	new_incident(f, "first", 3, key);
	plant_journal_failure(f, "incident.new");
	watch(f, &w);
	rc = ops_incident_new(&f->ctx, &in, key, &e);
	expect_refused(f, &w, rc, &e, VERR_DATA);
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM incident"), 1);
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM milestone"), 0);
	st_sql(f->path, "DROP INDEX boom");
	/* and the key is not burnt: the next incident is IR-2 */
	ok(ops_incident_new(&f->ctx, &in, key, &e), &e);
	assert_string_equal(key, "IR-2");
	st_verify_ok(f);
	st_close(&f);
}

/* ---- the 72-hour deadline ------------------------------------------ */

static enum clock_state
state_at(const struct incident *inc, int64_t now, struct deadline *d)
{
	deadline_customer(inc->declared, inc->declared_at, inc->notified,
	    inc->notified_at, now, d);
	return d->state;
}

static void
test_deadline(void **state)
{
	struct st_fixture	*f = team();
	struct incident		 inc, *v;
	struct incident_query	 q = { .set = INCIDENTS_OPEN, .limit = 10 };
	struct deadline		 d;
	struct verr		 e;
	char			 key[INCIDENT_KEY_MAX];
	int64_t			 due;
	size_t			 n;
	int			 i;

	(void)state;
	for (i = 0; i < 3; i++) {
		new_incident(f, "t", i == 2 ? 4 : 1, key);
		ok(ops_assign(&f->ctx, key, ROLE_EIM, "eim1", NULL, &e), &e);
		/* owned: an unowned SEV1 would lead the queue (queue.h) */
		ok(ops_assign(&f->ctx, key, ROLE_SIM, "sim1", NULL, &e), &e);
	}
	/* not declared: no clock */
	inc = get(f, "IR-1");
	assert_int_equal(state_at(&inc, ST_T0, &d), CLOCK_NONE);
	assert_false(d.has_due);
	incident_clear(&inc);

	/* IR-3 (the least severe) declared: it leads the queue */
	st_as(f, "eim1");
	ok(ops_declare(&f->ctx, "IR-3", "breach", true, ST_T0 - 60, 0, &e),
	    &e);
	assert_int_equal(incidents_list(f->ctx.db, &q, &v, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].key, "IR-3");
	assert_string_equal(v[1].key, "IR-1");
	assert_string_equal(v[2].key, "IR-2");
	incident_list_free(&v, n);

	inc = get(f, "IR-3");
	due = ST_T0 - 60 + 72 * ST_HOUR;
	assert_int_equal(state_at(&inc, ST_T0, &d), CLOCK_OK);
	assert_true(d.has_due);
	assert_int_equal(d.due, due);
	assert_int_equal(d.remaining, due - ST_T0);
	/* warn at 25% of 72 h left (18 h), critical at 10% (7.2 h) */
	assert_int_equal(state_at(&inc, due - 18 * ST_HOUR - 1, &d), CLOCK_OK);
	assert_int_equal(state_at(&inc, due - 18 * ST_HOUR, &d), CLOCK_WARN);
	assert_int_equal(state_at(&inc, due - 25921, &d), CLOCK_WARN);
	assert_int_equal(state_at(&inc, due - 25920, &d), CLOCK_CRITICAL);
	assert_int_equal(state_at(&inc, due, &d), CLOCK_CRITICAL);
	assert_int_equal(d.remaining, 0);
	assert_int_equal(state_at(&inc, due + 1, &d), CLOCK_OVERDUE);
	assert_int_equal(d.remaining, -1);
	incident_clear(&inc);

	/* notified an hour before due, recorded later: met */
	st_now = due + 2 * ST_HOUR;
	ok(ops_milestone(&f->ctx, "IR-3", "customers_notified", true,
	    due - ST_HOUR, 0, NULL, &e), &e);
	inc = get(f, "IR-3");
	assert_int_equal(state_at(&inc, st_now, &d), CLOCK_MET);
	assert_int_equal(d.remaining, ST_HOUR);
	assert_int_equal(d.done_at, due - ST_HOUR);
	incident_clear(&inc);
	/* its clock no longer leads the queue */
	assert_int_equal(incidents_list(f->ctx.db, &q, &v, &n, &e), 0);
	assert_string_equal(v[0].key, "IR-1");
	assert_string_equal(v[2].key, "IR-3");
	incident_list_free(&v, n);

	/* IR-1 declared now, notified after its due time: missed */
	ok(ops_declare(&f->ctx, "IR-1", "breach", false, 0, 0, &e), &e);
	due = st_now + 72 * ST_HOUR;
	st_now = due + 3 * ST_HOUR;
	ok(ops_milestone(&f->ctx, "IR-1", "customers_notified", false, 0, 0,
	    NULL, &e), &e);
	inc = get(f, "IR-1");
	assert_int_equal(state_at(&inc, st_now + 100 * ST_HOUR, &d),
	    CLOCK_MISSED);
	assert_int_equal(d.remaining, -3 * ST_HOUR);
	incident_clear(&inc);

	/* a retraction stops the clock */
	ok(ops_declare(&f->ctx, "IR-2", "breach", false, 0, 0, &e), &e);
	assert_true(has_running_clock(f, "IR-2"));
	ok(ops_retract(&f->ctx, "IR-2", "no", &e), &e);
	inc = get(f, "IR-2");
	assert_int_equal(state_at(&inc, st_now, &d), CLOCK_NONE);
	assert_false(inc.has_next_due);
	incident_clear(&inc);
	st_verify_ok(f);
	st_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create),
		cmocka_unit_test(test_assign_handover_release),
		cmocka_unit_test(test_stage_note_milestone),
		cmocka_unit_test(test_declare_retract_close),
		cmocka_unit_test(test_roster),
		cmocka_unit_test(test_denied),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_closed_is_read_only),
		cmocka_unit_test(test_rollback_midway),
		cmocka_unit_test(test_rollback_new_incident),
		cmocka_unit_test(test_deadline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
