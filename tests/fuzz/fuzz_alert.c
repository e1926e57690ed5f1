/*
 * fuzz_alert.c: libFuzzer harness for the small parsers of alert intake
 * (alert.c): alert times, suppression patterns, fingerprint field lists,
 * durations and severities. Properties beyond "no crash": a pattern that
 * fails its check matches nothing; a parsed fingerprint list is never
 * empty; a fingerprint is always NUL-terminated within its buffer; a
 * severity is always 1..4.
 *
 * Built with -DVIGIL_LIBFUZZER for libFuzzer; otherwise main() replays the
 * files named on the command line (corpus/alert/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzcheck.h"
#include "vigil/alert.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct alert	 a;
	char		*s, why[160], bad[32], fp[64];
	int64_t		 t, secs;
	unsigned	 mask;
	int		 f, sev;

	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	(void)alert_time_parse(s, false, &t);
	(void)alert_time_parse(s, true, &t);
	(void)alert_duration_parse(s, &secs);
	memset(&a, 0, sizeof a);
	a.title = a.source = a.rule = a.host = a.user = s;
	a.src_ip = a.dst_ip = a.flow = s;
	a.severity = 2;
	if (alert_match_check(s, why, sizeof why) != 0)
		CHECK(!alert_match(s, &a));
	else
		(void)alert_match(s, &a);
	if (alert_fp_parse(s, &mask, bad, sizeof bad) == 0) {
		CHECK(mask != 0);
		alert_fingerprint(&a, mask, fp, sizeof fp);
		CHECK(memchr(fp, '\0', sizeof fp) != NULL);
	}
	for (f = 0; f < ALERT_FORMAT__COUNT; f++) {
		sev = alert_severity((enum alert_format)f, s, false);
		CHECK(sev >= 1 && sev <= 4);
	}
	(void)alert_is_stop_value(s, NULL, 0);
	free(s);
	return 0;
}

#ifndef VIGIL_LIBFUZZER
int
main(int argc, char **argv)
{
	return fuzz_replay(argc, argv, 1 << 16);
}
#endif
