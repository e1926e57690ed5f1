/*
 * view-help.c: the help screen (?), generated from the live keymap
 * (keymap.c) for the pane that had the focus, followed by the commands
 * of the ':' prompt. Nothing here names a key by hand.
 */
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/sanitize.h"
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
	"",
	"Deadlines: OK more than 25% of the period left; ! 25% or less "
	"(amber); !! 10% or less (red); OVERDUE +3h12m once past due; MET or "
	"MISSED by 2h once notified; HELD while a hold is in force; PENDING "
	"until the clock's trigger is recorded.",
	"The queue's order: each incident by when it began to need attention "
	"(a clock turning !, or a SEV1/SEV2 with nobody in the SIM role, from "
	"its creation), the longest waiting first; then the clock that turns "
	"! soonest; then the rest by severity.",
	"Messages: a message that does not fit ends with ... and is kept in "
	"full in :messages.",
};

/*
 * Word-wrap one line to width cells; continuation lines hang under the
 * text after a key column ("  D      declare ...") or the leading spaces.
 */
static void
help_wrap(const char *line, int width, char ***v, size_t *n, size_t *cap)
{
	char		*clean = sanitize(line, 0);
	const char	*p = clean, *brk;
	size_t		 hang = strspn(clean, " "), len;

	/* a key line ("  D      declare ..."): hang under the text */
	if (hang == 2 && strlen(clean) > 16 && clean[15] == ' ' &&
	    clean[16] != ' ')
		hang = 16;
	if (width < 20)
		width = 20;
	if ((int)hang > width / 2)
		hang = 0;
	do {
		len = strlen(p);
		if (*n + 1 >= *cap) {
			*cap = *cap * 2 + 16;
			*v = xreallocarray(*v, *cap, sizeof **v);
		}
		if ((int)len + (p == clean ? 0 : (int)hang) <= width) {
			xasprintf(&(*v)[(*n)++], "%*s%s", p == clean ? 0 :
			    (int)hang, "", p);
			break;
		}
		len = (size_t)width - (p == clean ? 0 : hang);
		for (brk = p + len; brk > p && *brk != ' '; brk--)
			;
		if (brk == p)
			brk = p + len;
		xasprintf(&(*v)[(*n)++], "%*s%.*s", p == clean ? 0 : (int)hang,
		    "", (int)(brk - p), p);
		p = brk;
		while (*p == ' ')
			p++;
	} while (*p != '\0');
	free(clean);
}

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

/*
 * All the lines of the help text (or, for :messages, the message log,
 * newest last), wrapped to the body's width: nothing is cut. Owned array
 * of owned strings.
 */
static char **
help_lines(struct tui *t, size_t *n)
{
	char	**keys, **v = NULL, *s;
	size_t	  nk, i, cap = 0;
	int	  w = t->lay.body.w - 2;

	*n = 0;
	if (t->help_entry != NULL) {
		char	*copy = xstrdup(t->help_entry), *line, *save = NULL;

		/* line by line, empty lines kept */
		for (line = copy; line != NULL; line = save) {
			if ((save = strchr(line, '\n')) != NULL)
				*save++ = '\0';
			if (*line == '\0' && save == NULL)
				break;
			help_wrap(line, w, &v, n, &cap);
		}
		free(copy);
		return v;
	}
	if (t->help_messages) {
		if (t->nmsglog == 0)
			help_wrap("No messages yet.", w, &v, n, &cap);
		for (i = 0; i < (size_t)t->nmsglog; i++)
			help_wrap(t->msglog[i], w, &v, n, &cap);
		return v;
	}
	keys = keymap_help(t, t->help_pane, &nk);
	xasprintf(&s, "Keys in the %s pane%s:",
	    help_pane_name(t->help_pane), t->ctx->read_only ?
	    " (read-only: no write actions)" : "");
	help_wrap(s, w, &v, n, &cap);
	free(s);
	for (i = 0; i < nk; i++) {
		help_wrap(keys[i], w, &v, n, &cap);
		free(keys[i]);
	}
	free(keys);
	help_wrap("", w, &v, n, &cap);
	for (i = 0; i < nitems(commands); i++)
		help_wrap(commands[i], w, &v, n, &cap);
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

	panes_header(t, t->help_entry != NULL ? "(Esc or q closes)" :
	    t->help_messages ? "messages  (Esc or q closes)" :
	    "help  (Esc or q closes)");
	v = help_lines(t, &n);
	draw_box(t, r, t->help_entry != NULL ? (t->help_title[0] != '\0' ?
	    t->help_title : "Timeline entry") : t->help_messages ?
	    "Messages" : "Help", true);
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
	case ACT_MESSAGES:
		view_pop(t);
		t->help_messages = false;
		free(t->help_entry);
		t->help_entry = NULL;
		t->help_title[0] = '\0';
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
