/*
 * test_redraw.c: what the console sends to the terminal when the
 * selection moves and when the clock ticks (docs/CONSOLE.md rule 12),
 * counted in bytes on a headless xterm-256color screen with the clock
 * pinned, so the counts are the same on every run. No timing: bounds on
 * bytes, a few times above what the console sends, that a whole-screen
 * repaint (a frame of the first size, which the test also measures, with
 * Ctrl-L) cannot meet. Also: the deadline panel's local line shows only
 * where local time is not UTC.
 */
#include "tuitest.h"

/*
 * Thirty open incidents made an hour apart, a third of them declared at
 * different times (their clocks OK, warning, critical and overdue), the
 * others with a SIM: each row's detail differs from its neighbour's.
 */
static struct tt *
scene(void)
{
	static const char *const sim[] = { "bob", "carol", "dave" };
	struct tt	*f = tt_open_empty();
	char		 title[64], key[16];
	int		 i;

	tt_person(f, "bob", ROLE_BIT(ROLE_SIM) | ROLE_BIT(ROLE_FORENSICS));
	tt_person(f, "carol", ROLE_BIT(ROLE_SIM) | ROLE_BIT(ROLE_COMMS));
	tt_person(f, "dave", ROLE_BIT(ROLE_SIM) | ROLE_BIT(ROLE_SUPPORT));
	for (i = 0; i < 30; i++) {
		tt_now = TT_T0 - (int64_t)(30 - i) * TT_HOUR - i * 60;
		snprintf(title, sizeof title, "Incident %02d on host-%d", i + 1,
		    i * 7 % 23);
		tt_new(f, title, i % 4 + 1);
		snprintf(key, sizeof key, "IR-%d", i + 1);
		tt_assign(f, key, ROLE_SIM, sim[i % 3]);
		if (i % 3 == 0) {
			tt_assign(f, key, ROLE_EIM, "alice");
			tt_declare(f, key, i * 5 % 40);
		}
	}
	tt_now = TT_T0;
	return f;
}

/* Bytes the terminal has been sent so far. */
static long
sent(struct tt *f)
{
	fflush(f->out);
	fseek(f->out, 0, SEEK_END);
	return ftell(f->out);
}

/* The bytes sent since `from`, as a string (owned). */
static char *
sent_since(struct tt *f, long from)
{
	long	 to = sent(f);
	char	*s = calloc(1, (size_t)(to - from) + 1);

	assert_non_null(s);
	fseek(f->out, from, SEEK_SET);
	assert_int_equal(fread(s, 1, (size_t)(to - from), f->out),
	    (size_t)(to - from));
	fseek(f->out, 0, SEEK_END);
	return s;
}

static int
cmp_long(const void *a, const void *b)
{
	long	x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/*
 * n moves with key: none clears the screen or sends more than `max`
 * bytes, and their median stays under `median`.
 */
static void
moves(struct tt *f, int key, int n, long max, long median)
{
	long	 v[64], at;
	char	*s;
	int	 i;

	assert_true(n <= 64);
	for (i = 0; i < n; i++) {
		at = sent(f);
		tt_keycode(f, key);
		v[i] = sent(f) - at;
		s = sent_since(f, at);
		/* ESC [ 2 J: the whole screen erased (clear, clearok) */
		if (strstr(s, "\033[2J") != NULL)
			fail_msg("move %d cleared the screen", i + 1);
		free(s);
		if (v[i] > max)
			fail_msg("move %d sent %ld bytes (at most %ld)", i + 1,
			    v[i], max);
	}
	qsort(v, (size_t)n, sizeof v[0], cmp_long);
	printf("%s: median %ld bytes, max %ld (%d moves)\n",
	    key == KEY_DOWN ? "Down" : "Up", v[n / 2], v[n - 1], n);
	if (v[n / 2] > median)
		fail_msg("median %ld bytes per move (at most %ld)", v[n / 2],
		    median);
}

static void
test_moves_80x24(void **state)
{
	struct tt	*f = scene();
	long		 at, full;
	char		*s;

	(void)state;
	tt_start(f, 80, 24);
	tt_keycode(f, KEY_DOWN);	/* the first move: the message line */
	/* what a whole repaint costs here: the bound below stays far off */
	at = sent(f);
	tt_key(f, 12);			/* Ctrl-L */
	full = sent(f) - at;
	s = sent_since(f, at);
	assert_non_null(strstr(s, "\033[2J"));
	free(s);
	printf("a whole repaint: %ld bytes\n", full);
	assert_true(full > 2000);
	/* down past the window's end and back: in-window moves and the
	 * half-window steps of the queue */
	moves(f, KEY_DOWN, 24, full / 3, 250);
	moves(f, KEY_UP, 24, full / 3, 250);
	tt_close(&f);
}

static void
test_moves_200x50(void **state)
{
	struct tt	*f = scene();
	long		 at, full;

	(void)state;
	tt_start(f, 200, 50);
	tt_keycode(f, KEY_DOWN);
	at = sent(f);
	tt_key(f, 12);
	full = sent(f) - at;
	printf("a whole repaint: %ld bytes\n", full);
	assert_true(full > 4000);
	moves(f, KEY_DOWN, 24, full / 3, full / 5);
	moves(f, KEY_UP, 24, full / 3, full / 5);
	tt_close(&f);
}

/* A second of the clock rewrites the countdown cells only. */
static void
test_tick(void **state)
{
	struct tt	*f = scene();
	long		 at;

	(void)state;
	tt_start(f, 80, 24);
	tt_assert_shows(f, "T-");
	at = sent(f);
	tt_now++;
	tui_session_tick(f->t);
	printf("a tick: %ld bytes\n", sent(f) - at);
	assert_true(sent(f) - at > 0);		/* it did tick */
	/* a few cells per running clock, far from a repaint (~2900) */
	assert_true(sent(f) - at < 300);
	tt_close(&f);
}

/* The local line of the deadline panel, only where it says more. */
static void
test_local_line(void **state)
{
	struct tt	*f = tt_open();

	(void)state;
	tt_start(f, 80, 24);
	tt_assert_shows(f, "due       2026-11-22 10:50Z");
	tt_assert_hides(f, "local ");		/* UTC: the same line */
	tt_close(&f);
	f = tt_open();
	setenv("TZ", "CET-1", 1);
	tzset();
	tt_start(f, 80, 24);
	tt_assert_shows(f, "local     2026-11-22 11:50 CET");
	setenv("TZ", "UTC", 1);
	tzset();
	tt_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moves_80x24),
		cmocka_unit_test(test_moves_200x50),
		cmocka_unit_test(test_tick),
		cmocka_unit_test(test_local_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
