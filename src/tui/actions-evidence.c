/*
 * actions-evidence.c: the console's evidence actions (action table):
 * I registers a file (its path, then a description), t transfers the
 * item selected in the evidence pane (to whom, then why), H checks it;
 * and their ':evidence' form. The hashing itself runs a slice at a time
 * from the loop (pane-evidence.c); these only ask and start it.
 */
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/ops-evidence.h"
#include "vigil/util.h"

/* Is the evidence act `a` permitted on the selected incident? */
static bool
evidence_allowed(struct tui *t, enum action a)
{
	if (t->d.may[a])
		return true;
	action_message(t, true, "Not permitted: to %s on %s is for %s.",
	    action_desc(a), t->f.key, role_rule_text(a));
	return false;
}

static int
evidence_add_describe(struct tui *t, const char *text, int choice)
{
	int	bits;

	(void)choice;
	if (text == NULL || *text == '\0')
		return action_cancelled(t);
	bits = pane_evidence_add(t, t->f.s1, text);
	action_flow_clear(&t->f);
	return bits;
}

static int
evidence_add_path(struct tui *t, const char *path, int choice)
{
	(void)choice;
	if (path == NULL || *path == '\0')
		return action_cancelled(t);
	t->f.s1 = xstrdup(path);
	prompt_text(t, "Describe the evidence (what, from where): ", "",
	    evidence_add_describe);
	return RD_PAINT;
}

static int
evidence_transfer_reason(struct tui *t, const char *reason, int choice)
{
	int	bits;

	(void)choice;
	if (reason == NULL || *reason == '\0')
		return action_cancelled(t);
	bits = pane_evidence_transfer(t, t->f.s1, t->f.s2, reason);
	action_flow_clear(&t->f);
	return bits;
}

static int
evidence_transfer_to(struct tui *t, const char *to, int choice)
{
	char	label[128];

	(void)choice;
	if (to == NULL || *to == '\0')
		return action_cancelled(t);
	t->f.s2 = xstrdup(to);
	snprintf(label, sizeof label, "Why is %s handed over? ", t->f.s1);
	prompt_text(t, label, "", evidence_transfer_reason);
	return RD_PAINT;
}

/* The item selected in the evidence pane, its id into f.s1. */
static const struct evidence_item *
evidence_selected(struct tui *t)
{
	const struct evidence_item	*it = pane_evidence_at(t);
	char				 id[CUSTODY_ID_MAX];

	if (it == NULL) {
		action_message(t, true, "No evidence selected (Tab to the "
		    "evidence pane of the incident view).");
		return NULL;
	}
	custody_id(it->num, id);
	t->f.s1 = xstrdup(id);
	return it;
}

int
evidence_start(struct tui *t, enum tui_action a)
{
	char	label[128];

	action_flow_clear(&t->f);
	t->f.act = a;
	if (action_read_only(t, a) || action_key(t) == NULL)
		return RD_PAINT;
	switch (a) {
	case ACT_EV_ADD:
		if (!evidence_allowed(t, ACTION_EVIDENCE_ADD))
			return RD_PAINT;
		prompt_text(t, "Evidence file to register (path): ", "",
		    evidence_add_path);
		return RD_PAINT;
	case ACT_EV_TRANSFER:
		if (!evidence_allowed(t, ACTION_EVIDENCE_TRANSFER) ||
		    evidence_selected(t) == NULL)
			return RD_PAINT;
		snprintf(label, sizeof label, "Transfer %s to (a login, or an "
		    "external party): ", t->f.s1);
		prompt_text(t, label, "", evidence_transfer_to);
		return RD_PAINT;
	case ACT_EV_CHECK: {
		int	bits;

		if (!evidence_allowed(t, ACTION_EVIDENCE_CHECK) ||
		    evidence_selected(t) == NULL)
			return RD_PAINT;
		bits = pane_evidence_check(t, t->f.s1, NULL);
		action_flow_clear(&t->f);
		return bits;
	}
	default:
		return RD_NONE;
	}
}

/* Split off the next word of *p. */
static char *
evidence_word(char **p)
{
	char	*s = *p, *w;

	while (*s == ' ')
		s++;
	if (*s == '\0') {
		*p = s;
		return NULL;
	}
	w = s;
	while (*s != '\0' && *s != ' ')
		s++;
	if (*s != '\0')
		*s++ = '\0';
	while (*s == ' ')
		s++;
	*p = s;
	return w;
}

/*
 * :evidence add PATH DESCRIPTION, :evidence transfer EID WHO -- REASON
 * (or EID LOGIN REASON), :evidence check EID [PATH], :evidence cancel.
 */
int
evidence_command(struct tui *t, const char *verb, char *p)
{
	char	*sub, *a1, *a2, *sep;

	(void)verb;
	if ((sub = evidence_word(&p)) == NULL)
		goto usage;
	if (strcmp(sub, "cancel") == 0)
		return pane_evidence_cancel(t);
	if (action_key(t) == NULL)
		return RD_PAINT;
	if (strcmp(sub, "add") == 0) {
		if ((a1 = evidence_word(&p)) == NULL || *p == '\0')
			goto usage;
		return pane_evidence_add(t, a1, p);
	}
	if (strcmp(sub, "check") == 0) {
		if ((a1 = evidence_word(&p)) == NULL)
			goto usage;
		return pane_evidence_check(t, a1, *p != '\0' ? p : NULL);
	}
	if (strcmp(sub, "transfer") == 0) {
		if ((a1 = evidence_word(&p)) == NULL || *p == '\0')
			goto usage;
		if ((sep = strstr(p, " -- ")) != NULL) {
			*sep = '\0';
			return pane_evidence_transfer(t, a1, p, sep + 4);
		}
		if ((a2 = evidence_word(&p)) == NULL || *p == '\0')
			goto usage;
		return pane_evidence_transfer(t, a1, a2, p);
	}
usage:
	action_message(t, true, "Usage: :evidence add PATH DESCRIPTION | "
	    "transfer EID WHO -- REASON | check EID [PATH] | cancel");
	return RD_PAINT;
}
