/*
 * test_incident.c: the incident vocabulary (kinds, stages, resolutions),
 * incident keys, and the stage transition rule of incident.c: one step
 * forward is free, skipping ahead or moving back needs a reason, and
 * closing is never a stage move.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/incident.h"

static void
test_names_round_trip(void **state)
{
	enum stage	s;
	enum kind	k;
	enum resolution	r;
	int		i;

	(void)state;
	for (i = 0; i < STAGE__COUNT; i++) {
		assert_int_equal(stage_parse(stage_name((enum stage)i), &s), 0);
		assert_int_equal(s, i);
	}
	assert_string_equal(stage_name(STAGE_DETECT), "detect");
	assert_string_equal(stage_name(STAGE_STABILIZE), "stabilize");
	assert_string_equal(stage_name(STAGE_CLOSE), "close");

	assert_int_equal(kind_parse("security", &k), 0);
	assert_int_equal(k, KIND_SECURITY);
	assert_int_equal(kind_parse("privacy", &k), 0);
	assert_int_equal(k, KIND_PRIVACY);
	assert_string_equal(kind_name(KIND_PRIVACY), "privacy");

	for (i = RESOLUTION_CONFIRMED; i <= RESOLUTION_DUPLICATE; i++) {
		assert_int_equal(resolution_parse(
		    resolution_name((enum resolution)i), &r), 0);
		assert_int_equal(r, i);
	}
	assert_string_equal(resolution_name(RESOLUTION_FALSE_POSITIVE),
	    "false-positive");
}

static void
test_names_refused(void **state)
{
	enum stage	s = STAGE_ASSESS;
	enum kind	k = KIND_PRIVACY;
	enum resolution	r = RESOLUTION_BENIGN;

	(void)state;
	/* names are exact: no case folding, no prefixes, no blanks */
	assert_int_equal(stage_parse("Detect", &s), -1);
	assert_int_equal(stage_parse("diag", &s), -1);
	assert_int_equal(stage_parse("", &s), -1);
	assert_int_equal(stage_parse(NULL, &s), -1);
	assert_int_equal(stage_parse("stabilise", &s), -1);
	assert_int_equal(s, STAGE_ASSESS);	/* untouched on failure */
	assert_int_equal(kind_parse("breach", &k), -1);
	assert_int_equal(kind_parse("", &k), -1);
	assert_int_equal(k, KIND_PRIVACY);
	/* "no resolution" is not a resolution one can close with */
	assert_int_equal(resolution_parse("", &r), -1);
	assert_int_equal(resolution_parse("none", &r), -1);
	assert_int_equal(resolution_parse("false_positive", &r), -1);
	assert_int_equal(resolution_parse(NULL, &r), -1);
	assert_int_equal(r, RESOLUTION_BENIGN);
}

static void
test_key_parse(void **state)
{
	int64_t	id = 0;

	(void)state;
	assert_int_equal(incident_key_parse("IR-42", &id), 0);
	assert_int_equal(id, 42);
	assert_int_equal(incident_key_parse("ir-7", &id), 0);
	assert_int_equal(id, 7);
	assert_int_equal(incident_key_parse("Ir-1", &id), 0);
	assert_int_equal(id, 1);
	assert_int_equal(incident_key_parse("1000000", &id), 0);
	assert_int_equal(id, 1000000);
	assert_int_equal(incident_key_parse("IR-9223372036854775807", &id),
	    0);
	assert_int_equal(id, INT64_MAX);

	id = 99;
	assert_int_equal(incident_key_parse("IR-0", &id), -1);
	assert_int_equal(incident_key_parse("0", &id), -1);
	assert_int_equal(incident_key_parse("IR--1", &id), -1);
	assert_int_equal(incident_key_parse("-1", &id), -1);
	assert_int_equal(incident_key_parse("+5", &id), -1);
	assert_int_equal(incident_key_parse("IR-+5", &id), -1);
	assert_int_equal(incident_key_parse(" 5", &id), -1);
	assert_int_equal(incident_key_parse("5 ", &id), -1);
	assert_int_equal(incident_key_parse("IR-", &id), -1);
	assert_int_equal(incident_key_parse("IR", &id), -1);
	assert_int_equal(incident_key_parse("", &id), -1);
	assert_int_equal(incident_key_parse("IR-4x", &id), -1);
	assert_int_equal(incident_key_parse("IR-0x10", &id), -1);
	assert_int_equal(incident_key_parse("XX-5", &id), -1);
	assert_int_equal(incident_key_parse("IR-9223372036854775808", &id),
	    -1);
	assert_int_equal(incident_key_parse(NULL, &id), -1);
	assert_int_equal(id, 99);
}

