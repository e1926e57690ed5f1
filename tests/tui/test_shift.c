/*
 * test_shift.c: golden screens of the console's shift panes at 80x24 and
 * 200x50, headless: "Since you last looked" at start (as bob, after
 * alice's changes), the timeline focused with its cursor moved, one
 * entry in full with its raw payload, and :messages after a refusal.
 * The pinned clock and the standard scene of tuitest.h make the screens
 * reproducible.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "tuitest.h"

/* tt_start, with the digest at start (as the real console opens). */
static void
start_digest(struct tt *f, int cols, int rows)
{
	struct tui_options	opt;
	struct verr		e;

	memset(&opt, 0, sizeof opt);
	opt.digest = true;
	f->out = fopen(f->out_path, "w+");
	f->in = fopen("/dev/null", "r");
	assert_non_null(f->out);
	assert_non_null(f->in);
	f->t = tui_session_open(&f->ctx, &opt, "xterm-256color", f->out,
	    f->in, cols, rows, &e);
	if (f->t == NULL)
		fail_msg("session: %s", e.msg);
}

static void
shift_at(int cols, int rows, const char *suffix)
{
	struct tt	*f = tt_open();
	char		 name[64];

	/* bob's own state directory, in the test's; his first console
	 * only records his look */
	setenv("XDG_STATE_HOME", f->dir, 1);
	f->ctx.me = tt_actor("bob", 5001);
	start_digest(f, cols, rows);
	tt_assert_hides(f, "Since you last looked");
	tui_session_close(&f->t);
	fclose(f->out);
	fclose(f->in);
	/* alice works on; then bob opens the console again */
	f->ctx.me = tt_actor("alice", 5000);
	tt_new(f, "Ransomware on file-srv-9", 1);
	tt_assign(f, "IR-5", ROLE_SIM, "bob");
	tt_assign(f, "IR-5", ROLE_EIM, "alice");
	tt_declare(f, "IR-5", 1);
	f->ctx.me = tt_actor("bob", 5001);
	start_digest(f, cols, rows);
	tt_assert_shows(f, "Since you last looked");
	tt_assert_shows(f, "alice opened IR-5: Ransomware on file-srv-9");
	tt_assert_shows(f, "alice assigned bob as SIM");
	tt_assert_shows(f, "alice declared a customer data breach");
	snprintf(name, sizeof name, "digest_%s", suffix);
	tt_golden(f, name);
	tt_key(f, 27);
	tt_assert_hides(f, "Since you last looked");
	tt_assert_shows(f, "Queue");

	/* the timeline: focus, cursor, an entry in full */
	while (!tt_shows(f, cols > 100 ? "> Timeline" : "[timeline: Enter]"))
		tt_key(f, '\t');
	tt_keycode(f, KEY_DOWN);
	tt_keycode(f, KEY_DOWN);
	snprintf(name, sizeof name, "timeline_focus_%s", suffix);
	tt_golden(f, name);
	tt_key(f, '\r');
	tt_assert_shows(f, "Timeline entry");
	tt_assert_shows(f, "payload (raw, as journaled):");
	snprintf(name, sizeof name, "timeline_entry_%s", suffix);
	tt_golden(f, name);
	tt_key(f, 27);

	/* a refusal, then :messages */
	tt_key(f, 27);
	tt_key(f, 'D');
	tt_assert_shows(f, "Only the incident's current EIM can declare");
	tt_key(f, 'L');
	tt_assert_shows(f, "Messages");
	snprintf(name, sizeof name, "messages_%s", suffix);
	tt_golden(f, name);
	tt_key(f, 'q');
	tt_assert_shows(f, "Queue");
	/* the look was recorded: a second start has no digest */
	tui_session_close(&f->t);
	fclose(f->out);
	fclose(f->in);
	start_digest(f, cols, rows);
	tt_assert_hides(f, "Since you last looked");
	unsetenv("XDG_STATE_HOME");
	tt_close(&f);
}

static void
test_shift_80x24(void **state)
{
	(void)state;
	shift_at(80, 24, "80x24");
}

static void
test_shift_200x50(void **state)
{
	(void)state;
	shift_at(200, 50, "200x50");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shift_80x24),
		cmocka_unit_test(test_shift_200x50),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
