/*
 * test_clocks.c: the console shows the regulators' clocks beside the
 * customer clock: one line per enabled clock in the deadline
 * panel, each with its own countdown, and the queue's deadline column
 * showing the incident's most urgent clock. The rules are the shipped ones
 * ($VIGIL_SHARE, set by ctest), evaluated with a pinned clock.
 */
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_clocks_80x24),
		cmocka_unit_test(test_two_clocks_full_view),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
