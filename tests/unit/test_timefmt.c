/*
 * test_timefmt.c: what users type as times, and how times are printed.
 * ISO 8601 with Z or an offset (+01:00, -0530), fractions dropped, "now";
 * impossible dates and times refused; an instant without a zone refused
 * because it would be ambiguous; formatting round-trips. The civil-date
 * arithmetic is checked over twelve thousand years against its own
 * day-by-day walk and, where the C library can, against timegm(3).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "vigil/timefmt.h"

#define NOW 1795337400	/* 2026-11-22T08:50:00Z */

static int64_t
parse_ok(const char *s, int want_offset)
{
	int64_t	t = -12345;
	int	off = -12345;

	if (timefmt_parse(s, NOW, &t, &off) != 0)
		fail_msg("'%s' was refused", s);
	assert_int_equal(off, want_offset);
	return t;
}

static void
parse_bad(const char *s)
{
	int64_t	t = 777;
	int	off = 777;

	if (timefmt_parse(s, NOW, &t, &off) == 0)
		fail_msg("'%s' was accepted", s);
	assert_int_equal(t, 777);
	assert_int_equal(off, 777);
}

static void
test_parse_zones(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("2026-11-22T08:50:00Z", 0), 1795337400);
	assert_int_equal(parse_ok("2026-11-22T08:50Z", 0), 1795337400);
	assert_int_equal(parse_ok("2026-11-22t08:50:00z", 0), 1795337400);
	assert_int_equal(parse_ok("2026-11-22 08:50:00Z", 0), 1795337400);
	/* the issue's own example: 09:50 at +01:00 is 08:50Z */
	assert_int_equal(parse_ok("2026-11-22T09:50+01:00", 3600), 1795337400);
	assert_int_equal(parse_ok("2026-11-22T08:50:00+01:00", 3600),
	    1795333800);
	assert_int_equal(parse_ok("2026-11-22T08:50:00+0100", 3600),
	    1795333800);
	assert_int_equal(parse_ok("2026-11-22T08:50:00-05:30", -19800),
	    1795357200);
	assert_int_equal(parse_ok("2026-11-22T08:50:00-0530", -19800),
	    1795357200);
	assert_int_equal(parse_ok("2026-11-22T03:20-0530", -19800),
	    1795337400);
	assert_int_equal(parse_ok("2026-11-22T08:50:00+00:00", 0), 1795337400);
	assert_int_equal(parse_ok("2026-11-22T08:50:00-00:00", 0), 1795337400);
	/* the offset moves the date too */
	assert_int_equal(parse_ok("2026-01-01T00:30:00+14:00", 50400),
	    1767177000);
	assert_int_equal(parse_ok("2026-11-22T08:50:00+05:45", 20700),
	    1795337400 - 20700);
}

static void
test_parse_fractions_and_now(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("2026-11-22T08:50:00.999Z", 0), 1795337400);
	assert_int_equal(parse_ok("2026-11-22T08:50:00,5Z", 0), 1795337400);
	assert_int_equal(parse_ok("2026-11-22T08:50:59.123456789+01:00",
	    3600), 1795333859);
	assert_int_equal(parse_ok("now", 0), NOW);
	/* "now" is whatever the caller says it is: no clock is read */
	{
		int64_t	t;
		int	off;

		assert_int_equal(timefmt_parse("now", 42, &t, &off), 0);
		assert_int_equal(t, 42);
	}
	parse_bad("2026-11-22T08:50:00.Z");	/* a dot and no digit */
	parse_bad("2026-11-22T08:50.5Z");	/* a fraction of a minute */
	parse_bad("NOW");
	parse_bad("now ");
	parse_bad("today");
}

static void
test_parse_refuses_missing_zone(void **state)
{
	(void)state;
	parse_bad("2026-11-22T08:50:00");
	parse_bad("2026-11-22T08:50");
	parse_bad("2026-11-22");
	parse_bad("2026-11-22T08:50:00 UTC");
	parse_bad("2026-11-22T08:50:00 Z");
	parse_bad("2026-11-22T08:50:00+01");	/* hours only */
	parse_bad("2026-11-22T08:50:00+1:00");
	parse_bad("2026-11-22T08:50:00+01:0");
	parse_bad("2026-11-22T08:50:00+19:00");	/* no such offset */
	parse_bad("2026-11-22T08:50:00+01:60");
	parse_bad("2026-11-22T08:50:00ZZ");
	parse_bad("2026-11-22T08:50:00Z ");
	parse_bad(" 2026-11-22T08:50:00Z");
	parse_bad("");
	parse_bad(NULL);
}

