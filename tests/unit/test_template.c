/*
 * test_template.c: rendering bulletin templates (template.c) and the
 * template names users may give. NULL and edge cases first: an empty
 * template, placeholders at the very start and end, malformed braces,
 * unknown names kept verbatim and counted, values never scanned again.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/template.h"

static const struct template_var vars[] = {
	{ "key", "IR-7" },
	{ "title", "Bucket {{key}} exposed" },	/* not expanded again */
	{ "recipient", "Acme" },
	{ "empty", NULL },
};
#define NV (sizeof vars / sizeof vars[0])

/* Render and compare; unknown count and first unknown name too. */
static void
check(const char *tmpl, const char *want, int want_unknown,
    const char *want_first)
{
	char	 first[16];
	int	 unknown = -1;
	char	*got = template_render(tmpl, vars, NV, &unknown, first,
		    sizeof first);

	assert_string_equal(got, want);
	assert_int_equal(unknown, want_unknown);
	assert_string_equal(first, want_first);
	free(got);
}

static void
test_null_and_empty(void **state)
{
	char	*s;

	(void)state;
	check("", "", 0, "");
	s = template_render(NULL, vars, NV, NULL, NULL, 0);
	assert_string_equal(s, "");
	free(s);
	/* no vars at all: everything unknown and kept */
	s = template_render("a {{key}} b", NULL, 0, NULL, NULL, 0);
	assert_string_equal(s, "a {{key}} b");
	free(s);
}

static void
test_substitution(void **state)
{
	(void)state;
	check("{{key}}", "IR-7", 0, "");
	check("Dear {{recipient}},\n", "Dear Acme,\n", 0, "");
	check("{{ key }}/{{key }}/{{  key}}", "IR-7/IR-7/IR-7", 0, "");
	check("{{key}}{{key}}", "IR-7IR-7", 0, "");
	check("[{{empty}}]", "[]", 0, "");
	/* one pass: a value holding a placeholder stays as it is */
	check("{{title}}", "Bucket {{key}} exposed", 0, "");
}

static void
test_unknown_kept(void **state)
{
	(void)state;
	check("Hi {{nobody}}!", "Hi {{nobody}}!", 1, "nobody");
	check("{{a}} {{key}} {{b}}", "{{a}} IR-7 {{b}}", 2, "a");
	check("{{ spaced }}", "{{ spaced }}", 1, "spaced");
	/* the first name is cut to the buffer, still terminated */
	check("{{a_very_long_placeholder_name}}",
	    "{{a_very_long_placeholder_name}}", 1, "a_very_long_pla");
}

static void
test_not_placeholders(void **state)
{
	(void)state;
	check("{{", "{{", 0, "");
	check("}}", "}}", 0, "");
	check("{{key", "{{key", 0, "");
	check("{{key}", "{{key}", 0, "");
	check("{{}}", "{{}}", 0, "");
	check("{{ }}", "{{ }}", 0, "");
	check("{{Key}}", "{{Key}}", 0, "");	/* names are lower case */
	check("{{a b}}", "{{a b}}", 0, "");
	check("{{key-x}}", "{{key-x}}", 0, "");
	check("{ {key} }", "{ {key} }", 0, "");
	check("{{{key}}}", "{IR-7}", 0, "");
}

static void
test_names(void **state)
{
	char	long_name[TEMPLATE_NAME_MAX + 1];

	(void)state;
	assert_false(template_name_valid(NULL));
	assert_false(template_name_valid(""));
	assert_true(template_name_valid("customer"));
	assert_true(template_name_valid("regulator-eu_2"));
	assert_true(template_name_valid("2nd"));
	assert_false(template_name_valid("-x"));
	assert_false(template_name_valid("_x"));
	assert_false(template_name_valid("../etc/passwd"));
	assert_false(template_name_valid("a/b"));
	assert_false(template_name_valid("a.md"));
	assert_false(template_name_valid("Customer"));
	assert_false(template_name_valid("a b"));
	/* at most TEMPLATE_NAME_MAX - 1 characters */
	memset(long_name, 'a', sizeof long_name);
	long_name[TEMPLATE_NAME_MAX] = '\0';
	assert_false(template_name_valid(long_name));
	long_name[TEMPLATE_NAME_MAX - 1] = '\0';
	assert_true(template_name_valid(long_name));
}

static void
wrapped(const char *in, int w, const char *want)
{
	char	*s = template_wrap(in, w);

	assert_string_equal(s, want);
	free(s);
}

static void
test_wrap(void **state)
{
	(void)state;
	assert_int_equal(template_width("short\n"), 72);	/* default */
	assert_int_equal(template_width("0123456789012345678901234\n"
	    "Dear {{recipient}}, a very long line that is not counted at all"
	    "\nabc"), 25);
	wrapped("fits\n\nas is\n", 10, "fits\n\nas is\n");
	wrapped("one two three four five", 10, "one two\nthree four\nfive");
	wrapped("- item one two three", 12, "- item one\n  two three");
	wrapped("  12. a b c d e f g", 10, "  12. a b\n      c d\n      e f\n"
	    "      g");
	/* a word wider than the width stays whole; UTF-8 counts characters */
	wrapped("see https://example.org/a/very/long/path ok", 10,
	    "see\nhttps://example.org/a/very/long/path\nok");
	wrapped("\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9", 6,
	    "\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9");
	wrapped("", 10, "");
	/* a paragraph with a long line is re-flowed as a whole */
	wrapped("On 2026-03-02 18:00 UTC we\ndetermined that.\n\nNext\n", 14,
	    "On 2026-03-02\n18:00 UTC we\ndetermined\nthat.\n\nNext\n");
	/* a list item ends the paragraph before it; headings stay alone */
	wrapped("# A long heading here\n- one two three\n- x\n", 12,
	    "# A long\nheading here\n- one two\n  three\n- x\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_substitution),
		cmocka_unit_test(test_unknown_kept),
		cmocka_unit_test(test_not_placeholders),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_wrap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
