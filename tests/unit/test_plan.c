/*
 * test_plan.c: the response-plan parser, due specs and their evaluation.
 * A broken plan must be named by file and line and left out whole; every
 * shipped plan must load without an error and name only clocks, roles and
 * templates that exist; a task due on a clock must move with the clock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>

#include "vigil/plan.h"
#include "vigil/ops-load.h"
#include "vigil/rules.h"

static const char *
share(void)
{
	const char	*s = getenv("VIGIL_SHARE");

	return s != NULL ? s : VIGIL_SOURCE_SHARE;
}

static int
parse(struct planset *ps, const char *fname, const char *text)
{
	return planset_parse(ps, fname, text, strlen(text));
}

static const char good[] =
    "# a comment\n"
    "type      = test-plan\n"
    "title     = A test plan\n"
    "clocks    = gdpr-33, nis2-early\n"
    "recipient = regulator, portal, The authority\n"
    "templates = regulator\n"
    "\n"
    "[task first]\n"
    "title    = Do the first thing\n"
    "stage    = assess\n"
    "role     = forensics\n"
    "required = yes\n"
    "due      = gdpr-33 - 12h\n"
    "\n"
    "[task second]\n"
    "title = Then the second\n"
    "stage = close\n"
    "role  = sim\n"
    "due   = stage:stabilize + 2d\n";

static void
test_good_plan(void **state)
{
	struct planset		*ps = planset_new();
	const struct plan	*p;

	(void)state;
	assert_int_equal(parse(ps, "t.plan", good), 0);
	assert_int_equal(ps->nerrors, 0);
	p = planset_find(ps, "test-plan");
	assert_non_null(p);
	assert_string_equal(p->title, "A test plan");
	assert_int_equal(p->nclocks, 2);
	assert_string_equal(p->clocks[1], "nis2-early");
	assert_int_equal(p->nrecipients, 1);
	assert_int_equal(p->recipients[0].kind, RKIND_REGULATOR);
	assert_int_equal(p->recipients[0].channel, RCHAN_PORTAL);
	assert_string_equal(p->recipients[0].name, "The authority");
	assert_int_equal(p->ntasks, 2);
	assert_string_equal(p->tasks[0].key, "first");
	assert_int_equal(p->tasks[0].role, ROLE_FORENSICS);
	assert_int_equal(p->tasks[0].stage, STAGE_ASSESS);
	assert_true(p->tasks[0].required);
	assert_int_equal(p->tasks[0].due.kind, TASK_DUE_CLOCK);
	assert_string_equal(p->tasks[0].due.ref, "gdpr-33");
	assert_int_equal(p->tasks[0].due.offset_s, -12 * 3600);
	assert_false(p->tasks[1].required);
	assert_int_equal(p->tasks[1].due.kind, TASK_DUE_STAGE);
	assert_int_equal(p->tasks[1].due.stage, STAGE_STABILIZE);
	assert_int_equal(p->tasks[1].due.offset_s, 2 * 86400);
	assert_int_equal(p->tasks[1].line, 15);
	planset_free(&ps);
	assert_null(ps);
}

/* Every error is "file:line: message"; the plan is not offered. */
static void
test_errors_name_file_and_line(void **state)
{
	struct planset	*ps = planset_new();
	const char	 bad[] =
	    "type  = broken\n"			/* 1 */
	    "title = Broken\n"			/* 2 */
	    "colour = blue\n"			/* 3 */
	    "[task a]\n"			/* 4 */
	    "title = A\n"			/* 5 */
	    "stage = assess\n"			/* 6 */
	    "role  = janitor\n"			/* 7 */
	    "due   = gdpr-33 - 12x\n"		/* 8 */
	    "[task a]\n"			/* 9 */
	    "[task b]\n"			/* 10 */
	    "title = B\n"			/* 11 */
	    "role = sim\n"			/* 12 */
	    "required = maybe\n";		/* 13 */

	(void)state;
	assert_int_equal(parse(ps, "/etc/x/broken.plan", bad), 6);
	assert_int_equal(ps->nplans, 0);
	assert_string_equal(ps->errors[0], "/etc/x/broken.plan:3: unknown key "
	    "'colour' (type, title, summary, source, clocks, recipient, "
	    "templates, or a [task KEY] section)");
	assert_non_null(strstr(ps->errors[1], "broken.plan:7: unknown role "
	    "'janitor'"));
	assert_non_null(strstr(ps->errors[2], "broken.plan:8: due: the unit "
	    "must be m, h, d or w"));
	assert_non_null(strstr(ps->errors[3], "broken.plan:9: task 'a' is "
	    "defined twice (first at line 4)"));
	assert_non_null(strstr(ps->errors[4], "broken.plan:13: required must "
	    "be yes or no"));
	assert_non_null(strstr(ps->errors[5], "broken.plan:10: task 'b' has no "
	    "stage"));
	planset_free(&ps);
}

