/*
 * test_rules.c: the rule and calendar parser. Broken files must name the
 * file and line of each problem and never hide the other rules; the
 * shipped rules and calendars must load without a single error.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "vigil/ops-load.h"
#include "vigil/rules.h"
#include "vigil/timefmt.h"
#include "vigil/tz.h"

static const char *const shipped_ids[] = {
	"customer", "gdpr-33", "uk-gdpr-33", "nis2-early", "nis2-notify",
	"nis2-final", "dora-initial", "dora-intermediate", "dora-final",
	"sec-8k", "hipaa-individuals", "hipaa-hhs-small", "nydfs",
	"nydfs-extortion", "cert-in", "sg-pdpa", "br-anpd", "au-ndb-assess",
	"circia",
	/* added for 2025-2026: each cites its article in source */
	"gdpr-33-processor", "gdpr-34", "nis2-recipients", "cra-vuln-early",
	"cra-vuln-notify", "cra-vuln-final", "cra-incident-early",
	"cra-incident-notify", "cra-incident-final", "ch-isg", "sg-cii",
	"hk-cio-serious", "hk-cio-other", "au-ransomware", "au-soci-critical",
	"au-soci-relevant", "au-apra-cps234", "us-bank", "us-dfars",
	"us-ftc-safeguards", "us-sec-regsp", "uk-nis", "uk-pecr", "ca-osfi",
	"jp-appi-preliminary", "jp-appi-final", "jp-appi-final-attack",
	"in-dpdp",
};

static const char *
share(void)
{
	const char	*s = getenv("VIGIL_SHARE");

	return s != NULL ? s : VIGIL_SOURCE_SHARE;
}

static int
parse(struct ruleset *rs, const char *fname, const char *text)
{
	return ruleset_parse_rules(rs, fname, text, strlen(text));
}

static int
parse_cal(struct ruleset *rs, const char *fname, const char *text)
{
	return ruleset_parse_calendar(rs, fname, text, strlen(text));
}

/* Some error starts with prefix and contains what. */
static bool
has_error(const struct ruleset *rs, const char *prefix, const char *what)
{
	size_t	i;

	for (i = 0; i < rs->nerrors; i++)
		if (strncmp(rs->errors[i], prefix, strlen(prefix)) == 0 &&
		    strstr(rs->errors[i], what) != NULL)
			return true;
	return false;
}

static void
print_errors(const struct ruleset *rs)
{
	size_t	i;

	for (i = 0; i < rs->nerrors; i++)
		printf("error: %s\n", rs->errors[i]);
}

