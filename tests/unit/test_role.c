/*
 * test_role.c: the seven roles and the whole permission table of role.c.
 *
 * The expected answers are written out here a second time, from the
 * issues' tables rather than from role.c, and every action is asked for
 * every target role and every combination of (on the roster, admin, set of
 * roles held on the incident): a change to either copy that makes them
 * disagree fails here. Named cases spell out the rules people rely on:
 * only the eim declares (not even an administrator), triage may hand the
 * incident to a sim but assign nobody else.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/role.h"

#define B(r) ROLE_BIT(ROLE_##r)

/*
 * The specification, independent of role.c, as vigil(1) (man/vigil.1)
 * states it: the incident's life (create, note, milestone,
 * assign/release, stage, close, declare/retract, roster), the clocks (sim,
 * eim or an administrator), notification (recipients and bulletins: sim,
 * comms or support; waive: only the eim; the review: holders of a role or
 * an administrator), the team's hand-offs (pick-up, corrections),
 * response plans (apply: sim or an administrator; a task: its role's
 * holder, the sim, an administrator).
 */
static bool
spec_may(enum action a, enum role target, bool on_roster, bool admin,
    unsigned held, unsigned qualified, bool sim_vacant)
{
	if (!on_roster)
		return false;
	switch (a) {
	case ACTION_INCIDENT_NEW:
	case ACTION_NOTE:
		return true;
	case ACTION_MILESTONE:
	case ACTION_REVIEW:
		return held != 0 || admin;
	case ACTION_ASSIGN:
	case ACTION_RELEASE:
		return (held & B(SIM)) != 0 || admin ||
		    (target == ROLE_SIM && (held & B(TRIAGE)) != 0);
	case ACTION_STAGE:
	case ACTION_CLOSE:
		return (held & B(SIM)) != 0 || admin;
	case ACTION_DECLARE:
	case ACTION_RETRACT:
	case ACTION_WAIVE:
		return (held & B(EIM)) != 0;
	case ACTION_ROSTER:
		return admin;
	case ACTION_CLOCKS:
		return (held & (B(SIM) | B(EIM))) != 0 || admin;
	case ACTION_RECIPIENT:
	case ACTION_BULLETIN:
		return (held & (B(SIM) | B(COMMS) | B(SUPPORT))) != 0;
	case ACTION_PICKUP:
		/* pick-up: only triage and sim, by someone qualified */
		return (target == ROLE_TRIAGE || target == ROLE_SIM) &&
		    (qualified & ROLE_BIT(target)) != 0;
	case ACTION_EDIT:
		/* corrections: the sim, an admin, or triage while no sim */
		return (held & B(SIM)) != 0 || admin ||
		    (sim_vacant && (held & B(TRIAGE)) != 0);
	/* evidence: the forensics holder, the sim or an administrator
	 * handle it; anyone on the roster reads it */
	case ACTION_EVIDENCE_ADD:
	case ACTION_EVIDENCE_TRANSFER:
	case ACTION_EVIDENCE_CHECK:
	case ACTION_EVIDENCE_NOTE:
	case ACTION_EVIDENCE_VOID:
		return (held & (B(FORENSICS) | B(SIM))) != 0 || admin;
	case ACTION_EVIDENCE_READ:
		return true;
	case ACTION_PLAN:
		return (held & B(SIM)) != 0 || admin;
	case ACTION_TASK:
		/* target is the task's role */
		return (held & (B(SIM) | ROLE_BIT(target))) != 0 || admin;
	case ACTION_IMPORT:
		return true;
	case ACTION_ACCEPT:	/* held: the roles one is qualified for */
	case ACTION_ATTACH:
	case ACTION_DISMISS:
	case ACTION_SUPPRESS:
		return (held & (B(TRIAGE) | B(SIM))) != 0 || admin;
	case ACTION__COUNT:
		break;
	}
	fail_msg("action %d has no rule in the test's specification", a);
	return false;
}

