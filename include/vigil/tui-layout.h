/*
 * tui-layout.h: where the console's panes go, as pure arithmetic on the
 * terminal size. No curses here: every function is a calculation on plain
 * integers, so the layout is unit-tested without a terminal (tests/unit/
 * test_layout.c). The console (src/tui) draws into the rectangles.
 */
#ifndef VIGIL_TUI_LAYOUT_H
#define VIGIL_TUI_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_MIN_COLS 80
#define LAYOUT_MIN_ROWS 24
/* From this width the main view adds queue columns and a timeline pane. */
#define LAYOUT_WIDE_COLS 120
/* From this height the role panel shows all seven roles. */
#define LAYOUT_TALL_ROWS 30

/* A rectangle of cells; h or w of 0 means "not shown". */
struct rect {
	int	y;
	int	x;
	int	h;
	int	w;
};

enum layout_view {
	LAYOUT_MAIN,		/* the queue over the selected incident */
	LAYOUT_INCIDENT,	/* one incident full screen */
	LAYOUT_HELP,		/* the help text */
	LAYOUT_REVIEW,		/* closed incidents, or one review */
};

struct layout {
	bool		 too_small;	/* below 80x24: nothing but a message */
	int		 cols;
	int		 rows;
	struct rect	 header;	/* one line, top */
	struct rect	 queue;		/* boxed (LAYOUT_MAIN only) */
	int		 queue_rows;	/* incident rows in the queue (or the
					   review list: body less 3 lines) */
	struct rect	 roles;		/* boxed */
	bool		 all_roles;	/* seven roles fit, not only five */
	struct rect	 deadline;	/* boxed: the clocks */
	struct rect	 ladder;	/* boxed (LAYOUT_INCIDENT) */
	struct rect	 recipients;	/* boxed (LAYOUT_INCIDENT) */
	struct rect	 evidence;	/* boxed (LAYOUT_INCIDENT) */
	struct rect	 tasks;		/* boxed (layout_with_tasks) */
	struct rect	 timeline;	/* boxed pane, or ... */
	bool		 timeline_pane;	/* ... false: unboxed strip */
	struct rect	 body;		/* LAYOUT_HELP, LAYOUT_REVIEW: text */
	struct rect	 message;	/* one line: messages and prompts */
	struct rect	 status;	/* one line */
	struct rect	 hints;		/* one line, bottom */
	bool		 wide;		/* extra queue columns */
};

/*
 * Compute the rectangles of `view` on a terminal of cols x rows. Always
 * fills *out; below LAYOUT_MIN_COLS x LAYOUT_MIN_ROWS only too_small,
 * cols and rows are meaningful. Rectangles never overlap and never leave
 * the screen.
 */
void	layout_compute(enum layout_view view, int cols, int rows,
	    struct layout *out);

/*
 * Make room for the tasks pane in a LAYOUT_INCIDENT layout (the incident
 * has tasks): on a wide terminal it takes the upper part of the timeline;
 * at 80 columns it takes the ladder's place (the ladder then has no
 * rectangle). Leaves other layouts alone. Rectangles still never overlap.
 */
void	layout_with_tasks(struct layout *);

/* The columns of a queue row, as x offsets and widths inside the box. */
struct queue_cols {
	int	marker_x;		/* "> " */
	int	key_x, key_w;
	int	sev_x, sev_w;
	int	stage_x, stage_w;
	int	title_x, title_w;
	int	sim_x, sim_w;
	int	eim_x, eim_w;		/* 0 wide unless wide */
	int	updated_x, updated_w;	/* 0 wide unless wide */
	int	deadline_x, deadline_w;
};

/*
 * Columns for a queue box whose inside is `width` cells, keys at most
 * key_w cells long. The title takes what is left (at least 8 cells when
 * width allows). Every column ends at or before width.
 */
void	layout_queue_cols(int width, int key_w, bool wide,
	    struct queue_cols *out);

/*
 * The first row to show so that row `sel` of `n` is visible in a window of
 * `height` rows that showed `top` before: scroll as little as possible.
 */
int	layout_scroll(int top, int sel, int n, int height);

#endif
