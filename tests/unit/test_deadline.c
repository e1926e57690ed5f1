/*
 * test_deadline.c: the deadline engine on exact UTC instants. Each vector
 * is worked out by hand in its comment; the shipped rules are used, so a
 * change to a rule file that moves a deadline shows up here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/deadline.h"
#include "vigil/milestone.h"
#include "vigil/ops-load.h"
#include "vigil/rules.h"
#include "vigil/timefmt.h"
#include "vigil/tz.h"
#include "vigil/verr.h"

static struct ruleset *shipped;

static int
setup(void **state)
{
	const char	*s = getenv("VIGIL_SHARE");
	const char	*dirs[1];
	size_t		 i;

	(void)state;
	dirs[0] = s != NULL ? s : VIGIL_SOURCE_SHARE;
	if (ruleset_load_dirs(dirs, 1, NULL, &shipped) != 0) {
		for (i = 0; i < shipped->nerrors; i++)
			printf("error: %s\n", shipped->errors[i]);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ruleset_free(&shipped);
	return 0;
}

static int64_t
T(const char *s)
{
	int64_t	t;
	int	off;

	assert_int_equal(timefmt_parse(s, 0, &t, &off), 0);
	return t;
}

/* Fill milestone i with a name and a time. */
static void
M(struct milestone *ms, size_t i, const char *name, const char *at)
{
	memset(&ms[i], 0, sizeof ms[i]);
	snprintf(ms[i].name, sizeof ms[i].name, "%s", name);
	ms[i].at = T(at);
}

static const struct rule *
R(const char *id)
{
	const struct rule	*r = ruleset_find(shipped, id);

	assert_non_null(r);
	return r;
}

static void
eval(const char *id, const struct milestone *ms, size_t n, const char *now,
    struct clock_result *out)
{
	clock_eval(R(id), shipped, ms, n, NULL, 0, T(now), out);
}

/* Assert an exact UTC instant, showing both in ISO form on failure. */
static void
assert_time(int64_t got, const char *want)
{
	char	g[TIMEFMT_MAX];

	timefmt_utc(got, g);
	assert_string_equal(g, want);
}

static void
test_classify_and_customer(void **state)
{
	struct deadline	d;
	int64_t		s = T("2026-06-01T00:00:00Z"), due = s + 72 * 3600;

	(void)state;
	assert_int_equal(deadline_classify(s, due, due - 19 * 3600, false, 0),
	    CLOCK_OK);
	assert_int_equal(deadline_classify(s, due, due - 18 * 3600, false, 0),
	    CLOCK_WARN);
	assert_int_equal(deadline_classify(s, due, due - 7 * 3600, false, 0),
	    CLOCK_CRITICAL);
	assert_int_equal(deadline_classify(s, due, due + 1, false, 0),
	    CLOCK_OVERDUE);
	deadline_customer(true, s, false, 0, s + 3600, &d);
	assert_int_equal(d.state, CLOCK_OK);
	assert_int_equal(d.due, due);
	assert_string_equal(clock_state_name(CLOCK_HELD), "held");
}