static bool
may_full(enum action a, enum role target, bool on_roster, bool admin,
    unsigned held, unsigned qualified, bool sim_vacant, char *why,
    size_t whylen)
{
	struct actor_facts	f = { on_roster, admin, held, qualified,
	    sim_vacant };

	why[0] = '\0';
	return role_may(a, target, &f, why, whylen);
}

static bool
may(enum action a, enum role target, bool on_roster, bool admin,
    unsigned held, char *why, size_t whylen)
{
	struct actor_facts	f = { on_roster, admin, held, 0, false };

	why[0] = '\0';
	return role_may(a, target, &f, why, whylen);
}

static void
test_whole_table(void **state)
{
	char		why[256];
	unsigned	held;
	int		a, t, roster, admin, q, vacant;
	bool		got, want;
	long		checked = 0;

	(void)state;
	for (a = 0; a < ACTION__COUNT; a++)
	for (t = 0; t < ROLE__COUNT; t++)
	for (roster = 0; roster <= 1; roster++)
	for (admin = 0; admin <= 1; admin++)
	for (held = 0; held <= ROLE_ALL; held++)
	for (q = 0; q < 3; q++)
	for (vacant = 0; vacant <= 1; vacant++) {
		unsigned qual = q == 0 ? 0 : q == 1 ? held : ROLE_ALL;

		want = spec_may((enum action)a, (enum role)t, roster, admin,
		    held, qual, vacant);
		got = may_full((enum action)a, (enum role)t, roster, admin,
		    held, qual, vacant, why, sizeof why);
		if (got != want)
			fail_msg("%s on %s, roster=%d admin=%d held=0x%02x "
			    "qualified=0x%02x sim_vacant=%d: role_may says %s, "
			    "the rules say %s (%s)",
			    action_name((enum action)a),
			    role_name((enum role)t), roster, admin, held, qual,
			    vacant, got ? "yes" : "no", want ? "yes" : "no",
			    why);
		/* a refusal always says why, as one sentence that does not
		 * end in a dangling "may" */
		if (!got) {
			size_t	l = strlen(why);

			assert_true(l > 10);
			assert_false(l >= 4 && strcmp(why + l - 4, " may")
			    == 0);
			assert_null(strstr(why, "may may"));
		}
		checked++;
	}
	assert_int_equal(checked, (long)ACTION__COUNT * ROLE__COUNT * 2 * 2 *
	    (ROLE_ALL + 1) * 3 * 2);
}

static void
test_only_the_eim_declares(void **state)
{
	char	why[256];
	int	r;

	(void)state;
	assert_true(may(ACTION_DECLARE, ROLE_EIM, true, false, B(EIM), why,
	    sizeof why));
	/* an administrator qualified for everything, holding nothing */
	assert_false(may(ACTION_DECLARE, ROLE_EIM, true, true, 0, why,
	    sizeof why));
	assert_non_null(strstr(why, "eim"));
	/* every other role, even all of them together, is not enough */
	for (r = 0; r < ROLE__COUNT; r++) {
		if (r == ROLE_EIM)
			continue;
		assert_false(may(ACTION_DECLARE, ROLE_EIM, true, true,
		    ROLE_BIT(r), why, sizeof why));
		assert_false(may(ACTION_RETRACT, ROLE_EIM, true, true,
		    ROLE_BIT(r), why, sizeof why));
	}
	assert_false(may(ACTION_DECLARE, ROLE_EIM, true, true,
	    ROLE_ALL & ~B(EIM), why, sizeof why));
	/* an eim who is not on the roster (removed) cannot */
	assert_false(may(ACTION_DECLARE, ROLE_EIM, false, false, B(EIM), why,
	    sizeof why));
	assert_true(may(ACTION_RETRACT, ROLE_EIM, true, false, B(EIM), why,
	    sizeof why));
}