static void
test_shipped(void **state)
{
	const char		*dirs[] = { share() };
	const struct rule	*r;
	const struct calendar	*cal;
	struct ruleset		*rs;
	size_t			 i;

	(void)state;
	if (ruleset_load_dirs(dirs, 1, NULL, &rs) != 0)
		print_errors(rs);
	assert_int_equal(rs->nerrors, 0);
	for (i = 0; i < sizeof shipped_ids / sizeof shipped_ids[0]; i++) {
		r = ruleset_find(rs, shipped_ids[i]);
		if (r == NULL)
			printf("missing rule %s\n", shipped_ids[i]);
		assert_non_null(r);
		assert_non_null(r->name);
		assert_non_null(r->notify);
		assert_non_null(r->source);
		assert_non_null(r->reviewed);
		assert_null(r->error);
		if (r->tz != NULL)
			assert_non_null(ruleset_zone(rs, r->tz));
	}
	assert_true(rs->nrules >= 47);
	assert_int_equal(ruleset_find(rs, "circia-ransom")->status,
	    RULE_PROPOSED);
	assert_true(ruleset_find(rs, "cra-vuln-early")->has_applies_from);
	assert_true(ruleset_find(rs, "in-dpdp")->has_applies_from);

	r = ruleset_find(rs, "customer");
	assert_int_equal(r->status, RULE_CONTRACTUAL);
	assert_string_equal(r->start, "declared");
	assert_int_equal(r->due.amount, 72);
	assert_int_equal(r->due.unit, RULE_UNIT_H);
	assert_int_equal(ruleset_find(rs, "circia")->status, RULE_PROPOSED);
	assert_int_equal(ruleset_find(rs, "gdpr-33")->status, RULE_IN_FORCE);

	r = ruleset_find(rs, "sec-8k");
	assert_string_equal(r->start, "materiality_determined");
	assert_int_equal(r->due.amount, 4);
	assert_int_equal(r->due.unit, RULE_UNIT_BD);
	assert_string_equal(r->tz, "America/New_York");
	assert_string_equal(r->calendar, "us-federal");
	assert_int_equal(r->cutoff_min, 17 * 60 + 30);
	assert_true(rule_allows_hold(r, "ag-delay"));
	assert_false(rule_allows_hold(r, "law-enforcement"));

	r = ruleset_find(rs, "dora-initial");
	assert_string_equal(r->start, "classified_major");
	assert_string_equal(r->backstop, "aware");
	assert_int_equal(r->backstop_after.amount, 24);
	assert_int_equal(r->backstop_after.unit, RULE_UNIT_H);
	r = ruleset_find(rs, "dora-final");
	assert_int_equal(r->anchor, RULE_ANCHOR_LAST);
	assert_string_equal(r->start, "sent:dora-intermediate");
	assert_int_equal(r->due.unit, RULE_UNIT_MO);
	assert_string_equal(ruleset_find(rs, "nis2-final")->start,
	    "sent:nis2-notify");
	assert_int_equal(ruleset_find(rs, "hipaa-hhs-small")->anchor,
	    RULE_ANCHOR_YEAR_END);
	assert_string_equal(ruleset_find(rs, "br-anpd")->calendar,
	    "br-national");

	cal = ruleset_calendar(rs, "us-federal");
	assert_non_null(cal);
	for (i = 2025; i <= 2028; i++)
		assert_true(ruleset_calendar_covers(cal, (int64_t)i));
	assert_false(ruleset_calendar_covers(cal, 2029));
	/* the national day of mourning of 9 January 2025 (EDGAR closed) */
	assert_false(ruleset_business_day(cal,
	    timefmt_days_from_civil(2025, 1, 9)));
	/* observed dates: 4 July 2026 is a Saturday, 1 Jan 2028 too */
	assert_false(ruleset_business_day(cal,
	    timefmt_days_from_civil(2026, 7, 3)));
	assert_false(ruleset_business_day(cal,
	    timefmt_days_from_civil(2027, 12, 31)));
	assert_false(ruleset_business_day(cal,
	    timefmt_days_from_civil(2026, 11, 26)));
	assert_true(ruleset_business_day(cal,
	    timefmt_days_from_civil(2026, 11, 27)));
	assert_false(ruleset_business_day(cal,
	    timefmt_days_from_civil(2026, 11, 28)));
	cal = ruleset_calendar(rs, "br-national");
	assert_non_null(cal);
	assert_false(ruleset_business_day(cal,
	    timefmt_days_from_civil(2026, 2, 16)));	/* Carnival */
	assert_false(ruleset_business_day(cal,
	    timefmt_days_from_civil(2027, 3, 26)));	/* Good Friday */
	assert_false(ruleset_business_day(cal,
	    timefmt_days_from_civil(2028, 6, 15)));	/* Corpus Christi */
	assert_true(ruleset_calendar_covers(cal, 2028));
	ruleset_free(&rs);
	assert_null(rs);
	ruleset_free(&rs);
	ruleset_free(NULL);
}

static const char good_rule[] =
    "[good]\n"
    "start = aware\n"
    "due = 72h\n"
    "status = in-force\n";

static void
test_unknown_key(void **state)
{
	struct ruleset	*rs = ruleset_new();

	(void)state;
	assert_int_equal(parse(rs, "bad.rules",
	    "# a comment\n"
	    "[x]\n"
	    "colour = red\n"
	    "start = aware\n"
	    "due = 72h\n"
	    "status = in-force\n"
	    "\n"
	    "[other]\n"
	    "start = aware\n"
	    "due = 24h\n"
	    "status = proposed\n"), 1);
	assert_string_equal(rs->errors[0], "bad.rules:3: unknown key \"colour\"");
	/* the broken rule stays, in error with the place to fix: its clocks
	 * say ERROR, never something else; the next one is fine */
	assert_non_null(ruleset_find(rs, "x"));
	assert_string_equal(ruleset_find(rs, "x")->error,
	    "bad.rules:3: unknown key \"colour\"");
	assert_non_null(ruleset_find(rs, "other"));
	assert_null(ruleset_find(rs, "other")->error);
	assert_int_equal(ruleset_find(rs, "other")->line, 8);
	ruleset_free(&rs);
}

