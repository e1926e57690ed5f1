/*
 * test_console.c: the console driven in process (tuitest.h): golden
 * screens at 80x24 and 132x43, the queue's order, the role panels, the
 * countdown of a declared incident and its tick, the live filter, the
 * too-small message, the first-run screen, live reloads that keep the
 * selection, the actions through keys and through ':', read-only, help,
 * and resizes to any size.
 */
#include "tuitest.h"

static void
test_queue_80x24(void **state)
{
	struct tt	*f = tt_open();
	char		*l1, *l2;

	(void)state;
	tt_start(f, 80, 24);
	tt_golden(f, "queue_80x24");
	/* most urgent first: IR-2 (2 h left) above IR-1 (12 h left) */
	l1 = tt_line(f, "IR-2  SEV1");
	l2 = tt_line(f, "IR-1  SEV1");
	assert_string_not_equal(l1, "");
	assert_string_not_equal(l2, "");
	{
		char	*scr = tui_session_screen(f->t);

		assert_true(strstr(scr, l1) < strstr(scr, l2));
		assert_true(strstr(scr, "IR-1  SEV1") <
		    strstr(scr, "IR-3  SEV2"));
		assert_true(strstr(scr, "IR-3  SEV2") <
		    strstr(scr, "IR-4  SEV3"));
		free(scr);
	}
	assert_non_null(strstr(l1, "!! T-02:00:00"));
	assert_non_null(strstr(l2, "!  T-12:00:00"));
	free(l1);
	free(l2);
	/* alice opened all four and may do triage: she holds their triage */
	tt_assert_shows(f, "open 4  sev1 2  mine 4  declared 2");
	tt_assert_shows(f, "1 of 4");
	tt_close(&f);
}

static void
test_roles_and_countdown(void **state)
{
	struct tt	*f = tt_open();

	(void)state;
	tt_start(f, 80, 24);
	tt_keycode(f, KEY_DOWN);		/* IR-1 */
	tt_assert_shows(f, "Roles IR-1");
	tt_assert_shows(f, "SIM       bob       since 08:50Z");
	tt_assert_shows(f, "Forensics dave      since 08:50Z");
	tt_assert_shows(f, "EIM       alice     since 08:50Z");
	tt_assert_shows(f, "Support   (vacant)");
	tt_assert_shows(f, "declared  2026-11-19 20:50Z by alice");
	tt_assert_shows(f, "due       2026-11-22 20:50Z");
	tt_assert_shows(f, "left      !  T-12:00:00");
	tt_assert_shows(f, "(16% of 72h)");
	tt_assert_shows(f, "2 of 4");
	/* one second later, only the countdown moved */
	tt_now++;
	tui_session_tick(f->t);
	tt_assert_shows(f, "left      !  T-11:59:59");
	tt_assert_shows(f, "IR-2  SEV1");
	tt_assert_shows(f, "!! T-01:59:59");
	/* past due */
	tt_now += 13 * TT_HOUR;
	tui_session_tick(f->t);
	tt_assert_shows(f, "OVERDUE +1h00m");
	tt_close(&f);
}

static void
test_wide_132x43(void **state)
{
	struct tt	*f = tt_open();

	(void)state;
	tt_start(f, 132, 43);
	tt_keycode(f, KEY_DOWN);
	tt_golden(f, "queue_132x43");
	tt_assert_shows(f, "Triage");		/* all seven roles */
	tt_assert_shows(f, "Service");
	tt_assert_shows(f, "Timeline");		/* a pane, not a strip */
	tt_key(f, '\r');
	tt_golden(f, "incident_132x43");
	tt_assert_shows(f, "Notification ladder");
	tt_key(f, 27);				/* Esc: back, selection kept */
	tt_assert_shows(f, "2 of 4");
	tt_assert_shows(f, "Roles IR-1");
	tt_close(&f);
}

static void
test_incident_80x24(void **state)
{
	struct tt	*f = tt_open();

	(void)state;
	tt_start(f, 80, 24);
	tt_keycode(f, KEY_DOWN);
	tt_keycode(f, KEY_ENTER);
	tt_golden(f, "incident_80x24");
	tt_assert_shows(f, "Notification ladder");
	tt_assert_shows(f, "Timeline");
	tt_key(f, 'q');
	assert_false(tui_session_done(f->t));	/* q closed the view */
	tt_assert_shows(f, "Queue");
	tt_close(&f);
}