/* 72 h are 72 h of real time whatever the wall clock does. */
static void
test_hours_across_dst(void **state)
{
	struct milestone	ms[1];
	struct clock_result	r;

	(void)state;
	/* Paris springs forward on 29 March 2026: 11:00 CET -> 12:00 CEST */
	M(ms, 0, "aware", "2026-03-27T10:00:00Z");
	eval("gdpr-33", ms, 1, "2026-03-27T12:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_OK);
	assert_time(r.start, "2026-03-27T10:00:00Z");
	assert_time(r.due, "2026-03-30T10:00:00Z");
	assert_int_equal(r.due - r.start, 72 * 3600);
	assert_int_equal(r.due_offset_s, 7200);
	assert_int_equal(r.remaining_s, 70 * 3600);
	/* and falls back on 25 October: 12:00 CEST -> 11:00 CET */
	M(ms, 0, "aware", "2026-10-23T10:00:00Z");
	eval("gdpr-33", ms, 1, "2026-10-23T12:00:00Z", &r);
	assert_time(r.due, "2026-10-26T10:00:00Z");
	assert_int_equal(r.due_offset_s, 3600);
	/* New York springs forward on 8 March: 10:00 EST -> 11:00 EDT */
	M(ms, 0, "incident_confirmed", "2026-03-06T15:00:00Z");
	eval("nydfs", ms, 1, "2026-03-06T15:00:00Z", &r);
	assert_time(r.due, "2026-03-09T15:00:00Z");
	assert_int_equal(r.due_offset_s, -4 * 3600);
	/* and falls back on 1 November */
	M(ms, 0, "incident_confirmed", "2026-10-30T14:00:00Z");
	eval("nydfs", ms, 1, "2026-10-30T14:00:00Z", &r);
	assert_time(r.due, "2026-11-02T14:00:00Z");
	assert_int_equal(r.due_offset_s, -5 * 3600);
	/* CERT-In: 6 hours */
	M(ms, 0, "detected", "2026-10-30T22:00:00Z");
	eval("cert-in", ms, 1, "2026-10-31T03:00:00Z", &r);
	assert_time(r.due, "2026-10-31T04:00:00Z");
	assert_int_equal(r.state, CLOCK_WARN);
	assert_int_equal(r.due_offset_s, 19800);
}

/* 31 January + 1 month is the last day of February, 23:59:59 Brussels. */
static void
test_month_end_and_nis2_chain(void **state)
{
	struct milestone	ms[2];
	struct clock_result	r;

	(void)state;
	M(ms, 0, "aware", "2027-01-29T08:00:00Z");
	M(ms, 1, "sent:nis2-notify", "2027-01-31T09:00:00Z");
	eval("nis2-final", ms, 2, "2027-02-01T00:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_OK);
	assert_time(r.start, "2027-01-31T09:00:00Z");
	assert_time(r.due, "2027-02-28T22:59:59Z");
	/* a leap year: 29 February */
	M(ms, 1, "sent:nis2-notify", "2028-01-31T09:00:00Z");
	eval("nis2-final", ms, 2, "2028-02-01T00:00:00Z", &r);
	assert_time(r.due, "2028-02-29T22:59:59Z");
	/* in summer time: 6 June 23:59:59 CEST */
	M(ms, 0, "aware", "2026-05-04T08:00:00Z");
	M(ms, 1, "sent:nis2-notify", "2026-05-06T12:00:00Z");
	eval("nis2-final", ms, 2, "2026-05-07T00:00:00Z", &r);
	assert_time(r.due, "2026-06-06T21:59:59Z");
	/* the 72 h notification itself was met */
	eval("nis2-notify", ms, 2, "2026-05-07T00:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_MET);
	assert_true(r.sent);
	assert_time(r.sent_at, "2026-05-06T12:00:00Z");
	/* no notification sent yet: the final report is pending */
	eval("nis2-final", ms, 1, "2026-05-07T00:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_PENDING);
	assert_false(r.has_start);
	assert_false(r.has_due);
}

/* SEC: 4 business days strictly after the trigger date, 17:30 New York. */
static void
test_sec_business_days(void **state)
{
	struct milestone	ms[1];
	struct clock_result	r;

	(void)state;
	/* Saturday 7 March 2026 -> Thursday 12 March, 17:30 EDT */
	M(ms, 0, "materiality_determined", "2026-03-07T15:00:00Z");
	eval("sec-8k", ms, 1, "2026-03-07T15:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_OK);
	assert_time(r.due, "2026-03-12T21:30:00Z");
	assert_int_equal(r.due_offset_s, -4 * 3600);
	/* Tuesday 6 January 2026 -> Monday 12 January, 17:30 EST */
	M(ms, 0, "materiality_determined", "2026-01-06T15:00:00Z");
	eval("sec-8k", ms, 1, "2026-01-06T15:00:00Z", &r);
	assert_time(r.due, "2026-01-12T22:30:00Z");
	assert_int_equal(r.due_offset_s, -5 * 3600);
	/* the trigger date is New York's: 02:00Z Wed is 21:00 Tue EST */
	M(ms, 0, "materiality_determined", "2026-01-07T02:00:00Z");
	eval("sec-8k", ms, 1, "2026-01-07T02:00:00Z", &r);
	assert_time(r.due, "2026-01-12T22:30:00Z");
	/* Monday 23 Nov: Thanksgiving (Thu 26) is skipped -> Mon 30 Nov */
	M(ms, 0, "materiality_determined", "2026-11-23T15:00:00Z");
	eval("sec-8k", ms, 1, "2026-11-23T15:00:00Z", &r);
	assert_time(r.due, "2026-11-30T22:30:00Z");
	/* Monday 6 January 2025: Thursday 9 January was the national day
	 * of mourning for President Carter (EDGAR closed) -> Monday 13th */
	M(ms, 0, "materiality_determined", "2025-01-06T15:00:00Z");
	eval("sec-8k", ms, 1, "2025-01-06T15:00:00Z", &r);
	assert_time(r.due, "2025-01-13T22:30:00Z");
	/* Wed 1 July: Fri 3 July is the observed Independence Day */
	M(ms, 0, "materiality_determined", "2026-07-01T15:00:00Z");
	eval("sec-8k", ms, 1, "2026-07-01T15:00:00Z", &r);
	assert_time(r.due, "2026-07-08T21:30:00Z");
}

/* ANPD: 3 business days in São Paulo, Carnival skipped. */
static void
test_anpd_carnival(void **state)
{
	struct milestone	ms[1];
	struct clock_result	r;

	(void)state;
	/* Friday 13 Feb 2026; Carnival Mon 16 and Tue 17 -> Fri 20 */
	M(ms, 0, "aware", "2026-02-13T12:00:00Z");
	eval("br-anpd", ms, 1, "2026-02-13T12:00:00Z", &r);
	assert_time(r.due, "2026-02-21T02:59:59Z");
	assert_int_equal(r.due_offset_s, -3 * 3600);
}

/* Calendar days: PDPA counts Singapore dates, HIPAA New York dates. */
static void
test_calendar_days(void **state)
{
	struct milestone	ms[1];
	struct clock_result	r;

	(void)state;
	/* 17:00Z on 10 Aug is 01:00 on 11 Aug in Singapore -> 14 Aug */
	M(ms, 0, "assessed_notifiable", "2026-08-10T17:00:00Z");
	eval("sg-pdpa", ms, 1, "2026-08-11T00:00:00Z", &r);
	assert_time(r.due, "2026-08-14T15:59:59Z");
	/* 2 Feb + 60 days = 3 April, 23:59:59 EDT */
	M(ms, 0, "discovered", "2026-02-02T15:00:00Z");
	eval("hipaa-individuals", ms, 1, "2026-02-03T00:00:00Z", &r);
	assert_time(r.due, "2026-04-04T03:59:59Z");
	/* under 500: 60 days after 31 Dec, i.e. 1 March (29 Feb in 2028) */
	eval("hipaa-hhs-small", ms, 1, "2026-02-03T00:00:00Z", &r);
	assert_time(r.start, "2027-01-01T05:00:00Z");
	assert_time(r.due, "2027-03-02T04:59:59Z");
	M(ms, 0, "discovered", "2027-12-30T15:00:00Z");
	eval("hipaa-hhs-small", ms, 1, "2028-01-03T00:00:00Z", &r);
	assert_time(r.due, "2028-03-01T04:59:59Z");
}

/* DORA: min(classified + 4h, aware + 24h) unless classified after. */
static void
test_dora_backstop(void **state)
{
	struct milestone	ms[5];
	struct clock_result	r;

	(void)state;
	M(ms, 0, "aware", "2026-06-01T08:00:00Z");
	/* classified 22 h after awareness: the backstop wins */
	M(ms, 1, "classified_major", "2026-06-02T06:00:00Z");
	eval("dora-initial", ms, 2, "2026-06-02T07:45:00Z", &r);
	assert_true(r.has_backstop);
	assert_time(r.backstop, "2026-06-02T08:00:00Z");
	assert_true(r.backstop_applied);
	assert_time(r.due, "2026-06-02T08:00:00Z");
	assert_int_equal(r.state, CLOCK_WARN);
	/* classified 2 h after awareness: 4 h after classification */
	M(ms, 1, "classified_major", "2026-06-01T10:00:00Z");
	eval("dora-initial", ms, 2, "2026-06-01T10:30:00Z", &r);
	assert_false(r.backstop_applied);
	assert_time(r.due, "2026-06-01T14:00:00Z");
	/* classified after the 24 h mark: 4 h after classification */
	M(ms, 1, "classified_major", "2026-06-02T09:00:00Z");
	eval("dora-initial", ms, 2, "2026-06-02T09:30:00Z", &r);
	assert_false(r.backstop_applied);
	assert_time(r.due, "2026-06-02T13:00:00Z");
	/* not classified: pending, with the backstop visible */
	eval("dora-initial", ms, 1, "2026-06-02T09:30:00Z", &r);
	assert_int_equal(r.state, CLOCK_PENDING);
	assert_true(r.has_backstop);
	assert_time(r.backstop, "2026-06-02T08:00:00Z");

	/* the chain: intermediate from the initial notice's submission */
	M(ms, 2, "sent:dora-initial", "2026-06-02T12:00:00Z");
	eval("dora-intermediate", ms, 3, "2026-06-02T12:00:00Z", &r);
	assert_time(r.due, "2026-06-05T12:00:00Z");
	/* the final report runs from the LAST intermediate report */
	M(ms, 3, "sent:dora-intermediate", "2026-06-20T10:00:00Z");
	M(ms, 4, "sent:dora-intermediate", "2026-06-05T10:00:00Z");
	eval("dora-final", ms, 5, "2026-06-21T00:00:00Z", &r);
	assert_time(r.start, "2026-06-20T10:00:00Z");
	assert_time(r.due, "2026-07-20T21:59:59Z");
	/* while the intermediate clock is met by its first report */
	eval("dora-intermediate", ms, 5, "2026-06-21T00:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_MET);
	assert_time(r.sent_at, "2026-06-05T10:00:00Z");
}

/* A hold pauses the clock; when it lifts, due has moved by its length. */
static void
test_holds(void **state)
{
	struct milestone	ms[1];
	struct clock_hold	h[2];
	struct clock_result	r;
	const struct rule	*rule = R("hipaa-individuals");

	(void)state;
	M(ms, 0, "discovered", "2026-02-02T15:00:00Z");
	memset(h, 0, sizeof h);
	h[0].from = T("2026-02-10T00:00:00Z");
	h[0].until = T("2026-02-20T00:00:00Z");
	h[0].basis = "law-enforcement";
	/* after the hold: running again, 10 days later */
	clock_eval(rule, shipped, ms, 1, h, 1, T("2026-03-01T00:00:00Z"), &r);
	assert_int_equal(r.state, CLOCK_OK);
	assert_false(r.held);
	assert_time(r.original_due, "2026-04-04T03:59:59Z");
	assert_time(r.due, "2026-04-14T03:59:59Z");
	assert_int_equal(r.held_s, 10 * 86400);
	/* during it: held, and what is left when it lifts */
	clock_eval(rule, shipped, ms, 1, h, 1, T("2026-02-15T00:00:00Z"), &r);
	assert_int_equal(r.state, CLOCK_HELD);
	assert_true(r.held);
	assert_int_equal(r.remaining_s,
	    T("2026-04-04T03:59:59Z") - T("2026-02-10T00:00:00Z"));
	/* an overlapping second hold counts its extra days only */
	h[1].from = T("2026-02-18T00:00:00Z");
	h[1].until = T("2026-02-22T00:00:00Z");
	clock_eval(rule, shipped, ms, 1, h, 2, T("2026-03-01T00:00:00Z"), &r);
	assert_time(r.due, "2026-04-16T03:59:59Z");

	/* an open hold: held, due as if it were lifted now */
	h[0].open = true;
	clock_eval(rule, shipped, ms, 1, h, 1, T("2026-02-15T00:00:00Z"), &r);
	assert_int_equal(r.state, CLOCK_HELD);
	assert_time(r.original_due, "2026-04-04T03:59:59Z");
	assert_time(r.due, "2026-04-09T03:59:59Z");
	assert_int_equal(r.remaining_s,
	    T("2026-04-04T03:59:59Z") - T("2026-02-10T00:00:00Z"));
	/* a hold that began before the trigger counts from the trigger */
	h[0].open = false;
	h[0].from = T("2026-01-01T00:00:00Z");
	h[0].until = T("2026-02-03T15:00:00Z");
	clock_eval(rule, shipped, ms, 1, h, 1, T("2026-03-01T00:00:00Z"), &r);
	assert_time(r.due, "2026-04-05T03:59:59Z");
	/* sent during a hold: met against the extended due */
	h[0].from = T("2026-02-10T00:00:00Z");
	h[0].until = T("2026-02-20T00:00:00Z");
	{
		struct milestone	m2[2];

		m2[0] = ms[0];
		M(m2, 1, "sent:hipaa-individuals", "2026-04-10T00:00:00Z");
		clock_eval(rule, shipped, m2, 2, h, 1,
		    T("2026-05-01T00:00:00Z"), &r);
		assert_int_equal(r.state, CLOCK_MET);
	}
}

/*
 * The kinds of hold the shipped rules give their bases (hipaa: pause;
 * sec-8k: ag-delay extends, fcc-cpni runs from the agencies' notice).
 */
static void
assert_hold_kind(const char *id, size_t i, const char *basis,
    enum rule_hold_kind kind, int amount, enum rule_unit unit)
{
	const struct rule	*r = R(id);

	assert_true(i < r->nholds);
	assert_string_equal(r->holds[i], basis);
	assert_non_null(r->hold_kinds);
	assert_int_equal(r->hold_kinds[i].kind, kind);
	if (kind != RULE_HOLD_PAUSE) {
		assert_int_equal(r->hold_kinds[i].period.amount, amount);
		assert_int_equal(r->hold_kinds[i].period.unit, unit);
	}
}

/*
 * Form 8-K Item 1.05(c): "the registrant may delay providing the
 * disclosure required by this Item 1.05 for a time period specified by the
 * Attorney General, up to 30 days following the date when the disclosure
 * required by this Item 1.05 was otherwise required to be provided. The
 * delay may be extended for an additional period of up to 30 days if the
 * Attorney General determines that disclosure continues to pose a
 * substantial risk to national security or public safety and notifies the
 * Commission of such determination in writing."
 * The delay is counted from the original due date, not from the letter:
 * asking for it does not stop the four business days.
 */
static void
test_sec_ag_delay(void **state)
{
	struct milestone	ms[2];
	struct clock_hold	h[2];
	struct clock_result	r;
	const struct rule	*sec = R("sec-8k");

	(void)state;
	assert_hold_kind("sec-8k", 0, "ag-delay", RULE_HOLD_EXTEND, 30,
	    RULE_UNIT_D);
	/*
	 * Determined Tuesday 3 March 2026, 10:00 EST: four business days
	 * after it are Wed 4, Thu 5, Fri 6, Mon 9 March (EDT from the 8th),
	 * so due Monday 9 March 17:30 EDT = 21:30Z.
	 */
	M(ms, 0, "materiality_determined", "2026-03-03T15:00:00Z");
	memset(h, 0, sizeof h);
	/* the AG's letter of Thursday 5 March, open: the full 30 days */
	h[0].from = T("2026-03-05T14:00:00Z");
	h[0].open = true;
	h[0].basis = "ag-delay: DOJ letter of 5 March";
	clock_eval(sec, shipped, ms, 1, h, 1, T("2026-03-06T12:00:00Z"), &r);
	assert_time(r.original_due, "2026-03-09T21:30:00Z");
	/* 9 March + 30 days = 8 April (22 days to 31 March, then 8), at
	 * the 17:30 EDT cutoff: not 30 days after the letter */
	assert_time(r.due, "2026-04-08T21:30:00Z");
	assert_true(r.extended);
	assert_false(r.held);
	assert_int_equal(r.held_s, 0);
	assert_int_equal(r.extended_s, 30 * 86400);
	assert_int_equal(r.state, CLOCK_OK);	/* it keeps running */
	/* the same hold entered from the original due: the same end */
	h[0].from = T("2026-03-09T21:30:00Z");
	clock_eval(sec, shipped, ms, 1, h, 1, T("2026-03-06T12:00:00Z"), &r);
	assert_time(r.due, "2026-04-08T21:30:00Z");
	/* a hold recorded after the due passed delays nothing */
	h[0].from = T("2026-03-09T21:30:01Z");
	clock_eval(sec, shipped, ms, 1, h, 1, T("2026-03-10T12:00:00Z"), &r);
	assert_time(r.due, "2026-03-09T21:30:00Z");
	assert_false(r.extended);
	assert_int_equal(r.state, CLOCK_OVERDUE);
	/* renewed by a further letter before 8 April: 30 days more,
	 * 8 April + 30 = 8 May (Friday), 17:30 EDT */
	h[0].from = T("2026-03-05T14:00:00Z");
	h[1].from = T("2026-04-06T14:00:00Z");
	h[1].open = true;
	h[1].basis = "ag-delay: further letter";
	clock_eval(sec, shipped, ms, 1, h, 2, T("2026-04-07T12:00:00Z"), &r);
	assert_time(r.due, "2026-05-08T21:30:00Z");
	assert_int_equal(r.extended_s, 60 * 86400);
	/* the AG's period ends early (until Friday 20 March): due on that
	 * day at the cutoff, 17:30 EDT */
	h[0].open = false;
	h[0].until = T("2026-03-20T13:00:00Z");
	clock_eval(sec, shipped, ms, 1, h, 1, T("2026-03-12T12:00:00Z"), &r);
	assert_time(r.due, "2026-03-20T21:30:00Z");
	/* filed before the letter: the letter changes nothing */
	M(ms, 1, "sent:sec-8k", "2026-03-04T15:00:00Z");
	h[0].open = true;
	clock_eval(sec, shipped, ms, 2, h, 1, T("2026-03-12T12:00:00Z"), &r);
	assert_int_equal(r.state, CLOCK_MET);
	assert_time(r.due, "2026-03-09T21:30:00Z");
}

/*
 * Item 1.05(d): a registrant subject to the FCC's CPNI breach rule
 * (47 CFR 64.2011) "may delay providing the disclosure required by this
 * Item 1.05 for such period that is applicable under 47 CFR 64.2011(b)(1)
 * and in no event for more than seven business days after the
 * notification required under such provision has been made". Counted
 * from the notice to the Secret Service and FBI (the hold's start).
 */
static void
test_sec_fcc_cpni(void **state)
{
	struct milestone	ms[1];
	struct clock_hold	h;
	struct clock_result	r;

	(void)state;
	assert_hold_kind("sec-8k", 1, "fcc-cpni", RULE_HOLD_AFTER, 7,
	    RULE_UNIT_BD);
	M(ms, 0, "materiality_determined", "2026-03-03T15:00:00Z");
	memset(&h, 0, sizeof h);
	/* agencies notified Friday 6 March: seven business days after are
	 * Mon 9 .. Fri 13, Mon 16, Tue 17 March -> 17:30 EDT */
	h.from = T("2026-03-06T15:00:00Z");
	h.open = true;
	h.basis = "fcc-cpni";
	clock_eval(R("sec-8k"), shipped, ms, 1, &h, 1,
	    T("2026-03-07T12:00:00Z"), &r);
	assert_time(r.original_due, "2026-03-09T21:30:00Z");
	assert_time(r.due, "2026-03-17T21:30:00Z");
	assert_true(r.extended);
}

/*
 * 45 CFR 164.412: a law-enforcement statement makes the covered entity
 * "delay such notification, notice, or posting for the time period
 * specified by the official" (written) or "temporarily and no longer than
 * 30 days from the date of the oral statement" (oral). The clock stops.
 * On a calendar-day rule the due stays at 23:59:59 New York time across
 * the spring-forward night of 8 March 2026.
 */
static void
test_pause_days_across_dst(void **state)
{
	struct milestone	ms[1];
	struct clock_hold	h;
	struct clock_result	r;
	const struct rule	*rule = R("hipaa-individuals");

	(void)state;
	assert_hold_kind("hipaa-individuals", 0, "law-enforcement",
	    RULE_HOLD_PAUSE, 0, RULE_UNIT_D);
	/* discovered Monday 5 January 2026, 10:00 EST: 60 days after are
	 * 26 left in January, 28 in February, 6 in March -> 6 March,
	 * 23:59:59 EST = 7 March 04:59:59Z */
	M(ms, 0, "discovered", "2026-01-05T15:00:00Z");
	memset(&h, 0, sizeof h);
	h.from = T("2026-02-01T00:00:00Z");
	h.until = T("2026-02-11T00:00:00Z");
	h.basis = "law-enforcement: written statement, 10 days";
	clock_eval(rule, shipped, ms, 1, &h, 1, T("2026-02-20T00:00:00Z"), &r);
	assert_time(r.original_due, "2026-03-07T04:59:59Z");
	/* ten days later, 16 March 23:59:59 EDT: not 00:59:59 on the 17th */
	assert_time(r.due, "2026-03-17T03:59:59Z");
	assert_int_equal(r.state, CLOCK_OK);
	assert_false(r.extended);
	/* a part of a day held is not counted: the earlier due is safe */
	h.until = T("2026-02-11T06:00:00Z");
	clock_eval(rule, shipped, ms, 1, &h, 1, T("2026-02-20T00:00:00Z"), &r);
	assert_time(r.due, "2026-03-17T03:59:59Z");
	/* during it: held, 34 days 4:59:59 left when it lifts (due moved
	 * 10 days; the hold ends at 06:00Z on 11 February) */
	clock_eval(rule, shipped, ms, 1, &h, 1, T("2026-02-05T00:00:00Z"), &r);
	assert_int_equal(r.state, CLOCK_HELD);
	assert_int_equal(r.remaining_s,
	    T("2026-03-17T03:59:59Z") - T("2026-02-11T06:00:00Z"));
}

/* One hand-computed vector of a shipped rule: trigger, now, expected due. */
struct vec {
	const char	*rule;
	const char	*milestone;
	const char	*at;
	const char	*due;		/* NULL: asap, no due time */
};

/*
 * The rules added for 2025-2026, each against the text it cites. Hours
 * are exact seconds; days end at 23:59:59 in the rule's zone.
 */
static const struct vec new_rules[] = {
	/* 12 CFR 53.3: "as soon as possible and no later than 36 hours after
	 * the banking organization determines that a notification incident
	 * has occurred" */
	{ "us-bank", "incident_confirmed", "2026-06-01T12:00:00Z",
	  "2026-06-03T00:00:00Z" },
	/* DFARS 252.204-7012(c)(1)(ii): "within 72 hours of discovery" */
	{ "us-dfars", "discovered", "2026-06-01T12:00:00Z",
	  "2026-06-04T12:00:00Z" },
	/* 16 CFR 314.4(j): "no later than 30 days after discovery": 1 June
	 * (11:00 EDT) + 30 days = 1 July, 23:59:59 EDT */
	{ "us-ftc-safeguards", "discovered", "2026-06-01T15:00:00Z",
	  "2026-07-02T03:59:59Z" },
	/* 17 CFR 248.30(a)(4)(iii): "not later than 30 days, after becoming
	 * aware": the same arithmetic */
	{ "us-sec-regsp", "aware", "2026-06-01T15:00:00Z",
	  "2026-07-02T03:59:59Z" },
	/* NIS Regulations 2018 reg 11(3)(b): "no later than 72 hours after
	 * the operator is aware" */
	{ "uk-nis", "aware", "2026-06-01T12:00:00Z", "2026-06-04T12:00:00Z" },
	/* Reg 611/2013 Art 2(2): "no later than 24 hours after the
	 * detection of the personal data breach" */
	{ "uk-pecr", "aware", "2026-06-01T12:00:00Z", "2026-06-02T12:00:00Z" },
	/* ISG: "within 24 hours of discovery" */
	{ "ch-isg", "aware", "2026-06-01T12:00:00Z", "2026-06-02T12:00:00Z" },
	/* OSFI advisory: "within 24 hours, or sooner if possible" */
	{ "ca-osfi", "aware", "2026-06-01T12:00:00Z", "2026-06-02T12:00:00Z" },
	/* CII Regulations 2018 reg 5: within 2 hours after becoming aware */
	{ "sg-cii", "aware", "2026-06-01T12:00:00Z", "2026-06-01T14:00:00Z" },
	/* Cap. 653: 12 hours for a serious incident, 48 hours otherwise */
	{ "hk-cio-serious", "aware", "2026-06-01T12:00:00Z",
	  "2026-06-02T00:00:00Z" },
	{ "hk-cio-other", "aware", "2026-06-01T12:00:00Z",
	  "2026-06-03T12:00:00Z" },
	/* Cyber Security Act 2024 s27: "within 72 hours of making the
	 * ransomware payment" */
	{ "au-ransomware", "ransom_paid", "2026-06-01T12:00:00Z",
	  "2026-06-04T12:00:00Z" },
	/* SOCI s30BC: 12 hours; s30BD: 72 hours, after becoming aware */
	{ "au-soci-critical", "aware", "2026-06-01T12:00:00Z",
	  "2026-06-02T00:00:00Z" },
	{ "au-soci-relevant", "aware", "2026-06-01T12:00:00Z",
	  "2026-06-04T12:00:00Z" },
	/* CPS 234 para 35: "no later than 72 hours, after becoming aware" */
	{ "au-apra-cps234", "aware", "2026-06-01T12:00:00Z",
	  "2026-06-04T12:00:00Z" },
	/* APPI Enforcement Rules Art 8(2): final report within 30 days, 60
	 * for an unauthorised purpose: 1 June (12:00 JST) + 30 = 1 July,
	 * + 60 = 31 July (29 days to 30 June, then 31), 23:59:59 JST */
	{ "jp-appi-final", "aware", "2026-06-01T03:00:00Z",
	  "2026-07-01T14:59:59Z" },
	{ "jp-appi-final-attack", "aware", "2026-06-01T03:00:00Z",
	  "2026-07-31T14:59:59Z" },
	/* DPDP Rules rule 7(2)(b): "within seventy-two hours of becoming
	 * aware of the same" (rule 7 applies from 14 May 2027) */
	{ "in-dpdp", "aware", "2027-06-01T12:00:00Z", "2027-06-04T12:00:00Z" },
	/* CRA Art 14(2)(a), (b) and 14(4)(a), (b): "without undue delay and
	 * in any event within 24 hours", "within 72 hours" of becoming aware
	 * (applies from 11 September 2026) */
	{ "cra-vuln-early", "exploited_vulnerability_aware",
	  "2026-10-01T08:00:00Z", "2026-10-02T08:00:00Z" },
	{ "cra-vuln-notify", "exploited_vulnerability_aware",
	  "2026-10-01T08:00:00Z", "2026-10-04T08:00:00Z" },
	{ "cra-incident-early", "severe_incident_aware",
	  "2026-10-01T08:00:00Z", "2026-10-02T08:00:00Z" },
	{ "cra-incident-notify", "severe_incident_aware",
	  "2026-10-01T08:00:00Z", "2026-10-04T08:00:00Z" },
	/* Art 14(2)(c): "no later than 14 days after a corrective or
	 * mitigating measure is available": 5 October (12:00 CEST) + 14 =
	 * 19 October, 23:59:59 CEST */
	{ "cra-vuln-final", "fix_available", "2026-10-05T10:00:00Z",
	  "2026-10-19T21:59:59Z" },
	/* Art 14(4)(c): "within one month after the submission of the
	 * incident notification": 3 October -> 3 November, 23:59:59 CET
	 * (summer time ended on 25 October) */
	{ "cra-incident-final", "sent:cra-incident-notify",
	  "2026-10-03T10:00:00Z", "2026-11-03T22:59:59Z" },
	/* "without undue delay": no number, the clock shows time elapsed
	 * (GDPR Art 33(2), Art 34(1); NIS2 Art 23(1); APPI preliminary) */
	{ "gdpr-33-processor", "aware", "2026-06-01T12:00:00Z", NULL },
	{ "gdpr-34", "high_risk_assessed", "2026-06-01T12:00:00Z", NULL },
	{ "nis2-recipients", "aware", "2026-06-01T12:00:00Z", NULL },
	{ "jp-appi-preliminary", "aware", "2026-06-01T12:00:00Z", NULL },
};

static void
test_new_rules(void **state)
{
	struct milestone	ms[1];
	struct clock_result	r;
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof new_rules / sizeof new_rules[0]; i++) {
		const struct vec	*v = &new_rules[i];

		M(ms, 0, v->milestone, v->at);
		eval(v->rule, ms, 1, v->at, &r);
		if (v->due == NULL) {
			assert_int_equal(r.state, CLOCK_OK);
			assert_false(r.has_due);
			continue;
		}
		if (!r.has_due)
			fail_msg("%s: no due (%s)", v->rule, r.message);
		assert_time(r.due, v->due);
		assert_int_equal(r.state, CLOCK_OK);
	}
}

/*
 * A rule that applies from a date starts no clock for a trigger before
 * it: CRA Art 14 applies from 11 September 2026 (Art 71(2)); DPDP rule 7
 * from 14 May 2027; Regulation S-P's amendments from 3 December 2025.
 */
static void
test_applies_from(void **state)
{
	struct milestone	ms[1];
	struct clock_result	r;

	(void)state;
	M(ms, 0, "exploited_vulnerability_aware", "2026-09-10T23:59:59Z");
	eval("cra-vuln-early", ms, 1, "2026-09-11T01:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_PENDING);
	assert_true(r.not_yet);
	assert_false(r.has_due);
	assert_non_null(strstr(r.message, "applies from 2026-09-11"));
	M(ms, 0, "exploited_vulnerability_aware", "2026-09-11T00:00:00Z");
	eval("cra-vuln-early", ms, 1, "2026-09-11T01:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_OK);
	assert_time(r.due, "2026-09-12T00:00:00Z");
	/* 13 May 2027, 17:30 in Kolkata: the day before rule 7 applies */
	M(ms, 0, "aware", "2027-05-13T12:00:00Z");
	eval("in-dpdp", ms, 1, "2027-05-14T00:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_PENDING);
	assert_true(r.not_yet);
	/* not triggered yet, before the date: says when it applies */
	eval("in-dpdp", NULL, 0, "2026-12-01T00:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_PENDING);
	assert_false(r.not_yet);
	assert_non_null(strstr(r.message, "applies from 2027-05-14"));
	M(ms, 0, "aware", "2025-12-02T15:00:00Z");
	eval("us-sec-regsp", ms, 1, "2025-12-03T15:00:00Z", &r);
	assert_true(r.not_yet);
}

/*
 * NIS2 and DORA are counted in the member state's zone chosen for the
 * incident: a final report due one month after a notification sent on
 * 15 June 2026 ends at 23:59:59 on 15 July in Helsinki (EEST, +03:00), an
 * hour before the same wall-clock time in Brussels (CEST, +02:00).
 */
static void
test_state_zone(void **state)
{
	struct milestone	ms[1];
	struct clock_result	r;
	struct tz		*hel = NULL;
	struct verr		 e;

	(void)state;
	assert_int_equal(tz_load(NULL, "Europe/Helsinki", &hel, &e), 0);
	assert_true(R("nis2-final")->state_zone);
	assert_true(R("dora-final")->state_zone);
	assert_false(R("gdpr-33")->state_zone);
	M(ms, 0, "sent:nis2-notify", "2026-06-15T10:00:00Z");
	clock_eval_in(R("nis2-final"), shipped, NULL, ms, 1, NULL, 0,
	    T("2026-06-16T00:00:00Z"), &r);
	assert_time(r.due, "2026-07-15T21:59:59Z");
	clock_eval_in(R("nis2-final"), shipped, hel, ms, 1, NULL, 0,
	    T("2026-06-16T00:00:00Z"), &r);
	assert_time(r.due, "2026-07-15T20:59:59Z");
	assert_int_equal(r.due_offset_s, 3 * 3600);
	/* a rule that is not a member-state rule ignores the zone */
	M(ms, 0, "discovered", "2026-02-02T15:00:00Z");
	clock_eval_in(R("hipaa-individuals"), shipped, hel, ms, 1, NULL, 0,
	    T("2026-02-03T00:00:00Z"), &r);
	assert_time(r.due, "2026-04-04T03:59:59Z");
	tz_free(&hel);
}

/* A year the calendar does not list stops the clock with a reason. */
static void
test_calendar_gap(void **state)
{
	struct milestone	ms[1];
	struct clock_result	r;

	(void)state;
	M(ms, 0, "materiality_determined", "2029-03-06T15:00:00Z");
	eval("sec-8k", ms, 1, "2029-03-06T16:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_ERROR);
	assert_false(r.has_due);
	assert_non_null(strstr(r.message, "us-federal"));
	assert_non_null(strstr(r.message, "2029"));
	/* a period that runs from 2028 into 2029 as well */
	M(ms, 0, "materiality_determined", "2028-12-28T15:00:00Z");
	eval("sec-8k", ms, 1, "2028-12-28T16:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_ERROR);
	assert_non_null(strstr(r.message, "2029"));
	M(ms, 0, "aware", "2024-12-30T15:00:00Z");
	eval("br-anpd", ms, 1, "2024-12-30T16:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_ERROR);
	assert_non_null(strstr(r.message, "2024"));
}

/* Met or missed: the rule's own sent:<id> against due. */
static void
test_met_missed_pending(void **state)
{
	struct milestone	ms[2];
	struct clock_result	r;

	(void)state;
	M(ms, 0, "declared", "2026-06-01T00:00:00Z");
	M(ms, 1, "sent:customer", "2026-06-03T00:00:00Z");
	eval("customer", ms, 2, "2026-06-10T00:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_MET);
	assert_int_equal(r.remaining_s, 86400);
	M(ms, 1, "sent:customer", "2026-06-05T00:00:00Z");
	eval("customer", ms, 2, "2026-06-10T00:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_MISSED);
	assert_int_equal(r.remaining_s, -86400);
	/* running, then overdue */
	eval("customer", ms, 1, "2026-06-02T00:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_OK);
	assert_int_equal(r.elapsed_s, 86400);
	eval("customer", ms, 1, "2026-06-04T00:00:01Z", &r);
	assert_int_equal(r.state, CLOCK_OVERDUE);
	assert_int_equal(r.remaining_s, -1);
	/* another rule's report does not count */
	M(ms, 1, "sent:gdpr-33", "2026-06-02T00:00:00Z");
	eval("customer", ms, 2, "2026-06-02T00:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_OK);
	/* no trigger: pending */
	eval("gdpr-33", ms, 1, "2026-06-02T00:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_PENDING);
	assert_non_null(strstr(r.message, "aware"));
	eval("customer", NULL, 0, "2026-06-02T00:00:00Z", &r);
	assert_int_equal(r.state, CLOCK_PENDING);
}

/* first vs last occurrence, asap, and what cannot be evaluated. */
static void
test_first_last_asap_errors(void **state)
{
	struct ruleset		*rs = ruleset_new();
	struct milestone	 ms[3];
	struct clock_result	 r;
	static const char text[] =
	    "[first]\nstart = aware\ndue = 1h\nstatus = in-force\n"
	    "[last]\nstart = last aware\ndue = 1h\nstatus = in-force\n"
	    "[soon]\nstart = handled\ndue = asap\nstatus = in-force\n"
	    "[zoned]\nstart = aware\ndue = 1d\ntz = Europe/Paris\n"
	    "status = in-force\n"
	    "[cal]\nstart = aware\ndue = 1bd\ncalendar = nowhere\n"
	    "status = in-force\n";

	(void)state;
	assert_int_equal(ruleset_parse_rules(rs, "t.rules", text,
	    sizeof text - 1), 0);
	M(ms, 0, "aware", "2026-06-02T00:00:00Z");
	M(ms, 1, "aware", "2026-06-03T00:00:00Z");
	M(ms, 2, "aware", "2026-06-01T00:00:00Z");
	clock_eval(ruleset_find(rs, "first"), rs, ms, 3, NULL, 0,
	    T("2026-06-03T00:00:00Z"), &r);
	assert_time(r.start, "2026-06-01T00:00:00Z");
	clock_eval(ruleset_find(rs, "last"), rs, ms, 3, NULL, 0,
	    T("2026-06-03T00:00:00Z"), &r);
	assert_time(r.start, "2026-06-03T00:00:00Z");
	assert_time(r.due, "2026-06-03T01:00:00Z");

	M(ms, 0, "handled", "2026-06-02T00:00:00Z");
	clock_eval(ruleset_find(rs, "soon"), rs, ms, 1, NULL, 0,
	    T("2026-06-02T05:00:00Z"), &r);
	assert_int_equal(r.state, CLOCK_OK);
	assert_false(r.has_due);
	assert_int_equal(r.elapsed_s, 5 * 3600);

	/* zones and calendars are loaded by the caller, never guessed */
	clock_eval(ruleset_find(rs, "zoned"), rs, ms, 3, NULL, 0,
	    T("2026-06-03T00:00:00Z"), &r);
	assert_int_equal(r.state, CLOCK_ERROR);
	assert_non_null(strstr(r.message, "Europe/Paris"));
	clock_eval(ruleset_find(rs, "cal"), rs, ms, 3, NULL, 0,
	    T("2026-06-03T00:00:00Z"), &r);
	assert_int_equal(r.state, CLOCK_ERROR);
	assert_non_null(strstr(r.message, "nowhere"));
	assert_int_equal(ruleset_load_zones(rs, NULL), 0);
	clock_eval(ruleset_find(rs, "zoned"), rs, ms, 3, NULL, 0,
	    T("2026-06-03T00:00:00Z"), &r);
	assert_int_equal(r.state, CLOCK_OVERDUE);
	/* aware 1 June 02:00 CEST -> 2 June 23:59:59 CEST */
	assert_time(r.due, "2026-06-02T21:59:59Z");

	/* absurd instants are refused, never overflowed */
	ms[2].at = INT64_MAX;
	clock_eval(ruleset_find(rs, "zoned"), rs, ms + 2, 1, NULL, 0,
	    T("2026-06-03T00:00:00Z"), &r);
	assert_int_equal(r.state, CLOCK_ERROR);
	clock_eval(ruleset_find(rs, "first"), rs, ms, 1, NULL, 0, INT64_MIN,
	    &r);
	assert_int_equal(r.state, CLOCK_ERROR);
	{
		struct clock_hold	h = { INT64_MIN, INT64_MAX, false, "x" };

		ms[1].at = T("2026-06-01T00:00:00Z");
		clock_eval(ruleset_find(rs, "first"), rs, ms + 1, 1, &h, 1,
		    T("2026-06-03T00:00:00Z"), &r);
		assert_int_equal(r.state, CLOCK_HELD);
	}
	ruleset_free(&rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify_and_customer),
		cmocka_unit_test(test_hours_across_dst),
		cmocka_unit_test(test_month_end_and_nis2_chain),
		cmocka_unit_test(test_sec_business_days),
		cmocka_unit_test(test_anpd_carnival),
		cmocka_unit_test(test_calendar_days),
		cmocka_unit_test(test_dora_backstop),
		cmocka_unit_test(test_holds),
		cmocka_unit_test(test_sec_ag_delay),
		cmocka_unit_test(test_sec_fcc_cpni),
		cmocka_unit_test(test_pause_days_across_dst),
		cmocka_unit_test(test_new_rules),
		cmocka_unit_test(test_applies_from),
		cmocka_unit_test(test_state_zone),
		cmocka_unit_test(test_calendar_gap),
		cmocka_unit_test(test_met_missed_pending),
		cmocka_unit_test(test_first_last_asap_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
