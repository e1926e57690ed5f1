/*
 * test_alert.c: the pure parts of alert intake (alert.c) with value
 * vectors: each format's severity scale, alert times in the shapes the
 * tools write, fingerprints and the Suricata flow fallback, stop-values,
 * suppression patterns, format detection, durations.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/alert.h"

static void
test_severity_scales(void **state)
{
	(void)state;
	/* Wazuh rule levels 0..15 */
	assert_int_equal(alert_severity(ALERT_FORMAT_WAZUH, "15", true), 1);
	assert_int_equal(alert_severity(ALERT_FORMAT_WAZUH, "13", true), 1);
	assert_int_equal(alert_severity(ALERT_FORMAT_WAZUH, "12", true), 2);
	assert_int_equal(alert_severity(ALERT_FORMAT_WAZUH, "10", true), 2);
	assert_int_equal(alert_severity(ALERT_FORMAT_WAZUH, "7", true), 3);
	assert_int_equal(alert_severity(ALERT_FORMAT_WAZUH, "3", true), 4);
	/* Suricata: 1 is the highest priority */
	assert_int_equal(alert_severity(ALERT_FORMAT_SURICATA, "1", true), 1);
	assert_int_equal(alert_severity(ALERT_FORMAT_SURICATA, "3", true), 3);
	assert_int_equal(alert_severity(ALERT_FORMAT_SURICATA, "255", true), 4);
	/* OCSF severity_id */
	assert_int_equal(alert_severity(ALERT_FORMAT_OCSF, "6", true), 1);
	assert_int_equal(alert_severity(ALERT_FORMAT_OCSF, "5", true), 1);
	assert_int_equal(alert_severity(ALERT_FORMAT_OCSF, "4", true), 2);
	assert_int_equal(alert_severity(ALERT_FORMAT_OCSF, "3", true), 3);
	assert_int_equal(alert_severity(ALERT_FORMAT_OCSF, "1", true), 4);
	assert_int_equal(alert_severity(ALERT_FORMAT_OCSF, "99", true), 4);
	/* Elastic: words, or a risk score */
	assert_int_equal(alert_severity(ALERT_FORMAT_ECS, "critical", false), 1);
	assert_int_equal(alert_severity(ALERT_FORMAT_ECS, "High", false), 2);
	assert_int_equal(alert_severity(ALERT_FORMAT_ECS, "medium", false), 3);
	assert_int_equal(alert_severity(ALERT_FORMAT_ECS, "low", false), 4);
	assert_int_equal(alert_severity(ALERT_FORMAT_ECS, "73", true), 2);
	/* mapped: vigil's own 1..4, clamped; words; absent is 3 */
	assert_int_equal(alert_severity(ALERT_FORMAT_JSONL, "2", true), 2);
	assert_int_equal(alert_severity(ALERT_FORMAT_JSONL, "9", true), 4);
	assert_int_equal(alert_severity(ALERT_FORMAT_JSONL, "0", true), 1);
	assert_int_equal(alert_severity(ALERT_FORMAT_JSONL, "warning", false),
	    3);
	assert_int_equal(alert_severity(ALERT_FORMAT_JSONL, "", false), 3);
	assert_int_equal(alert_severity(ALERT_FORMAT_JSONL, "??", false), 3);
	assert_int_equal(alert_severity(ALERT_FORMAT_WAZUH, "10.0", true), 2);
}

static void
test_times(void **state)
{
	int64_t	t;

	(void)state;
	/* 2026-11-30T08:14:03Z is 1796026443 */
	assert_int_equal(alert_time_parse("2026-11-30T08:14:03.118+0000", false,
	    &t), 0);
	assert_int_equal(t, 1796026443);
	assert_int_equal(alert_time_parse("2026-11-30T09:14:03+01:00", false,
	    &t), 0);
	assert_int_equal(t, 1796026443);
	assert_int_equal(alert_time_parse("2026-11-30T03:14:03.5-0500", false,
	    &t), 0);
	assert_int_equal(t, 1796026443);
	assert_int_equal(alert_time_parse("2026-11-30 08:14:03Z", false, &t),
	    0);
	assert_int_equal(t, 1796026443);
	assert_int_equal(alert_time_parse("2026-11-30T08:14:03", false, &t), 0);
	assert_int_equal(t, 1796026443);
	/* epoch seconds and milliseconds */
	assert_int_equal(alert_time_parse("1796026443", true, &t), 0);
	assert_int_equal(t, 1796026443);
	assert_int_equal(alert_time_parse("1796026443118", true, &t), 0);
	assert_int_equal(t, 1796026443);
	/* not times */
	assert_int_equal(alert_time_parse("", false, &t), -1);
	assert_int_equal(alert_time_parse("yesterday", false, &t), -1);
	assert_int_equal(alert_time_parse("2026-13-30T08:14:03Z", false, &t),
	    -1);
	assert_int_equal(alert_time_parse("2026-11-30T08:14:03Zjunk", false,
	    &t), -1);
	assert_int_equal(alert_time_parse("-5", true, &t), -1);
}

