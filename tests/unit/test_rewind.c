/*
 * test_rewind.c: folding journal entries into an incident's state
 * (rewind.c): holders come and go, the stage moves, a declaration and its
 * retraction, milestones (also the one a last recipient records), holds
 * and their release, the clocks enabled at creation that the journal
 * does not list, the recipients and their states, edits, and the counts
 * of tasks and evidence.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/rewind.h"
#include "vigil/role.h"

static void
apply(struct rewind_state *st, int64_t seq, int64_t at, const char *action,
    const char *json)
{
	struct payload	p;

	assert_int_equal(payload_parse(json, &p), 0);
	rewind_apply(st, seq, at, "bob", action, &p);
	payload_clear(&p);
}

static void
test_fold(void **state)
{
	struct rewind_state	st;
	char			*init[] = { "gdpr-33" };

	(void)state;
	rewind_init(&st, 7, init, 1);
	assert_string_equal(st.inc.key, "IR-7");
	assert_false(st.exists);
	apply(&st, 1, 100, "incident.new", "{\"key\":\"IR-7\",\"title\":\"T\","
	    "\"severity\":2,\"kind\":\"privacy\",\"detected\":"
	    "\"1970-01-01T00:00:50+01:00\"}");
	assert_true(st.exists);
	assert_int_equal(st.inc.severity, 2);
	assert_int_equal(st.inc.kind, KIND_PRIVACY);
	assert_int_equal(st.nms, 1);
	assert_string_equal(st.ms[0].name, "detected");
	assert_int_equal(st.ms[0].at, 50 - 3600);	/* +01:00 */
	assert_int_equal(st.ms[0].offset_s, 3600);
	apply(&st, 2, 110, "role.assign", "{\"role\":\"sim\",\"login\":"
	    "\"alice\"}");
	assert_string_equal(st.inc.holder[ROLE_SIM], "alice");
	assert_int_equal(st.inc.held_since[ROLE_SIM], 110);
	apply(&st, 3, 120, "role.assign", "{\"role\":\"sim\",\"login\":"
	    "\"carol\",\"previous\":\"alice\"}");
	assert_string_equal(st.inc.holder[ROLE_SIM], "carol");
	apply(&st, 4, 130, "role.release", "{\"role\":\"sim\",\"login\":"
	    "\"carol\"}");
	assert_null(st.inc.holder[ROLE_SIM]);
	apply(&st, 5, 140, "stage.change", "{\"from\":\"detect\",\"to\":"
	    "\"assess\"}");
	assert_int_equal(st.inc.stage, STAGE_ASSESS);
	apply(&st, 6, 150, "breach.declare", "{\"milestone\":\"declared\","
	    "\"at\":\"1970-01-01T00:02:25Z\",\"reason\":\"r\"}");
	assert_true(st.inc.declared);
	assert_int_equal(st.inc.declared_at, 145);
	assert_string_equal(st.inc.declared_by, "bob");
	apply(&st, 7, 160, "breach.retract", "{\"milestone\":\"retracted\","
	    "\"at\":\"1970-01-01T00:02:40Z\",\"reason\":\"no\"}");
	assert_false(st.inc.declared);
	assert_int_equal(st.nms, 3);
	apply(&st, 8, 170, "clocks.enable", "{\"enable\":[\"nis2-early\","
	    "\"dora-initial\"]}");
	apply(&st, 9, 171, "clocks.disable", "{\"disable\":[\"gdpr-33\"]}");
	assert_int_equal(st.nclocks, 2);
	assert_string_equal(st.clocks[0], "nis2-early");
	apply(&st, 10, 180, "clock.hold", "{\"rule\":\"nis2-early\",\"basis\":"
	    "\"law-enforcement: x\",\"from\":\"1970-01-01T00:03:00+00:00\"}");
	assert_int_equal(st.nholds, 1);
	assert_false(st.holds[0].has_until);
	apply(&st, 11, 190, "clock.release", "{\"rule\":\"nis2-early\"}");
	assert_true(st.holds[0].has_until);
	assert_int_equal(st.holds[0].until, 190);
	apply(&st, 12, 200, "recipient.sent", "{\"recipient\":\"R1\",\"state\":"
	    "\"sent\",\"recorded\":{\"milestone\":\"customers_notified\","
	    "\"at\":\"1970-01-01T00:03:20+00:00\"}}");
	assert_true(st.inc.notified);
	assert_int_equal(st.inc.notified_at, 200);
	apply(&st, 13, 210, "incident.close", "{\"resolution\":\"benign\"}");
	assert_true(st.inc.closed);
	assert_int_equal(st.inc.stage, STAGE_CLOSE);
	assert_int_equal(st.inc.resolution, RESOLUTION_BENIGN);
	apply(&st, 14, 220, "evidence.teleport", "{}");	/* unknown: moves on */
	assert_int_equal(st.seq, 14);
	assert_int_equal(st.applied, 14);
	rewind_clear(&st);
}

