/*
 * test_milestone.c: the notification ladder of milestone.c: its eight
 * steps in order, which names a user may record by hand (ladder steps,
 * clock triggers, sent:RULE; never "declared" or "retracted"), and the
 * ordering rule: a later step may not be dated before an earlier recorded
 * one, nor an earlier step after a later recorded one, and each ladder
 * step is recorded once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/milestone.h"

static const char *const ladder[LADDER_STEPS] = {
	"event_started", "detected", "oncall_engaged", "response_engaged",
	"incident_confirmed", "impact_determined", "customers_determined",
	"customers_notified",
};

#define T0 1795000000	/* 2026-11-18T... */
#define HOUR 3600

static struct milestone
ms(const char *name, int64_t at)
{
	struct milestone	m;

	memset(&m, 0, sizeof m);
	snprintf(m.name, sizeof m.name, "%s", name);
	m.at = at;
	return m;
}

static void
test_ladder_order(void **state)
{
	int	i;

	(void)state;
	for (i = 0; i < LADDER_STEPS; i++) {
		assert_string_equal(milestone_ladder_name(i), ladder[i]);
		assert_int_equal(milestone_ladder_index(ladder[i]), i);
		assert_true(milestone_once(ladder[i]));
	}
	assert_null(milestone_ladder_name(-1));
	assert_null(milestone_ladder_name(LADDER_STEPS));
	assert_int_equal(milestone_ladder_index("declared"), -1);
	assert_int_equal(milestone_ladder_index("aware"), -1);
	assert_int_equal(milestone_ladder_index("Detected"), -1);
	assert_int_equal(milestone_ladder_index(""), -1);
}

static void
test_user_names(void **state)
{
	static const char *const triggers[] = {
		"aware", "classified_major", "materiality_determined",
		"discovered", "ransom_paid", "assessed_notifiable",
		"exploited_vulnerability_aware", "severe_incident_aware",
		"fix_available", "high_risk_assessed",
	};
	size_t	i;

	(void)state;
	for (i = 0; i < LADDER_STEPS; i++) {
		assert_true(milestone_user_name(ladder[i]));
		assert_true(milestone_known_name(ladder[i]));
		assert_non_null(strstr(milestone_user_names(), ladder[i]));
	}
	for (i = 0; i < sizeof triggers / sizeof triggers[0]; i++) {
		assert_true(milestone_user_name(triggers[i]));
		assert_true(milestone_known_name(triggers[i]));
		assert_non_null(strstr(milestone_user_names(), triggers[i]));
		/* triggers may recur; only ladder steps are once-only */
		assert_false(milestone_once(triggers[i]));
	}
	/* the acts of declare and retract are not typed by hand */
	assert_false(milestone_user_name("declared"));
	assert_false(milestone_user_name("retracted"));
	assert_true(milestone_known_name("declared"));
	assert_true(milestone_known_name("retracted"));
	assert_false(milestone_once("declared"));
	assert_null(strstr(milestone_user_names(), "declared"));

	assert_false(milestone_user_name(""));
	assert_false(milestone_user_name("DETECTED"));
	assert_false(milestone_user_name("detected "));
	assert_false(milestone_user_name("breach"));
	assert_false(milestone_known_name("breach"));
}

static void
test_sent_names(void **state)
{
	char	name[128];

	(void)state;
	assert_true(milestone_user_name("sent:customer"));
	assert_true(milestone_user_name("sent:gdpr-33"));
	assert_true(milestone_user_name("sent:nis2.early_warning"));
	assert_true(milestone_user_name("sent:a"));
	assert_true(milestone_user_name("sent:0"));
	assert_false(milestone_once("sent:customer"));
	assert_non_null(strstr(milestone_user_names(), "sent:"));

	assert_false(milestone_user_name("sent:"));
	assert_false(milestone_user_name("sent"));
	assert_false(milestone_user_name("Sent:gdpr"));
	assert_false(milestone_user_name("sent:GDPR"));
	assert_false(milestone_user_name("sent:gdpr 33"));
	assert_false(milestone_user_name("sent:gdpr/33"));
	assert_false(milestone_user_name("sent:gdpr:33"));
	assert_false(milestone_user_name("sent:\x1b[31m"));
	assert_false(milestone_user_name("sent:caf\xc3\xa9"));
	/* at most 64 bytes of rule id */
	snprintf(name, sizeof name, "sent:%064d", 0);
	assert_true(milestone_user_name(name));
	snprintf(name, sizeof name, "sent:%065d", 0);
	assert_false(milestone_user_name(name));
	/* still fits a milestone record */
	assert_true(strlen("sent:") + 64 < MILESTONE_NAME_MAX);
}

static void
test_check_empty_and_unordered(void **state)
{
	char			why[256];
	struct milestone	rec[2];

	(void)state;
	assert_int_equal(milestone_check("detected", T0, NULL, 0, why,
	    sizeof why), 0);
	/* names off the ladder are never ordered against it */
	rec[0] = ms("detected", T0);
	rec[1] = ms("customers_notified", T0 + HOUR);
	assert_int_equal(milestone_check("aware", T0 - 100 * HOUR, rec, 2,
	    why, sizeof why), 0);
	assert_int_equal(milestone_check("aware", T0 + 100 * HOUR, rec, 2,
	    why, sizeof why), 0);
	assert_int_equal(milestone_check("declared", T0 - HOUR, rec, 2, why,
	    sizeof why), 0);
	assert_int_equal(milestone_check("sent:gdpr-33", 0, rec, 2, why,
	    sizeof why), 0);
	/* recorded off-ladder names do not constrain ladder steps */
	rec[0] = ms("aware", T0 + 10 * HOUR);
	rec[1] = ms("declared", T0 - 10 * HOUR);
	assert_int_equal(milestone_check("detected", T0, rec, 2, why,
	    sizeof why), 0);
	/* triggers may be recorded again */
	rec[0] = ms("aware", T0);
	assert_int_equal(milestone_check("aware", T0 + HOUR, rec, 1, why,
	    sizeof why), 0);
}