static void
test_key_format(void **state)
{
	char	key[INCIDENT_KEY_MAX];
	int64_t	id, back;

	(void)state;
	incident_key_format(1, key);
	assert_string_equal(key, "IR-1");
	incident_key_format(1000000, key);
	assert_string_equal(key, "IR-1000000");
	incident_key_format(INT64_MAX, key);
	assert_string_equal(key, "IR-9223372036854775807");
	for (id = 1; id < 100000; id = id * 3 + 1) {
		incident_key_format(id, key);
		assert_int_equal(incident_key_parse(key, &back), 0);
		assert_int_equal(back, id);
	}
}

static void
test_stage_forward_one_step_is_free(void **state)
{
	char	why[256];
	int	s;

	(void)state;
	for (s = STAGE_DETECT; s < STAGE_STABILIZE; s++) {
		why[0] = '\0';
		assert_int_equal(stage_check_move((enum stage)s,
		    (enum stage)(s + 1), false, why, sizeof why), 0);
		assert_int_equal(stage_check_move((enum stage)s,
		    (enum stage)(s + 1), true, why, sizeof why), 0);
	}
}

static void
test_stage_skip_and_back_need_reason(void **state)
{
	char	why[256];
	int	from, to;

	(void)state;
	for (from = STAGE_DETECT; from <= STAGE_STABILIZE; from++) {
		for (to = STAGE_DETECT; to <= STAGE_STABILIZE; to++) {
			if (to == from || to == from + 1)
				continue;
			why[0] = '\0';
			assert_int_equal(stage_check_move((enum stage)from,
			    (enum stage)to, false, why, sizeof why), -1);
			/* the message names both stages and asks a reason */
			assert_non_null(strstr(why,
			    stage_name((enum stage)from)));
			assert_non_null(strstr(why,
			    stage_name((enum stage)to)));
			assert_non_null(strstr(why, "reason"));
			assert_non_null(strstr(why, to < from ? "back" :
			    "ahead"));
			assert_int_equal(stage_check_move((enum stage)from,
			    (enum stage)to, true, why, sizeof why), 0);
		}
	}
}

static void
test_stage_same_and_close_refused(void **state)
{
	char	why[256];
	int	s;

	(void)state;
	for (s = STAGE_DETECT; s <= STAGE_STABILIZE; s++) {
		/* staying put is not a move, even with a reason */
		why[0] = '\0';
		assert_int_equal(stage_check_move((enum stage)s, (enum stage)s,
		    true, why, sizeof why), -1);
		assert_non_null(strstr(why, "already"));
		/* closing is its own act, never a stage move */
		why[0] = '\0';
		assert_int_equal(stage_check_move((enum stage)s, STAGE_CLOSE,
		    true, why, sizeof why), -1);
		assert_non_null(strstr(why, "close"));
		assert_int_equal(stage_check_move((enum stage)s, STAGE_CLOSE,
		    false, why, sizeof why), -1);
	}
	/* even from stabilize, where close is "one step forward" */
	assert_int_equal(stage_check_move(STAGE_STABILIZE, STAGE_CLOSE, false,
	    why, sizeof why), -1);
	assert_non_null(strstr(why, "resolution"));
}

static void
test_stage_message_truncates_safely(void **state)
{
	char	why[8];

	(void)state;
	memset(why, 'x', sizeof why);
	assert_int_equal(stage_check_move(STAGE_STABILIZE, STAGE_DETECT, false,
	    why, sizeof why), -1);
	assert_int_equal(strlen(why), sizeof why - 1);
}

static void
test_incident_clear(void **state)
{
	struct incident	inc;

	(void)state;
	memset(&inc, 0, sizeof inc);
	inc.title = strdup("t");
	inc.description = strdup("d");
	inc.created_by = strdup("a");
	inc.declared_by = strdup("b");
	inc.holder[ROLE_EIM] = strdup("c");
	inc.severity = 2;
	incident_clear(&inc);
	assert_null(inc.title);
	assert_null(inc.holder[ROLE_EIM]);
	assert_int_equal(inc.severity, 0);
	incident_clear(&inc);	/* twice is harmless */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_names_refused),
		cmocka_unit_test(test_key_parse),
		cmocka_unit_test(test_key_format),
		cmocka_unit_test(test_stage_forward_one_step_is_free),
		cmocka_unit_test(test_stage_skip_and_back_need_reason),
		cmocka_unit_test(test_stage_same_and_close_refused),
		cmocka_unit_test(test_stage_message_truncates_safely),
		cmocka_unit_test(test_incident_clear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