static void
test_triage_assigns_only_the_sim(void **state)
{
	char	why[256];
	int	r;

	(void)state;
	for (r = 0; r < ROLE__COUNT; r++) {
		bool	want = r == ROLE_SIM;

		assert_int_equal(may(ACTION_ASSIGN, (enum role)r, true, false,
		    B(TRIAGE), why, sizeof why), want);
		assert_int_equal(may(ACTION_RELEASE, (enum role)r, true, false,
		    B(TRIAGE), why, sizeof why), want);
		/* the sim assigns every role */
		assert_true(may(ACTION_ASSIGN, (enum role)r, true, false,
		    B(SIM), why, sizeof why));
		/* so does an administrator */
		assert_true(may(ACTION_ASSIGN, (enum role)r, true, true, 0,
		    why, sizeof why));
		/* a plain roster member assigns nobody */
		assert_false(may(ACTION_ASSIGN, (enum role)r, true, false, 0,
		    why, sizeof why));
		/* nor does the eim */
		assert_false(may(ACTION_ASSIGN, (enum role)r, true, false,
		    B(EIM), why, sizeof why));
	}
	/* triage's stage moves are the sim's business */
	assert_false(may(ACTION_STAGE, ROLE_SIM, true, false, B(TRIAGE), why,
	    sizeof why));
}

static void
test_not_on_roster_is_told_how_to_join(void **state)
{
	char	why[256];
	int	a;

	(void)state;
	for (a = 0; a < ACTION__COUNT; a++) {
		assert_false(may((enum action)a, ROLE_SIM, false, true,
		    ROLE_ALL, why, sizeof why));
		assert_non_null(strstr(why, "roster"));
		assert_non_null(strstr(why, "vigil roster add"));
	}
}

static void
test_refusal_names_the_rule(void **state)
{
	char	why[256];

	(void)state;
	assert_false(may(ACTION_STAGE, ROLE_SIM, true, false, B(EIM), why,
	    sizeof why));
	assert_non_null(strstr(why, action_desc(ACTION_STAGE)));
	assert_non_null(strstr(why, role_rule_text(ACTION_STAGE)));
	assert_false(may(ACTION_ROSTER, ROLE_TRIAGE, true, false, ROLE_ALL,
	    why, sizeof why));
	assert_non_null(strstr(why, "administrator"));
	/* the assign refusal is one sentence (it used to end "... the sim
	 * may") */
	assert_false(may(ACTION_ASSIGN, ROLE_EIM, true, false, B(TRIAGE), why,
	    sizeof why));
	assert_string_equal(why, "not permitted to assign a role: the "
	    "incident's sim or an administrator may do that (the triage "
	    "holder may assign the sim)");
	/* a short buffer is cut, not overrun */
	memset(why, 'x', sizeof why);
	{
		struct actor_facts	f = { true, false, 0, 0, false };

		assert_false(role_may(ACTION_CLOSE, ROLE_SIM, &f, why, 5));
	}
	assert_int_equal(strlen(why), 4);
	assert_int_equal(why[5], 'x');
}

static void
test_role_names(void **state)
{
	static const char *const names[ROLE__COUNT] = {
		"triage", "sim", "forensics", "service", "eim", "comms",
		"support"
	};
	enum role	r;
	int		i, k;

	(void)state;
	for (i = 0; i < ROLE__COUNT; i++) {
		assert_string_equal(role_name((enum role)i), names[i]);
		assert_int_equal(role_parse(names[i], &r), 0);
		assert_int_equal(r, i);
		assert_true(strlen(role_label((enum role)i)) > 0);
		assert_true(strlen(role_title((enum role)i)) >
		    strlen(role_label((enum role)i)));
	}
	assert_string_equal(role_label(ROLE_EIM), "EIM");
	assert_string_equal(role_title(ROLE_SIM), "Security incident manager");
	r = ROLE_COMMS;
	assert_int_equal(role_parse("SIM", &r), -1);
	assert_int_equal(role_parse("admin", &r), -1);
	assert_int_equal(role_parse("", &r), -1);
	assert_int_equal(role_parse(NULL, &r), -1);
	assert_int_equal(role_parse("all", &r), -1);
	assert_int_equal(r, ROLE_COMMS);
	/* action names are distinct and every action has a rule text */
	for (i = 0; i < ACTION__COUNT; i++) {
		assert_true(strlen(role_rule_text((enum action)i)) > 0);
		assert_true(strlen(action_desc((enum action)i)) > 0);
		for (k = i + 1; k < ACTION__COUNT; k++)
			assert_string_not_equal(action_name((enum action)i),
			    action_name((enum action)k));
	}
	assert_string_equal(action_name(ACTION_DECLARE), "declare");
}

