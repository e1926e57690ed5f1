/*
 * keymap.c: the action table (action-table.h) as data, and what is
 * generated from it: the key lookup, the ':' verb lookup, the help screen
 * (?) and the hint line, so none of them can drift from what the keys do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/util.h"

static const struct keydef keymap[] = {
#define X(a, k, kc, al, alc, nm, p, w, vb, run, cmd, h)			\
	{ a, k, kc, al, alc, nm, p, w, vb, run, cmd, h },
	TUI_ACTIONS(X)
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

const struct keydef *
keymap_verb(const char *verb)
{
	const char	*v, *bar;
	size_t		 i, len;

	for (i = 0; i < nitems(keymap); i++) {
		for (v = keymap[i].verbs; v != NULL; v = bar != NULL ?
		    bar + 1 : NULL) {
			bar = strchr(v, '|');
			len = bar != NULL ? (size_t)(bar - v) : strlen(v);
			if (strlen(verb) == len && strncmp(verb, v, len) == 0)
				return &keymap[i];
		}
	}
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
		{ KEY_F(1), "F1" }, { KEY_F(2), "F2" }, { KEY_F(3), "F3" },
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
		ACT_OPEN, ACT_NEW, ACT_ASSIGN, ACT_STAGE, ACT_NOTE,
		ACT_DECLARE, ACT_FILTER, ACT_COMMAND, ACT_RETRACT, ACT_MILESTONE,
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
	static const enum tui_action evidence[] = {
		ACT_EV_TRANSFER, ACT_EV_CHECK, ACT_EV_ADD, ACT_TAB, ACT_HELP,
	};
	static const enum tui_action review[] = {
		ACT_TRAVEL, ACT_PAST_PREV, ACT_ROOT_CAUSE, ACT_LESSONS,
		ACT_REPAIR_ADD, ACT_REPAIR_DONE, ACT_COMMAND, ACT_HELP,
	};
	static const enum tui_action review_list[] = {
		ACT_OPEN, ACT_COMMAND, ACT_HELP,
	};
	static const enum tui_action help[] = { ACT_BACK };
	static const enum tui_action inbox[] = {
		ACT_IB_ACCEPT, ACT_IB_ATTACH, ACT_IB_DISMISS, ACT_HELP,
	};
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
	case PANE_INBOX:	v = inbox; n = nitems(inbox); break;
	case PANE_RECIPIENTS:	v = recipients; n = nitems(recipients); break;
	case PANE_EVIDENCE:	v = evidence; n = nitems(evidence); break;
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
