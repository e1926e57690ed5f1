/*
 * keymap.c: the one table of keys. Each action is bound once, with its
 * letter alias, the panes where it works, whether it writes (hidden in
 * --read-only) and its help text; the help screen (?) and the hint line
 * are generated from this table, so they cannot drift from what the keys
 * do. Ctrl-S and Ctrl-Q are never bound (flow control freezes terminals).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/util.h"

#define CTRL(c) ((c) & 0x1f)

#define P_Q PANE_BIT(PANE_QUEUE)
#define P_R PANE_BIT(PANE_ROLES)
#define P_D PANE_BIT(PANE_DEADLINE)
#define P_T PANE_BIT(PANE_TIMELINE)
#define P_L PANE_BIT(PANE_LADDER)
#define P_H PANE_BIT(PANE_HELP)
#define P_RC PANE_BIT(PANE_RECIPIENTS)
#define P_RV PANE_BIT(PANE_REVIEW)
#define P_INC (P_Q | P_R | P_D | P_T | P_L | P_RC)
#define P_ALL (P_INC | P_RV | P_H)

/*
 * X(action, key, key is KEY_*, alias, alias is KEY_*, hint name, panes,
 *   writes, help)
 */
#define KEYMAP(X)							\
	X(ACT_UP, KEY_UP, 1, 'k', 0, "move", P_ALL, 0,			\
	    "move up (queue: previous incident; roles: previous role)")	\
	X(ACT_DOWN, KEY_DOWN, 1, 'j', 0, "move", P_ALL, 0,		\
	    "move down")						\
	X(ACT_PGUP, KEY_PPAGE, 1, CTRL('b'), 0, "page", P_ALL, 0,	\
	    "one page up")						\
	X(ACT_PGDN, KEY_NPAGE, 1, CTRL('f'), 0, "page", P_ALL, 0,	\
	    "one page down")						\
	X(ACT_HOME, KEY_HOME, 1, 'g', 0, "first", P_ALL, 0,		\
	    "go to the first line")					\
	X(ACT_END, KEY_END, 1, 'G', 0, "last", P_ALL, 0,		\
	    "go to the last line")					\
	X(ACT_OPEN, KEY_ENTER, 1, 'o', 0, "open", P_Q | P_R | P_RV, 0,	\
	    "open an incident or a review; roles pane: assign the role") \
	X(ACT_TAB, '\t', 0, KEY_RIGHT, 1, "pane", P_INC, 0,		\
	    "next pane")						\
	X(ACT_BTAB, KEY_BTAB, 1, KEY_LEFT, 1, "pane", P_INC, 0,		\
	    "previous pane")						\
	X(ACT_FILTER, '/', 0, 0, 0, "filter", P_INC, 0,			\
	    "filter the queue by title or key as you type (Esc clears)")	\
	X(ACT_COMMAND, ':', 0, 0, 0, "cmd", P_INC | P_RV, 0,		\
	    "run a command: assign ROLE LOGIN, release ROLE, stage STAGE, " \
	    "note TEXT, milestone NAME [TIME], declare, retract REASON, " \
	    "close RESOLUTION, new TITLE, recipient add NAME, sent RID, " \
	    "waive RID REASON, review, repair add OWNER TEXT, filter TEXT, " \
	    "q")							\
	X(ACT_NEW, 'n', 0, 0, 0, "new", P_INC, 1,			\
	    "new incident (title, then severity)")			\
	X(ACT_ASSIGN, 'a', 0, 0, 0, "assign", P_INC, 1,			\
	    "assign a role: the role, a qualified person, a hand-off note") \
	X(ACT_RELEASE, 'r', 0, 0, 0, "release", P_INC, 1,		\
	    "release a role (with a note)")				\
	X(ACT_STAGE, 's', 0, 0, 0, "stage", P_INC, 1,			\
	    "change the stage (back or skipping needs a reason)")	\
	X(ACT_NOTE, 'N', 0, 0, 0, "note", P_INC, 1,			\
	    "add a note to the timeline")				\
	X(ACT_MILESTONE, 'm', 0, 0, 0, "milestone", P_INC, 1,		\
	    "record a milestone (time: now, or ISO 8601 with Z or offset)") \
	X(ACT_DECLARE, 'D', 0, 0, 0, "declare", P_INC, 1,		\
	    "declare a customer data breach (the incident's EIM only; "	\
	    "starts the 72-hour clock)")				\
	X(ACT_RETRACT, 'R', 0, 0, 0, "retract", P_INC, 1,		\
	    "retract the breach declaration, with a reason (EIM only)")	\
	X(ACT_CLOSE, 'C', 0, 0, 0, "close", P_INC, 1,			\
	    "close the incident (resolution and a note)")		\
	X(ACT_RCP_ADD, 'A', 0, 0, 0, "add recipient", P_INC, 1,		\
	    "add a notification recipient (name, kind, channel, contact)") \
	X(ACT_RCP_DRAFTED, 'd', 0, 0, 0, "drafted", P_INC, 1,		\
	    "mark the selected recipient drafted (sim, comms, support)")	\
	X(ACT_RCP_SENT, 'S', 0, 0, 0, "sent", P_INC, 1,			\
	    "mark the selected recipient sent; the last one records "	\
	    "customers_notified")					\
	X(ACT_RCP_ACKED, 'K', 0, 0, 0, "acked", P_INC, 1,		\
	    "mark the selected recipient acknowledged")			\
	X(ACT_RCP_WAIVE, 'W', 0, 0, 0, "waive", P_INC, 1,		\
	    "waive the selected recipient, with a reason (EIM only)")	\
	X(ACT_BULLETIN, 'E', 0, 0, 0, "bulletin", P_INC, 1,		\
	    "edit the customer bulletin in $VISUAL or $EDITOR; a changed " \
	    "file is saved as a new version")				\
	X(ACT_REVIEW, KEY_F(2), 1, 'v', 0, "review", P_INC, 0,		\
	    "the review: closed incidents, newest first")		\
	X(ACT_ROOT_CAUSE, 'c', 0, 0, 0, "root cause", P_RV, 1,		\
	    "review: edit the root cause")				\
	X(ACT_LESSONS, 'l', 0, 0, 0, "lessons", P_RV, 1,		\
	    "review: edit the lessons learned")				\
	X(ACT_REPAIR_ADD, 'f', 0, 0, 0, "add repair", P_RV, 1,		\
	    "review: add a repair item (text, owner, due date)")	\
	X(ACT_REPAIR_DONE, 'x', 0, 0, 0, "repair done", P_RV, 1,	\
	    "review: mark a repair item done")				\
	X(ACT_HELP, '?', 0, KEY_F(1), 1, "help", P_ALL, 0,		\
	    "help for the focused pane (Esc or q closes it)")		\
	X(ACT_REPAINT, CTRL('l'), 0, 0, 0, "repaint", P_ALL, 0,		\
	    "repaint the whole screen")					\
	X(ACT_BACK, 27, 0, 0, 0, "back", P_ALL, 0,			\
	    "back one level: cancel, clear the filter, close the view; "	\
	    "never quits")						\
	X(ACT_QUIT, 'q', 0, CTRL('c'), 0, "quit", P_ALL, 0,		\
	    "close the view; in the queue, quit")

