/*
 * firstrun.c: the console's first-run screen, shown when the database it
 * would open does not exist. It creates nothing: it says where vigil
 * looked and why, how to reach the team's database instead, and returns
 * whether the user asked to create a new one here. Runs before the
 * console proper (no database is open yet).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/sanitize.h"
#include "vigil/tui.h"
#include "vigil/util.h"

/* Draw one line, sanitized and cut to the screen. */
static void
firstrun_line(int y, const char *text, attr_t a)
{
	char	*s;
	int	 w;

	if (y >= LINES)
		return;
	s = sanitize_fit(text, COLS > 4 ? COLS - 4 : 1, 0, &w);
	attrset(a);
	mvaddstr(y, 2, s);
	attrset(A_NORMAL);
	free(s);
}

int
tui_first_run(const char *path, const char *source, struct verr *e)
{
	SCREEN	*scr;
	char	 line[600];
	int	 ch, answer = -1, y;

	if ((scr = newterm(NULL, stdout, stdin)) == NULL &&
	    (scr = newterm("vt100", stdout, stdin)) == NULL)
		return verr_set(e, VERR_USAGE, "cannot start the console on "
		    "this terminal");
	set_term(scr);
	raw();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	while (answer < 0) {
		erase();
		y = 1;
		firstrun_line(y++, "Welcome to vigil. There is no database yet.",
		    A_BOLD);
		y++;
		snprintf(line, sizeof line, "vigil looked for %s", path);
		firstrun_line(y++, line, A_NORMAL);
		snprintf(line, sizeof line, "(%s).", source);
		firstrun_line(y++, line, A_NORMAL);
		y++;
		firstrun_line(y++, "If your team already has a database, quit "
		    "and name it:", A_NORMAL);
		firstrun_line(y++, "  vigil --db PATH, or VIGIL_DB=PATH, or "
		    "'db = PATH' in /etc/vigil/config", A_NORMAL);
		firstrun_line(y++, "A team's database is made with "
		    "'vigil --db PATH init --group GROUP'.", A_NORMAL);
		y++;
		firstrun_line(y++, "  c   create a new database here (you "
		    "become its administrator)", A_NORMAL);
		firstrun_line(y++, "  q   quit; nothing is created", A_NORMAL);
		refresh();
		ch = getch();
		if (ch == 'c' || ch == 'C')
			answer = 1;
		else if (ch == 'q' || ch == 'Q' || ch == 27 || ch == 3 ||
		    ch == ERR)
			answer = 0;
	}
	curs_set(1);
	endwin();
	delscreen(scr);
	return answer;
}
