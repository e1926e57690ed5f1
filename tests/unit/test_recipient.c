/*
 * test_recipient.c: the recipient vocabulary and the forward-only state
 * rule (recipient.c), every pair of states against a table written out
 * here from the rules of vigil(1) (man/vigil.1).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/recipient.h"

/* May `from` go to `to`? The specification, independent of the code. */
static bool
spec(enum recipient_state from, enum recipient_state to)
{
	switch (to) {
	case RSTATE_DRAFTED:
		return from == RSTATE_PENDING;
	case RSTATE_SENT:
		return from == RSTATE_PENDING || from == RSTATE_DRAFTED;
	case RSTATE_ACKNOWLEDGED:
		return from == RSTATE_SENT;
	case RSTATE_WAIVED:
		return from == RSTATE_PENDING || from == RSTATE_DRAFTED;
	default:
		return false;
	}
}

static void
test_moves(void **state)
{
	char	why[256];
	int	f, t, rc;

	(void)state;
	for (f = 0; f < RSTATE__COUNT; f++) {
		for (t = 0; t < RSTATE__COUNT; t++) {
			why[0] = '\0';
			rc = recipient_check_move("R1", (enum recipient_state)f,
			    (enum recipient_state)t, why, sizeof why);
			assert_int_equal(rc == 0, spec((enum recipient_state)f,
			    (enum recipient_state)t));
			if (rc != 0)
				assert_true(why[0] != '\0');
		}
	}
	recipient_check_move("R4", RSTATE_SENT, RSTATE_DRAFTED, why,
	    sizeof why);
	assert_non_null(strstr(why, "R4 is already sent"));
	assert_non_null(strstr(why, "only moves forward"));
	recipient_check_move("R2", RSTATE_DRAFTED, RSTATE_ACKNOWLEDGED, why,
	    sizeof why);
	assert_non_null(strstr(why, "mark it sent before"));
	recipient_check_move("R2", RSTATE_WAIVED, RSTATE_SENT, why,
	    sizeof why);
	assert_non_null(strstr(why, "waived"));
}

static void
test_names(void **state)
{
	enum recipient_kind	k;
	enum recipient_channel	c;
	enum recipient_state	s;
	long long		n;

	(void)state;
	assert_int_equal(recipient_kind_parse(NULL, &k), -1);
	assert_int_equal(recipient_kind_parse("data-subjects", &k), 0);
	assert_int_equal(k, RKIND_DATA_SUBJECTS);
	assert_int_equal(recipient_kind_parse("Customer", &k), -1);
	for (k = 0; k < RKIND__COUNT; k++) {
		enum recipient_kind	back;

		assert_int_equal(recipient_kind_parse(recipient_kind_name(k),
		    &back), 0);
		assert_int_equal(back, k);
	}
	assert_int_equal(recipient_channel_parse("letter", &c), 0);
	assert_int_equal(c, RCHAN_LETTER);
	assert_int_equal(recipient_channel_parse("fax", &c), -1);
	assert_int_equal(recipient_state_parse("acknowledged", &s), 0);
	assert_int_equal(s, RSTATE_ACKNOWLEDGED);
	assert_string_equal(recipient_state_name(RSTATE_WAIVED), "waived");
	assert_true(recipient_state_notified(RSTATE_ACKNOWLEDGED));
	assert_false(recipient_state_notified(RSTATE_WAIVED));
	assert_true(recipient_state_settled(RSTATE_WAIVED));
	assert_false(recipient_state_settled(RSTATE_DRAFTED));
	assert_int_equal(recipient_id_parse("R12", &n), 0);
	assert_int_equal(n, 12);
	assert_int_equal(recipient_id_parse("r3", &n), 0);
	assert_int_equal(recipient_id_parse("7", &n), 0);
	assert_int_equal(recipient_id_parse(NULL, &n), -1);
	assert_int_equal(recipient_id_parse("R", &n), -1);
	assert_int_equal(recipient_id_parse("R0", &n), -1);
	assert_int_equal(recipient_id_parse("R-1", &n), -1);
	assert_int_equal(recipient_id_parse("F1", &n), -1);
	assert_int_equal(recipient_id_parse("R1x", &n), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
