/*
 * test_lineedit.c: the line editor (lineedit.c) without a terminal:
 * editing in the middle of the line, multi-byte text, the kill keys, the
 * placeholder that typing replaces, history per kind of question, the
 * size limit, the view of a long line around the cursor, and a long paste
 * that must stay fast.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "vigil/lineedit.h"
#include "vigil/sanitize.h"

static void
type(struct lineedit *le, const char *s)
{
	assert_true(lineedit_insert(le, s, strlen(s)));
}

static void
test_middle(void **state)
{
	struct lineedit	le;

	(void)state;
	lineedit_init(&le, 0);
	type(&le, "isolatd VLAN");
	assert_int_equal(le.cur, 12);
	lineedit_key(&le, LE_HOME);
	assert_int_equal(le.cur, 0);
	lineedit_key(&le, LE_END);
	assert_int_equal(le.cur, 12);
	lineedit_key(&le, LE_HOME);
	assert_true(lineedit_key(&le, LE_RIGHT));
	lineedit_key(&le, LE_RIGHT);
	lineedit_key(&le, LE_RIGHT);
	lineedit_key(&le, LE_RIGHT);
	lineedit_key(&le, LE_RIGHT);
	lineedit_key(&le, LE_RIGHT);
	type(&le, "e");			/* isolat|d -> isolate|d */
	assert_string_equal(lineedit_text(&le), "isolated VLAN");
	lineedit_key(&le, LE_END);
	type(&le, " 40");
	assert_string_equal(lineedit_text(&le), "isolated VLAN 40");
	/* Delete at the cursor, Backspace before it */
	lineedit_key(&le, LE_HOME);
	assert_true(lineedit_key(&le, LE_DELETE));
	assert_string_equal(lineedit_text(&le), "solated VLAN 40");
	assert_false(lineedit_key(&le, LE_BACKSPACE));	/* at the start */
	assert_false(lineedit_key(&le, LE_LEFT));
	lineedit_key(&le, LE_END);
	assert_false(lineedit_key(&le, LE_DELETE));	/* at the end */
	assert_false(lineedit_key(&le, LE_RIGHT));
	lineedit_clear(&le);
}

static void
test_utf8(void **state)
{
	struct lineedit	le;

	(void)state;
	lineedit_init(&le, 0);
	type(&le, "caf\xc3\xa9 \xe6\x97\xa5");		/* café 日 */
	lineedit_key(&le, LE_LEFT);
	assert_int_equal(le.cur, 6);		/* before the 3-byte 日 */
	lineedit_key(&le, LE_LEFT);
	lineedit_key(&le, LE_LEFT);
	assert_int_equal(le.cur, 3);		/* before the 2-byte é */
	assert_true(lineedit_key(&le, LE_DELETE));
	assert_string_equal(lineedit_text(&le), "caf \xe6\x97\xa5");
	assert_true(lineedit_insert_cp(&le, 0xe8));	/* è */
	assert_string_equal(lineedit_text(&le), "caf\xc3\xa8 \xe6\x97\xa5");
	lineedit_key(&le, LE_END);
	assert_true(lineedit_key(&le, LE_BACKSPACE));
	assert_string_equal(lineedit_text(&le), "caf\xc3\xa8 ");
	lineedit_clear(&le);
}

static void
test_kill(void **state)
{
	struct lineedit	le;

	(void)state;
	lineedit_init(&le, 0);
	type(&le, "assign eim  carol");
	assert_true(lineedit_key(&le, LE_KILL_WORD));
	assert_string_equal(lineedit_text(&le), "assign eim  ");
	assert_true(lineedit_key(&le, LE_KILL_WORD));	/* spaces + word */
	assert_string_equal(lineedit_text(&le), "assign ");
	type(&le, "sim bob");
	lineedit_key(&le, LE_LEFT);
	lineedit_key(&le, LE_LEFT);
	lineedit_key(&le, LE_LEFT);
	assert_true(lineedit_key(&le, LE_KILL_END));	/* Ctrl-K */
	assert_string_equal(lineedit_text(&le), "assign sim ");
	assert_false(lineedit_key(&le, LE_KILL_END));
	lineedit_key(&le, LE_LEFT);
	assert_true(lineedit_key(&le, LE_KILL_START));	/* Ctrl-U */
	assert_string_equal(lineedit_text(&le), " ");
	assert_int_equal(le.cur, 0);
	lineedit_clear(&le);
}

static void
test_placeholder(void **state)
{
	struct lineedit	le;
	char		*v;
	int		 col;

	(void)state;
	lineedit_init(&le, 0);
	lineedit_placeholder(&le, "now");
	assert_true(lineedit_showing_placeholder(&le));
	assert_string_equal(lineedit_answer(&le), "now");	/* Enter */
	lineedit_view(&le, 40, 0, &v, &col);
	assert_string_equal(v, "now");
	assert_int_equal(col, 0);
	free(v);
	type(&le, "2026-12-01T19:50Z");		/* replaces, never appends */
	assert_false(lineedit_showing_placeholder(&le));
	assert_string_equal(lineedit_answer(&le), "2026-12-01T19:50Z");
	lineedit_key(&le, LE_KILL_START);
	assert_string_equal(lineedit_answer(&le), "now");
	lineedit_clear(&le);
}

