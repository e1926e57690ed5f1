/*
 * test_notify.c: the console's notification parts, in process (tuitest.h):
 * the recipients pane of the incident view, marking the last pending
 * recipient sent turns the countdown into MET at once (and the message
 * line says customers_notified was recorded); the waiver is refused to
 * anyone but the EIM; the ':' verbs; the review list of closed incidents
 * with its deadline outcome, an opened review (outcome, ladder, repair
 * items) and a repair item added and one marked done by keys.
 */
#include "tuitest.h"

static void
tn_recipient(struct tt *f, const char *key, const char *name)
{
	struct recipient_new	rn;
	struct verr		e;
	char			id[RECIPIENT_ID_MAX];

	memset(&rn, 0, sizeof rn);
	rn.name = name;
	rn.kind = RKIND_CUSTOMER;
	rn.channel = RCHAN_EMAIL;
	if (ops_recipient_add(&f->ctx, key, &rn, id, &e) != 0)
		fail_msg("recipient add %s: %s", name, e.msg);
}

static void
tn_sent(struct tt *f, const char *key, const char *rid)
{
	struct verr	e;

	if (ops_recipient_set(&f->ctx, key, rid, RSTATE_SENT, false, 0, NULL,
	    &e) != 0)
		fail_msg("sent %s: %s", rid, e.msg);
}

/* IR-2 (alice: sim and eim; 2 h left) with R1 sent, R2 pending. */
static struct tt *
tn_open(void)
{
	struct tt	*f = tt_open();

	tn_recipient(f, "IR-2", "Acme Bank");
	tn_recipient(f, "IR-2", "Data protection authority");
	tt_now += 600;
	tn_sent(f, "IR-2", "R1");
	tt_now += 600;
	return f;
}

static void
test_last_sent_is_met(void **state)
{
	struct tt	*f = tn_open();

	(void)state;
	tt_start(f, 80, 24);
	/* the compact form in the main view's deadline panel */
	tt_assert_shows(f, "recipients 1 of 2 notified");
	tt_keycode(f, KEY_ENTER);			/* IR-2 full screen */
	tt_assert_shows(f, "Recipients 1 of 2 notified");
	tt_assert_shows(f, "R1   Acme Bank");
	tt_assert_shows(f, "!! T-01:40:00");
	/* Tab to the recipients pane, down to R2, S: sent */
	while (!tt_shows(f, "> Recipients"))
		tt_key(f, '\t');
	tt_keycode(f, KEY_DOWN);
	/* S asks to confirm, with the send time (default now); Esc: no */
	tt_key(f, 'S');
	tt_assert_shows(f, "Mark R2 on IR-2 sent at (Enter: now; Esc cancels)");
	tt_key(f, 27);
	tt_assert_shows(f, "Cancelled; nothing changed.");
	tt_assert_shows(f, "Recipients 1 of 2 notified");
	tt_key(f, 'S');
	tt_assert_shows(f, "sent at (Enter: now");
	tt_key(f, '\r');
	tt_assert_shows(f, "customers_notified recorded");
	tt_assert_shows(f, "Recipients 2 of 2 notified");
	tt_assert_shows(f, "notified  MET");
	tt_assert_hides(f, "T-01:40:00");
	tt_golden(f, "recipients_met_80x24");
	tt_close(&f);
}

static void
test_recipient_keys_and_refusals(void **state)
{
	struct tt	*f = tt_open();

	(void)state;
	tt_start(f, 80, 24);
	tt_keycode(f, KEY_DOWN);			/* IR-1: alice is EIM */
	/* only sim, comms and support may, so A is refused at once */
	tt_key(f, 'A');
	tt_assert_shows(f, "Not permitted: to change a notification "
	    "recipient on IR-1");
	tui_session_close(&f->t);
	fclose(f->out);
	fclose(f->in);
	/* bob, the sim of IR-1, adds one: name, kind, channel, contact */
	f->ctx.me = tt_actor("bob", 5001);
	tt_start(f, 80, 24);
	tt_keycode(f, KEY_DOWN);
	tt_key(f, 'A');
	tt_type(f, "Globex");
	tt_key(f, '\r');
	tt_assert_shows(f, "What kind of recipient?");
	tt_key(f, '\r');				/* customer */
	tt_assert_shows(f, "Through which channel?");
	tt_key(f, '\r');				/* email */
	tt_type(f, "sec@globex.example");
	tt_key(f, '\r');
	tt_assert_shows(f, "IR-1: recipient R1 added (customer, email");
	tt_assert_shows(f, "recipients 0 of 1 notified");
	/* the waiver is not offered to bob, and refused when asked */
	tt_key(f, 'W');
	tt_assert_shows(f, "Only the incident's current EIM can waive");
	tt_close(&f);
}