/* A later file of the same type replaces the earlier; a broken later
 * file leaves the earlier one in place. */
static void
test_override_by_type(void **state)
{
	struct planset	*ps = planset_new();
	char		 other[sizeof good + 64];

	(void)state;
	assert_int_equal(parse(ps, "shipped.plan", good), 0);
	snprintf(other, sizeof other, "%s", good);
	memcpy(strstr(other, "A test plan"), "Our own!!!!", 11);
	assert_int_equal(parse(ps, "user.plan", other), 0);
	assert_int_equal(ps->nplans, 1);
	assert_string_equal(planset_find(ps, "test-plan")->title,
	    "Our own!!!!");
	assert_string_equal(planset_find(ps, "test-plan")->file, "user.plan");
	assert_int_equal(parse(ps, "worse.plan", "type = test-plan\n"), 2);
	assert_string_equal(planset_find(ps, "test-plan")->file, "user.plan");
	planset_free(&ps);
}

static void
test_check_unknown_names(void **state)
{
	struct planset		*ps = planset_new();
	const char *const	 clocks[] = { "customer", "gdpr-33" };
	const char *const	 tmpl[] = { "customer", "regulator" };

	(void)state;
	assert_int_equal(parse(ps, "t.plan", good), 0);
	/* nis2-early is not among the clocks loaded */
	assert_int_equal(planset_check(ps, clocks, 2, tmpl, 2), 1);
	assert_int_equal(ps->nplans, 0);
	assert_string_equal(ps->errors[0], "t.plan:4: unknown clock "
	    "'nis2-early' (not in the rules loaded)");
	planset_free(&ps);

	ps = planset_new();
	assert_int_equal(parse(ps, "t.plan", good), 0);
	assert_int_equal(planset_check(ps, (const char *const[]){ "customer",
	    "nis2-early" }, 2, tmpl, 1), 3);
	assert_non_null(strstr(ps->errors[1], "t.plan:6: unknown template "
	    "'regulator'"));
	assert_non_null(strstr(ps->errors[2], "t.plan:8: task 'first' is due "
	    "on unknown clock 'gdpr-33'"));
	planset_free(&ps);
}

static void
test_due_parse(void **state)
{
	const struct {
		const char	*in;
		enum task_anchor kind;
		const char	*ref;
		int64_t		 off;
		const char	*canon;
	} ok[] = {
		{ "gdpr-33 - 12h", TASK_DUE_CLOCK, "gdpr-33", -43200,
		    "gdpr-33 - 12h" },
		{ "declared + 24h", TASK_DUE_MILESTONE, "declared", 86400,
		    "declared + 1d" },
		{ "declared+36h", TASK_DUE_MILESTONE, "declared", 129600,
		    "declared + 36h" },
		{ "stage:stabilize + 2d", TASK_DUE_STAGE, "", 172800,
		    "stage:stabilize + 2d" },
		{ "aware", TASK_DUE_MILESTONE, "aware", 0, "aware" },
		{ "clock:customer - 90m", TASK_DUE_CLOCK, "customer", -5400,
		    "customer - 90m" },
		{ "nis2-notify -1w", TASK_DUE_CLOCK, "nis2-notify", -604800,
		    "nis2-notify - 7d" },
		{ "", TASK_DUE_NONE, "", 0, "" },
		{ "none", TASK_DUE_NONE, "", 0, "" },
	};
	const char *const bad[] = {
		"stage:lunch", "gdpr-33 - 12x", "+ 3h", "aware + ", "aware 3h",
		"aware + 400d", "GDPR", "aware + 3h junk",
	};
	struct task_due	d;
	char		why[200], s[TASK_DUE_MAX];
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		if (task_due_parse(ok[i].in, &d, why, sizeof why) != 0)
			fail_msg("'%s': %s", ok[i].in, why);
		assert_int_equal(d.kind, ok[i].kind);
		if (d.kind != TASK_DUE_STAGE)
			assert_string_equal(d.ref, ok[i].ref);
		assert_int_equal(d.offset_s, ok[i].off);
		task_due_format(&d, s, sizeof s);
		assert_string_equal(s, ok[i].canon);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why[0] = '\0';
		if (task_due_parse(bad[i], &d, why, sizeof why) == 0)
			fail_msg("'%s' was accepted", bad[i]);
		assert_true(strlen(why) > 10);
	}
}