static void
test_bad_unit(void **state)
{
	struct ruleset	*rs = ruleset_new();

	(void)state;
	assert_int_equal(parse(rs, "unit.rules",
	    "[a]\nstart = aware\nstatus = in-force\ndue = 72x\n"
	    "[b]\nstart = aware\nstatus = in-force\ndue = 0h\n"
	    "[c]\nstart = aware\nstatus = in-force\ndue = h\n"
	    "[d]\nstart = aware\nstatus = in-force\ndue = 4 bd\n"
	    "[e]\nstart = aware\nstatus = in-force\ndue = 99999h\n"), 5);
	assert_true(has_error(rs, "unit.rules:4: ", "due: bad period \"72x\""));
	assert_true(has_error(rs, "unit.rules:8: ", "bad period \"0h\""));
	assert_true(has_error(rs, "unit.rules:12: ", "bad period \"h\""));
	/* 4 bd parses, but business days need a calendar */
	assert_true(has_error(rs, "unit.rules:13: ", "needs a calendar"));
	assert_true(has_error(rs, "unit.rules:20: ", "99999h"));
	assert_int_equal(rs->nrules, 5);
	assert_non_null(strstr(ruleset_find(rs, "d")->error, "unit.rules:13: "));
	assert_non_null(ruleset_find(rs, "e")->error);
	ruleset_free(&rs);
}

static void
test_missing_id(void **state)
{
	struct ruleset	*rs = ruleset_new();

	(void)state;
	assert_int_equal(parse(rs, "noid.rules",
	    "\n# no header yet\nstart = aware\ndue = 72h\n"), 2);
	assert_true(has_error(rs, "noid.rules:3: ", "missing [rule-id]"));
	assert_true(has_error(rs, "noid.rules:4: ", "missing [rule-id]"));
	assert_int_equal(parse(rs, "hdr.rules",
	    "[Bad Id]\nstart = aware\n[]\n[ok\n"), 3);
	assert_true(has_error(rs, "hdr.rules:1: ", "bad rule id"));
	assert_true(has_error(rs, "hdr.rules:3: ", "bad rule id"));
	assert_true(has_error(rs, "hdr.rules:4: ", "bad section header"));
	assert_int_equal(rs->nrules, 0);
	ruleset_free(&rs);
}

static void
test_duplicate_id(void **state)
{
	struct ruleset	*rs = ruleset_new();

	(void)state;
	assert_int_equal(parse(rs, "one.rules", good_rule), 0);
	assert_int_equal(parse(rs, "two.rules",
	    "\n[good]\nstart = detected\ndue = 6h\nstatus = in-force\n"), 1);
	assert_string_equal(rs->errors[0], "two.rules:2: rule good is defined "
	    "twice: at one.rules:1 and here");
	/* neither definition wins by file name: the clock stops with an
	 * error naming both files */
	assert_string_equal(ruleset_find(rs, "good")->error, "one.rules:1: "
	    "rule good is defined twice: here and at two.rules:2");
	assert_int_equal(parse(rs, "one.rules",
	    "[x]\nstart = aware\ndue = 1h\nstatus = in-force\n"
	    "[x]\nstart = aware\ndue = 2h\nstatus = in-force\n"), 1);
	assert_true(has_error(rs, "one.rules:5: ", "rule x is defined twice"));
	assert_non_null(ruleset_find(rs, "x")->error);
	ruleset_free(&rs);
}

