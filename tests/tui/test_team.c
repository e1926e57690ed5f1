/*
 * test_team.c: the console's hand-offs and edits, in process (tuitest.h):
 * p picks up the vacant sim role (and says so when nothing is left), e
 * changes severity through its dialogs, ':kind', ':title' and ':pickup'
 * do the same by name, the incident view shows the kind, someone who may
 * not edit is told before any dialog; and a note entered while another
 * connection holds the write lock waits, visibly, and lands once the lock
 * is released.
 */
#include <sqlite3.h>

#include "tuitest.h"

/* bob (triage) opens IR-1 and holds its triage; the console is carol's. */
static struct tt *
team_scene(void)
{
	struct tt	*f = tt_open_empty();

	tt_person(f, "bob", ROLE_BIT(ROLE_TRIAGE));
	tt_person(f, "carol", ROLE_BIT(ROLE_SIM) | ROLE_BIT(ROLE_TRIAGE));
	tt_person(f, "dave", ROLE_BIT(ROLE_EIM));
	f->ctx.me = tt_actor("bob", 5001);
	tt_new(f, "Ransomware on file-srv-3", 3);
	f->ctx.me = tt_actor("carol", 5002);
	return f;
}

static void
test_pickup_and_edit(void **state)
{
	struct tt	*f = team_scene();

	(void)state;
	tt_start(f, 80, 24);
	tt_assert_shows(f, "SIM       (vacant)");
	/* carol may take only the sim role (triage is bob's): no question */
	tt_key(f, 'p');
	tt_assert_shows(f, "IR-1: you hold the sim role now.");
	tt_assert_shows(f, "SIM       carol");
	tt_key(f, 'p');
	tt_assert_shows(f, "Nothing to pick up on IR-1");
	/* e: which field, then the new value */
	tt_key(f, 'e');
	tt_assert_shows(f, "Change what on IR-1?");
	tt_key(f, '\r');			/* severity */
	tt_assert_shows(f, "Severity of IR-1 (now SEV3)?");
	tt_keycode(f, KEY_UP);
	tt_keycode(f, KEY_UP);			/* SEV1 */
	tt_key(f, '\r');
	tt_assert_shows(f, "IR-1: severity changed.");
	tt_assert_shows(f, "IR-1  SEV1");
	tt_type(f, ":kind privacy\r");
	tt_assert_shows(f, "IR-1: kind changed.");
	tt_type(f, ":title Ransomware on file-srv-3 and -4\r");
	tt_assert_shows(f, "IR-1: title changed.");
	tt_assert_shows(f, "Ransomware on file-srv-3 a");
	tt_type(f, ":kind privacy\r");		/* ops refuses: its words */
	tt_assert_shows(f, "already has those values");
	tt_keycode(f, KEY_ENTER);		/* the incident view */
	tt_assert_shows(f, "IR-1  SEV1  privacy  detect");
	tt_close(&f);
}

static void
test_edit_refused_up_front(void **state)
{
	struct tt	*f = team_scene();

	(void)state;
	f->ctx.me = tt_actor("dave", 5003);	/* the eim: may not edit */
	tt_start(f, 80, 24);
	tt_key(f, 'e');
	tt_assert_shows(f, "Not permitted: to change IR-1 is for");
	tt_assert_hides(f, "Change what on IR-1?");
	tt_type(f, ":pickup sim\r");
	tt_assert_shows(f, "does not qualify you");
	tt_close(&f);
}

/* Let the loop's retry come due, then tick. */
static void
team_tick(struct tt *f)
{
	usleep(300 * 1000);
	tui_session_tick(f->t);
}

static void
test_note_waits_for_the_lock(void **state)
{
	struct tt	*f = team_scene();
	sqlite3		*other;
	struct verr	 e;
	int		 i;

	(void)state;
	tt_start(f, 80, 24);
	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL,
	    NULL), SQLITE_OK);
	tt_key(f, 'N');
	tt_assert_shows(f, "Note on IR-1");
	tt_type(f, "written once the lock is gone\r");
	tt_assert_shows(f, "waiting for another session's write (0 s)");
	for (i = 0; i < 4; i++)
		team_tick(f);
	tt_assert_shows(f, "waiting for another session's write (1 s)");
	/* another write is refused while one waits */
	tt_key(f, 'p');
	tt_assert_shows(f, "A write is still waiting for another session");
	assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(other);
	team_tick(f);
	tt_assert_shows(f, "IR-1: note added.");
	{
		struct note	*n = NULL;
		size_t		 nn = 0;

		assert_int_equal(notes_list(f->ctx.db, 1, 0, &n, &nn, &e), 0);
		assert_int_equal(nn, 1);
		assert_string_equal(n[0].text, "written once the lock is gone");
		note_list_free(&n, nn);
	}
	tt_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pickup_and_edit),
		cmocka_unit_test(test_edit_refused_up_front),
		cmocka_unit_test(test_note_waits_for_the_lock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