static void
test_parse_refuses_impossible(void **state)
{
	(void)state;
	parse_bad("2026-02-30T00:00Z");
	parse_bad("2026-02-29T00:00Z");		/* 2026 is not a leap year */
	parse_bad("1900-02-29T00:00Z");		/* century, not /400 */
	parse_bad("2026-04-31T00:00Z");
	parse_bad("2026-13-01T00:00Z");
	parse_bad("2026-00-10T00:00Z");
	parse_bad("2026-01-00T00:00Z");
	parse_bad("2026-01-32T00:00Z");
	parse_bad("2026-11-22T24:00Z");		/* hour 24 */
	parse_bad("2026-11-22T24:00:00Z");
	parse_bad("2026-11-22T23:60Z");
	parse_bad("2026-11-22T23:59:60Z");	/* no leap seconds */
	parse_bad("2026-11-22T8:50Z");
	parse_bad("26-11-22T08:50Z");
	parse_bad("2026/11/22T08:50Z");
	parse_bad("2026-11-22X08:50Z");
	parse_bad("2026-11-22T08-50Z");
	parse_bad("20261122T0850Z");
	parse_bad("-2026-11-22T08:50Z");
	parse_bad("2026-1a-22T08:50Z");
	/* but real leap days and the last second of a day are fine */
	assert_int_equal(parse_ok("2024-02-29T00:00:00Z", 0), 1709164800);
	assert_int_equal(parse_ok("2000-02-29T12:00:00Z", 0), 951825600);
	assert_int_equal(parse_ok("1969-12-31T23:59:59Z", 0), -1);
	assert_int_equal(parse_ok("9999-12-31T23:59:59Z", 0), 253402300799);
	assert_int_equal(parse_ok("0001-01-01T00:00:00Z", 0), -62135596800);
}

static void
test_parse_date(void **state)
{
	int64_t	days = 5;

	(void)state;
	assert_int_equal(timefmt_parse_date("1970-01-01", &days), 0);
	assert_int_equal(days, 0);
	assert_int_equal(timefmt_parse_date("2026-11-22", &days), 0);
	assert_int_equal(days, 1795337400 / 86400);
	assert_int_equal(timefmt_parse_date("1969-12-31", &days), 0);
	assert_int_equal(days, -1);
	days = 5;
	assert_int_equal(timefmt_parse_date("2026-02-30", &days), -1);
	assert_int_equal(timefmt_parse_date("2026-11-22T00:00Z", &days), -1);
	assert_int_equal(timefmt_parse_date("2026-11-2", &days), -1);
	assert_int_equal(timefmt_parse_date("", &days), -1);
	assert_int_equal(days, 5);
}

