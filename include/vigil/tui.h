/*
 * tui.h: the full-screen console. The only public entry point of src/tui;
 * nothing outside src/tui includes <curses.h>.
 */
#ifndef VIGIL_TUI_H
#define VIGIL_TUI_H

#include <stdbool.h>

#include "vigil/ops.h"

struct tui_options {
	bool		 first_run;	/* the database was just created */
	const char	*select_key;	/* open on this incident, or NULL */
	const char	*notice;	/* first message line, or NULL */
	bool		 digest;	/* open with "since you last looked"
					   and record this look */
};

/*
 * Run the console on an open context until the user quits or a SIGHUP or
 * SIGTERM arrives. The terminal is restored on every exit path. Returns a
 * sysexits(3) code (0 on a normal quit) and fills e on failure (for
 * example, stdin or stdout is not a terminal).
 */
int	tui_run(struct vigil_ctx *, const struct tui_options *, struct verr *);

/*
 * The first-run screen for a database that does not exist at path (found
 * as `source` says: "from --db", "the default", ...). Creates nothing.
 * Returns 1 when the user asks to create it, 0 to quit, -1 (e set) when
 * the terminal cannot be used.
 */
int	tui_first_run(const char *path, const char *source, struct verr *);

#endif