static void
test_role_parse_list(void **state)
{
	unsigned	mask = 0;
	char		bad[32];

	(void)state;
	assert_int_equal(role_parse_list("sim,eim", &mask, bad, sizeof bad),
	    0);
	assert_int_equal(mask, B(SIM) | B(EIM));
	assert_int_equal(role_parse_list("support", &mask, bad, sizeof bad),
	    0);
	assert_int_equal(mask, B(SUPPORT));
	assert_int_equal(role_parse_list("all", &mask, bad, sizeof bad), 0);
	assert_int_equal(mask, ROLE_ALL);
	assert_int_equal(role_parse_list("eim,sim,eim", &mask, bad,
	    sizeof bad), 0);
	assert_int_equal(mask, B(SIM) | B(EIM));
	assert_int_equal(role_parse_list("triage,sim,forensics,service,eim,"
	    "comms,support", &mask, bad, sizeof bad), 0);
	assert_int_equal(mask, ROLE_ALL);

	/* an unknown word is named back */
	bad[0] = '\0';
	assert_int_equal(role_parse_list("sim,ceo,eim", &mask, bad,
	    sizeof bad), -1);
	assert_string_equal(bad, "ceo");
	assert_int_equal(role_parse_list("sim, eim", &mask, bad, sizeof bad),
	    -1);
	assert_string_equal(bad, " eim");
	assert_int_equal(role_parse_list("Sim", &mask, bad, sizeof bad), -1);
	assert_int_equal(role_parse_list("sim,,eim", &mask, bad, sizeof bad),
	    -1);
	assert_int_equal(role_parse_list(",sim", &mask, bad, sizeof bad), -1);
	assert_int_equal(role_parse_list("sim,all", &mask, bad, sizeof bad),
	    -1);
	/* a long word is cut in the message, not overrun */
	assert_int_equal(role_parse_list("sim,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaa", &mask, bad, sizeof bad), -1);
	assert_true(strlen(bad) < sizeof bad);
	assert_true(strncmp(bad, "aaaa", 4) == 0);
}

static void
test_role_format_list(void **state)
{
	char		out[128];
	unsigned	mask, back;
	char		bad[32];

	(void)state;
	role_format_list(B(EIM) | B(SIM), out, sizeof out);
	assert_string_equal(out, "sim,eim");	/* table order */
	role_format_list(0, out, sizeof out);
	assert_string_equal(out, "");
	role_format_list(ROLE_ALL, out, sizeof out);
	assert_string_equal(out,
	    "triage,sim,forensics,service,eim,comms,support");
	for (mask = 1; mask <= ROLE_ALL; mask++) {
		role_format_list(mask, out, sizeof out);
		assert_int_equal(role_parse_list(out, &back, bad, sizeof bad),
		    0);
		assert_int_equal(back, mask);
	}
	/* too small a buffer: cut, always terminated, never overrun */
	memset(out, 'x', sizeof out);
	role_format_list(ROLE_ALL, out, 12);
	assert_true(strlen(out) < 12);
	assert_true(strncmp(out, "triage,sim", 10) == 0);
	assert_int_equal(out[12], 'x');
	role_format_list(ROLE_ALL, out, 0);	/* nothing written */
	assert_int_equal(out[0], 't');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_table),
		cmocka_unit_test(test_only_the_eim_declares),
		cmocka_unit_test(test_triage_assigns_only_the_sim),
		cmocka_unit_test(test_not_on_roster_is_told_how_to_join),
		cmocka_unit_test(test_refusal_names_the_rule),
		cmocka_unit_test(test_role_names),
		cmocka_unit_test(test_role_parse_list),
		cmocka_unit_test(test_role_format_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