static void
test_rule_values(void **state)
{
	struct ruleset		*rs = ruleset_new();
	const struct rule	*r;

	(void)state;
	assert_int_equal(parse(rs, "v.rules",
	    "[full]   # trailing comment\r\n"
	    "name     = Full rule\r\n"
	    "notify   = someone\n"
	    "source   = https://example.org/page#section\n"
	    "start    = last   sent:other  # the latest\n"
	    "due      = 1 mo\n"
	    "tz       = Europe/Paris\n"
	    "calendar = us-federal\n"
	    "cutoff   = 09:05\n"
	    "backstop = aware+24h\n"
	    "holds    = a-b , c_d\n"
	    "hold_max = 30d\n"
	    "status   = proposed\n"
	    "reviewed = 2026-06\n"
	    "[asap]\nstart = year-end discovered\ndue = 60d\n"
	    "status = in-force\n"
	    "[b]\nstart = handled\ndue = asap\nstatus = in-force\n"), 0);
	r = ruleset_find(rs, "full");
	assert_non_null(r);
	assert_string_equal(r->name, "Full rule");
	assert_string_equal(r->source, "https://example.org/page#section");
	assert_string_equal(r->start, "sent:other");
	assert_int_equal(r->anchor, RULE_ANCHOR_LAST);
	assert_int_equal(r->due.unit, RULE_UNIT_MO);
	assert_int_equal(r->cutoff_min, 9 * 60 + 5);
	assert_string_equal(r->backstop, "aware");
	assert_int_equal(r->nholds, 2);
	assert_string_equal(r->holds[1], "c_d");
	assert_int_equal(r->hold_max_s, 30 * 86400);
	assert_string_equal(ruleset_find(rs, "b")->name, "b");
	assert_int_equal(ruleset_find(rs, "asap")->anchor,
	    RULE_ANCHOR_YEAR_END);
	assert_int_equal(ruleset_find(rs, "b")->due.unit, RULE_UNIT_ASAP);
	/* the calendar and the rule "other" are missing */
	assert_int_equal(ruleset_check(rs), 2);
	assert_true(has_error(rs, "v.rules:1: ", "no calendar \"us-federal\""));
	assert_true(has_error(rs, "v.rules:1: ", "sent:other"));
	ruleset_free(&rs);

	rs = ruleset_new();
	assert_int_equal(parse(rs, "w.rules",
	    "[a]\nstart = nothing_like_it\ndue = 1h\nstatus = in-force\n"
	    "[b]\nstart = aware\ndue = 1h\nstatus = maybe\n"
	    "[c]\nstart = aware\ndue = 1h\nstatus = in-force\ncutoff = 17:30\n"
	    "[d]\nstart = aware\ndue = 1d\nstatus = in-force\ncutoff = 24:00\n"
	    "[e]\nstart = aware\ndue = 1d\n"
	    "[f]\nstart = aware\ndue = 1d\nstatus = in-force\ndue = 2d\n"
	    "[g]\nstart = aware\ndue = 1d\nstatus = in-force\ntz = ../x\n"
	    "[h]\nstart = aware\ndue = 1d\nstatus = in-force\nreviewed = 2026-13\n"
	    "[i]\nstart = aware\ndue = 1d\nstatus = in-force\nbackstop = aware\n"
	    "[j]\nstart = aware\ndue = 1d\nstatus = in-force\nname =\n"
	    "[k]\nstart = aware\ndue = 1d\nstatus = in-force\nhold_max = 2bd\n"
	    "[l]\nstart = aware\ndue = 1d\nstatus = in-force\njust words\n"),
	    12);
	assert_true(has_error(rs, "w.rules:2: ", "unknown milestone"));
	assert_true(has_error(rs, "w.rules:8: ", "status: \"maybe\""));
	assert_true(has_error(rs, "w.rules:9: ", "cutoff applies only"));
	assert_true(has_error(rs, "w.rules:18: ", "cutoff: bad time"));
	assert_true(has_error(rs, "w.rules:19: ", "missing status"));
	assert_true(has_error(rs, "w.rules:26: ", "due given twice"));
	assert_true(has_error(rs, "w.rules:31: ", "tz: \"../x\" is not an IANA"));
	assert_true(has_error(rs, "w.rules:36: ", "reviewed: bad date"));
	assert_true(has_error(rs, "w.rules:41: ", "backstop: expected"));
	assert_true(has_error(rs, "w.rules:46: ", "name: empty value"));
	assert_true(has_error(rs, "w.rules:51: ", "hold_max: bad period"));
	assert_true(has_error(rs, "w.rules:56: ", "expected key = value"));
	assert_int_equal(rs->nrules, 12);
	assert_non_null(strstr(ruleset_find(rs, "l")->error, "w.rules:56: "));
	ruleset_free(&rs);
}