static void
test_check_later_step_before_earlier(void **state)
{
	char			why[256];
	struct milestone	rec[1];
	int			i, k;

	(void)state;
	/* for every pair of steps i < k */
	for (i = 0; i < LADDER_STEPS; i++) {
		for (k = i + 1; k < LADDER_STEPS; k++) {
			/* i recorded: k earlier than i is refused */
			rec[0] = ms(ladder[i], T0);
			why[0] = '\0';
			assert_int_equal(milestone_check(ladder[k], T0 - 1,
			    rec, 1, why, sizeof why), -1);
			assert_non_null(strstr(why, ladder[k]));
			assert_non_null(strstr(why, ladder[i]));
			assert_non_null(strstr(why, "earlier"));
			/* at the same second, or later, is fine */
			assert_int_equal(milestone_check(ladder[k], T0, rec, 1,
			    why, sizeof why), 0);
			assert_int_equal(milestone_check(ladder[k], T0 + 1,
			    rec, 1, why, sizeof why), 0);

			/* k recorded: i later than k is refused */
			rec[0] = ms(ladder[k], T0);
			why[0] = '\0';
			assert_int_equal(milestone_check(ladder[i], T0 + 1,
			    rec, 1, why, sizeof why), -1);
			assert_non_null(strstr(why, ladder[i]));
			assert_non_null(strstr(why, ladder[k]));
			assert_non_null(strstr(why, "later"));
			assert_int_equal(milestone_check(ladder[i], T0, rec, 1,
			    why, sizeof why), 0);
			assert_int_equal(milestone_check(ladder[i], T0 - 1,
			    rec, 1, why, sizeof why), 0);
		}
	}
}

static void
test_check_between_recorded_steps(void **state)
{
	char			why[256];
	struct milestone	rec[3];

	(void)state;
	rec[0] = ms("event_started", T0);
	rec[1] = ms("detected", T0 + 2 * HOUR);
	rec[2] = ms("customers_notified", T0 + 50 * HOUR);
	/* a middle step fits between its neighbours... */
	assert_int_equal(milestone_check("incident_confirmed", T0 + 10 * HOUR,
	    rec, 3, why, sizeof why), 0);
	/* ...not before detected, not after customers_notified */
	assert_int_equal(milestone_check("incident_confirmed", T0 + HOUR,
	    rec, 3, why, sizeof why), -1);
	assert_non_null(strstr(why, "detected"));
	assert_int_equal(milestone_check("incident_confirmed", T0 + 51 * HOUR,
	    rec, 3, why, sizeof why), -1);
	assert_non_null(strstr(why, "customers_notified"));
	/* the message shows the conflicting time in UTC */
	assert_non_null(strstr(why, "Z"));
	/* recorded order in the array does not matter */
	rec[0] = ms("customers_notified", T0 + 50 * HOUR);
	rec[2] = ms("event_started", T0);
	assert_int_equal(milestone_check("oncall_engaged", T0 - 1, rec, 3, why,
	    sizeof why), -1);
	assert_int_equal(milestone_check("oncall_engaged", T0 + 60 * HOUR, rec,
	    3, why, sizeof why), -1);
	assert_int_equal(milestone_check("oncall_engaged", T0 + 3 * HOUR, rec,
	    3, why, sizeof why), 0);
}

static void
test_check_once_only(void **state)
{
	char			why[256];
	struct milestone	rec[2];
	int			i;

	(void)state;
	for (i = 0; i < LADDER_STEPS; i++) {
		rec[0] = ms("aware", T0);
		rec[1] = ms(ladder[i], T0);
		why[0] = '\0';
		/* even at the very same time */
		assert_int_equal(milestone_check(ladder[i], T0, rec, 2, why,
		    sizeof why), -1);
		assert_non_null(strstr(why, ladder[i]));
		assert_non_null(strstr(why, "already"));
		assert_int_equal(milestone_check(ladder[i], T0 + HOUR, rec, 2,
		    why, sizeof why), -1);
	}
}

static void
test_clear(void **state)
{
	struct milestone	*list;
	size_t			 n = 3, i;

	(void)state;
	list = calloc(n, sizeof *list);
	assert_non_null(list);
	for (i = 0; i < n; i++) {
		list[i].recorded_by = strdup("someone");
		list[i].note = strdup("a note");
	}
	milestone_list_free(&list, n);
	assert_null(list);
	milestone_list_free(&list, n);	/* NULL is fine */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ladder_order),
		cmocka_unit_test(test_user_names),
		cmocka_unit_test(test_sent_names),
		cmocka_unit_test(test_check_empty_and_unordered),
		cmocka_unit_test(test_check_later_step_before_earlier),
		cmocka_unit_test(test_check_between_recorded_steps),
		cmocka_unit_test(test_check_once_only),
		cmocka_unit_test(test_clear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