/* The due time follows the clock's due time: a hold or an earlier
 * trigger moves it; nothing is frozen. */
static void
test_due_follows_the_clock(void **state)
{
	struct task_clock	c = { "gdpr-33", true, 1000000, true,
				      1000000 + 72 * 3600 };
	struct task_facts	f = { .created_at = 900000, .clocks = &c,
				      .nclocks = 1 };
	struct task_due		d;
	struct task_eval	ev;
	char			why[100];

	(void)state;
	assert_int_equal(task_due_parse("gdpr-33 - 12h", &d, why, sizeof why),
	    0);
	task_due_eval(&d, &f, 950000, false, 0, 1000000, &ev);
	assert_true(ev.has_due);
	assert_int_equal(ev.due, 1000000 + 60 * 3600);
	assert_int_equal(ev.state, CLOCK_OK);
	/* the trigger corrected 10 hours earlier */
	c.start -= 36000;
	c.due -= 36000;
	task_due_eval(&d, &f, 950000, false, 0, 1000000, &ev);
	assert_int_equal(ev.due, 1000000 + 50 * 3600);
	/* past it: overdue; done after it: missed by that much */
	task_due_eval(&d, &f, 950000, false, 0, ev.due + 3600, &ev);
	assert_int_equal(ev.state, CLOCK_OVERDUE);
	task_due_eval(&d, &f, 950000, true, 1000000 + 52 * 3600,
	    1000000 + 80 * 3600, &ev);
	assert_int_equal(ev.state, CLOCK_MISSED);
	assert_int_equal(ev.remaining_s, -2 * 3600);
	/* a clock not enabled: pending, and says on what */
	f.nclocks = 0;
	task_due_eval(&d, &f, 950000, false, 0, 1000000, &ev);
	assert_int_equal(ev.state, CLOCK_PENDING);
	assert_false(ev.has_due);
	assert_string_equal(ev.waiting, "gdpr-33 (not enabled)");
}

static void
test_due_milestone_and_stage(void **state)
{
	struct milestone	ms[2];
	struct stage_change	ch = { 5000, STAGE_DIAGNOSE, STAGE_STABILIZE };
	struct task_facts	f = { .ms = ms, .nms = 2, .created_at = 100,
				      .ch = &ch, .nch = 1 };
	struct task_due		d;
	struct task_eval	ev;
	char			why[100];

	(void)state;
	memset(ms, 0, sizeof ms);
	snprintf(ms[0].name, sizeof ms[0].name, "declared");
	ms[0].at = 3000;
	snprintf(ms[1].name, sizeof ms[1].name, "declared");
	ms[1].at = 2000;		/* the first recording counts */
	assert_int_equal(task_due_parse("declared + 24h", &d, why,
	    sizeof why), 0);
	task_due_eval(&d, &f, 100, false, 0, 2500, &ev);
	assert_int_equal(ev.due, 2000 + 86400);
	assert_int_equal(task_due_parse("stage:stabilize + 2d", &d, why,
	    sizeof why), 0);
	task_due_eval(&d, &f, 100, false, 0, 6000, &ev);
	assert_int_equal(ev.due, 5000 + 2 * 86400);
	assert_int_equal(task_due_parse("stage:close", &d, why, sizeof why),
	    0);
	task_due_eval(&d, &f, 100, false, 0, 6000, &ev);
	assert_int_equal(ev.state, CLOCK_PENDING);
	assert_string_equal(ev.waiting, "stage:close");
}