/* Holds by kind, applies_from, state_zone, bill; only IANA zone names. */
static void
test_new_keys(void **state)
{
	struct ruleset		*rs = ruleset_new();
	const struct rule	*r;

	(void)state;
	assert_int_equal(parse(rs, "k.rules",
	    "[sec]\nstart = aware\ndue = 4bd\ncalendar = c\n"
	    "holds = ag-delay extend 30d, fcc-cpni after 7bd, le pause, old\n"
	    "status = bill\napplies_from = 2026-09-11\n"
	    "tz = Europe/Helsinki\nstate_zone = yes\n"), 0);
	r = ruleset_find(rs, "sec");
	assert_non_null(r);
	assert_null(r->error);
	assert_int_equal(r->status, RULE_BILL);
	assert_true(rule_not_law(r));
	assert_string_equal(rule_status_name(r->status), "bill");
	assert_int_equal(r->nholds, 4);
	assert_string_equal(r->holds[0], "ag-delay");
	assert_int_equal(r->hold_kinds[0].kind, RULE_HOLD_EXTEND);
	assert_int_equal(r->hold_kinds[0].period.amount, 30);
	assert_int_equal(r->hold_kinds[0].period.unit, RULE_UNIT_D);
	assert_int_equal(r->hold_kinds[1].kind, RULE_HOLD_AFTER);
	assert_int_equal(r->hold_kinds[1].period.unit, RULE_UNIT_BD);
	assert_int_equal(r->hold_kinds[2].kind, RULE_HOLD_PAUSE);
	assert_int_equal(r->hold_kinds[3].kind, RULE_HOLD_PAUSE);
	assert_true(r->has_applies_from);
	assert_int_equal(r->applies_from, timefmt_days_from_civil(2026, 9, 11));
	assert_true(r->state_zone);

	assert_int_equal(parse(rs, "m.rules",
	    "[a]\nstart = aware\ndue = 1h\nstatus = in-force\ntz = EST\n"
	    "[b]\nstart = aware\ndue = 1h\nstatus = in-force\ntz = CET\n"
	    "[c]\nstart = aware\ndue = 1h\nstatus = in-force\n"
	    "tz = Etc/GMT+5\n"
	    "[d]\nstart = aware\ndue = 1d\nstatus = in-force\n"
	    "holds = x extend\n"
	    "[e]\nstart = aware\ndue = 1d\nstatus = in-force\n"
	    "holds = x pause 3d\n"
	    "[f]\nstart = aware\ndue = 1d\nstatus = in-force\n"
	    "holds = x stop 3d\n"
	    "[g]\nstart = aware\ndue = 1d\nstatus = in-force\n"
	    "holds = x extend 2bd\n"
	    "[h]\nstart = aware\ndue = 1d\nstatus = in-force\n"
	    "applies_from = 2026-02-30\n"
	    "[i]\nstart = aware\ndue = 1d\nstatus = in-force\n"
	    "state_zone = maybe\n"
	    "[j]\nstart = aware\ndue = 1d\nstatus = in-force\n"
	    "state_zone = yes\n"
	    "[k]\nstart = aware\ndue = 1d\nstatus = in-force\n"
	    "tz = America/New_York\n"), 10);
	/* EST is -05:00 all year: New York's summer deadlines an hour late */
	assert_true(has_error(rs, "m.rules:5: ", "tz: \"EST\" is not an IANA"));
	assert_true(has_error(rs, "m.rules:10: ", "\"CET\""));
	assert_true(has_error(rs, "m.rules:15: ", "\"Etc/GMT+5\""));
	assert_true(has_error(rs, "m.rules:20: ", "x extend needs a period"));
	assert_true(has_error(rs, "m.rules:25: ", "a pause takes no period"));
	assert_true(has_error(rs, "m.rules:30: ", "kind \"stop\""));
	assert_true(has_error(rs, "m.rules:31: ", "needs a calendar"));
	assert_true(has_error(rs, "m.rules:40: ", "applies_from: bad date"));
	assert_true(has_error(rs, "m.rules:45: ", "state_zone: \"maybe\""));
	assert_true(has_error(rs, "m.rules:46: ", "needs a default tz"));
	assert_string_equal(ruleset_find(rs, "a")->error, "m.rules:5: tz: "
	    "\"EST\" is not an IANA zone name such as America/New_York or UTC "
	    "(a fixed-offset name like EST ignores summer time)");
	assert_null(ruleset_find(rs, "k")->error);
	ruleset_free(&rs);
}

/*
 * The cross-checks put the rule itself in error, so its clocks stop: a
 * start naming a rule that does not exist would otherwise wait forever.
 */
