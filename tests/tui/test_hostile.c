/*
 * test_hostile.c: titles, notes and names made of terminal escape
 * sequences (OSC window-title change, SGR, clear screen, cursor moves,
 * 8-bit C1, bidi override, zero-width and tag characters, invalid UTF-8)
 * are stored byte for byte, shown as visible placeholders, and never
 * reach the terminal: the bytes curses wrote are decoded and searched for
 * an OSC, a C1 code point or a bidi control. Also: with NO_COLOR no
 * colour escape is written at all.
 */
#include "tuitest.h"

#include "vigil/sanitize.h"

static const char *const hostile[] = {
	"\x1b]0;pwned\x07 title",
	"\x1b[31mred\x1b[0m \x1b[2J\x1b[H cleared",
	"\x9b" "31m eight-bit CSI \xc2\x9b" "31m",
	"\xe2\x80\xae" "txt.exe bidi",
	"zero\xe2\x80\x8bwidth tag\xf3\xa0\x80\x81",
	"bad \xff\xfe utf8 \xed\xa0\x80",
	"\x1bP+q544e\x1b\\ DECRQSS \x1b]52;c;cHduZWQ=\x07 clip",
	"back\rspace\x08\x7f",
};

/* Read the whole file. */
static char *
slurp(FILE *fp, size_t *len)
{
	char	*s;
	long	 n;

	fflush(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	s = calloc(1, (size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	*len = (size_t)n;
	return s;
}

/* What the terminal was sent must hold no OSC, C1, bidi or tag. */
static void
assert_inert(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n;
	uint32_t		 cp;

	while (i < len) {
		if (p[i] == 0x1b && i + 1 < len) {
			/* curses writes CSI and charset designations only */
			if (p[i + 1] == ']' || p[i + 1] == 'P' ||
			    p[i + 1] == '^' || p[i + 1] == '_')
				fail_msg("OSC/DCS/PM/APC at byte %zu", i);
		}
		n = sanitize_decode(p + i, len - i, &cp);
		if (cp >= 0x80 && cp <= 0x9f)
			fail_msg("C1 U+%04X at byte %zu", cp, i);
		if ((cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200b ||
		    (cp >= 0xe0000 && cp <= 0xe007f))
			fail_msg("invisible U+%04X at byte %zu", cp, i);
		if (cp == 0x07)
			fail_msg("BEL at byte %zu", i);
		i += n;
	}
}

static void
test_titles_inert(void **state)
{
	struct tt	*f = tt_open_empty();
	struct incident	 inc;
	struct verr	 e;
	char		*out;
	size_t		 i, len;

	(void)state;
	for (i = 0; i < nitems(hostile); i++)
		tt_new(f, hostile[i], 2);
	tt_start(f, 132, 43);
	/* visible placeholders where the controls were */
	tt_assert_shows(f, "\xe2\x90\x9b]0;pwned\xe2\x90\x87 title");
	tt_assert_shows(f, "\xe2\x90\x9b[31mred");
	tt_assert_shows(f, "\xef\xbf\xbd" "31m eight-bit CSI <U+009B>31m");
	tt_assert_shows(f, "<U+202E>txt.exe");
	tt_assert_shows(f, "zero<U+200B>width");
	tt_assert_shows(f, "bad \xef\xbf\xbd\xef\xbf\xbd utf8");
	tt_assert_shows(f, "back\xe2\x90\x8dspace");
	/* every incident's panes too */
	for (i = 0; i < nitems(hostile); i++) {
		tt_keycode(f, KEY_DOWN);
		tt_keycode(f, KEY_ENTER);
		tt_key(f, 27);
	}
	out = slurp(f->out, &len);
	assert_true(len > 1000);
	assert_inert(out, len);
	free(out);
	/* stored byte for byte */
	for (i = 0; i < nitems(hostile); i++) {
		memset(&inc, 0, sizeof inc);
		assert_int_equal(incidents_get(f->ctx.db, (int64_t)i + 1, &inc,
		    &e), 0);
		assert_string_equal(inc.title, hostile[i]);
		incident_clear(&inc);
	}
	tt_close(&f);
}

static void
test_typed_and_noted(void **state)
{
	struct tt	*f = tt_open();
	struct verr	 e;
	char		*out;
	size_t		 i, len;

	(void)state;
	for (i = 0; i < nitems(hostile); i++)
		assert_int_equal(ops_note(&f->ctx, "IR-2", hostile[i], &e), 0);
	tt_start(f, 132, 43);
	tt_assert_shows(f, "note: \xe2\x90\x9b]0;pwned");
	/* typed into the filter and the prompts: also inert */
	tt_type(f, "/\x1b");		/* Esc: cancels, no escape drawn */
	tt_key(f, '/');
	tt_key(f, 0x9b);
	tt_key(f, 0x202e);
	tt_type(f, "x\r");
	tt_assert_shows(f, "<U+202E>x");
	tt_key(f, 27);
	tt_type(f, ":note \xe2\x80\xae" "evil\r");
	tt_assert_shows(f, "note: <U+202E>evil");
	out = slurp(f->out, &len);
	assert_inert(out, len);
	free(out);
	tt_close(&f);
}

/* Does the stream hold an SGR that sets a colour (3x, 4x, 38, 48)? */
static bool
has_colour_sgr(const char *s, size_t len)
{
	size_t	i, j;
	int	v;

	for (i = 0; i + 2 < len; i++) {
		if (s[i] != 0x1b || s[i + 1] != '[')
			continue;
		for (j = i + 2; j < len && ((s[j] >= '0' && s[j] <= '9') ||
		    s[j] == ';'); j++)
			;
		if (j >= len || s[j] != 'm')
			continue;
		/* each parameter */
		for (j = i + 2; s[j] != 'm'; j++) {
			v = 0;
			while (s[j] >= '0' && s[j] <= '9')
				v = v * 10 + (s[j++] - '0');
			if ((v >= 30 && v <= 49) || (v >= 90 && v <= 107))
				return true;
			if (s[j] == 'm')
				break;
		}
	}
	return false;
}

static void
test_no_color(void **state)
{
	struct tt	*f = tt_open();
	char		*out;
	size_t		 len;

	(void)state;
	setenv("NO_COLOR", "1", 1);
	tt_start(f, 80, 24);
	tt_keycode(f, KEY_DOWN);
	tt_now += 13 * TT_HOUR;		/* overdue: reverse video, words */
	tui_session_tick(f->t);
	tt_assert_shows(f, "OVERDUE +1h00m");
	tt_assert_shows(f, "SEV1");
	out = slurp(f->out, &len);
	assert_false(has_colour_sgr(out, len));
	free(out);
	unsetenv("NO_COLOR");
	tt_close(&f);
	/* and with colours allowed, the same screen does use them */
	f = tt_open();
	tt_start(f, 80, 24);
	out = slurp(f->out, &len);
	assert_true(has_colour_sgr(out, len));
	free(out);
	tt_close(&f);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_titles_inert),
		cmocka_unit_test(test_typed_and_noted),
		cmocka_unit_test(test_no_color),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
