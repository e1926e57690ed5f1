/*
 * test_stats.c: the review's arithmetic (stats.c) with values worked out
 * by hand: medians (odd, even, negative, extreme), ladder gaps, time in
 * each stage (revisits, open incidents), and the period summary of
 * `vigil report`.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/deadline.h"
#include "vigil/stats.h"

static void
test_median(void **state)
{
	int64_t	m = 42;
	int64_t	one[] = { 7 };
	int64_t	odd[] = { 9, 1, 5 };			/* 1 5 9 -> 5 */
	int64_t	even[] = { 4, 1, 3, 2 };		/* 2, 3 -> 2 */
	int64_t	even2[] = { 10, 20 };			/* 15 */
	int64_t	neg[] = { -3, -2 };			/* -2.5 -> -3 */
	int64_t	dup[] = { 5, 5, 5, 5 };
	int64_t	big[] = { INT64_MAX, INT64_MAX - 2 };	/* no overflow */
	int64_t	wide[] = { INT64_MIN, INT64_MAX };	/* -0.5 -> -1 */

	(void)state;
	assert_false(stats_median(NULL, 0, &m));
	assert_int_equal(m, 42);		/* untouched */
	assert_true(stats_median(one, 1, &m));
	assert_int_equal(m, 7);
	assert_true(stats_median(odd, 3, &m));
	assert_int_equal(m, 5);
	assert_int_equal(odd[0], 9);		/* input not reordered */
	assert_true(stats_median(even, 4, &m));
	assert_int_equal(m, 2);
	assert_true(stats_median(even2, 2, &m));
	assert_int_equal(m, 15);
	assert_true(stats_median(neg, 2, &m));
	assert_int_equal(m, -3);
	assert_true(stats_median(dup, 4, &m));
	assert_int_equal(m, 5);
	assert_true(stats_median(big, 2, &m));
	assert_int_equal(m, INT64_MAX - 1);
	assert_true(stats_median(wide, 2, &m));
	assert_int_equal(m, -1);
}

static void
test_ladder(void **state)
{
	struct milestone	ms[4];
	struct ladder_step	l[LADDER_STEPS];

	(void)state;
	stats_ladder(NULL, 0, l);
	for (int k = 0; k < LADDER_STEPS; k++)
		assert_false(l[k].has || l[k].has_gap);
	memset(ms, 0, sizeof ms);
	strcpy(ms[0].name, "event_started");
	ms[0].at = 1000;
	strcpy(ms[1].name, "declared");		/* not a ladder step */
	ms[1].at = 1500;
	strcpy(ms[2].name, "incident_confirmed");
	ms[2].at = 4600;
	strcpy(ms[3].name, "detected");		/* any order */
	ms[3].at = 1600;
	stats_ladder(ms, 4, l);
	assert_true(l[0].has);
	assert_false(l[0].has_gap);
	assert_true(l[1].has && l[1].has_gap);
	assert_int_equal(l[1].gap_s, 600);
	assert_false(l[2].has || l[2].has_gap);
	assert_false(l[3].has);
	/* the gap skips unrecorded steps: 4600 - 1600 */
	assert_true(l[4].has && l[4].has_gap);
	assert_int_equal(l[4].gap_s, 3000);
	assert_false(l[7].has);
}

static void
test_stage_periods(void **state)
{
	struct stage_period	p[5];
	struct stage_change	ch[3] = {
		{ 160, STAGE_DETECT, STAGE_ASSESS },
		{ 400, STAGE_ASSESS, STAGE_DIAGNOSE },
		{ 500, STAGE_DIAGNOSE, STAGE_ASSESS },	/* back, revisit */
	};
	int64_t			t[STAGE__COUNT];
	size_t			n;

	(void)state;
	/* never moved, still open: one running period, no totals */
	n = stats_stage_periods(100, NULL, 0, false, 0, p, t);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].stage, STAGE_DETECT);
	assert_int_equal(p[0].from, 100);
	assert_false(p[0].has_to);
	assert_int_equal(t[STAGE_DETECT], 0);
	/* never moved, closed at 130 */
	n = stats_stage_periods(100, NULL, 0, true, 130, p, t);
	assert_int_equal(n, 1);
	assert_true(p[0].has_to);
	assert_int_equal(t[STAGE_DETECT], 30);
	/* moved three times and closed at 1000 */
	n = stats_stage_periods(100, ch, 3, true, 1000, p, t);
	assert_int_equal(n, 4);
	assert_int_equal(p[1].stage, STAGE_ASSESS);
	assert_int_equal(p[1].from, 160);
	assert_int_equal(p[1].to, 400);
	assert_int_equal(p[3].stage, STAGE_ASSESS);
	assert_int_equal(p[3].to, 1000);
	assert_int_equal(t[STAGE_DETECT], 60);
	assert_int_equal(t[STAGE_ASSESS], 240 + 500);
	assert_int_equal(t[STAGE_DIAGNOSE], 100);
	assert_int_equal(t[STAGE_STABILIZE], 0);
	/* open: the last period runs, not counted */
	n = stats_stage_periods(100, ch, 3, false, 0, p, t);
	assert_int_equal(n, 4);
	assert_false(p[3].has_to);
	assert_int_equal(t[STAGE_ASSESS], 240);
}