static void
test_check_marks_rules(void **state)
{
	struct ruleset	*rs = ruleset_new();

	(void)state;
	assert_int_equal(parse(rs, "u.rules",
	    "[nis2-notify]\nstart = aware\ndue = 72h\nstatus = in-force\n"
	    "[typo]\nstart = sent:nis2-notfy\ndue = 1mo\nstatus = in-force\n"
	    "[cal]\nstart = aware\ndue = 1bd\ncalendar = none-such\n"
	    "status = in-force\n"), 0);
	assert_int_equal(ruleset_check(rs), 2);
	assert_string_equal(ruleset_find(rs, "typo")->error, "u.rules:5: rule "
	    "typo: start names a rule that does not exist (sent:nis2-notfy)");
	assert_non_null(strstr(ruleset_find(rs, "cal")->error,
	    "u.rules:9: rule cal: no calendar \"none-such\""));
	assert_null(ruleset_find(rs, "nis2-notify")->error);
	ruleset_free(&rs);
}

static void
test_hostile_bytes(void **state)
{
	struct ruleset	*rs = ruleset_new();
	char		 big[RULE_LINE_MAX + 50];
	static const char nul[] = "[a]\nname = x\0y\nstart = aware\n"
	    "due = 1h\nstatus = in-force\n";

	(void)state;
	assert_int_equal(ruleset_parse_rules(rs, "nul.rules", nul,
	    sizeof nul - 1), 1);
	assert_true(has_error(rs, "nul.rules:2: ", "control character"));
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(parse(rs, "big.rules", big), 1);
	assert_true(has_error(rs, "big.rules:1: ", "longer than"));
	/* no final newline, no text at all */
	assert_int_equal(parse(rs, "nonl.rules",
	    "[z]\nstart = aware\ndue = 1h\nstatus = in-force"), 0);
	assert_non_null(ruleset_find(rs, "z"));
	assert_int_equal(ruleset_parse_rules(rs, "empty.rules", "", 0), 0);
	ruleset_free(&rs);
}

static void
test_calendar(void **state)
{
	struct ruleset		*rs = ruleset_new();
	const struct calendar	*cal;

	(void)state;
	assert_int_equal(parse_cal(rs, "dir/test-cal.cal",
	    "# comment\n"
	    "weekend = fri,sat\n"
	    "years = 2026-2027\n"
	    "2027-01-01 New Year\n"
	    "2026-12-25 Christmas # with a comment\n"), 0);
	cal = ruleset_calendar(rs, "test-cal");
	assert_non_null(cal);
	assert_int_equal(cal->ndays, 2);
	assert_int_equal(cal->days[0], timefmt_days_from_civil(2026, 12, 25));
	assert_string_equal(cal->names[0], "Christmas");
	assert_int_equal(cal->weekend, 1u << 5 | 1u << 6);
	assert_true(ruleset_business_day(cal,
	    timefmt_days_from_civil(2026, 12, 27)));	/* a Sunday */
	assert_false(ruleset_business_day(cal,
	    timefmt_days_from_civil(2026, 12, 26)));	/* a Saturday */

	assert_int_equal(parse_cal(rs, "bad.cal",
	    "weekend = sat,sun\n"
	    "years = 2026-2026\n"
	    "2026-01-01 New Year\n"
	    "\n"
	    "2026-02-30 No such day\n"
	    "2026-13-01 Nor this\n"
	    "2026-1-01 Short\n"
	    "2027-01-01 Outside\n"
	    "2026-01-01 Again\n"
	    "2026-05-01\n"
	    "colour = blue\n"), 7);
	assert_true(has_error(rs, "bad.cal:5: ", "bad date \"2026-02-30\""));
	assert_true(has_error(rs, "bad.cal:6: ", "bad date"));
	assert_true(has_error(rs, "bad.cal:7: ", "bad date"));
	assert_true(has_error(rs, "bad.cal:8: ", "outside the years"));
	assert_true(has_error(rs, "bad.cal:9: ", "listed twice"));
	assert_true(has_error(rs, "bad.cal:10: ", "no name"));
	assert_true(has_error(rs, "bad.cal:11: ", "\"colour\""));
	/* a broken calendar is not used at all */
	assert_null(ruleset_calendar(rs, "bad"));

	/* years claimed but not filled in: 2028 lists no holiday, so its
	 * holidays would count as business days */
	assert_int_equal(parse_cal(rs, "wide.cal",
	    "years = 2026-2029\n2026-01-01 A\n2027-01-01 B\n"
	    "2029-01-01 C\n"), 1);
	assert_true(has_error(rs, "wide.cal:1: ", "years 2026-2029: no holiday "
	    "is listed for 2028 (list them"));
	assert_null(ruleset_calendar(rs, "wide"));
	assert_int_equal(parse_cal(rs, "tail.cal",
	    "years = 2026-2030\n2026-01-01 A\n"), 1);
	assert_true(has_error(rs, "tail.cal:1: ", "2027 and other years"));
	/* weekends alone: no holiday at all is not a gap */
	assert_int_equal(parse_cal(rs, "weekends.cal", "years = 2026-2030\n"),
	    0);
	assert_int_equal(parse_cal(rs, "noyears.cal", "2026-01-01 X\n"), 1);
	assert_true(has_error(rs, "noyears.cal: ", "missing years"));
	assert_int_equal(parse_cal(rs, "wk.cal",
	    "years = 2026\nweekend = sat,sun,mon,tue,wed,thu,fri\n"), 1);
	assert_true(has_error(rs, "wk.cal:2: ", "weekend"));
	ruleset_free(&rs);
}