/* Every shipped plan loads clean and names only what exists. */
static void
test_shipped_plans(void **state)
{
	struct planset		*ps = planset_new();
	struct ruleset		*rs = NULL;
	const char		*dirs[1] = { share() };
	const char		**ids;
	const char *const	 tmpl[] = { "customer", "regulator" };
	char			 path[4096], *text;
	struct dirent		*de;
	DIR			*d;
	FILE			*f;
	size_t			 len, i, nids = 0, files = 0;

	(void)state;
	ruleset_load_dirs(dirs, 1, NULL, &rs);
	ids = calloc(rs->nrules + 1, sizeof *ids);
	for (i = 0; i < rs->nrules; i++)
		ids[nids++] = rs->rules[i].id;
	/* the templates the plans may name must exist */
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/templates/%s.md", share(),
		    tmpl[i]);
		assert_non_null(f = fopen(path, "r"));
		fclose(f);
	}
	snprintf(path, sizeof path, "%s/plans", share());
	assert_non_null(d = opendir(path));
	text = malloc(PLAN_FILE_MAX + 1);
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".plan") != 0)
			continue;
		snprintf(path, sizeof path, "%s/plans/%s", share(), de->d_name);
		assert_non_null(f = fopen(path, "r"));
		len = fread(text, 1, PLAN_FILE_MAX + 1, f);
		fclose(f);
		parse(ps, de->d_name, (text[len < PLAN_FILE_MAX ? len : 0] =
		    '\0', text));
		files++;
	}
	closedir(d);
	free(text);
	planset_check(ps, ids, nids, tmpl, 2);
	for (i = 0; i < ps->nerrors; i++)
		print_error("%s\n", ps->errors[i]);
	assert_int_equal(ps->nerrors, 0);
	assert_int_equal(ps->nplans, files);
	assert_true(ps->nplans >= 6);
	assert_non_null(planset_find(ps, "ransomware"));
	assert_non_null(planset_find(ps, "personal-data-exposure"));
	assert_non_null(planset_find(ps, "credential-compromise"));
	assert_non_null(planset_find(ps, "phishing-takeover"));
	assert_non_null(planset_find(ps, "insider-data-theft"));
	assert_non_null(planset_find(ps, "exploited-vulnerability-cra"));
	/* each has a required task, and one owned by comms (the notices) */
	for (i = 0; i < ps->nplans; i++) {
		size_t	k, req = 0, comms = 0;

		for (k = 0; k < ps->plans[i].ntasks; k++) {
			req += ps->plans[i].tasks[k].required;
			comms += ps->plans[i].tasks[k].role == ROLE_COMMS;
		}
		if (req == 0 || comms == 0)
			fail_msg("%s: %zu required, %zu comms tasks",
			    ps->plans[i].type, req, comms);
	}
	free(ids);
	ruleset_free(&rs);
	planset_free(&ps);
}

static void
test_task_ids(void **state)
{
	char		s[TASK_ID_MAX];
	long long	n;

	(void)state;
	task_id_format(12, s);
	assert_string_equal(s, "T12");
	assert_int_equal(task_id_parse("T12", &n), 0);
	assert_int_equal(n, 12);
	assert_int_equal(task_id_parse("t3", &n), 0);
	assert_int_equal(task_id_parse("3", &n), 0);
	assert_int_equal(task_id_parse("T0", &n), -1);
	assert_int_equal(task_id_parse("R3", &n), -1);
	assert_int_equal(task_id_parse("", &n), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_plan),
		cmocka_unit_test(test_errors_name_file_and_line),
		cmocka_unit_test(test_override_by_type),
		cmocka_unit_test(test_check_unknown_names),
		cmocka_unit_test(test_due_parse),
		cmocka_unit_test(test_due_follows_the_clock),
		cmocka_unit_test(test_due_milestone_and_stage),
		cmocka_unit_test(test_shipped_plans),
		cmocka_unit_test(test_task_ids),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