static const struct keydef keymap[] = {
#define X(a, k, kc, al, alc, nm, p, w, h)				\
	{ a, k, kc, al, alc, nm, p, w, h },
	KEYMAP(X)
#undef X
};

const struct keydef *
keymap_table(size_t *n)
{
	*n = nitems(keymap);
	return keymap;
}

const struct keydef *
keymap_find(enum tui_action a)
{
	size_t	i;

	for (i = 0; i < nitems(keymap); i++)
		if (keymap[i].act == a)
			return &keymap[i];
	return NULL;
}

enum tui_action
keymap_lookup(const struct tui *t, int key, bool keycode)
{
	size_t	i;

	(void)t;
	if (!keycode && (key == '\r' || key == '\n')) {
		key = KEY_ENTER;
		keycode = true;
	}
	for (i = 0; i < nitems(keymap); i++) {
		if (keymap[i].key == key && keymap[i].keycode == keycode)
			return keymap[i].act;
		if (keymap[i].alias != 0 && keymap[i].alias == key &&
		    keymap[i].alias_keycode == keycode)
			return keymap[i].act;
	}
	return ACT_NONE;
}

void
keymap_key_name(int key, bool keycode, char *out, size_t len)
{
	static const struct {
		int		 key;
		const char	*name;
	} names[] = {
		{ KEY_UP, "Up" }, { KEY_DOWN, "Down" }, { KEY_LEFT, "Left" },
		{ KEY_RIGHT, "Right" }, { KEY_PPAGE, "PgUp" },
		{ KEY_NPAGE, "PgDn" }, { KEY_HOME, "Home" }, { KEY_END, "End" },
		{ KEY_ENTER, "Enter" }, { KEY_BTAB, "S-Tab" },
		{ KEY_F(1), "F1" }, { KEY_F(2), "F2" },
	};
	size_t	i;

	if (keycode) {
		for (i = 0; i < nitems(names); i++)
			if (names[i].key == key) {
				snprintf(out, len, "%s", names[i].name);
				return;
			}
		snprintf(out, len, "key%d", key);
	} else if (key == 27)
		snprintf(out, len, "Esc");
	else if (key == '\t')
		snprintf(out, len, "Tab");
	else if (key == ' ')
		snprintf(out, len, "Space");
	else if (key > 0 && key < 0x20)
		snprintf(out, len, "C-%c", key + 'a' - 1);
	else if (key > 0 && key < 0x7f)
		snprintf(out, len, "%c", key);
	else
		snprintf(out, len, "?");
}

