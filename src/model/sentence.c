/*
 * sentence.c: journal entries as sentences (see sentence.h). One function
 * per family of actions, chosen from a table by the action's name; the
 * table is the list of actions that have a sentence, and the unit test
 * checks it against every action name src/ops journals.
 */
#include <stdlib.h>
#include <string.h>

#include "vigil/buf.h"
#include "vigil/role.h"
#include "vigil/sentence.h"
#include "vigil/util.h"

typedef void	 sentence_fn(struct buf *, const char *action,
		    const struct payload *, const char *actor);

/* A value or a stand-in: a sentence never prints "(null)". */
static const char *
get(const struct payload *p, const char *k, const char *dflt)
{
	const char	*v = payload_get(p, k);

	return v != NULL && *v != '\0' ? v : dflt;
}

static bool
has(const struct payload *p, const char *k)
{
	const char	*v = payload_get(p, k);

	return v != NULL && *v != '\0';
}

/* "sim" -> "SIM"; an unknown name stays as written. */
static const char *
role_words(const char *name)
{
	enum role	r;

	if (name != NULL && role_parse(name, &r) == 0)
		return role_label(r);
	return name != NULL ? name : "a role";
}

/* "classified_major" -> "classified major" */
static void
put_words(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		buf_putc(b, *s == '_' ? ' ' : *s);
}

static void
put_note(struct buf *b, const struct payload *p, const char *k,
    const char *lead)
{
	if (has(p, k))
		buf_printf(b, "%s%s", lead, get(p, k, ""));
}

static void
s_database(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s created the database and is its administrator",
	    get(p, "login", who));
}

static void
s_incident_new(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s opened %s: %s (SEV%s, %s)", who, get(p, "key",
	    "the incident"), get(p, "title", "untitled"), get(p, "severity",
	    "?"), get(p, "kind", "security"));
	put_note(b, p, "detected", ", detected ");
	if (has(p, "triage"))
		buf_printf(b, "; %s holds its triage role",
		    get(p, "triage", ""));
}

static void
s_assign(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	const char	*login = get(p, "login", "someone");

	(void)a;
	if (strcmp(login, who) == 0)
		buf_printf(b, "%s took the %s role", who,
		    role_words(payload_get(p, "role")));
	else
		buf_printf(b, "%s assigned %s as %s", who, login,
		    role_words(payload_get(p, "role")));
	put_note(b, p, "previous", ", taking over from ");
	put_note(b, p, "note", " \xe2\x80\x94 hand-off: ");
}

static void
s_release(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	const char	*login = get(p, "login", "the holder");

	(void)a;
	if (strcmp(login, who) == 0)
		buf_printf(b, "%s gave up the %s role", who,
		    role_words(payload_get(p, "role")));
	else
		buf_printf(b, "%s released %s from the %s role", who, login,
		    role_words(payload_get(p, "role")));
	put_note(b, p, "note", " \xe2\x80\x94 hand-off: ");
}

static void
s_stage(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s moved the incident from %s to %s", who,
	    get(p, "from", "?"), get(p, "to", "?"));
	put_note(b, p, "reason", ": ");
}

static void
s_note(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s noted: %s", who, get(p, "text", ""));
}

static void
s_milestone(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s recorded the milestone ", who);
	put_words(b, get(p, "milestone", "?"));
	put_note(b, p, "at", " at ");
	put_note(b, p, "note", ": ");
}

static void
s_declare(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s declared a customer data breach: %s", who,
	    get(p, "reason", "no reason given"));
	put_note(b, p, "due", " (customers to be notified by ");
	if (has(p, "due"))
		buf_putc(b, ')');
}

static void
s_retract(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s retracted the breach declaration: %s", who,
	    get(p, "reason", "no reason given"));
}

static void
s_close(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s closed the incident as %s", who,
	    get(p, "resolution", "resolved"));
	put_note(b, p, "from", " (from ");
	if (has(p, "from"))
		buf_putc(b, ')');
	put_note(b, p, "note", ": ");
}