static void
test_filter(void **state)
{
	struct tt	*f = tt_open();

	(void)state;
	tt_start(f, 80, 24);
	tt_type(f, "/okta");
	tt_assert_shows(f, "IR-2");
	tt_assert_hides(f, "IR-1  SEV1");
	tt_assert_hides(f, "Phishing");
	tt_assert_shows(f, "1 of 1");
	tt_assert_shows(f, "filter /okta");
	tt_golden(f, "filter_80x24");
	tt_key(f, '\r');			/* the filter stays */
	tt_assert_shows(f, "Queue /okta");
	tt_assert_shows(f, "1 of 1");
	tt_key(f, 27);				/* Esc clears it */
	tt_assert_shows(f, "Phishing");
	tt_assert_shows(f, "of 4");
	/* by key, and nothing matching */
	tt_type(f, "/IR-3");
	tt_assert_shows(f, "Phishing");
	tt_assert_hides(f, "Okta");
	tt_key(f, 27);
	tt_type(f, "/zzz");
	tt_assert_shows(f, "No open incident matches");
	tt_key(f, 27);
	tt_assert_shows(f, "Okta");
	tt_close(&f);
}

static void
test_too_small(void **state)
{
	struct tt	*f = tt_open();

	(void)state;
	tt_start(f, 80, 24);
	tui_session_resize(f->t, 60, 20);
	tt_assert_shows(f, "terminal too small: need 80x24, have 60x20");
	tt_golden(f, "small_60x20");
	tt_key(f, 'j');				/* ignored */
	assert_false(tui_session_done(f->t));
	tui_session_resize(f->t, 80, 24);
	tt_assert_shows(f, "Queue");
	tui_session_resize(f->t, 60, 20);
	tt_key(f, 'q');				/* still obeyed */
	assert_true(tui_session_done(f->t));
	tt_close(&f);
}

static void
test_resize_anything(void **state)
{
	static const int	sizes[][2] = {
		{ 1, 1 }, { 2, 1 }, { 10, 3 }, { 79, 24 }, { 80, 24 },
		{ 81, 25 }, { 119, 30 }, { 120, 30 }, { 200, 50 }, { 300, 100 },
		{ 80, 24 },
	};
	struct tt	*f = tt_open();
	size_t		 i;

	(void)state;
	tt_start(f, 80, 24);
	for (i = 0; i < nitems(sizes); i++) {
		tui_session_resize(f->t, sizes[i][0], sizes[i][1]);
		tt_keycode(f, KEY_DOWN);
		tt_key(f, '\t');
	}
	tt_key(f, 27);				/* back to the queue, */
	tt_key(f, '\r');			/* incident view, then sizes */
	for (i = 0; i < nitems(sizes); i++)
		tui_session_resize(f->t, sizes[i][0], sizes[i][1]);
	tt_assert_shows(f, "Roles");
	tt_close(&f);
}

static void
test_first_run(void **state)
{
	struct tt	*f = tt_open_empty();

	(void)state;
	tt_start(f, 80, 24);
	tt_golden(f, "first_run_80x24");
	tt_assert_shows(f, "no incidents yet");
	tt_assert_shows(f, "create an incident");
	tt_assert_shows(f, "vigil demo");
	/* n: a title, then a severity */
	tt_key(f, 'n');
	tt_assert_shows(f, "New incident title:");
	tt_type(f, "Suspicious login from TOR\r");
	tt_assert_shows(f, "SEV3  medium");
	tt_keycode(f, KEY_UP);
	tt_keycode(f, KEY_UP);			/* SEV1 */
	tt_key(f, '\r');
	/* then the kind, security or privacy */
	tt_assert_shows(f, "Kind of the new incident");
	tt_keycode(f, KEY_DOWN);		/* privacy */
	tt_key(f, '\r');
	tt_assert_shows(f, "Created IR-1.");
	tt_assert_shows(f, "IR-1  SEV1 detect    Suspicious login from TOR");
	tt_close(&f);
}

static void
test_live_reload_keeps_selection(void **state)
{
	struct tt		*f = tt_open();
	struct vigil_ctx	 other;
	struct incident_new	 in;
	struct verr		 e;
	char			 key[INCIDENT_KEY_MAX];

	(void)state;
	tt_start(f, 80, 24);
	tt_keycode(f, KEY_DOWN);
	tt_keycode(f, KEY_DOWN);		/* IR-3 */
	tt_assert_shows(f, "Roles IR-3");
	/* another session adds a SEV1 that sorts above IR-3 */
	memset(&other, 0, sizeof other);
	other.me = tt_actor("alice", 5000);
	other.clock_now = tt_clock;
	other.default_clocks = "customer";
	if (ops_open(&other, f->path, false, NULL, &e) != 0)
		fail_msg("second session: %s", e.msg);
	memset(&in, 0, sizeof in);
	in.title = "Okta second wave";
	in.severity = 1;
	assert_int_equal(ops_incident_new(&other, &in, key, &e), 0);
	tui_session_tick(f->t);
	tt_assert_shows(f, "Okta second wave");
	tt_assert_shows(f, "Roles IR-3");	/* still selected */
	tt_assert_shows(f, "IR-3  4 of 5");
	tt_assert_shows(f, "open 5");
	/* another session closes the selected incident */
	assert_int_equal(ops_incident_close(&other, "IR-3",
	    RESOLUTION_BENIGN, NULL, &e), 0);
	tui_session_tick(f->t);
	tt_assert_hides(f, "Phishing");
	tt_assert_shows(f, "open 4");
	tt_assert_shows(f, "Roles IR-4");	/* its neighbour now */
	ops_close(&other);
	tt_close(&f);
}

