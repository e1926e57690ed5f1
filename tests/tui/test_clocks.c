/*
 * test_clocks.c: the console shows the regulators' clocks beside the
 * customer clock: one line per enabled clock in the deadline
 * panel, each with its own countdown, and the queue's deadline column
 * showing the incident's most urgent clock. The rules are the shipped ones
 * ($VIGIL_SHARE, set by ctest), evaluated with a pinned clock.
 */
#include <sys/stat.h>

#include "tuitest.h"
#include "vigil/ops-clocks.h"

/*
 * IR-1: declared 10 h ago (customer: 62 h left), aware 20 h ago (NIS2
 * early warning: 4 h left of 24, "!"; GDPR: 52 h left of 72, OK).
 * IR-2: declared 30 h ago, nothing else (customer: 42 h left).
 */
static struct tt *
clocks_scene(void)
{
	struct tt	*f = tt_open_empty();
	struct verr	 e;

	f->ctx.share_dir = getenv("VIGIL_SHARE");
	assert_non_null(f->ctx.share_dir);
	tt_new(f, "Two regulators watching", 2);
	tt_new(f, "Customer clock only", 1);
	tt_assign(f, "IR-1", ROLE_EIM, "alice");
	tt_assign(f, "IR-2", ROLE_EIM, "alice");
	if (ops_clocks_enable(&f->ctx, "IR-1", "gdpr-33,nis2-early", true,
	    &e) != 0)
		fail_msg("enable: %s", e.msg);
	if (ops_milestone(&f->ctx, "IR-1", "aware", true,
	    tt_now - 20 * TT_HOUR, 0, NULL, &e) != 0)
		fail_msg("aware: %s", e.msg);
	tt_declare(f, "IR-1", 10);
	tt_declare(f, "IR-2", 30);
	return f;
}

static void
test_two_clocks_80x24(void **state)
{
	struct tt	*f = clocks_scene();
	char		*row;

	(void)state;
	tt_start(f, 80, 24);
	/* the most urgent clock first in the queue: IR-1's 4 h NIS2 warning
	 * outranks IR-2's customer clock with 42 h left */
	row = tt_line(f, "IR-1 ");
	assert_non_null(strstr(row, "T-04:00:00"));
	free(row);
	tt_assert_shows(f, "1 of 2");
	/* the deadline panel: customer clock and one line per regulator */
	tt_assert_shows(f, "T-62:00:00");
	row = tt_line(f, "nis2-earl");
	assert_non_null(strstr(row, "!  T-04:00:00"));
	free(row);
	row = tt_line(f, "gdpr-33");
	assert_non_null(strstr(row, "OK T-52:00:00"));
	free(row);
	tt_close(&f);
}

static void
test_two_clocks_full_view(void **state)
{
	struct tt	*f = clocks_scene();
	struct verr	 e;

	(void)state;
	/* the early warning was sent an hour ago: MET, the others run on */
	if (ops_clock_sent(&f->ctx, "IR-1", "nis2-early", true,
	    tt_now - TT_HOUR, 0, &e) != 0)
		fail_msg("sent: %s", e.msg);
	tt_start(f, 132, 43);
	/* IR-1's most urgent running clock is now GDPR's 52 h: IR-2 (42 h)
	 * leads the queue */
	tt_assert_shows(f, "1 of 2");
	tt_keycode(f, KEY_DOWN);
	tt_key(f, '\r');
	tt_assert_shows(f, "IR-1");
	tt_assert_shows(f, "gdpr-33");
	tt_assert_shows(f, "nis2-early");
	tt_assert_shows(f, "MET");
	tt_assert_shows(f, "T-52:00:00");
	tt_assert_shows(f, "T-62:00:00");
	tt_close(&f);
}