static void
test_fingerprints(void **state)
{
	struct alert	a = { .title = "t", .source = "wazuh", .rule = "5763",
			    .host = "web-01", .user = "root", .src_ip = "1.2.3.4",
			    .dst_ip = "", .flow = "" };
	char		fp[256], bad[32];
	unsigned	mask;

	(void)state;
	alert_fingerprint(&a, alert_fp_default(ALERT_FORMAT_WAZUH), fp,
	    sizeof fp);
	assert_string_equal(fp, "wazuh|5763|web-01");
	a.host = "";
	alert_fingerprint(&a, alert_fp_default(ALERT_FORMAT_WAZUH), fp,
	    sizeof fp);
	assert_string_equal(fp, "wazuh|5763|root");	/* entity: the user */
	a.user = "";
	alert_fingerprint(&a, alert_fp_default(ALERT_FORMAT_WAZUH), fp,
	    sizeof fp);
	assert_string_equal(fp, "wazuh|5763|1.2.3.4");
	/* Suricata: by flow; without a flow id, rule and entity */
	a.source = "suricata";
	a.flow = "99";
	alert_fingerprint(&a, alert_fp_default(ALERT_FORMAT_SURICATA), fp,
	    sizeof fp);
	assert_string_equal(fp, "suricata|flow:99");
	a.flow = "";
	alert_fingerprint(&a, alert_fp_default(ALERT_FORMAT_SURICATA), fp,
	    sizeof fp);
	assert_string_equal(fp, "suricata|5763|1.2.3.4");
	/* configured */
	assert_int_equal(alert_fp_parse("source,title", &mask, bad,
	    sizeof bad), 0);
	alert_fingerprint(&a, mask, fp, sizeof fp);
	assert_string_equal(fp, "t|suricata");
	assert_int_equal(alert_fp_parse("source,colour", &mask, bad,
	    sizeof bad), -1);
	assert_string_equal(bad, "colour");
	assert_int_equal(alert_fp_parse("", &mask, bad, sizeof bad), -1);
	assert_int_equal(alert_fp_parse("severity", &mask, bad, sizeof bad),
	    -1);
}

static void
test_stop_values(void **state)
{
	const char *const	extra[] = { "nat-gw-1" };

	(void)state;
	assert_true(alert_is_stop_value("", NULL, 0));
	assert_true(alert_is_stop_value("-", NULL, 0));
	assert_true(alert_is_stop_value("LOCALHOST", NULL, 0));
	assert_true(alert_is_stop_value("127.0.0.1", NULL, 0));
	assert_true(alert_is_stop_value("SYSTEM", NULL, 0));
	assert_false(alert_is_stop_value("web-01", NULL, 0));
	assert_false(alert_is_stop_value("nat-gw-1", NULL, 0));
	assert_true(alert_is_stop_value("NAT-GW-1", extra, 1));
}