static void
write_file(const char *dir, const char *sub, const char *name,
    const char *text)
{
	char	 path[512];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", dir, sub);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/%s/%s", dir, sub, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
remove_tree(const char *dir)
{
	char	cmd[600];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
test_load_dirs_override(void **state)
{
	char		 a[] = "/tmp/vigil-rules-a.XXXXXX";
	char		 b[] = "/tmp/vigil-rules-b.XXXXXX";
	const char	*dirs[3];
	struct ruleset	*rs;
	char		 prefix[600];

	(void)state;
	assert_non_null(mkdtemp(a));
	assert_non_null(mkdtemp(b));
	write_file(a, "rules", "main.rules",
	    "[x]\nstart = aware\ndue = 72h\nstatus = in-force\n");
	write_file(a, "rules", "keep.rules",
	    "[y]\nstart = aware\ndue = 6h\nstatus = in-force\n"
	    "tz = Europe/No_Where\n");
	write_file(a, "rules", "ignored.txt", "not a rules file\n");
	write_file(a, "calendars", "c.cal", "years = 2026\n");
	write_file(b, "rules", "main.rules",
	    "[x]\nstart = aware\ndue = 24h\nstatus = in-force\n");
	write_file(b, "rules", "broken.rules", "[w]\nstart = aware\ndue = 9q\n");
	write_file(b, "calendars", "c.cal", "years = 2027\n");
	dirs[0] = a;
	dirs[1] = "/nonexistent/vigil";
	dirs[2] = b;
	assert_int_equal(ruleset_load_dirs(dirs, 3, NULL, &rs), -1);
	/* the user's main.rules replaces the shipped one */
	assert_int_equal(ruleset_find(rs, "x")->due.amount, 24);
	assert_non_null(ruleset_find(rs, "y"));
	assert_non_null(ruleset_find(rs, "y")->error);
	assert_non_null(ruleset_find(rs, "w"));
	assert_non_null(strstr(ruleset_find(rs, "w")->error,
	    "broken.rules:3: "));
	assert_int_equal(ruleset_calendar(rs, "c")->year_from, 2027);
	snprintf(prefix, sizeof prefix, "%s/rules/broken.rules:3: ", b);
	assert_true(has_error(rs, prefix, "bad period"));
	snprintf(prefix, sizeof prefix, "%s/rules/keep.rules:1: ", a);
	assert_true(has_error(rs, prefix, "No_Where"));
	assert_int_equal(rs->nerrors, 2);
	ruleset_free(&rs);
	remove_tree(a);
	remove_tree(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_bad_unit),
		cmocka_unit_test(test_missing_id),
		cmocka_unit_test(test_duplicate_id),
		cmocka_unit_test(test_rule_values),
		cmocka_unit_test(test_new_keys),
		cmocka_unit_test(test_check_marks_rules),
		cmocka_unit_test(test_hostile_bytes),
		cmocka_unit_test(test_calendar),
		cmocka_unit_test(test_load_dirs_override),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