/* Write dir/sub/name with text (the user's configuration directory). */
static void
write_conf(const char *dir, const char *sub, const char *name,
    const char *text)
{
	char	 path[600];
	FILE	*fp;

	snprintf(path, sizeof path, "%s/%s", dir, sub);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/%s/%s", dir, sub, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

/*
 * A user's customer.rules with a typo (due = 48 hours) and a proposed
 * rule: IR-1 declared 10 h ago (customer: ERROR, with the file and line),
 * GDPR from aware 20 h ago (52 h left), CIRCIA's ransom payment report
 * from a payment 22 h ago (2 h left, but a proposed rule: marked, muted,
 * and not what ranks the queue).
 */
static struct tt *
draft_scene(void)
{
	struct tt	*f = tt_open_empty();
	struct verr	 e;
	static char	 user[sizeof f->dir + 8];

	f->ctx.share_dir = getenv("VIGIL_SHARE");
	assert_non_null(f->ctx.share_dir);
	snprintf(user, sizeof user, "%s/user", f->dir);
	assert_int_equal(mkdir(user, 0700), 0);
	write_conf(user, "rules", "customer.rules",
	    "# our contract: 48 hours\n[customer]\nname = Customer (48 h)\n"
	    "start = declared\ndue = 48 hours\nstatus = contractual\n");
	f->ctx.user_dir = user;
	tt_new(f, "Draft rule and a typo", 1);
	tt_new(f, "In force, later", 2);
	tt_assign(f, "IR-1", ROLE_EIM, "alice");
	if (ops_clocks_enable(&f->ctx, "IR-1", "gdpr-33,circia-ransom", true,
	    &e) != 0)
		fail_msg("enable: %s", e.msg);
	if (ops_milestone(&f->ctx, "IR-1", "aware", true,
	    tt_now - 20 * TT_HOUR, 0, NULL, &e) != 0 ||
	    ops_milestone(&f->ctx, "IR-1", "ransom_paid", true,
	    tt_now - 22 * TT_HOUR, 0, NULL, &e) != 0)
		fail_msg("milestone: %s", e.msg);
	tt_declare(f, "IR-1", 10);
	if (ops_clocks_enable(&f->ctx, "IR-2", "nydfs", true, &e) != 0 ||
	    ops_milestone(&f->ctx, "IR-2", "incident_confirmed", true,
	    tt_now - TT_HOUR, 0, NULL, &e) != 0)
		fail_msg("IR-2: %s", e.msg);
	return f;
}

static void
test_proposed_and_error_80x24(void **state)
{
	struct tt	*f = draft_scene();
	char		*row;

	(void)state;
	tt_start(f, 80, 24);
	/* the queue: IR-1 says ERROR (never a guessed 72 h); the proposed
	 * 2 h never puts it first */
	row = tt_line(f, "IR-1 ");
	assert_non_null(strstr(row, "ERROR"));
	free(row);
	row = tt_line(f, "IR-2 ");
	assert_non_null(strstr(row, "T-71:00:00"));
	/* which clock it is does not fit at 80 columns: left out, not cut */
	assert_null(strstr(row, "\xe2\x80\xa6"));
	free(row);
	/* the deadline panel: ERROR with the file and line to fix; the
	 * proposed clock marked (and drawn muted, not in alarm colours) */
	tt_assert_shows(f, "ERROR customer.rules:5: due: b");
	tt_golden(f, "proposed_error_queue_80x24");
	tt_keycode(f, KEY_ENTER);
	tt_golden(f, "proposed_error_incident_80x24");
	tt_assert_shows(f, "ERROR customer.rules:5");
	row = tt_line(f, "circia-ra");
	assert_non_null(strstr(row, "T-02:00:00 proposed"));
	free(row);
	row = tt_line(f, "gdpr-33");
	assert_non_null(strstr(row, "OK T-52:00:00"));
	assert_null(strstr(row, "proposed"));
	free(row);
	tt_close(&f);
}

/* A wide queue names the clock beside its countdown. */
static void
test_clock_named_wide(void **state)
{
	struct tt	*f = draft_scene();
	char		*row;

	(void)state;
	tt_start(f, 132, 43);
	row = tt_line(f, "IR-2 ");
	assert_non_null(strstr(row, "OK T-71:00:00 n"));
	assert_null(strstr(row, "\xe2\x80\xa6"));
	free(row);
	tt_close(&f);
}

/* Declaring in the console with a broken customer rule says so at once. */
static void
test_declare_warns(void **state)
{
	struct tt	*f = draft_scene();

	(void)state;
	tt_assign(f, "IR-2", ROLE_EIM, "alice");
	tt_start(f, 80, 24);
	tt_keycode(f, KEY_DOWN);
	tt_assert_shows(f, "Roles IR-2");
	/* not declared: no ERROR in the queue for it */
	tt_assert_shows(f, "customer  -  no breach declared");
	tt_key(f, 'D');
	tt_type(f, "customer records exfiltrated\r");
	tt_type(f, "ir-2\r");
	tt_assert_shows(f, "IR-2: breach declared, but clock customer is in");
	tt_assert_shows(f, "ERROR customer.rules:5");
	tt_close(&f);
}

/* A retracted declaration: the clock is stopped, not reset, and says so. */
static void
test_retracted_80x24(void **state)
{
	struct tt	*f = clocks_scene();
	struct verr	 e;

	(void)state;
	if (ops_retract(&f->ctx, "IR-2", "not customer data after all",
	    &e) != 0)
		fail_msg("retract: %s", e.msg);
	tt_start(f, 80, 24);
	tt_keycode(f, KEY_DOWN);
	tt_assert_shows(f, "Roles IR-2");
	tt_assert_shows(f, "customer  RETRACTED");
	/* declared 30 h ago: due 42 h from now when it resumes */
	tt_assert_shows(f, "resumes, due 2026-11-24 02:50Z");
	tt_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_clocks_80x24),
		cmocka_unit_test(test_two_clocks_full_view),
		cmocka_unit_test(test_proposed_and_error_80x24),
		cmocka_unit_test(test_clock_named_wide),
		cmocka_unit_test(test_declare_warns),
		cmocka_unit_test(test_retracted_80x24),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
