/*
 * fuzz_parsers.c: libFuzzer harness for the small parsers of user input:
 * ISO 8601 times, calendar dates, incident keys, role lists, milestone
 * names and the configuration file. Properties checked beyond "no crash":
 * a parsed time formats and parses back to the same instant, and a parsed
 * key formats back to a key that parses to the same number.
 *
 * Built with -DVIGIL_LIBFUZZER for libFuzzer; otherwise main() replays the
 * files named on the command line (corpus/parsers/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzcheck.h"
#include "vigil/config.h"
#include "vigil/incident.h"
#include "vigil/milestone.h"
#include "vigil/role.h"
#include "vigil/timefmt.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	 cfg;
	struct verr	 e;
	char		*s, out[TIMEFMT_MAX], key[INCIDENT_KEY_MAX], bad[32];
	int64_t		 t, t2, id, id2, days;
	unsigned	 mask;
	int		 off, off2;

	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (timefmt_parse(s, 1767225600, &t, &off) == 0 &&
	    t > -62135596800LL && t < 253402300799LL) {
		timefmt_offset(t, off, out);
		CHECK(timefmt_parse(out, 0, &t2, &off2) == 0);
		CHECK(t2 == t && off2 == off);
	}
	(void)timefmt_parse_date(s, &days);
	if (incident_key_parse(s, &id) == 0) {
		incident_key_format(id, key);
		CHECK(incident_key_parse(key, &id2) == 0 && id2 == id);
	}
	(void)role_parse_list(s, &mask, bad, sizeof bad);
	(void)milestone_user_name(s);
	memset(&cfg, 0, sizeof cfg);
	(void)config_parse(&cfg, "fuzz", s, &e);
	config_clear(&cfg);
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
