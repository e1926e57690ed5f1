/*
 * actions-notify.c: the console's notification actions: add a recipient,
 * mark one drafted, sent or acknowledged, waive one (the EIM, with a
 * reason), edit the bulletin in the user's editor. Like actions.c, each
 * flow is a few prompts that end in exactly one ops_* call
 * (ops-notify.h), and refusals reach the message line with the message
 * ops wrote. The incident a flow acts on is fixed by key when it starts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/timefmt.h"
#include "vigil/countdown.h"
#include "vigil/deadline.h"
#include "vigil/util.h"

/* ---- recipients ------------------------------------------------------ */

int
notify_do_add(struct tui *t, const char *name)
{
	struct recipient_new	rn;
	struct verr		e;
	char			id[RECIPIENT_ID_MAX];
	int			rc;

	memset(&rn, 0, sizeof rn);
	rn.name = name;
	rn.kind = t->f.role >= 0 ? (enum recipient_kind)t->f.role :
	    RKIND_CUSTOMER;
	rn.channel = (enum recipient_channel)t->f.stage;
	rn.contact = t->f.s2 != NULL && *t->f.s2 != '\0' ? t->f.s2 : NULL;
	rc = ops_recipient_add(t->ctx, t->f.key, &rn, id, &e);
	if (rc == 0)
		action_message(t, false, "%s: recipient %s added (%s, %s, "
		    "pending).", t->f.key, id, recipient_kind_name(rn.kind),
		    recipient_channel_name(rn.channel));
	return action_result(t, rc, &e, true);
}

/* The message after customers_notified was recorded just now. */
static void
notify_recorded(struct tui *t, const char *rid, const char *what)
{
	struct deadline	d;
	char		label[64];
	int64_t		now = ops_now(t->ctx);

	deadline_customer(t->d.inc.declared, t->d.inc.declared_at, true, now,
	    now, &d);
	countdown_label(&d, label, sizeof label);
	if (t->d.inc.declared)
		action_message(t, false, "%s: %s %s; customers_notified "
		    "recorded: customer deadline %s.", t->f.key, rid, what,
		    label);
	else
		action_message(t, false, "%s: %s %s; every recipient is "
		    "settled: customers_notified recorded.", t->f.key, rid,
		    what);
}

/* Mark rid s at `at` (now when !has_at). */
static int
notify_do_set_at(struct tui *t, const char *rid, enum recipient_state s,
    bool has_at, int64_t at)
{
	struct verr	e;
	bool		notified = false;
	int		rc;

	rc = ops_recipient_set(t->ctx, t->f.key, rid, s, has_at, at, &notified,
	    &e);
	if (rc == 0 && notified)
		notify_recorded(t, rid, recipient_state_name(s));
	else if (rc == 0)
		action_message(t, false, "%s: %s marked %s.", t->f.key, rid,
		    recipient_state_name(s));
	return action_result(t, rc, &e, true);
}

int
notify_do_set(struct tui *t, const char *rid, enum recipient_state s)
{
	return notify_do_set_at(t, rid, s, false, 0);
}

/* S: the answer to "when was it sent?" (Enter: now) confirms it. */
static int
notify_sent_time(struct tui *t, const char *when, int choice)
{
	int64_t	at = 0;
	int	off = 0, rc;
	bool	has_at;

	(void)choice;
	if (when == NULL || t->f.s1 == NULL)
		return action_cancelled(t);
	has_at = *when != '\0' && strcmp(when, "now") != 0;
	if (has_at && timefmt_parse(when, ops_now(t->ctx), &at, &off) != 0) {
		action_message(t, true, "Not a time: '%s' (use now, or ISO "
		    "8601 with Z or an offset: 2026-11-22T14:00Z); nothing "
		    "changed.", when);
		action_flow_clear(&t->f);
		return RD_PAINT;
	}
	rc = notify_do_set_at(t, t->f.s1, RSTATE_SENT, has_at, at);
	action_flow_clear(&t->f);
	return rc;
}

int
notify_do_waive(struct tui *t, const char *rid, const char *reason)
{
	struct verr	e;
	bool		notified = false;
	int		rc;

	rc = ops_recipient_waive(t->ctx, t->f.key, rid, reason, &notified,
	    &e);
	if (rc == 0 && notified)
		notify_recorded(t, rid, "waived");
	else if (rc == 0)
		action_message(t, false, "%s: %s waived.", t->f.key, rid);
	return action_result(t, rc, &e, true);
}

