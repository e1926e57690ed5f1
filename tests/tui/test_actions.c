/*
 * test_actions.c: the console's action table (src/tui/action-table.h)
 * is consistent, so that what a user presses or types does what the help
 * says: no key or ':' verb is bound to two actions (the second would be
 * silently unreachable), every verb finds its own row, a row with a ':'
 * form has a verb, every row reachable by ':' or a key does something
 * (a handler, or the view's), and every action has its help text.
 */
#include "tuitest.h"

/* Each '|'-separated verb of the row, looked up, gives the row back. */
static void
test_verbs_find_their_row(void **state)
{
	const struct keydef	*k, *v;
	char			 verb[64], *p, *save = NULL;
	size_t			 n, i, nverbs = 0;

	(void)state;
	k = keymap_table(&n);
	for (i = 0; i < n; i++) {
		if (k[i].cmd != NULL)
			assert_non_null(k[i].verbs);
		if (k[i].verbs == NULL)
			continue;
		assert_true(strlen(k[i].verbs) < sizeof verb);
		snprintf(verb, sizeof verb, "%s", k[i].verbs);
		for (p = strtok_r(verb, "|", &save); p != NULL;
		    p = strtok_r(NULL, "|", &save)) {
			v = keymap_verb(p);
			assert_non_null(v);
			assert_int_equal(v->act, k[i].act);
			nverbs++;
		}
		/* a verb needs something to run: its form or its handler */
		assert_true(k[i].cmd != NULL || k[i].run != NULL);
	}
	assert_true(nverbs >= 20);
	assert_null(keymap_verb("nosuchverb"));
	assert_null(keymap_verb(""));
	assert_null(keymap_verb("as"));		/* a prefix is not a verb */
}

/* No key and no alias bound twice; every row has help and a hint word. */
static void
test_keys_bound_once(void **state)
{
	const struct keydef	*k;
	size_t			 n, i, j;

	(void)state;
	k = keymap_table(&n);
	assert_int_equal(n, ACT__COUNT - 1);	/* every action has a row */
	for (i = 0; i < n; i++) {
		assert_int_equal(k[i].act, (enum tui_action)(i + 1));
		assert_non_null(k[i].help);
		assert_true(k[i].help[0] != '\0');
		assert_non_null(k[i].name);
		assert_ptr_equal(keymap_find(k[i].act), &k[i]);
		assert_int_equal(keymap_lookup(NULL, k[i].key, k[i].keycode),
		    k[i].act);
		for (j = 0; j < n; j++) {
			if (j == i)
				continue;
			assert_false(k[j].key == k[i].key &&
			    k[j].keycode == k[i].keycode);
			assert_false(k[i].alias != 0 &&
			    k[j].alias == k[i].alias &&
			    k[j].alias_keycode == k[i].alias_keycode);
			assert_false(k[i].alias != 0 &&
			    k[j].key == k[i].alias &&
			    k[j].keycode == k[i].alias_keycode);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verbs_find_their_row),
		cmocka_unit_test(test_keys_bound_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