static void
s_roster(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	const char	*admin = payload_get(p, "admin");
	bool		 upd = strcmp(a, "roster.update") == 0;

	buf_printf(b, upd ? "%s changed %s's roster entry" :
	    "%s added %s to the roster", who, get(p, "login", "someone"));
	put_note(b, p, "name", " (");
	if (has(p, "name"))
		buf_putc(b, ')');
	buf_printf(b, ": roles %s", get(p, "roles", "none"));
	if (admin != NULL && strcmp(admin, "true") == 0)
		buf_puts(b, ", administrator");
	put_note(b, p, "contact", ", contact ");
}

static void
s_clocks(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	bool	on = strcmp(a, "clocks.enable") == 0;

	buf_printf(b, "%s %s the clocks %s", who, on ? "enabled" : "disabled",
	    get(p, on ? "enable" : "disable", "(none)"));
}

static void
s_clock(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	const char	*rule = get(p, "rule", "?");

	if (strcmp(a, "clock.sent") == 0)
		buf_printf(b, "%s recorded the %s notification as sent", who,
		    rule);
	else if (strcmp(a, "clock.hold") == 0) {
		buf_printf(b, "%s held the %s clock from %s", who, rule,
		    get(p, "from", "now"));
		put_note(b, p, "until", " until ");
		put_note(b, p, "basis", ": ");
	} else
		buf_printf(b, "%s released the hold on the %s clock", who,
		    rule);
}

static void
s_recipient(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	const char	*id = get(p, "recipient", "?");
	const char	*name = get(p, "name", "a recipient");
	const char	*state = a + strlen("recipient.");

	if (strcmp(state, "add") == 0) {
		buf_printf(b, "%s added the recipient %s %s (%s, by %s", who,
		    id, name, get(p, "kind", "?"), get(p, "channel", "?"));
		put_note(b, p, "contact", ", ");
		buf_putc(b, ')');
		return;
	}
	if (strcmp(state, "sent") == 0)
		buf_printf(b, "%s notified %s %s", who, id, name);
	else if (strcmp(state, "acknowledged") == 0)
		buf_printf(b, "%s recorded that %s %s acknowledged the "
		    "notification", who, id, name);
	else if (strcmp(state, "drafted") == 0)
		buf_printf(b, "%s drafted the notice to %s %s", who, id, name);
	else if (strcmp(state, "pending") == 0)
		buf_printf(b, "%s set %s %s back to pending", who, id, name);
	else
		buf_printf(b, "%s waived the notification of %s %s", who, id,
		    name);
	put_note(b, p, "at", " at ");
	put_note(b, p, "bulletin", " with bulletin version ");
	put_note(b, p, "reason", ": ");
	if (payload_get(p, "recorded") != NULL)
		buf_puts(b, "; every recipient is now notified or waived");
}

static void
s_bulletin(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s saved bulletin version %s (%s template", who,
	    get(p, "version", "?"), get(p, "template", "?"));
	put_note(b, p, "bytes", ", ");
	if (has(p, "bytes"))
		buf_puts(b, " bytes");
	buf_putc(b, ')');
	put_note(b, p, "recipient", ", meant for ");
	put_note(b, p, "recipient_name", " ");
}

static void
s_review(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s updated the review", who);
	put_note(b, p, "root_cause", "; root cause: ");
	put_note(b, p, "lessons", "; lessons: ");
}

static void
s_repair(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	if (strcmp(a, "repair.done") == 0) {
		buf_printf(b, "%s marked the repair item %s done", who,
		    get(p, "repair", "?"));
		return;
	}
	buf_printf(b, "%s added the repair item %s: %s (owner %s", who,
	    get(p, "repair", "?"), get(p, "text", ""), get(p, "owner", "?"));
	put_note(b, p, "due", ", due ");
	buf_putc(b, ')');
}