/* May this action be offered here and now? */
static bool
keymap_offered(const struct tui *t, const struct keydef *k)
{
	if (!k->writes)
		return true;
	if (t->ctx->read_only)
		return false;
	if (k->act == ACT_DECLARE)
		return t->d.has && t->d.may_declare && !t->d.inc.declared;
	if (k->act == ACT_RETRACT)
		return t->d.has && t->d.may_declare && t->d.inc.declared;
	if (k->act == ACT_RCP_WAIVE)
		return t->d.has && t->d.may[ACTION_WAIVE];
	if (k->act == ACT_RCP_ADD || k->act == ACT_RCP_DRAFTED ||
	    k->act == ACT_RCP_SENT || k->act == ACT_RCP_ACKED ||
	    k->act == ACT_BULLETIN)
		return t->d.has && t->d.may[ACTION_RECIPIENT];
	return true;
}

/*
 * The hint line: the keys that work in the focused pane, most useful
 * first, as many as fit in `width` cells; "q quit" (or "q back") always
 * ends it.
 */
void
keymap_hints(const struct tui *t, struct buf *b, int width)
{
	static const enum tui_action queue[] = {
		ACT_OPEN, ACT_ASSIGN, ACT_STAGE, ACT_NOTE, ACT_DECLARE,
		ACT_RETRACT, ACT_FILTER, ACT_COMMAND, ACT_NEW, ACT_MILESTONE,
		ACT_RELEASE, ACT_CLOSE, ACT_TAB, ACT_HELP, ACT_REVIEW,
	};
	static const enum tui_action roles[] = {
		ACT_OPEN, ACT_RELEASE, ACT_TAB, ACT_COMMAND, ACT_HELP,
	};
	static const enum tui_action other[] = {
		ACT_TAB, ACT_NOTE, ACT_MILESTONE, ACT_DECLARE, ACT_RETRACT,
		ACT_ASSIGN, ACT_STAGE, ACT_COMMAND, ACT_HELP,
	};
	static const enum tui_action recipients[] = {
		ACT_RCP_SENT, ACT_RCP_DRAFTED, ACT_RCP_ACKED, ACT_RCP_WAIVE,
		ACT_RCP_ADD, ACT_BULLETIN, ACT_TAB, ACT_HELP,
	};
	static const enum tui_action review[] = {
		ACT_ROOT_CAUSE, ACT_LESSONS, ACT_REPAIR_ADD, ACT_REPAIR_DONE,
		ACT_COMMAND, ACT_HELP,
	};
	static const enum tui_action review_list[] = {
		ACT_OPEN, ACT_COMMAND, ACT_HELP,
	};
	static const enum tui_action help[] = { ACT_BACK };
	const enum tui_action	*v;
	const struct keydef	*k;
	char			 name[16], item[48];
	const char		*quit = t->depth > 1 ? "  q back" : "  q quit";
	size_t			 n, i;
	int			 used;

	switch (t->focus) {
	case PANE_QUEUE:	v = queue; n = nitems(queue); break;
	case PANE_ROLES:	v = roles; n = nitems(roles); break;
	case PANE_HELP:		v = help; n = nitems(help); break;
	case PANE_RECIPIENTS:	v = recipients; n = nitems(recipients); break;
	case PANE_REVIEW:
		if (view_top(t) == &view_review) {
			v = review_list;
			n = nitems(review_list);
		} else {
			v = review;
			n = nitems(review);
		}
		break;
	default:		v = other; n = nitems(other); break;
	}
	buf_puts(b, t->utf8 ? "\xe2\x86\x91\xe2\x86\x93/jk move" :
	    "Up/Dn/jk move");
	used = 10 + (t->utf8 ? 0 : 3) + (int)strlen(quit);
	for (i = 0; i < n; i++) {
		if ((k = keymap_find(v[i])) == NULL || !keymap_offered(t, k))
			continue;
		keymap_key_name(k->key, k->keycode, name, sizeof name);
		if (k->act == ACT_OPEN && t->focus == PANE_ROLES)
			snprintf(item, sizeof item, "  Enter assign");
		else
			snprintf(item, sizeof item, "  %s %s", name,
			    k->act == ACT_OPEN ? "open" : k->name);
		if (used + (int)strlen(item) > width)
			continue;
		used += (int)strlen(item);
		buf_puts(b, item);
	}
	buf_puts(b, quit);
}

char **
keymap_help(const struct tui *t, enum pane p, size_t *n)
{
	char	**v = xcalloc(nitems(keymap) + 1, sizeof *v);
	char	  key[16], alias[16];
	size_t	  i;

	*n = 0;
	for (i = 0; i < nitems(keymap); i++) {
		if (!(keymap[i].panes & PANE_BIT(p)) ||
		    (keymap[i].writes && t->ctx->read_only))
			continue;
		keymap_key_name(keymap[i].key, keymap[i].keycode, key,
		    sizeof key);
		alias[0] = '\0';
		if (keymap[i].alias != 0)
			keymap_key_name(keymap[i].alias,
			    keymap[i].alias_keycode, alias, sizeof alias);
		xasprintf(&v[(*n)++], "  %-6s %-6s %s", key, alias,
		    keymap[i].help);
	}
	return v;
}