static void
test_history(void **state)
{
	struct lineedit_history	h = { 0 };
	struct lineedit		le;
	int			i;

	(void)state;
	lineedit_history_add(&h, "first");
	lineedit_history_add(&h, "second");
	lineedit_history_add(&h, "second");	/* no repeat */
	lineedit_history_add(&h, "");		/* nothing empty */
	assert_int_equal(h.n, 2);
	lineedit_init(&le, 0);
	lineedit_history(&le, &h);
	type(&le, "draft");
	assert_true(lineedit_key(&le, LE_UP));
	assert_string_equal(lineedit_text(&le), "second");
	assert_true(lineedit_key(&le, LE_UP));
	assert_string_equal(lineedit_text(&le), "first");
	assert_false(lineedit_key(&le, LE_UP));		/* oldest */
	assert_true(lineedit_key(&le, LE_DOWN));
	assert_true(lineedit_key(&le, LE_DOWN));
	assert_string_equal(lineedit_text(&le), "draft");	/* kept */
	assert_false(lineedit_key(&le, LE_DOWN));
	lineedit_clear(&le);
	/* bounded: the oldest goes */
	for (i = 0; i < LINEEDIT_HISTORY_MAX + 5; i++) {
		char	s[16];

		snprintf(s, sizeof s, "a%d", i);
		lineedit_history_add(&h, s);
	}
	assert_int_equal(h.n, LINEEDIT_HISTORY_MAX);
	assert_string_equal(h.v[0], "a5");
	lineedit_history_clear(&h);
	assert_int_equal(h.n, 0);
	/* no history: Up does nothing */
	lineedit_init(&le, 0);
	assert_false(lineedit_key(&le, LE_UP));
	lineedit_clear(&le);
}

static void
test_limit(void **state)
{
	struct lineedit	le;

	(void)state;
	lineedit_init(&le, 5);
	type(&le, "abcd");
	/* é would need 2 bytes, 1 left: not split */
	assert_false(lineedit_insert(&le, "\xc3\xa9", 2));
	assert_true(lineedit_insert(&le, "xyz", 3));
	assert_string_equal(lineedit_text(&le), "abcdx");
	assert_false(lineedit_insert_cp(&le, 'q'));
	lineedit_clear(&le);
}

static void
test_view(void **state)
{
	struct lineedit	le;
	char		*v;
	int		 col, i;

	(void)state;
	lineedit_init(&le, 0);
	type(&le, "short");
	lineedit_view(&le, 20, 0, &v, &col);
	assert_string_equal(v, "short");
	assert_int_equal(col, 5);
	free(v);
	lineedit_key(&le, LE_HOME);
	lineedit_view(&le, 20, 0, &v, &col);
	assert_int_equal(col, 0);
	free(v);
	/* a control character is shown as a placeholder, never raw */
	lineedit_set(&le, "a\x1b[2Jb");
	lineedit_view(&le, 40, 0, &v, &col);
	assert_null(strchr(v, 0x1b));
	free(v);
	/* long: the cursor stays visible, the cut is marked */
	lineedit_set(&le, NULL);
	for (i = 0; i < 100; i++)
		type(&le, "0123456789");
	lineedit_view(&le, 40, SAN_ASCII, &v, &col);
	assert_true(col < 40);
	assert_int_equal(v[0], '~');
	assert_true(sanitize_width(v) <= 40);
	free(v);
	lineedit_key(&le, LE_HOME);
	lineedit_view(&le, 40, SAN_ASCII, &v, &col);
	assert_int_equal(col, 0);
	assert_int_equal(v[0], '0');
	assert_true(sanitize_width(v) <= 40);
	free(v);
	lineedit_clear(&le);
}

static void
test_paste_speed(void **state)
{
	struct lineedit	le;
	struct timespec	a, b;
	char		*v;
	int		 col, i;
	double		 ms;

	(void)state;
	/* 2,000 characters one key at a time, the view drawn after each:
	 * must be linear: seconds would mean quadratic redraws */
	clock_gettime(CLOCK_MONOTONIC, &a);
	lineedit_init(&le, 0);
	for (i = 0; i < 2000; i++) {
		assert_true(lineedit_insert_cp(&le, (uint32_t)('a' + i % 26)));
		lineedit_view(&le, 70, 0, &v, &col);
		free(v);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	assert_int_equal(strlen(lineedit_text(&le)), 2000);
	ms = (double)(b.tv_sec - a.tv_sec) * 1e3 +
	    (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	print_message("2000 keys with a view each: %.1f ms\n", ms);
	assert_true(ms < 5000);	/* quadratic would be tens of seconds */
	lineedit_clear(&le);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_middle),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_kill),
		cmocka_unit_test(test_placeholder),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_view),
		cmocka_unit_test(test_paste_speed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