static void
s_denied(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s was refused: %s", who, get(p, "attempt", "?"));
	put_note(b, p, "role", " ");
	put_note(b, p, "reason", " \xe2\x80\x94 ");
	/* a burst of refusals (src/store/denials.c) */
	if (has(p, "repeated") && strcmp(get(p, "repeated", "0"), "0") != 0)
		buf_printf(b, " (after %s more refusals since %s, counted)",
		    get(p, "repeated", "?"), get(p, "repeated_since", "?"));
	if (strcmp(get(p, "burst", ""), "counting") == 0)
		buf_puts(b, " (more within the minute are counted, not "
		    "journaled one by one)");
}

static void
s_zone(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s set the member state whose zone counts the clocks "
	    "to %s", who, get(p, "zone", "the configured one"));
}

static void
s_evidence(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	const char	*id = get(p, "evidence", "?");
	const char	*what = a + strlen("evidence.");

	if (strcmp(what, "add") == 0) {
		buf_printf(b, "%s registered evidence %s: %s", who, id,
		    get(p, "description", ""));
		put_note(b, p, "sha256", " (SHA-256 ");
		if (has(p, "sha256"))
			buf_putc(b, ')');
	} else if (strcmp(what, "transfer") == 0) {
		buf_printf(b, "%s transferred evidence %s from %s to %s", who,
		    id, get(p, "from", "?"), get(p, "to", "?"));
		put_note(b, p, "reason", ": ");
	} else if (strcmp(what, "check") == 0)
		buf_printf(b, "%s checked the hash of evidence %s: %s", who, id,
		    get(p, "result", "?"));
	else if (strcmp(what, "mismatch") == 0)
		buf_printf(b, "%s found evidence %s does not match its hash "
		    "(expected %s, found %s)", who, id,
		    get(p, "expected_sha256", "?"), get(p, "found_sha256", "?"));
	else if (strcmp(what, "change") == 0) {
		buf_printf(b, "%s recorded a change to evidence %s", who, id);
		put_note(b, p, "justification", ": ");
	} else if (strcmp(what, "note") == 0)
		buf_printf(b, "%s noted on evidence %s: %s", who, id,
		    get(p, "text", ""));
	else {
		buf_printf(b, "%s marked evidence %s void", who, id);
		put_note(b, p, "reason", ": ");
	}
}

static void
s_pickup(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s picked up the %s role", get(p, "login", who),
	    role_words(payload_get(p, "role")));
}

/* Fields given as {"old": ..., "new": ...}: "severity from 2 to 1". */
static void
s_incident_set(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	struct payload	sub;
	size_t		i;
	bool		first = true;

	(void)a;
	buf_printf(b, "%s changed", who);
	for (i = 0; i < p->n; i++) {
		if (p->f[i].val == NULL || p->f[i].val[0] != '{' ||
		    payload_parse(p->f[i].val, &sub) != 0) {
			payload_clear(&sub);
			continue;
		}
		if (!has(&sub, "old"))
			buf_printf(b, "%s the %s (empty) to %s", first ? "" :
			    ",", p->f[i].key, get(&sub, "new", "?"));
		else if (!has(&sub, "new"))
			buf_printf(b, "%s the %s from %s to nothing", first ?
			    "" : ",", p->f[i].key, get(&sub, "old", "?"));
		else
			buf_printf(b, "%s the %s from %s to %s", first ? "" :
			    ",", p->f[i].key, get(&sub, "old", "?"),
			    get(&sub, "new", "?"));
		first = false;
		payload_clear(&sub);
	}
	if (first)
		buf_puts(b, " the incident");
}

static void
s_correct(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s corrected the milestone ", who);
	put_words(b, get(p, "milestone", "?"));
	buf_printf(b, " from %s to %s", get(p, "old", "?"), get(p, "new", "?"));
	put_note(b, p, "reason", ": ");
}

