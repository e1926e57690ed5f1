/*
 * test_tz.c: zone offsets and local<->UTC conversion, from the system's
 * TZif files and from TZif data built in memory (the POSIX footer path).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/ops-load.h"
#include "vigil/timefmt.h"
#include "vigil/tz.h"

static int64_t
utc(const char *s)
{
	int64_t	t;
	int	off;

	assert_int_equal(timefmt_parse(s, 0, &t, &off), 0);
	return t;
}

/* Local seconds of a wall-clock time. */
static int64_t
local(int y, int m, int d, int hh, int mm)
{
	return timefmt_days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60;
}

static struct tz *
load(const char *name)
{
	struct tz	*z;
	struct verr	 e;

	assert_int_equal(tz_load(NULL, name, &z, &e), 0);
	assert_non_null(z);
	assert_string_equal(tz_name(z), name);
	return z;
}

static void
test_new_york(void **state)
{
	struct tz	*z = load("America/New_York");
	int64_t		 t;

	(void)state;
	/* spring forward: 2026-03-08 02:00 EST = 07:00Z */
	assert_int_equal(tz_offset_at(z, utc("2026-03-08T06:59:59Z")), -18000);
	assert_int_equal(tz_offset_at(z, utc("2026-03-08T07:00:00Z")), -14400);
	/* fall back: 2026-11-01 02:00 EDT = 06:00Z */
	assert_int_equal(tz_offset_at(z, utc("2026-11-01T05:59:59Z")), -14400);
	assert_int_equal(tz_offset_at(z, utc("2026-11-01T06:00:00Z")), -18000);
	/* beyond any table: the footer rule */
	assert_int_equal(tz_offset_at(z, utc("2045-07-01T12:00:00Z")), -14400);
	assert_int_equal(tz_offset_at(z, utc("2045-01-01T12:00:00Z")), -18000);

	assert_int_equal(tz_to_utc(z, local(2026, 7, 1, 12, 0), &t), TZ_EXACT);
	assert_int_equal(t, utc("2026-07-01T16:00:00Z"));
	/* 02:30 does not exist on 8 March: read as EST, i.e. 03:30 EDT */
	assert_int_equal(tz_to_utc(z, local(2026, 3, 8, 2, 30), &t), TZ_GAP);
	assert_int_equal(t, utc("2026-03-08T07:30:00Z"));
	/* 01:30 occurs twice on 1 November: the earlier (EDT) */
	assert_int_equal(tz_to_utc(z, local(2026, 11, 1, 1, 30), &t),
	    TZ_OVERLAP);
	assert_int_equal(t, utc("2026-11-01T05:30:00Z"));
	assert_int_equal(tz_to_local(z, utc("2026-01-12T22:30:00Z")),
	    local(2026, 1, 12, 17, 30));
	tz_free(&z);
	assert_null(z);
	tz_free(&z);
	tz_free(NULL);
}

