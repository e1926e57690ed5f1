/*
 * test_rewind.c: folding journal entries into an incident's state
 * (rewind.c): holders come and go, the stage moves, a declaration and its
 * retraction, milestones (also the one a last recipient records), holds
 * and their release, and the clocks enabled at creation that the journal
 * does not list.
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_initial_clocks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