static void
test_format(void **state)
{
	char	out[TIMEFMT_MAX];

	(void)state;
	timefmt_utc(1795337400, out);
	assert_string_equal(out, "2026-11-22T08:50:00Z");
	timefmt_utc(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	timefmt_utc(-1, out);
	assert_string_equal(out, "1969-12-31T23:59:59Z");
	timefmt_utc(-86400, out);
	assert_string_equal(out, "1969-12-31T00:00:00Z");
	timefmt_utc(-86401, out);
	assert_string_equal(out, "1969-12-30T23:59:59Z");
	timefmt_utc(-62135596800, out);
	assert_string_equal(out, "0001-01-01T00:00:00Z");
	timefmt_utc(253402300799, out);
	assert_string_equal(out, "9999-12-31T23:59:59Z");
	timefmt_utc_short(1795337459, out);
	assert_string_equal(out, "2026-11-22 08:50Z");

	timefmt_offset(1795337400, 3600, out);
	assert_string_equal(out, "2026-11-22T09:50:00+01:00");
	timefmt_offset(1795337400, -19800, out);
	assert_string_equal(out, "2026-11-22T03:20:00-05:30");
	timefmt_offset(1795337400, 0, out);
	assert_string_equal(out, "2026-11-22T08:50:00+00:00");
	timefmt_offset(1767177000, 50400, out);
	assert_string_equal(out, "2026-01-01T00:30:00+14:00");
	timefmt_offset(-1, -3600, out);
	assert_string_equal(out, "1969-12-31T22:59:59-01:00");
}

static void
test_round_trip(void **state)
{
	static const int	offsets[] = { 0, 3600, -3600, 19800, -19800,
				    20700, 50400, -43200 };
	char			out[TIMEFMT_MAX];
	int64_t			t, back;
	size_t			i;
	int			off;

	(void)state;
	/* every few hours over 600 years, both sides of the epoch */
	for (t = -7000000000LL; t < 12000000000LL; t += 9876543) {
		timefmt_utc(t, out);
		assert_int_equal(timefmt_parse(out, 0, &back, &off), 0);
		assert_int_equal(back, t);
		assert_int_equal(off, 0);
		for (i = 0; i < sizeof offsets / sizeof offsets[0]; i++) {
			timefmt_offset(t, offsets[i], out);
			assert_int_equal(timefmt_parse(out, 0, &back, &off),
			    0);
			assert_int_equal(back, t);
			assert_int_equal(off, offsets[i]);
		}
	}
}

static void
test_civil_range(void **state)
{
	int64_t	days, y, py;
	int	m, d, pm, pd;

	(void)state;
	assert_int_equal(timefmt_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(timefmt_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(timefmt_days_from_civil(1600, 1, 1) * 86400,
	    -11676096000LL);
	/* walk every day from -4000-01-01 to 8000-12-31: each date follows
	 * the previous by exactly one calendar day, and maps back */
	days = timefmt_days_from_civil(-4000, 1, 1);
	timefmt_civil_from_days(days, &py, &pm, &pd);
	assert_int_equal(py, -4000);
	assert_int_equal(pm, 1);
	assert_int_equal(pd, 1);
	for (days++; days <= timefmt_days_from_civil(8000, 12, 31); days++) {
		timefmt_civil_from_days(days, &y, &m, &d);
		if (d == pd + 1) {
			assert_int_equal(m, pm);
			assert_int_equal(y, py);
		} else {
			assert_int_equal(d, 1);
			assert_int_equal(pd, timefmt_days_in_month(py, pm));
			if (m == 1) {
				assert_int_equal(pm, 12);
				assert_int_equal(y, py + 1);
			} else {
				assert_int_equal(m, pm + 1);
				assert_int_equal(y, py);
			}
		}
		assert_int_equal(timefmt_days_from_civil(y, m, d), days);
		py = y;
		pm = m;
		pd = d;
	}
}

static void
test_civil_against_libc(void **state)
{
	struct tm	tm;
	time_t		tt;
	int64_t		y;
	int		m;

	(void)state;
	if (sizeof(time_t) < 8)
		skip();
	for (y = 1800; y <= 2400; y++) {
		for (m = 1; m <= 12; m++) {
			memset(&tm, 0, sizeof tm);
			tm.tm_year = (int)(y - 1900);
			tm.tm_mon = m - 1;
			tm.tm_mday = timefmt_days_in_month(y, m);
			tt = timegm(&tm);
			/* timegm normalises day 29 of a common February */
			assert_int_equal(tm.tm_mon, m - 1);
			assert_int_equal((int64_t)tt, timefmt_days_from_civil(y,
			    m, timefmt_days_in_month(y, m)) * 86400);
			assert_int_equal(tm.tm_wday, timefmt_weekday(
			    (int64_t)tt / 86400 - ((int64_t)tt % 86400 < 0)));
		}
	}
}

static void
test_days_in_month_and_weekday(void **state)
{
	int64_t	days;
	int	i;

	(void)state;
	assert_int_equal(timefmt_days_in_month(2024, 2), 29);
	assert_int_equal(timefmt_days_in_month(2026, 2), 28);
	assert_int_equal(timefmt_days_in_month(1900, 2), 28);
	assert_int_equal(timefmt_days_in_month(2000, 2), 29);
	assert_int_equal(timefmt_days_in_month(2100, 2), 28);
	assert_int_equal(timefmt_days_in_month(2026, 4), 30);
	assert_int_equal(timefmt_days_in_month(2026, 12), 31);

	assert_int_equal(timefmt_weekday(0), 4);	/* a Thursday */
	assert_int_equal(timefmt_weekday(
	    timefmt_days_from_civil(2026, 11, 22)), 0);
	assert_int_equal(timefmt_weekday(
	    timefmt_days_from_civil(2000, 1, 1)), 6);
	assert_int_equal(timefmt_weekday(
	    timefmt_days_from_civil(1969, 12, 28)), 0);
	/* negative days cycle like positive ones */
	days = timefmt_days_from_civil(1969, 12, 28);
	for (i = 0; i < 400; i++) {
		assert_int_equal(timefmt_weekday(days - 7 * i), 0);
		assert_int_equal(timefmt_weekday(days - 7 * i - 1), 6);
		assert_int_equal(timefmt_weekday(days - 7 * i + 3), 3);
	}
}

static void
test_durations(void **state)
{
	char	out[TIMEFMT_MAX];

	(void)state;
	timefmt_hms(0, out);
	assert_string_equal(out, "00:00:00");
	timefmt_hms(72 * 3600, out);
	assert_string_equal(out, "72:00:00");
	timefmt_hms(123 * 3600 + 4 * 60 + 5, out);
	assert_string_equal(out, "123:04:05");
	timefmt_hms(-(3600 + 61), out);
	assert_string_equal(out, "01:01:01");

	timefmt_span(45, out);
	assert_string_equal(out, "45s");
	timefmt_span(0, out);
	assert_string_equal(out, "0s");
	timefmt_span(12 * 60 + 59, out);
	assert_string_equal(out, "12m");
	timefmt_span(3 * 3600 + 12 * 60, out);
	assert_string_equal(out, "3h12m");
	timefmt_span(3600, out);
	assert_string_equal(out, "1h00m");
	timefmt_span(2 * 86400 + 4 * 3600 + 59, out);
	assert_string_equal(out, "2d04h");
	timefmt_span(-(2 * 86400 + 4 * 3600), out);
	assert_string_equal(out, "2d04h");
	timefmt_span(400 * 86400LL, out);
	assert_string_equal(out, "400d00h");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_zones),
		cmocka_unit_test(test_parse_fractions_and_now),
		cmocka_unit_test(test_parse_refuses_missing_zone),
		cmocka_unit_test(test_parse_refuses_impossible),
		cmocka_unit_test(test_parse_date),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_civil_range),
		cmocka_unit_test(test_civil_against_libc),
		cmocka_unit_test(test_days_in_month_and_weekday),
		cmocka_unit_test(test_durations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