static void
test_initial_clocks(void **state)
{
	const char	*acts[] = { "incident.new", "clocks.disable",
			    "clocks.enable", "clocks.enable" };
	const char	*json[] = { "{}", "{\"disable\":[\"gdpr-33\"]}",
			    "{\"enable\":[\"gdpr-33\",\"nis2-early\"]}",
			    "{\"enable\":[\"sec-8k\"]}" };
	char		*cur[] = { "gdpr-33", "hipaa", "nis2-early", "sec-8k" };
	struct payload	 p[4];
	char		**out;
	size_t		 n, i;

	(void)state;
	for (i = 0; i < 4; i++)
		assert_int_equal(payload_parse(json[i], &p[i]), 0);
	rewind_initial_clocks(acts, p, 4, cur, 4, &out, &n);
	/* gdpr-33: disabled first, so on at creation; hipaa: never
	 * journaled, on now, so on from creation; the others enabled later */
	assert_int_equal(n, 2);
	assert_string_equal(out[0], "gdpr-33");
	assert_string_equal(out[1], "hipaa");
	for (i = 0; i < n; i++)
		free(out[i]);
	free(out);
	for (i = 0; i < 4; i++)
		payload_clear(&p[i]);
}

/* Recipients: added, marked (a send after the fact), waived, a plan's by
 * id only; edits of the title and severity; tasks and evidence counted. */
static void
test_recipients(void **state)
{
	struct rewind_state	st;

	(void)state;
	rewind_init(&st, 3, NULL, 0);
	apply(&st, 1, 100, "incident.new", "{\"title\":\"T\",\"severity\":3}");
	apply(&st, 2, 110, "recipient.add", "{\"recipient\":\"R2\",\"name\":"
	    "\"DPA\",\"kind\":\"regulator\",\"channel\":\"portal\"}");
	apply(&st, 3, 120, "recipient.add", "{\"recipient\":\"R1\",\"name\":"
	    "\"Acme\",\"kind\":\"customer\",\"channel\":\"email\","
	    "\"contact\":\"sec@acme\"}");
	assert_int_equal(st.nrcp, 2);
	assert_int_equal(st.rcp[0].num, 1);	/* kept by number */
	assert_string_equal(st.rcp[0].name, "Acme");
	assert_string_equal(st.rcp[0].contact, "sec@acme");
	assert_int_equal(st.rcp[1].kind, RKIND_REGULATOR);
	assert_int_equal(st.rcp[1].channel, RCHAN_PORTAL);
	assert_int_equal(st.rcp[0].state, RSTATE_PENDING);
	assert_int_equal(st.rcp[0].created_at, 120);
	apply(&st, 4, 130, "recipient.drafted", "{\"recipient\":\"R1\","
	    "\"state\":\"drafted\",\"at\":\"1970-01-01T00:02:10Z\"}");
	apply(&st, 5, 200, "recipient.sent", "{\"recipient\":\"R1\","
	    "\"state\":\"sent\",\"at\":\"1970-01-01T00:02:40Z\"}");
	assert_int_equal(st.rcp[0].state, RSTATE_SENT);
	assert_true(st.rcp[0].has[RSTATE_DRAFTED]);
	assert_int_equal(st.rcp[0].at[RSTATE_SENT], 160);	/* as recorded */
	assert_string_equal(st.rcp[0].by[RSTATE_SENT], "bob");
	apply(&st, 6, 210, "recipient.waive", "{\"recipient\":\"R2\","
	    "\"state\":\"waived\",\"reason\":\"by phone\"}");
	assert_int_equal(st.rcp[1].state, RSTATE_WAIVED);
	assert_int_equal(st.rcp[1].at[RSTATE_WAIVED], 210);
	assert_string_equal(st.rcp[1].waive_reason, "by phone");
	apply(&st, 7, 220, "plan.apply", "{\"plan\":\"ransomware\","
	    "\"clocks\":[\"gdpr-33\"],\"recipients\":[\"R3\",\"R4\"],"
	    "\"tasks\":[\"T1\",\"T2\",\"T3\"]}");
	assert_int_equal(st.nrcp, 4);
	assert_false(st.rcp[2].has_identity);	/* named by its row */
	assert_null(st.rcp[2].name);
	assert_int_equal(st.nclocks, 1);
	assert_string_equal(st.clocks[0], "gdpr-33");
	assert_int_equal(st.tasks, 3);
	apply(&st, 8, 230, "task.add", "{\"task\":\"T4\"}");
	apply(&st, 9, 240, "task.done", "{\"task\":\"T1\"}");
	apply(&st, 10, 250, "evidence.add", "{\"evidence\":\"E1\"}");
	assert_int_equal(st.tasks, 4);
	assert_int_equal(st.tasks_closed, 1);
	assert_int_equal(st.evidence, 1);
	apply(&st, 11, 260, "incident.set", "{\"severity\":{\"old\":3,"
	    "\"new\":1},\"title\":{\"old\":\"T\",\"new\":\"U\"}}");
	assert_int_equal(st.inc.severity, 1);
	assert_string_equal(st.inc.title, "U");
	apply(&st, 12, 270, "recipient.sent", "{\"state\":\"sent\"}");
	assert_int_equal(st.nrcp, 4);		/* no id: nothing to move */
	rewind_clear(&st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_initial_clocks),
		cmocka_unit_test(test_recipients),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
