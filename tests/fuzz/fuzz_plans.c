/*
 * fuzz_plans.c: libFuzzer harness for the response-plan parser and the
 * due-time engine. The input is parsed as a plan file; every task of a
 * plan that survives has its due spec printed back, parsed again (the
 * canonical text must parse to the same spec) and evaluated over a fixed
 * incident. Each line of the input is also parsed as a due spec alone.
 * Nothing here may crash, leak or read out of bounds, whatever the bytes.
 *
 * Build with clang -fsanitize=fuzzer,address,undefined -DVIGIL_LIBFUZZER.
 * Without VIGIL_LIBFUZZER a main() replays the files named on the command
 * line (the corpus in corpus/plans/), so the corpus runs as a plain test.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzcheck.h"
#include "vigil/plan.h"

static void
fuzz_eval(const struct task_due *d)
{
	static const struct task_clock	clocks[] = {
		{ "gdpr-33", true, 1767225600, true, 1767225600 + 72 * 3600 },
		{ "customer", false, 0, false, 0 },
	};
	struct milestone		ms[2];
	struct stage_change		ch = { 1767225600 + 600, STAGE_DETECT,
					    STAGE_ASSESS };
	struct task_facts		f = { ms, 2, &ch, 1, 1767225600, true,
					    1767225600 + 86400, clocks, 2 };
	struct task_eval		ev;
	struct task_due			again;
	char				s[TASK_DUE_MAX], why[256];

	memset(ms, 0, sizeof ms);
	snprintf(ms[0].name, sizeof ms[0].name, "aware");
	ms[0].at = 1767225600 + 60;
	snprintf(ms[1].name, sizeof ms[1].name, "declared");
	ms[1].at = 1767225600 + 120;
	task_due_eval(d, &f, 1767225600, false, 0, 1767225600 + 3600, &ev);
	CHECK(ev.state != CLOCK_PENDING || !ev.has_due);
	task_due_eval(d, &f, 1767225600, true, 1767225600 + 7200,
	    1767225600 + 3600, &ev);
	task_due_format(d, s, sizeof s);
	CHECK(task_due_parse(s, &again, why, sizeof why) == 0);
	CHECK(again.kind == d->kind && again.offset_s == d->offset_s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct planset	*ps = planset_new();
	struct task_due	 d;
	const char	*text = (const char *)data, *nl, *end = text + size;
	char		 line[PLAN_LINE_MAX + 1], why[256];
	size_t		 i, k, n;

	planset_parse(ps, "fuzz.plan", text, size);
	for (i = 0; i < ps->nplans; i++)
		for (k = 0; k < ps->plans[i].ntasks; k++)
			fuzz_eval(&ps->plans[i].tasks[k].due);
	planset_check(ps, (const char *const[]){ "gdpr-33" }, 1,
	    (const char *const[]){ "customer" }, 1);
	planset_free(&ps);
	while (text < end) {
		nl = memchr(text, '\n', (size_t)(end - text));
		n = nl == NULL ? (size_t)(end - text) : (size_t)(nl - text);
		if (n < sizeof line && memchr(text, '\0', n) == NULL) {
			memcpy(line, text, n);
			line[n] = '\0';
			if (task_due_parse(line, &d, why, sizeof why) == 0)
				fuzz_eval(&d);
		}
		text += n + (nl != NULL);
	}
	return 0;
}

#ifndef VIGIL_LIBFUZZER
int
main(int argc, char **argv)
{
	return fuzz_replay(argc, argv, PLAN_FILE_MAX);
}
#endif