static void
test_assign_by_keys(void **state)
{
	struct tt	*f = tt_open();
	struct incident	 inc;
	struct verr	 e;

	(void)state;
	tt_start(f, 80, 24);
	tt_keycode(f, KEY_DOWN);		/* IR-1 */
	tt_key(f, 'a');
	tt_assert_shows(f, "Assign which role on IR-1?");
	/* Triage, SIM, Forensics, Service, EIM, Comms, Support */
	tt_keycode(f, KEY_DOWN);
	tt_keycode(f, KEY_DOWN);
	tt_key(f, '\r');			/* forensics */
	tt_assert_shows(f, "Who takes the forensics role on IR-1?");
	tt_assert_shows(f, "> dave");		/* the holder, preselected */
	tt_assert_shows(f, "(holds it now)");
	/* those qualified for the role first; alice, an administrator
	 * (qualified for everything), last */
	tt_keycode(f, KEY_END);
	tt_assert_shows(f, "> alice");
	tt_key(f, '\r');
	tt_assert_shows(f, "Hand-off note for alice as forensics");
	tt_type(f, "dave is off shift\r");
	tt_assert_shows(f, "IR-1: alice now holds the forensics role.");
	tt_assert_shows(f, "Forensics alice");
	memset(&inc, 0, sizeof inc);
	assert_int_equal(incidents_get(f->ctx.db, 1, &inc, &e), 0);
	assert_string_equal(inc.holder[ROLE_FORENSICS], "alice");
	incident_clear(&inc);
	/* from the roles pane: Tab, move to Support, Enter */
	tt_key(f, '\t');
	tt_key(f, 'G');
	tt_key(f, '\r');
	tt_assert_shows(f, "Who takes the support role on IR-1?");
	tt_key(f, 27);				/* Esc: nothing changed */
	tt_assert_shows(f, "Cancelled; nothing changed.");
	tt_assert_shows(f, "Support   (vacant)");
	tt_close(&f);
}

static void
test_declare(void **state)
{
	struct tt	*f = tt_open();
	struct incident	 inc;
	struct verr	 e;

	(void)state;
	tt_assign(f, "IR-3", ROLE_EIM, "alice");
	tt_assign(f, "IR-4", ROLE_EIM, "carol");
	tt_start(f, 80, 24);
	/* not the EIM of IR-4: D is not offered, and says why */
	tt_key(f, 'G');
	tt_assert_shows(f, "Roles IR-4");
	tt_assert_hides(f, "D declare");
	tt_key(f, 'D');
	tt_assert_shows(f, "the EIM of IR-4 is carol");
	/* the EIM of IR-3 */
	tt_keycode(f, KEY_UP);
	tt_assert_shows(f, "Roles IR-3");
	tt_assert_shows(f, "D declare");
	tt_key(f, 'D');
	tt_type(f, "customer records exfiltrated\r");
	tt_assert_shows(f, "Declare a customer data breach on IR-3?");
	tt_assert_shows(f, "The 72-hour notification");
	tt_assert_shows(f, "the key IR-3 to confirm.");
	tt_golden(f, "declare_confirm_80x24");
	tt_type(f, "y\r");			/* default No */
	tt_assert_shows(f, "Not declared");
	memset(&inc, 0, sizeof inc);
	assert_int_equal(incidents_get(f->ctx.db, 3, &inc, &e), 0);
	assert_false(inc.declared);
	incident_clear(&inc);
	tt_key(f, 'D');
	tt_type(f, "customer records exfiltrated\r");
	tt_type(f, "ir-3\r");
	tt_assert_shows(f, "IR-3: breach declared");
	tt_assert_shows(f, "left      OK T-72:00:00");
	tt_assert_shows(f, "OK T-72:00:00");
	tt_now += 5;
	tui_session_tick(f->t);
	tt_assert_shows(f, "OK T-71:59:55");
	assert_int_equal(incidents_get(f->ctx.db, 3, &inc, &e), 0);
	assert_true(inc.declared);
	assert_int_equal(inc.declared_at, tt_now - 5);
	incident_clear(&inc);
	tt_close(&f);
}