static void
s_task(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	const char	*id = get(p, "task", "");
	const char	*what = a + strlen("task.");

	if (strcmp(a, "plan.apply") == 0) {
		buf_printf(b, "%s applied the response plan %s", who,
		    get(p, "plan", "?"));
		return;
	}
	if (strcmp(what, "add") == 0) {
		buf_printf(b, "%s added the task %s%s%s", who, id, *id ? ": " :
		    "", get(p, "title", ""));
		put_note(b, p, "role", " (for the ");
		if (has(p, "role"))
			buf_puts(b, " role)");
		put_note(b, p, "due", ", due ");
	} else if (strcmp(what, "assign") == 0) {
		buf_printf(b, "%s gave the task %s to %s", who, id,
		    get(p, "owner", "?"));
		put_note(b, p, "previous", ", taking it from ");
	} else {
		buf_printf(b, "%s %s the task %s%s%s", who,
		    strcmp(what, "done") == 0 ? "did" : "skipped", id,
		    *id ? ": " : "", get(p, "title", ""));
		put_note(b, p, "note", " \xe2\x80\x94 ");
		put_note(b, p, "reason", " \xe2\x80\x94 ");
	}
}

/* alert intake (src/ops/inbox.c, import.c) */
static void
s_inbox(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	const char	*entry = get(p, "entry", "?");

	if (strcmp(a, "inbox.accept") == 0) {
		buf_printf(b, "%s accepted inbox entry %s as %s", who, entry,
		    get(p, "key", "a new incident"));
		put_note(b, p, "title", ": ");
	} else if (strcmp(a, "inbox.attach") == 0) {
		buf_printf(b, "%s attached inbox entry %s to %s", who, entry,
		    get(p, "key", "an incident"));
		put_note(b, p, "title", " \xe2\x80\x94 ");
	} else if (strcmp(a, "inbox.dismiss") == 0) {
		buf_printf(b, "%s dismissed inbox entry %s as %s", who, entry,
		    get(p, "reason", "?"));
		put_note(b, p, "note", ": ");
	} else if (strcmp(a, "suppression.add") == 0) {
		buf_printf(b, "%s suppressed alerts matching %s until %s", who,
		    get(p, "match", "?"), get(p, "until", "?"));
		put_note(b, p, "reason", ": ");
	} else if (strcmp(a, "suppression.end") == 0) {
		buf_printf(b, "%s ended suppression %s of alerts matching %s "
		    "(it had hidden %s)", who, get(p, "suppression", "?"),
		    get(p, "match", "?"), get(p, "hits", "?"));
		put_note(b, p, "reason", ": ");
	} else {
		buf_printf(b, "%s imported %s alert lines from %s: %s new "
		    "inbox entries, %s repeats, %s suppressed", who,
		    get(p, "lines", "0"), get(p, "file", "-"),
		    get(p, "entries", "0"), get(p, "repeats", "0"),
		    get(p, "suppressed", "0"));
		if (has(p, "malformed") && strcmp(get(p, "malformed", "0"),
		    "0") != 0)
			buf_printf(b, ", %s malformed",
			    get(p, "malformed", "0"));
	}
}

/* a file upgraded with a journal (src/store/migrate.c) */
static void
s_baseline(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s upgraded the database (schema %s to %s); the "
	    "record holds every row from here", who,
	    get(p, "from_version", "?"), get(p, "to_version", "?"));
}

static void
s_chain_keyed(struct buf *b, const char *a, const struct payload *p,
    const char *who)
{
	(void)a;
	buf_printf(b, "%s keyed the journal's chain: HMAC-SHA-256 from entry "
	    "%s on", who, get(p, "from", "?"));
}