static int
add_contact(struct tui *t, const char *contact, int choice)
{
	int	rc;

	(void)choice;
	if (contact == NULL)
		return action_cancelled(t);
	t->f.s2 = xstrdup(contact);
	rc = notify_do_add(t, t->f.s1);
	action_flow_clear(&t->f);
	return rc;
}

static int
add_channel(struct tui *t, const char *v, int choice)
{
	(void)v;
	if (v == NULL || choice < 0)
		return action_cancelled(t);
	t->f.stage = choice;
	prompt_text(t, "Contact (address, number; Enter to skip): ", "",
	    add_contact);
	return RD_PAINT;
}

static int
add_kind(struct tui *t, const char *v, int choice)
{
	char	**items;
	int	  i;

	if (v == NULL || choice < 0)
		return action_cancelled(t);
	t->f.role = choice;
	items = action_strv(RCHAN__COUNT);
	for (i = 0; i < RCHAN__COUNT; i++)
		items[i] = xstrdup(recipient_channel_name(
		    (enum recipient_channel)i));
	prompt_choice(t, "Through which channel?", items, NULL, RCHAN__COUNT,
	    add_channel);
	return RD_PAINT;
}

static int
add_name(struct tui *t, const char *name, int choice)
{
	char	**items;
	int	  i;

	(void)choice;
	if (name == NULL || *name == '\0')
		return action_cancelled(t);
	t->f.s1 = xstrdup(name);
	items = action_strv(RKIND__COUNT);
	for (i = 0; i < RKIND__COUNT; i++)
		items[i] = xstrdup(recipient_kind_name((enum recipient_kind)i));
	prompt_choice(t, "What kind of recipient?", items, NULL, RKIND__COUNT,
	    add_kind);
	return RD_PAINT;
}

static int
waive_reason(struct tui *t, const char *reason, int choice)
{
	int	rc;

	(void)choice;
	if (reason == NULL)
		return action_cancelled(t);
	if (*reason == '\0') {
		action_message(t, true, "A waiver needs a reason.");
		prompt_text(t, "Why is no notification needed? ", "",
		    waive_reason);
		return RD_PAINT;
	}
	rc = notify_do_waive(t, t->f.s1, reason);
	action_flow_clear(&t->f);
	return rc;
}

/* The recipient is chosen: act (or, to waive, ask why). */
static int
notify_picked(struct tui *t, const char *rid, int choice)
{
	char	label[128];
	int	rc;

	(void)choice;
	if (rid == NULL)
		return action_cancelled(t);
	if (t->f.act == ACT_RCP_WAIVE) {
		t->f.s1 = xstrdup(rid);
		snprintf(label, sizeof label, "Waive %s on %s: why is no "
		    "notification needed? ", rid, t->f.key);
		prompt_text(t, label, "", waive_reason);
		return RD_PAINT;
	}
	if (t->f.act == ACT_RCP_SENT) {
		/* sending is a fact with a time: confirm it, and when */
		t->f.s1 = xstrdup(rid);
		snprintf(label, sizeof label, "Mark %s on %s sent at (Enter: "
		    "now; Esc cancels): ", rid, t->f.key);
		prompt_text(t, label, "now", notify_sent_time);
		return RD_PAINT;
	}
	rc = notify_do_set(t, rid, t->f.act == ACT_RCP_DRAFTED ?
	    RSTATE_DRAFTED : t->f.act == ACT_RCP_SENT ? RSTATE_SENT :
	    RSTATE_ACKNOWLEDGED);
	action_flow_clear(&t->f);
	return rc;
}

/*
 * Which recipient: the selected one in the recipients pane, else a
 * choice among those the act can still apply to.
 */