static void
test_commands(void **state)
{
	struct tt	*f = tt_open();

	(void)state;
	tt_start(f, 80, 24);
	tt_keycode(f, KEY_DOWN);		/* IR-1 */
	tt_type(f, ":note isolated VLAN 40\r");
	tt_assert_shows(f, "IR-1: note added.");
	tt_assert_shows(f, "note: isolated VLAN 40");
	tt_type(f, ":assign support dave handing over\r");
	tt_assert_shows(f, "Support   dave");
	tt_type(f, ":stage assess\r");
	tt_assert_shows(f, "IR-1: stage assess.");
	tt_type(f, ":milestone detected 2026-11-22T07:00Z\r");
	tt_assert_shows(f, "milestone detected recorded");
	tt_type(f, ":milestone detected banana\r");
	tt_assert_shows(f, "Not a time");
	tt_type(f, ":assign eim nobody\r");	/* ops refuses: its words */
	tt_assert_shows(f, "nobody is not on the roster");
	tt_type(f, ":frobnicate\r");
	tt_assert_shows(f, "Unknown command ':frobnicate'");
	tt_type(f, ":new sev2 Typosquatted domain\r");
	tt_assert_shows(f, "Created IR-5.");
	tt_type(f, ":filter Typo\r");
	tt_assert_shows(f, "1 of 1");
	tt_type(f, ":q\r");
	assert_true(tui_session_done(f->t));
	tt_close(&f);
}

static void
test_read_only(void **state)
{
	struct tt	*f = tt_open();

	(void)state;
	f->ctx.read_only = true;
	tt_start(f, 80, 24);
	tt_assert_shows(f, "[read-only]");
	tt_assert_hides(f, "a assign");
	tt_key(f, 'a');
	tt_assert_shows(f, "Read-only console");
	tt_type(f, ":note hello\r");
	tt_assert_shows(f, "Read-only console");
	tt_key(f, '?');
	tt_assert_hides(f, "assign a role");
	tt_close(&f);
}

static void
test_help_and_escape(void **state)
{
	struct tt	*f = tt_open();

	(void)state;
	tt_start(f, 80, 24);
	tt_key(f, '?');
	tt_assert_shows(f, "Keys in the queue pane:");
	tt_assert_shows(f, "assign a role");
	tt_assert_shows(f, "Up     k");
	tt_golden(f, "help_80x24");
	tt_key(f, 27);
	tt_assert_shows(f, "Queue");
	/* Esc at the top never quits; q does */
	tt_key(f, 27);
	assert_false(tui_session_done(f->t));
	tt_assert_shows(f, "never quits");
	tt_key(f, '\t');			/* roles pane help */
	tt_key(f, '?');
	tt_assert_shows(f, "Keys in the roles pane:");
	tt_key(f, 'q');
	tt_key(f, 12);				/* Ctrl-L repaints */
	tt_assert_shows(f, "Queue");
	tt_key(f, 19);				/* Ctrl-S: not bound */
	tt_key(f, 17);				/* Ctrl-Q: not bound */
	assert_false(tui_session_done(f->t));
	tt_key(f, 'q');
	assert_true(tui_session_done(f->t));
	tt_close(&f);
}

static void
test_paging(void **state)
{
	struct tt	*f = tt_open_empty();
	char		 title[64];
	int		 i;

	(void)state;
	for (i = 0; i < 40; i++) {
		snprintf(title, sizeof title, "Incident number %02d", i + 1);
		tt_new(f, title, 3);
	}
	tt_start(f, 80, 24);
	tt_assert_shows(f, "1 of 40");
	tt_key(f, 'G');
	tt_assert_shows(f, "40 of 40");
	tt_assert_shows(f, "> IR-40");
	tt_key(f, 'g');
	tt_assert_shows(f, "1 of 40");
	for (i = 0; i < 12; i++)
		tt_key(f, 'j');
	tt_assert_shows(f, "13 of 40");
	tt_assert_shows(f, "> IR-13");
	tt_keycode(f, KEY_NPAGE);
	tt_assert_shows(f, "of 40");
	tt_keycode(f, KEY_PPAGE);
	tt_keycode(f, KEY_PPAGE);
	tt_keycode(f, KEY_PPAGE);
	tt_assert_shows(f, "1 of 40");
	tt_keycode(f, KEY_UP);
	tt_assert_shows(f, "1 of 40");
	tt_close(&f);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_queue_80x24),
		cmocka_unit_test(test_roles_and_countdown),
		cmocka_unit_test(test_wide_132x43),
		cmocka_unit_test(test_incident_80x24),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_resize_anything),
		cmocka_unit_test(test_first_run),
		cmocka_unit_test(test_live_reload_keeps_selection),
		cmocka_unit_test(test_assign_by_keys),
		cmocka_unit_test(test_declare),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_help_and_escape),
		cmocka_unit_test(test_paging),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
