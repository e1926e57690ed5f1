/*
 * ui.c: the terminal itself. Starting curses on a terminal (falling back to
 * xterm, then vt100: docs/CONSOLE.md), the colour slots (or none: NO_COLOR
 * and colourless terminals), the escape delay, the signal flag, and
 * restoring the terminal on every way out, the fatal out-of-memory path
 * included. It draws nothing.
 */
#include <langinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/sanitize.h"
#include "vigil/util.h"

/* Set by SIGHUP, SIGTERM and SIGINT; the loop acts on it. */
volatile sig_atomic_t	tui_signalled;

static void
ui_on_signal(int sig)
{
	tui_signalled = sig;
}

/* util_fatal() calls this before exiting: give the terminal back. */
static void
ui_fatal_hook(void)
{
	if (!isendwin())
		endwin();
}

void
ui_signals(bool install)
{
	struct sigaction	 sa;
	static const int	 sigs[] = { SIGHUP, SIGTERM, SIGINT };
	size_t			 i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = install ? ui_on_signal : SIG_DFL;
	/* no SA_RESTART: a signal ends the wait for a key at once */
	for (i = 0; i < nitems(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

static bool
ui_no_color(void)
{
	const char	*s = getenv("NO_COLOR");

	return s != NULL && *s != '\0';
}

/*
 * Map the semantic slots onto what the terminal can show. The states are
 * the terminal's own eight colours on every terminal: the user's theme
 * keeps those readable on its background, which a fixed entry of the
 * 256-colour cube cannot promise, and each costs 5 bytes to select
 * ("ESC [ 3 1 m") where a cube entry costs 11 (docs/CONSOLE.md rules 9
 * and 12). Only muted needs more than eight: a mid grey on 256 colours
 * (the theme's "bright black" is the background colour in some themes),
 * dim below that.
 */
static void
ui_colors(struct tui *t)
{
	static const struct {
		enum slot	slot;
		short		fg8;
		short		fg256;
		short		bg;
	} pairs[] = {
		{ SLOT_SEV1, COLOR_RED, COLOR_RED, -1 },
		{ SLOT_WARN, COLOR_YELLOW, COLOR_YELLOW, -1 },
		{ SLOT_OVERDUE, COLOR_RED, COLOR_RED, -1 },
		{ SLOT_OK, COLOR_GREEN, COLOR_GREEN, -1 },
		{ SLOT_MUTED, -1, 244, -1 },
		{ SLOT_TITLE, COLOR_CYAN, COLOR_CYAN, -1 },
		{ SLOT_ERROR, COLOR_RED, COLOR_RED, -1 },
	};
	size_t	i;
	short	n = 1, fg;

	/* monochrome first: every state readable without colour */
	t->attr[SLOT_NORMAL] = A_NORMAL;
	t->attr[SLOT_SEV1] = A_BOLD;
	t->attr[SLOT_WARN] = A_BOLD;
	t->attr[SLOT_OVERDUE] = A_REVERSE | A_BOLD;
	t->attr[SLOT_OK] = A_NORMAL;
	t->attr[SLOT_MUTED] = A_DIM;
	t->attr[SLOT_SELECTED] = A_REVERSE;
	t->attr[SLOT_TITLE] = A_BOLD;
	t->attr[SLOT_ERROR] = A_BOLD;
	t->color = false;
	if (ui_no_color() || !has_colors() || start_color() != OK)
		return;
	t->color = true;
	use_default_colors();
	for (i = 0; i < nitems(pairs); i++) {
		fg = COLORS >= 256 ? pairs[i].fg256 : pairs[i].fg8;
		if (fg < 0 && COLORS < 256)
			continue;	/* muted stays dim on 8 colours */
		if (init_pair(n, fg, pairs[i].bg) != OK)
			continue;
		t->pair[pairs[i].slot] = n;
		t->attr[pairs[i].slot] = (t->attr[pairs[i].slot] &
		    ~(attr_t)A_DIM) | (attr_t)COLOR_PAIR(n);
		n++;
	}
}

int
ui_start(struct tui *t, const char *term, FILE *out, FILE *in,
    struct verr *e)
{
	static const char	*fallback[] = { "xterm", "vt100" };
	const char		*cs = nl_langinfo(CODESET), *env;
	size_t			 i;

	t->utf8 = cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
	t->san = t->utf8 ? 0 : SAN_ASCII;
	t->out = out;
	t->in = in;
	t->screen = newterm(term, out, in);
	env = term != NULL ? term : getenv("TERM");
	for (i = 0; t->screen == NULL && i < nitems(fallback); i++) {
		if ((t->screen = newterm(fallback[i], out, in)) != NULL)
			snprintf(t->msg, sizeof t->msg, "unknown terminal type "
			    "'%.64s': using %s", env != NULL ? env : "",
			    fallback[i]);
	}
	if (t->screen == NULL)
		return verr_set(e, VERR_USAGE, "cannot start the console on "
		    "terminal type '%.64s'", env != NULL ? env : "");
	set_term(t->screen);
	util_set_fatal_hook(ui_fatal_hook);
	raw();			/* Ctrl-S, Ctrl-Q, Ctrl-C arrive as keys */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/*
	 * Home and End as tmux, screen and rxvt send them whatever TERM
	 * says: without these, ESC [ 1 ~ arrives as Esc (cancel) and text.
	 */
	define_key("\033[1~", KEY_HOME);
	define_key("\033[4~", KEY_END);
	define_key("\033[7~", KEY_HOME);
	define_key("\033[8~", KEY_END);
	define_key("\033[H", KEY_HOME);
	define_key("\033[F", KEY_END);
	meta(stdscr, TRUE);
	leaveok(stdscr, FALSE);
	/*
	 * Let curses scroll lines with the terminal's own insert/delete
	 * line or scroll region when the queue window moves by a row,
	 * instead of rewriting every row of it (docs/CONSOLE.md rule 12).
	 */
	idlok(stdscr, TRUE);
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	curs_set(0);
	ui_colors(t);
	getmaxyx(stdscr, t->rows, t->cols);
	return 0;
}

void
ui_stop(struct tui *t)
{
	if (t->screen == NULL)
		return;
	set_term(t->screen);
	curs_set(1);
	endwin();
	delscreen(t->screen);
	t->screen = NULL;
	util_set_fatal_hook(NULL);
}