static int
notify_pick(struct tui *t)
{
	const struct recipient	*rc = panes_recipient_at(t);
	char			 id[RECIPIENT_ID_MAX], **items, **values;
	size_t			 i;
	int			 n = 0;

	if (t->d.nrec == 0) {
		action_message(t, true, "%s has no recipients yet (A adds "
		    "one).", t->f.key);
		return RD_PAINT;
	}
	if (t->focus == PANE_RECIPIENTS && rc != NULL) {
		ops_recipient_id(rc->num, id);
		return notify_picked(t, id, 0);
	}
	items = action_strv(t->d.nrec);
	values = action_strv(t->d.nrec);
	for (i = 0; i < t->d.nrec; i++) {
		rc = &t->d.rec[i];
		if (recipient_state_settled(rc->state) &&
		    !(t->f.act == ACT_RCP_ACKED && rc->state == RSTATE_SENT))
			continue;
		ops_recipient_id(rc->num, id);
		xasprintf(&items[n], "%-4s %-24.24s %s", id, rc->name,
		    recipient_state_name(rc->state));
		values[n++] = xstrdup(id);
	}
	if (n == 0) {
		free(items);
		free(values);
		action_message(t, true, "No recipient of %s is left to mark; "
		    "every one is sent, acknowledged or waived.", t->f.key);
		action_flow_clear(&t->f);
		return RD_PAINT;
	}
	prompt_choice(t, "Which recipient?", items, values, n, notify_picked);
	return RD_PAINT;
}

/* Edit the bulletin: the latest saved version, else a fresh draft. */
int
notify_bulletin(struct tui *t)
{
	struct bulletin	*bv = NULL;
	struct verr	 e;
	size_t		 nb = 0;
	char		*text = NULL, *edited = NULL, *tmpl = NULL;
	char		 first[64];
	int64_t		 version = 0;
	int		 rc, bits = RD_FULL | RD_LAYOUT | RD_PAINT;

	if (bulletins_list(t->ctx->db, t->d.inc.id, true, &bv, &nb, &e) != 0) {
		action_message(t, true, "%s", e.msg);
		return RD_PAINT;
	}
	if (nb > 0) {
		text = xstrdup(bv[nb - 1].body);
		tmpl = xstrdup(bv[nb - 1].template);
	}
	bulletin_list_free(&bv, nb);
	if (text == NULL && ops_bulletin_render(t->ctx, t->f.key, NULL, NULL,
	    &text, NULL, first, sizeof first, &e) != 0) {
		action_message(t, true, "%s", e.msg);
		free(tmpl);
		return RD_PAINT;
	}
	if (editor_edit(t, "bulletin", text, BULLETIN_MAX, &edited,
	    &e) != 0)
		action_message(t, true, "%s", e.msg);
	else if (edited == NULL)
		action_message(t, false, "%s: the bulletin is unchanged; "
		    "nothing saved.", t->f.key);
	else {
		rc = ops_bulletin_save(t->ctx, t->f.key, tmpl, edited,
		    &version, &e);
		if (rc == 0)
			action_message(t, false, "%s: saved bulletin version "
			    "%lld.", t->f.key, (long long)version);
		bits |= action_result(t, rc, &e, true);
	}
	free(edited);
	free(text);
	free(tmpl);
	return bits;
}

int
notify_start(struct tui *t, enum tui_action a)
{
	const char	*eim;

	action_flow_clear(&t->f);
	t->f.act = a;
	if (action_read_only(t, a) || action_key(t) == NULL)
		return RD_PAINT;
	if (a != ACT_RCP_WAIVE && a != ACT_BULLETIN &&
	    !t->d.may[ACTION_RECIPIENT]) {
		action_message(t, true, "Not permitted: to %s on %s is for %s.",
		    action_desc(ACTION_RECIPIENT), t->f.key,
		    role_rule_text(ACTION_RECIPIENT));
		return RD_PAINT;
	}
	switch (a) {
	case ACT_RCP_ADD:
		prompt_text(t, "New recipient (customer, regulator, ...) "
		    "name: ", "", add_name);
		return RD_PAINT;
	case ACT_RCP_WAIVE:
		if (!t->d.may[ACTION_WAIVE]) {
			eim = t->d.inc.holder[ROLE_EIM];
			action_message(t, true, "Only the incident's current "
			    "EIM can waive a recipient; the EIM of %s is %s.",
			    t->f.key, eim != NULL ? eim : "nobody");
			return RD_PAINT;
		}
		return notify_pick(t);
	case ACT_RCP_DRAFTED:
	case ACT_RCP_SENT:
	case ACT_RCP_ACKED:
		return notify_pick(t);
	case ACT_BULLETIN:
		if (!t->d.may[ACTION_BULLETIN]) {
			action_message(t, true, "Not permitted: to %s on %s "
			    "is for %s.", action_desc(ACTION_BULLETIN),
			    t->f.key, role_rule_text(ACTION_BULLETIN));
			return RD_PAINT;
		}
		return notify_bulletin(t);
	default:
		return RD_NONE;
	}
}
