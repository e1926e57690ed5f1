/*
 * fuzz_rules.c: libFuzzer harness for the rule and calendar parser and the
 * deadline engine. The input up to a line "%%" is parsed as a calendar
 * (id "fuzz", so a rule saying `calendar = fuzz` uses it) and the rest as
 * a rules file; without that line, the whole input is parsed as both. Every
 * rule that survives is evaluated over a fixed incident, with a hold.
 * Nothing here may crash, leak or read out of bounds, whatever the bytes.
 *
 * Build with clang -fsanitize=fuzzer,address,undefined -DVIGIL_LIBFUZZER.
 * Without VIGIL_LIBFUZZER a main() replays the files named on the command
 * line (the corpus in corpus/rules/), so the corpus runs as a plain test.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzcheck.h"
#include "vigil/deadline.h"
#include "vigil/milestone.h"
#include "vigil/rules.h"


static void
fuzz_milestone(struct milestone *m, const char *name, int64_t at)
{
	memset(m, 0, sizeof *m);
	snprintf(m->name, sizeof m->name, "%s", name);
	m->at = at;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"aware", "declared", "detected", "classified_major",
		"materiality_determined", "discovered", "sent:x", "sent:x",
	};
	struct ruleset		*rs = ruleset_new();
	struct milestone	 ms[8];
	struct clock_hold	 hold = { 1767225600 + 3600, 1767225600 + 86400,
				     false, "fuzz" };
	struct clock_result	 r;
	size_t			 i, j;

	const char		*text = (const char *)data, *sep;
	size_t			 split = size, skip = 0;

	if ((sep = memmem(text, size, "\n%%\n", 4)) != NULL) {
		split = (size_t)(sep - text) + 1;
		skip = split + 3;
	}
	ruleset_parse_calendar(rs, "fuzz.cal", text, split);
	if (sep != NULL)
		ruleset_parse_rules(rs, "fuzz.rules", text + skip, size - skip);
	else
		ruleset_parse_rules(rs, "fuzz.rules", text, size);
	ruleset_check(rs);
	/* 2026-01-01 onwards, an hour apart */
	for (i = 0; i < 8; i++)
		fuzz_milestone(&ms[i], names[i], 1767225600 + (int64_t)i * 3600);
	for (i = 0; i < rs->nrules; i++) {
		struct clock_hold	both[2];

		clock_eval(&rs->rules[i], rs, ms, 8, &hold, 1,
		    1767225600 + 7200, &r);
		hold.open = !hold.open;
		clock_eval(&rs->rules[i], rs, ms, 8, &hold, 1,
		    1767225600 + 7200, &r);
		/* a hold on each basis the rule names: pause, extend, after */
		both[0] = hold;
		both[1] = hold;
		both[1].open = !hold.open;
		both[1].from = 1767225600 + 1800;
		for (j = 0; j < rs->rules[i].nholds; j++) {
			both[0].basis = both[1].basis = rs->rules[i].holds[j];
			clock_eval(&rs->rules[i], rs, ms, 8, both, 2,
			    1767225600 + 7200, &r);
		}
	}
	ruleset_free(&rs);
	return 0;
}

#ifndef VIGIL_LIBFUZZER
int
main(int argc, char **argv)
{
	return fuzz_replay(argc, argv, RULE_FILE_MAX);
}
#endif