static void
test_match(void **state)
{
	struct alert	a = { .title = "ET POLICY TLS possible TOR SSL traffic",
			    .source = "suricata", .rule = "2018789", .host = "",
			    .user = "", .src_ip = "10.20.9.9",
			    .dst_ip = "185.220.101.10", .severity = 3 };
	char		why[128];

	(void)state;
	assert_true(alert_match("source=suricata,rule=2018789", &a));
	assert_true(alert_match("title=*tor*", &a));	/* case-insensitive */
	assert_true(alert_match("ip=185.220.*", &a));	/* either address */
	assert_true(alert_match("ip=10.20.9.9", &a));
	assert_true(alert_match("severity=3", &a));
	assert_false(alert_match("severity=[12]", &a));
	assert_false(alert_match("source=suricata,rule=1", &a));
	assert_false(alert_match("host=?*", &a));
	assert_int_equal(alert_match_check("host=web-*", why, sizeof why), 0);
	assert_int_equal(alert_match_check("colour=red", why, sizeof why), -1);
	assert_non_null(strstr(why, "not a field"));
	assert_int_equal(alert_match_check("host", why, sizeof why), -1);
	assert_int_equal(alert_match_check("host=", why, sizeof why), -1);
	assert_int_equal(alert_match_check("", why, sizeof why), -1);
	assert_false(alert_match("colour=red", &a));
}

static void
test_detect_and_kinds(void **state)
{
	struct alert_fields	f;
	bool			has[16];
	size_t			n, i;
	char			why[128];

	(void)state;
	alert_detect_probes(&n);
	assert_true(n <= 16);
#define NONE() for (i = 0; i < n; i++) has[i] = false
	NONE();
	assert_int_equal(alert_detect(has, n), ALERT_FORMAT_AUTO);
	has[0] = true;
	assert_int_equal(alert_detect(has, n), ALERT_FORMAT_OCSF);
	NONE();
	has[1] = true;
	assert_int_equal(alert_detect(has, n), ALERT_FORMAT_SURICATA);
	NONE();
	has[2] = has[3] = true;
	assert_int_equal(alert_detect(has, n), ALERT_FORMAT_WAZUH);
	NONE();
	has[2] = true;			/* rule.level without agent */
	assert_int_equal(alert_detect(has, n), ALERT_FORMAT_AUTO);
	has[7] = true;			/* @timestamp */
	assert_int_equal(alert_detect(has, n), ALERT_FORMAT_ECS);
#undef NONE
	memset(&f, 0, sizeof f);
	f.v[AF_KIND] = "flow";
	assert_false(alert_is_alert(ALERT_FORMAT_SURICATA, &f, why,
	    sizeof why));
	assert_non_null(strstr(why, "flow"));
	f.v[AF_KIND] = "alert";
	assert_true(alert_is_alert(ALERT_FORMAT_SURICATA, &f, why, sizeof why));
	f.v[AF_KIND] = "3002";
	assert_false(alert_is_alert(ALERT_FORMAT_OCSF, &f, why, sizeof why));
	f.v[AF_KIND] = "2004";
	assert_true(alert_is_alert(ALERT_FORMAT_OCSF, &f, why, sizeof why));
	f.v[AF_KIND] = NULL;
	assert_true(alert_is_alert(ALERT_FORMAT_WAZUH, &f, why, sizeof why));
}

static void
test_names_and_durations(void **state)
{
	enum alert_format	f;
	enum dismiss_reason	r;
	int64_t			s;

	(void)state;
	assert_int_equal(alert_format_parse("suricata", &f), 0);
	assert_int_equal(f, ALERT_FORMAT_SURICATA);
	assert_int_equal(alert_format_parse("json", &f), -1);
	assert_int_equal(dismiss_reason_parse("out-of-scope", &r), 0);
	assert_string_equal(dismiss_reason_name(r), "out-of-scope");
	assert_int_equal(dismiss_reason_parse("confirmed", &r), -1);
	assert_int_equal(alert_duration_parse("1h", &s), 0);
	assert_int_equal(s, 3600);
	assert_int_equal(alert_duration_parse("30m", &s), 0);
	assert_int_equal(s, 1800);
	assert_int_equal(alert_duration_parse("900", &s), 0);
	assert_int_equal(s, 900);
	assert_int_equal(alert_duration_parse("2d", &s), 0);
	assert_int_equal(s, 172800);
	assert_int_equal(alert_duration_parse("1w", &s), -1);
	assert_int_equal(alert_duration_parse("-1h", &s), -1);
	assert_int_equal(alert_duration_parse("", &s), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_severity_scales),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_fingerprints),
		cmocka_unit_test(test_stop_values),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_detect_and_kinds),
		cmocka_unit_test(test_names_and_durations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