static const struct {
	const char	*action;
	sentence_fn	*fn;
} sentence_table[] = {
	{ "chain.keyed", s_chain_keyed },
	{ "inbox.accept", s_inbox },
	{ "inbox.attach", s_inbox },
	{ "inbox.dismiss", s_inbox },
	{ "suppression.add", s_inbox },
	{ "suppression.end", s_inbox },
	{ "alerts.import", s_inbox },
	{ "record.baseline", s_baseline },
	{ "plan.apply", s_task },
	{ "task.add", s_task },
	{ "task.done", s_task },
	{ "task.skip", s_task },
	{ "task.assign", s_task },
	{ "clocks.zone", s_zone },
	{ "evidence.add", s_evidence },
	{ "evidence.transfer", s_evidence },
	{ "evidence.check", s_evidence },
	{ "evidence.mismatch", s_evidence },
	{ "evidence.change", s_evidence },
	{ "evidence.note", s_evidence },
	{ "evidence.void", s_evidence },
	{ "role.pickup", s_pickup },
	{ "incident.set", s_incident_set },
	{ "milestone.correct", s_correct },
	{ "database.create", s_database },
	{ "incident.new", s_incident_new },
	{ "role.assign", s_assign },
	{ "role.release", s_release },
	{ "stage.change", s_stage },
	{ "note.add", s_note },
	{ "milestone.record", s_milestone },
	{ "breach.declare", s_declare },
	{ "breach.retract", s_retract },
	{ "incident.close", s_close },
	{ "roster.add", s_roster },
	{ "roster.update", s_roster },
	{ "clocks.enable", s_clocks },
	{ "clocks.disable", s_clocks },
	{ "clock.sent", s_clock },
	{ "clock.hold", s_clock },
	{ "clock.release", s_clock },
	{ "recipient.add", s_recipient },
	{ "recipient.pending", s_recipient },
	{ "recipient.drafted", s_recipient },
	{ "recipient.sent", s_recipient },
	{ "recipient.acknowledged", s_recipient },
	{ "recipient.waived", s_recipient },
	{ "recipient.waive", s_recipient },
	{ "bulletin.save", s_bulletin },
	{ "review.update", s_review },
	{ "repair.add", s_repair },
	{ "repair.done", s_repair },
	{ "denied", s_denied },
};

static sentence_fn *
sentence_find(const char *action)
{
	size_t	i;

	for (i = 0; i < sizeof sentence_table / sizeof sentence_table[0]; i++)
		if (strcmp(sentence_table[i].action, action) == 0)
			return sentence_table[i].fn;
	return NULL;
}

bool
sentence_known(const char *action)
{
	return action != NULL && sentence_find(action) != NULL;
}

char *
sentence(const char *action, const struct payload *p, const char *actor)
{
	sentence_fn	*fn;
	struct buf	 b;
	size_t		 i;
	bool		 first = true;

	if (action == NULL)
		action = "?";
	if (actor == NULL || *actor == '\0')
		actor = "someone";
	buf_init(&b);
	if ((fn = sentence_find(action)) != NULL) {
		fn(&b, action, p, actor);
		return buf_steal(&b);
	}
	buf_printf(&b, "%s did %s", actor, action);
	for (i = 0; i < p->n; i++) {
		if (strcmp(p->f[i].key, "uuid") == 0)
			continue;
		buf_printf(&b, "%s%s=%s", first ? ": " : " ", p->f[i].key,
		    p->f[i].val != NULL ? p->f[i].val : "null");
		first = false;
	}
	return buf_steal(&b);
}

char *
sentence_raw(const char *action, const char *payload, const char *actor)
{
	struct payload	 p;
	char		*s, *t;

	if (payload_parse(payload, &p) != 0) {
		payload_clear(&p);
		s = sentence(action, &p, actor);
		if (payload == NULL || *payload == '\0')
			return s;
		xasprintf(&t, "%s (payload unreadable: %s)", s, payload);
		free(s);
		return t;
	}
	s = sentence(action, &p, actor);
	payload_clear(&p);
	return s;
}
