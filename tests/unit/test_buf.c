/*
 * test_buf.c: the growable string and the JSON writer of buf.c. What
 * scripts rely on: the output is always valid JSON whatever bytes a title
 * holds (controls escaped, invalid UTF-8 replaced by U+FFFD, never a raw
 * ESC), commas and indentation are right at every depth, and the same
 * document always gives the same bytes. SQLite's JSON functions serve as
 * an independent parser: json_valid() and json_extract() must read back
 * what was written.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "vigil/buf.h"

static sqlite3	*db;

static int
setup(void **state)
{
	(void)state;
	return sqlite3_open(":memory:", &db) == SQLITE_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	sqlite3_close(db);
	return 0;
}

/* SQLite's verdict on a JSON text. */
static bool
json_ok(const char *text)
{
	sqlite3_stmt	*st;
	bool		 ok;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT json_valid(?)", -1,
	    &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	ok = sqlite3_column_int(st, 0) == 1;
	sqlite3_finalize(st);
	return ok;
}

/* The string a JSON document (a quoted string) decodes to; owned. */
static char *
json_decoded(const char *text)
{
	sqlite3_stmt	*st;
	char		*s;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT json_extract(?, '$')",
	    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	s = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

static char *
quoted(const char *s)
{
	struct buf	b;

	buf_init(&b);
	json_quote(&b, s);
	return buf_steal(&b);
}

static void
expect_quote(const char *in, const char *want)
{
	char	*q = quoted(in);

	assert_string_equal(q, want);
	assert_true(json_ok(q));
	free(q);
}

static void
test_buf_basics(void **state)
{
	struct buf	 b;
	char		*s;
	int		 i;

	(void)state;
	buf_init(&b);
	assert_string_equal(buf_str(&b), "");
	s = buf_steal(&b);		/* an empty buf still gives a string */
	assert_string_equal(s, "");
	free(s);
	buf_puts(&b, "abc");
	buf_putc(&b, '-');
	buf_add(&b, "x\0y", 3);		/* bytes, NUL included */
	assert_int_equal(b.len, 7);
	assert_memory_equal(b.data, "abc-x\0y", 8);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	for (i = 0; i < 10000; i++)
		buf_printf(&b, "%d,", i);
	assert_true(b.len > 40000);
	assert_int_equal(strlen(b.data), b.len);
	assert_true(strncmp(b.data, "0,1,2,", 6) == 0);
	assert_non_null(strstr(b.data, ",9999,"));
	buf_reset(&b);
	buf_printf(&b, "%s", "");
	assert_int_equal(b.len, 0);
	s = buf_steal(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	free(s);
	buf_clear(&b);
	buf_clear(&b);
}

static void
test_quote_plain_and_specials(void **state)
{
	(void)state;
	expect_quote("", "\"\"");
	expect_quote("plain text", "\"plain text\"");
	expect_quote("say \"hi\"", "\"say \\\"hi\\\"\"");
	expect_quote("C:\\path\\", "\"C:\\\\path\\\\\"");
	expect_quote("a/b", "\"a/b\"");
	expect_quote("line1\nline2\r\n\tend", "\"line1\\nline2\\r\\n\\tend\"");
	/* every other control as \u00XX: nothing raw reaches a terminal */
	expect_quote("\x01\x08\x0b\x0c\x1b[31m\x1f\x7f",
	    "\"\\u0001\\u0008\\u000b\\u000c\\u001b[31m\\u001f\\u007f\"");
	/* valid UTF-8 passes unchanged */
	expect_quote("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
	    "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
	/* bidi override, zero-width, C1, tags: valid UTF-8 but never raw
	 * on a terminal, so escaped (the value is the same) */
	expect_quote("\xe2\x80\xae\xe2\x80\x8b", "\"\\u202e\\u200b\"");
	expect_quote("a\xc2\x9b[2J", "\"a\\u009b[2J\"");
	expect_quote("\xf3\xa0\x80\x81", "\"\\udb40\\udc01\"");
}

static void
test_quote_every_byte_round_trips(void **state)
{
	char	 in[2], *q, *back;
	int	 c;

	(void)state;
	/* each ASCII byte alone decodes back to itself */
	for (c = 1; c < 0x80; c++) {
		in[0] = (char)c;
		in[1] = '\0';
		q = quoted(in);
		if (!json_ok(q))
			fail_msg("byte 0x%02x gives invalid JSON: %s", c, q);
		assert_true(strchr(q + 1, '\x1b') == NULL);
		back = json_decoded(q);
		assert_string_equal(back, in);
		free(back);
		free(q);
	}
}

/* How many U+FFFD in s. */
static int
count_fffd(const char *s)
{
	int		 n = 0;
	const char	*p = s;

	while ((p = strstr(p, "\xef\xbf\xbd")) != NULL) {
		n++;
		p += 3;
	}
	return n;
}

static void
test_quote_invalid_utf8(void **state)
{
	static const char *const bad[] = {
		"\x80",			/* lone continuation */
		"\xbf",
		"\xff",			/* never valid */
		"\xfe",
		"\xc0\xaf",		/* overlong '/' */
		"\xc1\xbf",		/* overlong */
		"\xe0\x80\xaf",		/* overlong, 3 bytes */
		"\xf0\x80\x80\xaf",	/* overlong, 4 bytes */
		"\xed\xa0\x80",		/* surrogate U+D800 */
		"\xed\xbf\xbf",		/* surrogate U+DFFF */
		"\xf4\x90\x80\x80",	/* above U+10FFFF */
		"\xf5\x80\x80\x80",
		"\xe2\x82",		/* truncated at the end */
		"\xf0\x9f\x98",
		"\xc3",
	};
	char	 in[64], *q, *back;
	size_t	 i, k;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(in, sizeof in, "a%sb", bad[i]);
		q = quoted(in);
		if (!json_ok(q))
			fail_msg("case %zu gives invalid JSON", i);
		/* exactly "a", one or more U+FFFD, "b": no bad byte kept */
		k = count_fffd(q);
		assert_true(k >= 1 && k <= strlen(bad[i]));
		assert_int_equal(strlen(q), 4 + 3 * k);
		assert_true(strncmp(q, "\"a", 2) == 0);
		assert_string_equal(q + 2 + 3 * k, "b\"");
		back = json_decoded(q);
		assert_true(strncmp(back, "a\xef\xbf\xbd", 4) == 0);
		free(back);
		free(q);
	}
	/* one bad byte, one replacement; good text around it is kept */
	expect_quote("x\xffy", "\"x\xef\xbf\xbdy\"");
	expect_quote("\xc3\xa9\x80\xc3\xa9", "\"\xc3\xa9\xef\xbf\xbd\xc3\xa9\"");
	/* a 4-byte character right after a bad byte is not swallowed */
	expect_quote("\xff\xf0\x9f\x98\x80", "\"\xef\xbf\xbd\xf0\x9f\x98\x80\"");
	/* the largest code point (private use) is escaped */
	expect_quote("\xf4\x8f\xbf\xbf", "\"\\udbff\\udfff\"");
}

/* A document with nesting at several depths. */
static void
write_doc(struct buf *b, bool pretty)
{
	struct json	j;

	json_init(&j, b, pretty);
	json_obj_open(&j);
	json_kstr(&j, "z", "last key first");
	json_kint(&j, "a", 1);
	json_key(&j, "list");
	json_arr_open(&j);
	json_int(&j, 1);
	json_str(&j, "two");
	json_obj_open(&j);
	json_kstr(&j, "k", NULL);
	json_kbool(&j, "t", true);
	json_obj_close(&j);
	json_arr_open(&j);
	json_arr_close(&j);
	json_null(&j);
	json_arr_close(&j);
	json_key(&j, "empty");
	json_obj_open(&j);
	json_obj_close(&j);
	json_ktime(&j, "at", 1795337400, true);
	json_ktime(&j, "never", 0, false);
	json_kint(&j, "min", INT64_MIN);
	json_kint(&j, "max", INT64_MAX);
	json_kbool(&j, "f", false);
	json_obj_close(&j);
}

static void
test_compact_nesting(void **state)
{
	struct buf	b;

	(void)state;
	buf_init(&b);
	write_doc(&b, false);
	assert_string_equal(buf_str(&b),
	    "{\"z\":\"last key first\",\"a\":1,\"list\":[1,\"two\","
	    "{\"k\":null,\"t\":true},[],null],\"empty\":{},"
	    "\"at\":\"2026-11-22T08:50:00Z\",\"never\":null,"
	    "\"min\":-9223372036854775808,\"max\":9223372036854775807,"
	    "\"f\":false}");
	assert_true(json_ok(buf_str(&b)));
	buf_clear(&b);
}

static void
test_pretty(void **state)
{
	struct buf	b;
	struct json	j;

	(void)state;
	buf_init(&b);
	write_doc(&b, true);
	assert_string_equal(buf_str(&b),
	    "{\n"
	    "  \"z\": \"last key first\",\n"
	    "  \"a\": 1,\n"
	    "  \"list\": [\n"
	    "    1,\n"
	    "    \"two\",\n"
	    "    {\n"
	    "      \"k\": null,\n"
	    "      \"t\": true\n"
	    "    },\n"
	    "    [],\n"
	    "    null\n"
	    "  ],\n"
	    "  \"empty\": {},\n"
	    "  \"at\": \"2026-11-22T08:50:00Z\",\n"
	    "  \"never\": null,\n"
	    "  \"min\": -9223372036854775808,\n"
	    "  \"max\": 9223372036854775807,\n"
	    "  \"f\": false\n"
	    "}");
	assert_true(json_ok(buf_str(&b)));

	/* a top-level array of objects, as list --json prints */
	buf_reset(&b);
	json_init(&j, &b, true);
	json_arr_open(&j);
	json_obj_open(&j);
	json_kint(&j, "n", 1);
	json_obj_close(&j);
	json_obj_open(&j);
	json_kint(&j, "n", 2);
	json_obj_close(&j);
	json_arr_close(&j);
	assert_string_equal(buf_str(&b),
	    "[\n  {\n    \"n\": 1\n  },\n  {\n    \"n\": 2\n  }\n]");
	assert_true(json_ok(buf_str(&b)));
	/* an empty array stays on one line */
	buf_reset(&b);
	json_init(&j, &b, true);
	json_arr_open(&j);
	json_arr_close(&j);
	assert_string_equal(buf_str(&b), "[]");
	buf_clear(&b);
}

static void
test_times(void **state)
{
	struct buf	b;
	struct json	j;

	(void)state;
	buf_init(&b);
	json_init(&j, &b, false);
	json_arr_open(&j);
	json_time(&j, 0, true);
	json_time(&j, -1, true);
	json_time(&j, 951825600, true);
	json_time(&j, 1795337400, false);
	json_arr_close(&j);
	assert_string_equal(buf_str(&b), "[\"1970-01-01T00:00:00Z\","
	    "\"1969-12-31T23:59:59Z\",\"2000-02-29T12:00:00Z\",null]");
	buf_clear(&b);
}

static void
test_reproducible(void **state)
{
	struct buf	a, b;
	int		i;

	(void)state;
	buf_init(&a);
	buf_init(&b);
	write_doc(&a, true);
	for (i = 0; i < 50; i++) {
		buf_reset(&b);
		write_doc(&b, true);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.data, b.data, a.len);
	}
	buf_clear(&a);
	buf_clear(&b);
}

/* Characters that rearrange or hide text are escaped, others kept. */
static void
test_quote_invisible_escaped(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
	} v[] = {
		{ "a\xe2\x80\xae" "b", "\"a\\u202eb\"" },	/* RLO */
		{ "\xe2\x81\xa6" "x", "\"\\u2066x\"" },		/* LRI */
		{ "\xe2\x80\x8b", "\"\\u200b\"" },		/* ZWSP */
		{ "\xc2\x9b" "1m", "\"\\u009b1m\"" },		/* CSI (C1) */
		{ "\xef\xbb\xbf", "\"\\ufeff\"" },		/* BOM */
		{ "\xf3\xa0\x80\x81", "\"\\udb40\\udc01\"" },	/* tag */
		{ "caf\xc3\xa9 \xe6\x97\xa5", "\"caf\xc3\xa9 \xe6\x97\xa5\"" },
	};
	char	*q, *back;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		q = quoted(v[i].in);
		assert_string_equal(q, v[i].out);
		assert_true(json_ok(q));
		back = json_decoded(q);
		assert_string_equal(back, v[i].in);
		free(back);
		free(q);
	}
}

static void
test_deep_nesting_is_safe(void **state)
{
	struct buf	b;
	struct json	j;
	int		i;

	(void)state;
	/* deeper than the writer tracks: still balanced, never overrun */
	buf_init(&b);
	json_init(&j, &b, false);
	for (i = 0; i < 100; i++)
		json_arr_open(&j);
	json_int(&j, 7);
	for (i = 0; i < 100; i++)
		json_arr_close(&j);
	assert_int_equal(b.len, 201);
	assert_true(b.data[0] == '[' && b.data[100] == '7' &&
	    b.data[200] == ']');
	assert_true(json_ok(buf_str(&b)));
	buf_clear(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_basics),
		cmocka_unit_test(test_quote_plain_and_specials),
		cmocka_unit_test(test_quote_every_byte_round_trips),
		cmocka_unit_test(test_quote_invalid_utf8),
		cmocka_unit_test(test_compact_nesting),
		cmocka_unit_test(test_pretty),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_reproducible),
		cmocka_unit_test(test_deep_nesting_is_safe),
		cmocka_unit_test(test_quote_invisible_escaped),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