#define H 3600

static void
test_report(void **state)
{
	/*
	 * By hand:
	 *  A: event 0, detected 2h, declared 3h, notified 3h+10h (on time)
	 *  B: event 0, detected 4h, declared 6h, notified 6h+80h (late)
	 *  C: detected only, declared 1h after, not notified
	 *  D: nothing but an open repair item; closed
	 * event_to_detected over A, B: {2h, 4h} -> 3h
	 * detected_to_declared over A, B, C: {1h, 1h, 2h} -> 1h
	 * declared_to_notified over A, B: {10h, 80h} -> 45h
	 */
	struct report_input	in[4];
	struct report		r;

	(void)state;
	stats_report(NULL, 0, &r);
	assert_int_equal(r.incidents, 0);
	for (int m = 0; m < MEDIAN__COUNT; m++)
		assert_false(r.has_median[m]);
	memset(in, 0, sizeof in);
	in[0] = (struct report_input){ .closed = true, .declared = true,
	    .declared_at = 3 * H, .notified = true, .notified_at = 13 * H,
	    .has_event = true, .event_at = 0, .has_detected = true,
	    .detected_at = 2 * H, .open_repairs = 1 };
	in[1] = (struct report_input){ .declared = true, .declared_at = 6 * H,
	    .notified = true, .notified_at = 86 * H, .has_event = true,
	    .has_detected = true, .detected_at = 4 * H };
	in[2] = (struct report_input){ .declared = true,
	    .declared_at = 11 * H, .has_detected = true,
	    .detected_at = 10 * H };
	in[3] = (struct report_input){ .closed = true, .open_repairs = 2 };
	stats_report(in, 4, &r);
	assert_int_equal(r.incidents, 4);
	assert_int_equal(r.closed, 2);
	assert_int_equal(r.declared, 3);
	assert_int_equal(r.notified_on_time, 1);
	assert_int_equal(r.notified_late, 1);
	assert_int_equal(r.not_notified, 1);
	assert_int_equal(r.open_repair_items, 3);
	assert_true(r.has_median[MEDIAN_EVENT_TO_DETECTED]);
	assert_int_equal(r.median_s[MEDIAN_EVENT_TO_DETECTED], 3 * H);
	assert_int_equal(r.median_s[MEDIAN_DETECTED_TO_DECLARED], 1 * H);
	assert_int_equal(r.median_s[MEDIAN_DECLARED_TO_NOTIFIED], 45 * H);
	/* exactly at the deadline is on time; one second later is late */
	memset(in, 0, sizeof in);
	in[0] = (struct report_input){ .declared = true, .notified = true,
	    .notified_at = DEADLINE_CUSTOMER_S };
	in[1] = (struct report_input){ .declared = true, .notified = true,
	    .notified_at = DEADLINE_CUSTOMER_S + 1 };
	stats_report(in, 2, &r);
	assert_int_equal(r.notified_on_time, 1);
	assert_int_equal(r.notified_late, 1);
	assert_false(r.has_median[MEDIAN_EVENT_TO_DETECTED]);
	assert_string_equal(stats_median_name(MEDIAN_DECLARED_TO_NOTIFIED),
	    "declared_to_notified");
}

static void
test_report_due(void **state)
{
	struct report_input	in[4];
	struct report		r;
	int64_t			now = 1000000;

	(void)state;
	memset(in, 0, sizeof in);
	/* declared, not notified, 72 h gone, clock running past due */
	in[0].declared = true;
	in[0].declared_at = now - DEADLINE_CUSTOMER_S - 1;
	in[0].has_next_due = true;
	in[0].next_due = now - 1;
	/* declared, not notified, still inside the 72 h */
	in[1].declared = true;
	in[1].declared_at = now - DEADLINE_CUSTOMER_S;
	in[1].has_next_due = true;
	in[1].next_due = now;
	/* closed: its past clock is not overdue any more */
	in[2].closed = true;
	in[2].has_next_due = true;
	in[2].next_due = 5;
	/* notified late: not "not notified" */
	in[3].declared = true;
	in[3].declared_at = 0;
	in[3].notified = true;
	in[3].notified_at = now;
	stats_report(in, 4, &r);
	stats_report_due(in, 4, now, &r);
	assert_int_equal(r.overdue, 1);
	assert_int_equal(r.not_notified_past_due, 1);
	assert_int_equal(r.not_notified, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_median),
		cmocka_unit_test(test_ladder),
		cmocka_unit_test(test_stage_periods),
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_report_due),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
