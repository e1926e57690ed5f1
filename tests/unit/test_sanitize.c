/*
 * test_sanitize.c: the display sanitizer (sanitize.h), the one gate
 * between stored text and a terminal. Vectors for invalid UTF-8 (one
 * U+FFFD per maximal subpart), every class of dangerous code point (C0,
 * ESC, DEL, C1, bidi controls, zero-width and format characters, tags),
 * widths of wide and combining characters, truncation with an ellipsis,
 * ASCII mode; then properties over a corpus and random bytes: the output
 * is valid UTF-8 with no C0 but LF (multi-line only), no C1 and no
 * dangerous code point, fits its width, and sanitizing twice changes
 * nothing.
 */
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigil/sanitize.h"

static void
check(const char *in, int flags, const char *want)
{
	char	*got = sanitize(in, flags);

	if (strcmp(got, want) != 0)
		fail_msg("sanitize(\"%s\") = \"%s\", want \"%s\"", in, got,
		    want);
	free(got);
}

static void
test_plain(void **state)
{
	(void)state;
	check("", 0, "");
	check(NULL, 0, "");
	check("Ransomware on file-srv-3", 0, "Ransomware on file-srv-3");
	check("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac", 0,
	    "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac");
	check("tab\there", 0, "tab here");
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	check("\xff", 0, "\xef\xbf\xbd");
	check("a\x80z", 0, "a\xef\xbf\xbdz");		/* lone continuation */
	check("\xc3", 0, "\xef\xbf\xbd");		/* truncated */
	check("\xe2\x82", 0, "\xef\xbf\xbd");		/* one maximal subpart */
	check("\xc0\xaf", 0, "\xef\xbf\xbd\xef\xbf\xbd");	/* overlong */
	check("\xe0\x80\xaf", 0,
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	check("\xed\xa0\x80", 0,			/* surrogate */
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	check("\xf4\x90\x80\x80", 0,			/* > U+10FFFF */
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	check("\xf5", 0, "\xef\xbf\xbd");
	check("\xff", SAN_ASCII, "?");
}

static void
test_controls(void **state)
{
	(void)state;
	/* ESC of every sequence becomes the visible ␛ */
	check("\x1b]0;pwned\x07", 0,
	    "\xe2\x90\x9b]0;pwned\xe2\x90\x87");
	check("\x1b[2J\x1b[H", 0, "\xe2\x90\x9b[2J\xe2\x90\x9b[H");
	check("\x1b[31m", SAN_ASCII, "^[[31m");
	check("a\rb", 0, "a\xe2\x90\x8d" "b");
	check("a\nb", 0, "a\xe2\x90\x8a" "b");
	check("a\nb", SAN_MULTILINE, "a\nb");
	check("a\nb", SAN_ASCII, "a^Jb");
	check("\x7f", 0, "\xe2\x90\xa1");
	check("\x7f", SAN_ASCII, "^?");
	check("\x01", 0, "\xe2\x90\x81");
	/* 8-bit C1 (as UTF-8 code points) and raw 0x9b */
	check("\xc2\x9b" "31m", 0, "<U+009B>31m");
	check("\xc2\x9d" "0;x", 0, "<U+009D>0;x");
	check("\xc2\x90", 0, "<U+0090>");
	check("\x9b" "31m", 0, "\xef\xbf\xbd" "31m");
}

static void
test_invisible(void **state)
{
	(void)state;
	check("\xe2\x80\xae" "exe.txt", 0, "<U+202E>exe.txt");	/* RLO */
	check("\xe2\x81\xa6", 0, "<U+2066>");			/* LRI */
	check("\xd8\x9c", 0, "<U+061C>");			/* ALM */
	check("a\xe2\x80\x8b" "b", 0, "a<U+200B>b");		/* ZWSP */
	check("a\xe2\x80\x8d" "b", 0, "a<U+200D>b");		/* ZWJ */
	check("\xef\xbb\xbf", 0, "<U+FEFF>");			/* BOM */
	check("\xc2\xad", 0, "<U+00AD>");			/* SHY */
	check("\xf3\xa0\x80\x81", 0, "<U+E0001>");		/* tag */
	check("\xf3\xa0\x81\xbf", 0, "<U+E007F>");
	check("\xe2\x80\xae", SAN_ASCII, "<U+202E>");
	check("\xe2\x80\xa8", 0, "<U+2028>");			/* LS */
}

static void
test_width(void **state)
{
	char	*s;

	(void)state;
	assert_int_equal(sanitize_width("abc"), 3);
	assert_int_equal(sanitize_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);
	assert_int_equal(sanitize_width("e\xcc\x81"), 1);	/* e + acute */
	assert_int_equal(sanitize_width("\xef\xbc\xa1"), 2);	/* fullwidth A */
	assert_int_equal(sanitize_width("\xf0\x9f\x94\xa5"), 2); /* emoji */
	assert_int_equal(sanitize_cp_width(0x4e00), 2);
	assert_int_equal(sanitize_cp_width(0x0301), 0);
	assert_int_equal(sanitize_cp_width('a'), 1);
	assert_int_equal(sanitize_cp_width(0x1b), 0);
	/* too many marks: the fifth and later are placeholders */
	s = sanitize("a\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81", 0);
	assert_string_equal(s, "a\xcc\x81\xcc\x81\xcc\x81\xcc\x81<U+0301>");
	free(s);
	/* a mark with nothing to attach to */
	check("\xcc\x81" "a", 0, "<U+0301>a");
}

static void
fit(const char *in, int cells, int flags, const char *want, int want_w)
{
	int	 w = -1;
	char	*got = sanitize_fit(in, cells, flags, &w);

	if (strcmp(got, want) != 0 || w != want_w)
		fail_msg("fit(\"%s\", %d) = \"%s\" (%d), want \"%s\" (%d)", in,
		    cells, got, w, want, want_w);
	free(got);
}

static void
test_fit(void **state)
{
	(void)state;
	fit("abcdef", 10, 0, "abcdef", 6);
	fit("abcdef", 6, 0, "abcdef", 6);
	fit("abcdef", 5, 0, "abcd\xe2\x80\xa6", 5);
	fit("abcdef", 5, SAN_ASCII, "abcd~", 5);
	fit("abcdef", 1, 0, "\xe2\x80\xa6", 1);
	fit("abcdef", 0, 0, "", 0);
	fit("abcdef", -3, 0, "", 0);
	/* never splits a wide character: 日本語 in 4 cells */
	fit("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, 0,
	    "\xe6\x97\xa5\xe2\x80\xa6", 3);
	fit("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5, 0,
	    "\xe6\x97\xa5\xe6\x9c\xac\xe2\x80\xa6", 5);
	/* keeps a combining mark with its base */
	fit("e\xcc\x81" "fgh", 2, 0, "e\xcc\x81\xe2\x80\xa6", 2);
	/* placeholders count in the width */
	fit("\x1b[2J", 3, 0, "\xe2\x90\x9b[\xe2\x80\xa6", 3);
	/* multi-line never survives a fit */
	fit("a\nb", 10, SAN_MULTILINE, "a\xe2\x90\x8a" "b", 3);
}

/* ---- properties ---------------------------------------------------- */

static bool
forbidden(uint32_t cp)
{
	return (cp < 0x20 && cp != '\n') || (cp >= 0x7f && cp <= 0x9f) ||
	    cp == 0x061c || (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0xfeff || cp == 0x00ad || (cp >= 0xe0000 && cp <= 0xe007f);
}

/* The properties of sanitize.h, on one input. */
static void
properties(const char *in, size_t len)
{
	static const int	flagsets[] = {
		0, SAN_MULTILINE, SAN_ASCII, SAN_ASCII | SAN_MULTILINE,
	};
	char		*copy = malloc(len + 1), *s, *s2, *f;
	size_t		 i, k, n;
	uint32_t	 cp;
	int		 w, cells;

	assert_non_null(copy);
	memcpy(copy, in, len);
	copy[len] = '\0';
	for (k = 0; k < 4; k++) {
		s = sanitize(copy, flagsets[k]);
		for (i = 0; s[i] != '\0'; i += n) {
			n = sanitize_decode((const unsigned char *)s + i,
			    strlen(s + i), &cp);
			/* valid UTF-8: U+FFFD only as itself */
			if (cp == 0xfffd)
				assert_true(n == 3 && memcmp(s + i,
				    "\xef\xbf\xbd", 3) == 0);
			if (forbidden(cp))
				fail_msg("U+%04X survived", cp);
			if (cp == '\n')
				assert_true(flagsets[k] & SAN_MULTILINE);
			if (flagsets[k] & SAN_ASCII)
				assert_true((cp >= 0x20 && cp < 0x7f) ||
				    cp == '\n');
		}
		/* idempotent */
		s2 = sanitize(s, flagsets[k]);
		if (strcmp(s, s2) != 0)
			fail_msg("not idempotent: \"%s\" -> \"%s\"", s, s2);
		free(s2);
		/* fits, whatever the width */
		for (cells = 0; cells < 12; cells++) {
			f = sanitize_fit(copy, cells, flagsets[k], &w);
			assert_true(w <= cells);
			assert_int_equal(w, sanitize_width(f));
			assert_null(strchr(f, '\n'));
			free(f);
		}
		free(s);
	}
	free(copy);
}

static void
test_properties_corpus(void **state)
{
	static const char *const corpus[] = {
		"\x1b]0;pwned\x07", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
		"\x1b]52;c;cHduZWQ=\x07", "\x1b]50;?\x07", "\x1bP$qm\x1b\\",
		"\x1b[21t", "\x1bZ", "\x1b[6n", "\x1b[?1049h", "\x1b" "c",
		"\x1b[1;1H\x1b[2K", "\r\r\r", "\xc2\x9b" "0c", "\xc2\x9d" "0;t",
		"\xc2\x90q\xc2\x9c", "\x9b" "6n", "\xe2\x80\xae\xe2\x81\xa6",
		"\xe2\x80\x8b\xe2\x80\x8c\xe2\x80\x8d\xe2\x81\xa0",
		"\xf3\xa0\x80\x81\xf3\xa0\x81\xbf", "\xc0\x80", "\xed\xbf\xbf",
		"\xf8\x88\x80\x80\x80", "a\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc"
		"\x85\xcc\x86", "\xe6\x97\xa5\xcc\x81", "\xef\xbf\xbe",
		"\xf4\x8f\xbf\xbf", "\xee\x80\x80", "\x7f\x08\x00", "\t\v\f",
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof corpus / sizeof corpus[0]; i++)
		properties(corpus[i], strlen(corpus[i]));
}

static void
test_properties_random(void **state)
{
	static const unsigned char special[] = "\x1b\x9b\xc2\xe2\x80\xae"
	    "\xf3\xa0\n\r\xcc";
	unsigned char	buf[64];
	unsigned	seed = 12345;
	size_t		i, j, len;

	(void)state;
	for (i = 0; i < 20000; i++) {
		len = (seed = seed * 1103515245u + 12345u) % sizeof buf;
		for (j = 0; j < len; j++) {
			seed = seed * 1103515245u + 12345u;
			/* bias to interesting bytes */
			if ((seed >> 16) % 4 == 0)
				buf[j] = special[(seed >> 8) % 11];
			else
				buf[j] = (unsigned char)((seed >> 16) & 0xff);
			if (buf[j] == 0)
				buf[j] = 1;
		}
		properties((const char *)buf, len);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_invisible),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_properties_corpus),
		cmocka_unit_test(test_properties_random),
	};

	/* widths as a UTF-8 terminal measures them */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "C.utf8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