static void
test_paris_sydney_sao_paulo(void **state)
{
	struct tz	*z;
	int64_t		 t;

	(void)state;
	z = load("Europe/Paris");
	assert_int_equal(tz_offset_at(z, utc("2026-03-29T00:59:59Z")), 3600);
	assert_int_equal(tz_offset_at(z, utc("2026-03-29T01:00:00Z")), 7200);
	assert_int_equal(tz_offset_at(z, utc("2026-10-25T00:59:59Z")), 7200);
	assert_int_equal(tz_offset_at(z, utc("2026-10-25T01:00:00Z")), 3600);
	assert_int_equal(tz_to_utc(z, local(2026, 3, 30, 23, 59) + 59, &t),
	    TZ_EXACT);
	assert_int_equal(t, utc("2026-03-30T21:59:59Z"));
	tz_free(&z);

	z = load("Australia/Sydney");
	assert_int_equal(tz_offset_at(z, utc("2026-01-15T00:00:00Z")), 39600);
	assert_int_equal(tz_offset_at(z, utc("2026-07-15T00:00:00Z")), 36000);
	tz_free(&z);

	/* no daylight time since 2019 */
	z = load("America/Sao_Paulo");
	assert_int_equal(tz_offset_at(z, utc("2026-01-15T00:00:00Z")), -10800);
	assert_int_equal(tz_offset_at(z, utc("2026-07-15T00:00:00Z")), -10800);
	tz_free(&z);

	z = tz_new_utc();
	assert_int_equal(tz_offset_at(z, utc("2026-07-15T00:00:00Z")), 0);
	tz_free(&z);
	z = load("UTC");
	assert_int_equal(tz_offset_at(z, 0), 0);
	tz_free(&z);
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* TZif v2 with no transitions, one type (utoff) and a footer. */
static size_t
build_tzif(unsigned char *out, int32_t utoff, const char *footer)
{
	unsigned char	*p = out;
	int		 block;

	for (block = 0; block < 2; block++) {
		memset(p, 0, 44);
		memcpy(p, "TZif2", 5);
		put32(p + 36, 1);	/* typecnt */
		put32(p + 40, 4);	/* charcnt */
		p += 44;
		put32(p, (uint32_t)utoff);
		p[4] = 0;
		p[5] = 0;
		memcpy(p + 6, "STD", 4);
		p += 10;
	}
	*p++ = '\n';
	memcpy(p, footer, strlen(footer));
	p += strlen(footer);
	*p++ = '\n';
	return (size_t)(p - out);
}

static void
test_posix_footer(void **state)
{
	unsigned char	 data[256];
	struct tz	*z;
	struct verr	 e;
	size_t		 n;

	(void)state;
	n = build_tzif(data, -18000, "EST5EDT,M3.2.0,M11.1.0");
	assert_int_equal(tz_parse("x", data, n, &z, &e), 0);
	assert_int_equal(tz_offset_at(z, utc("2026-03-08T06:59:59Z")), -18000);
	assert_int_equal(tz_offset_at(z, utc("2026-03-08T07:00:00Z")), -14400);
	assert_int_equal(tz_offset_at(z, utc("2026-11-01T05:59:59Z")), -14400);
	assert_int_equal(tz_offset_at(z, utc("2026-11-01T06:00:00Z")), -18000);
	tz_free(&z);

	/* southern hemisphere, end time given: 5 April 2026 03:00 AEDT */
	n = build_tzif(data, 36000, "AEST-10AEDT,M10.1.0,M4.1.0/3");
	assert_int_equal(tz_parse("y", data, n, &z, &e), 0);
	assert_int_equal(tz_offset_at(z, utc("2026-01-15T00:00:00Z")), 39600);
	assert_int_equal(tz_offset_at(z, utc("2026-04-04T15:59:59Z")), 39600);
	assert_int_equal(tz_offset_at(z, utc("2026-04-04T16:00:00Z")), 36000);
	assert_int_equal(tz_offset_at(z, utc("2026-10-03T15:59:59Z")), 36000);
	assert_int_equal(tz_offset_at(z, utc("2026-10-03T16:00:00Z")), 39600);
	tz_free(&z);

	n = build_tzif(data, -10800, "<-03>3");
	assert_int_equal(tz_parse("z", data, n, &z, &e), 0);
	assert_int_equal(tz_offset_at(z, utc("2026-01-15T00:00:00Z")), -10800);
	tz_free(&z);

	n = build_tzif(data, 0, "EST5EDT,M13.2.0,M11.1.0");
	assert_int_equal(tz_parse("bad", data, n, &z, &e), -1);
	assert_null(z);
}

static void
test_bad_input(void **state)
{
	struct tz	*z;
	struct verr	 e;
	FILE		*f;
	unsigned char	 buf[8192];
	size_t		 n, cut;

	(void)state;
	assert_false(tz_valid_name("../etc/passwd"));
	assert_false(tz_valid_name("/etc/passwd"));
	assert_false(tz_valid_name(""));
	assert_false(tz_valid_name("Europe/Pa ris"));
	assert_true(tz_valid_name("America/Argentina/Buenos_Aires"));
	assert_true(tz_valid_name("Etc/GMT+5"));
	assert_int_equal(tz_load(NULL, "../etc/passwd", &z, &e), -1);
	assert_null(z);
	assert_int_equal(tz_load(NULL, "Mars/Olympus_Mons", &z, &e), -1);
	assert_non_null(strstr(e.msg, "Mars/Olympus_Mons"));
	assert_int_equal(tz_parse("j", "junk", 4, &z, &e), -1);

	/* every truncation of a real file is refused, never read past */
	f = fopen(TZ_ZONEINFO_DIR "/Europe/Paris", "rb");
	assert_non_null(f);
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	assert_true(n > 100);
	for (cut = 0; cut < n; cut += 7) {
		assert_int_equal(tz_parse("p", buf, cut, &z, &e), -1);
		assert_null(z);
	}
	assert_int_equal(tz_parse("p", buf, n, &z, &e), 0);
	tz_free(&z);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_york),
		cmocka_unit_test(test_paris_sydney_sao_paulo),
		cmocka_unit_test(test_posix_footer),
		cmocka_unit_test(test_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