static void
test_waive_and_commands(void **state)
{
	struct tt	*f = tn_open();

	(void)state;
	tt_start(f, 80, 24);
	/* ':' verbs act on the selected incident (IR-2) */
	tt_key(f, ':');
	tt_type(f, "recipient add Initech");
	tt_key(f, '\r');
	tt_assert_shows(f, "recipient R3 added");
	tt_key(f, ':');
	tt_type(f, "drafted R2");
	tt_key(f, '\r');
	tt_assert_shows(f, "R2 marked drafted");
	tt_key(f, ':');
	tt_type(f, "sent R9");
	tt_key(f, '\r');
	tt_assert_shows(f, "R9");			/* the ops refusal */
	/* waive: alice is IR-2's EIM: W asks which, then why */
	tt_key(f, 'W');
	tt_assert_shows(f, "Which recipient?");
	tt_key(f, '\r');				/* R2 */
	tt_assert_shows(f, "why is no notification needed?");
	tt_type(f, "authority informed by phone by legal");
	tt_key(f, '\r');
	tt_assert_shows(f, "R2 waived");
	tt_key(f, ':');
	tt_type(f, "sent R3");
	tt_key(f, '\r');
	tt_assert_shows(f, "customers_notified recorded");
	tt_assert_shows(f, "MET");
	tt_close(&f);
}

static void
test_waive_only_eim(void **state)
{
	struct tt	*f = tn_open();

	(void)state;
	f->ctx.me = tt_actor("carol", 5002);
	tt_start(f, 80, 24);
	tt_key(f, 'W');
	tt_assert_shows(f, "Only the incident's current EIM can waive");
	tt_close(&f);
}

/* IR-2 notified on time and closed, with a review and a repair item. */
static struct tt *
tn_closed(void)
{
	struct tt	*f = tn_open();
	struct verr	 e;
	char		 id[REPAIR_ID_MAX];

	tn_sent(f, "IR-2", "R2");
	tt_now += 3600;
	if (ops_incident_close(&f->ctx, "IR-2", RESOLUTION_CONFIRMED,
	    "tokens revoked", &e) != 0)
		fail_msg("close: %s", e.msg);
	if (ops_review_set(&f->ctx, "IR-2", "an admin token leaked through "
	    "a CI log", NULL, &e) != 0)
		fail_msg("review: %s", e.msg);
	if (ops_repair_add(&f->ctx, "IR-2", "mask secrets in CI logs", "bob",
	    "2026-12-15", id, &e) != 0)
		fail_msg("repair: %s", e.msg);
	return f;
}

static void
test_review_view(void **state)
{
	struct tt	*f = tn_closed();

	(void)state;
	tt_start(f, 80, 24);
	tt_key(f, 'v');
	tt_assert_shows(f, "closed incidents, newest first");
	tt_assert_shows(f, "IR-2");
	tt_assert_shows(f, "confirmed");
	tt_assert_shows(f, "MET");
	tt_golden(f, "review_list_80x24");
	tt_key(f, '\r');
	tt_assert_shows(f, "Review IR-2");
	tt_assert_shows(f, "Customer deadline: MET");
	tt_assert_shows(f, "x customers_notified");
	tt_golden(f, "review_doc_80x24");
	tt_keycode(f, KEY_END);
	tt_assert_shows(f, "an admin token leaked through a CI log");
	tt_assert_shows(f, "F1   open  mask secrets in CI logs  (owner bob, "
	    "due 2026-12-15)");
	/* a repair item by keys: text, owner, due date */
	tt_key(f, 'f');
	tt_type(f, "rotate CI tokens monthly");
	tt_key(f, '\r');
	tt_assert_shows(f, "Who owns the repair?");
	tt_key(f, '\r');				/* alice, selected */
	tt_type(f, "2027-01-31");
	tt_key(f, '\r');
	tt_assert_shows(f, "repair item F2 added for alice");
	tt_keycode(f, KEY_END);
	tt_assert_shows(f, "F2   open  rotate CI tokens monthly  (owner "
	    "alice, due 2027-01-31)");
	/* F1 done */
	tt_key(f, 'x');
	tt_key(f, '\r');
	tt_assert_shows(f, "repair item F1 done");
	tt_keycode(f, KEY_END);
	tt_assert_shows(f, "F1   done");
	/* lessons on one line: the ':' form (l opens $EDITOR) */
	tt_key(f, ':');
	tt_type(f, "lessons scan logs for secrets before publishing");
	tt_key(f, '\r');
	tt_assert_shows(f, "lessons learned saved");
	/* Esc: back to the list, Esc: back to the queue */
	tt_key(f, 27);
	tt_assert_shows(f, "closed incidents, newest first");
	tt_key(f, 27);
	tt_assert_shows(f, "Queue");
	/* and :review opens it again */
	tt_key(f, ':');
	tt_type(f, "review");
	tt_key(f, '\r');
	tt_assert_shows(f, "closed incidents, newest first");
	tt_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_last_sent_is_met),
		cmocka_unit_test(test_recipient_keys_and_refusals),
		cmocka_unit_test(test_waive_and_commands),
		cmocka_unit_test(test_waive_only_eim),
		cmocka_unit_test(test_review_view),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
