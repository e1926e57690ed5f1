/*
 * view-help.c: the help screen (?), generated from the live keymap
 * (keymap.c) for the pane that had the focus, followed by the commands
 * of the ':' prompt. Nothing here names a key by hand.
 */
#include <stdlib.h>

#include "tui-private.h"
#include "vigil/util.h"

static const char *const commands[] = {
	"Commands (type : then the command, Enter runs it):",
	"  :assign ROLE LOGIN [NOTE]   :release ROLE [NOTE]",
	"  :stage STAGE [REASON]       :note TEXT",
	"  :milestone NAME [TIME]      :declare [REASON]   :retract REASON",
	"  :close RESOLUTION [NOTE]    :new [sev1..sev4] TITLE",
	"  :recipient add NAME         :drafted|sent|ack RID",
	"  :waive RID REASON           :bulletin           :review",
	"  :rootcause TEXT             :lessons TEXT       (in a review)",
	"  :repair add OWNER [YYYY-MM-DD] TEXT             :repair done ID",
	"  :filter TEXT                :help               :q",
	"ROLE: triage sim forensics service eim comms support",
	"STAGE: detect assess diagnose stabilize",
	"RESOLUTION: confirmed false-positive benign duplicate",
	"TIME: now, or ISO 8601 with Z or an offset (2026-11-22T08:50Z)",
};

static const char *
help_pane_name(enum pane p)
{
	switch (p) {
	case PANE_QUEUE:	return "queue";
	case PANE_ROLES:	return "roles";
	case PANE_DEADLINE:	return "deadline";
	case PANE_TIMELINE:	return "timeline";
	case PANE_LADDER:	return "ladder";
	case PANE_EVIDENCE:	return "evidence";
	default:		return "help";
	}
}

/* All the lines of the help text; owned array of owned strings. */
static char **
help_lines(struct tui *t, size_t *n)
{
	char	**keys, **v;
	size_t	  nk, i, k = 0;

	keys = keymap_help(t, t->help_pane, &nk);
	v = xcalloc(nk + nitems(commands) + 4, sizeof *v);
	xasprintf(&v[k++], "Keys in the %s pane%s:",
	    help_pane_name(t->help_pane), t->ctx->read_only ?
	    " (read-only: no write actions)" : "");
	for (i = 0; i < nk; i++)
		v[k++] = keys[i];
	free(keys);
	v[k++] = xstrdup("");
	for (i = 0; i < nitems(commands); i++)
		v[k++] = xstrdup(commands[i]);
	*n = k;
	return v;
}

static void
help_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
help_paint(struct tui *t)
{
	const struct rect	*r = &t->lay.body;
	char			**v;
	size_t			  n, i;
	int			  row;

	panes_header(t, "help  (Esc or q closes)");
	v = help_lines(t, &n);
	draw_box(t, r, "Help", true);
	for (row = 0, i = (size_t)t->help_top; i < n && row < r->h - 2;
	    i++, row++)
		draw_text(t, r->y + 1 + row, r->x + 1, r->w - 2, v[i],
		    row == 0 && i == 0 ? A_BOLD : A_NORMAL, 0);
	help_free(v, n);
	t->cursor_y = r->y + 1;
	t->cursor_x = r->x + 1;
}

static void
help_tick(struct tui *t)
{
	panes_header_clock(t);
}

static int
help_key(struct tui *t, enum tui_action a, int key)
{
	char	**v;
	size_t	  n;
	int	  h = t->lay.body.h - 2, top = t->help_top;

	(void)key;
	v = help_lines(t, &n);
	help_free(v, n);
	switch (a) {
	case ACT_BACK:
	case ACT_QUIT:
	case ACT_HELP:
		view_pop(t);
		return RD_LAYOUT | RD_PAINT;
	case ACT_UP:	top--; break;
	case ACT_DOWN:	top++; break;
	case ACT_PGUP:	top -= h; break;
	case ACT_PGDN:	top += h; break;
	case ACT_HOME:	top = 0; break;
	case ACT_END:	top = (int)n; break;
	default:	return RD_NONE;
	}
	if (top > (int)n - h)
		top = (int)n - h;
	t->help_top = top < 0 ? 0 : top;
	return RD_PAINT;
}

const struct view_ops view_help = {
	"help", LAYOUT_HELP, PANE_BIT(PANE_HELP),
	help_paint, help_tick, help_key,
};
