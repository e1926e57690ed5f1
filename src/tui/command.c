/*
 * command.c: the ':' prompt. Its verbs are those of the action table
 * (action-table.h: assign, release, stage, note, milestone, declare,
 * retract, close, new, filter, help, q; recipient add, drafted, sent, ack,
 * waive, bulletin; review, rootcause, lessons, repair add|done), looked up
 * there, each ending in the same act as its key (actions*.c), so nothing
 * in the console needs a memorised key. Irreversible acts still ask for
 * the typed key.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tui-private.h"
#include "vigil/util.h"

/* Split off the next word of *p (spaces separate; *p advances). */
static char *
command_word(char **p)
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

static int
command_usage(struct tui *t, const char *usage)
{
	action_message(t, true, "Usage: :%s", usage);
	return RD_PAINT;
}

static bool
command_writes(struct tui *t, const char *verb)
{
	if (!t->ctx->read_only)
		return true;
	action_message(t, true, "Read-only console: ':%s' is not offered "
	    "(opened with --read-only).", verb);
	return false;
}

/* recipient add NAME, drafted|sent|ack RID, waive RID REASON, bulletin */
int
command_notify(struct tui *t, const char *verb, char *p)
{
	char	*a1;

	if (action_key(t) == NULL)
		return RD_PAINT;
	action_flow_clear(&t->f);
	(void)action_key(t);
	if (strcmp(verb, "bulletin") == 0)
		return notify_start(t, ACT_BULLETIN);
	if (strcmp(verb, "recipient") == 0) {
		if ((a1 = command_word(&p)) == NULL || strcmp(a1, "add") != 0 ||
		    *p == '\0')
			return command_usage(t, "recipient add NAME");
		return notify_do_add(t, p);
	}
	if ((a1 = command_word(&p)) == NULL)
		return command_usage(t, strcmp(verb, "waive") == 0 ?
		    "waive RID REASON" : "drafted|sent|ack RID");
	if (strcmp(verb, "waive") == 0) {
		if (*p == '\0')
			return command_usage(t, "waive RID REASON");
		return notify_do_waive(t, a1, p);
	}
	return notify_do_set(t, a1, strcmp(verb, "drafted") == 0 ?
	    RSTATE_DRAFTED : strcmp(verb, "sent") == 0 ? RSTATE_SENT :
	    RSTATE_ACKNOWLEDGED);
}

/* Is s a date as YYYY-MM-DD (the shape only; ops checks the rest)? */
static bool
command_is_date(const char *s)
{
	int	i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return false;
	return s[10] == '\0';
}

/* rootcause TEXT, lessons TEXT, repair add OWNER [DUE] TEXT, repair done ID */
int
command_review(struct tui *t, const char *verb, char *p)
{
	char	*a1, *owner, *due = NULL, *save;

	action_flow_clear(&t->f);
	if (review_key(t) == NULL)
		return RD_PAINT;
	if (strcmp(verb, "lessons") == 0)
		return *p == '\0' ? command_usage(t, "lessons TEXT") :
		    review_do_set(t, NULL, p);
	if (strcmp(verb, "repair") != 0)
		return *p == '\0' ? command_usage(t, "rootcause TEXT") :
		    review_do_set(t, p, NULL);
	a1 = command_word(&p);
	if (a1 != NULL && strcmp(a1, "done") == 0 &&
	    (a1 = command_word(&p)) != NULL)
		return review_do_done(t, a1);
	if (a1 == NULL || strcmp(a1, "add") != 0 ||
	    (owner = command_word(&p)) == NULL)
		return command_usage(t, "repair add OWNER [YYYY-MM-DD] TEXT, "
		    "or :repair done ID");
	save = p;
	if ((due = command_word(&p)) != NULL && !command_is_date(due)) {
		/* no date: that word begins the text */
		due[strlen(due)] = *p != '\0' ? ' ' : '\0';
		p = save;
		due = NULL;
	}
	if (*p == '\0')
		return command_usage(t, "repair add OWNER [YYYY-MM-DD] TEXT");
	return review_do_repair(t, p, owner, due);
}

int
command_quit(struct tui *t, const char *verb, char *p)
{
	(void)t;
	(void)verb;
	(void)p;
	return RD_QUIT;
}

int
command_filter(struct tui *t, const char *verb, char *p)
{
	(void)verb;
	snprintf(t->q.filter, sizeof t->q.filter, "%s", p);
	t->q.count_stale = true;
	return RD_QUEUE | RD_DETAIL | RD_PAINT;
}

int
command_new(struct tui *t, const char *verb, char *p)
{
	int	sev = 3;

	(void)verb;
	if (strncasecmp(p, "sev", 3) == 0 && p[3] >= '1' && p[3] <= '4' &&
	    (p[4] == ' ' || p[4] == '\0')) {
		sev = p[3] - '0';
		p += 4;
		while (*p == ' ')
			p++;
	}
	if (*p == '\0')
		return command_usage(t, "new [sev1..sev4] TITLE");
	return action_do_new(t, p, sev);
}

int
command_assign(struct tui *t, const char *verb, char *p)
{
	char		*a1, *a2;
	enum role	 r;

	(void)verb;
	if (action_key(t) == NULL)
		return RD_PAINT;
	if ((a1 = command_word(&p)) == NULL || (a2 = command_word(&p)) == NULL)
		return command_usage(t, "assign ROLE LOGIN [NOTE]");
	if (role_parse(a1, &r) != 0)
		return command_usage(t, "assign ROLE LOGIN [NOTE] (ROLE: "
		    "triage sim forensics service eim comms support)");
	return action_do_assign(t, r, a2, *p != '\0' ? p : NULL);
}

int
command_release(struct tui *t, const char *verb, char *p)
{
	char		*a1;
	enum role	 r;

	(void)verb;
	if (action_key(t) == NULL)
		return RD_PAINT;
	if ((a1 = command_word(&p)) == NULL || role_parse(a1, &r) != 0)
		return command_usage(t, "release ROLE [NOTE]");
	return action_do_release(t, r, *p != '\0' ? p : NULL);
}

int
command_stage(struct tui *t, const char *verb, char *p)
{
	char		*a1;
	enum stage	 s;

	(void)verb;
	if (action_key(t) == NULL)
		return RD_PAINT;
	if ((a1 = command_word(&p)) == NULL || stage_parse(a1, &s) != 0)
		return command_usage(t, "stage STAGE [REASON] (STAGE: detect "
		    "assess diagnose stabilize)");
	return action_do_stage(t, s, *p != '\0' ? p : NULL);
}

int
command_note(struct tui *t, const char *verb, char *p)
{
	(void)verb;
	if (action_key(t) == NULL)
		return RD_PAINT;
	if (*p == '\0')
		return command_usage(t, "note TEXT");
	return action_do_note(t, p);
}

int
command_milestone(struct tui *t, const char *verb, char *p)
{
	char	*a1;

	(void)verb;
	if (action_key(t) == NULL)
		return RD_PAINT;
	if ((a1 = command_word(&p)) == NULL)
		return command_usage(t, "milestone NAME [TIME]");
	return action_do_milestone(t, a1, p);
}

int
command_declare(struct tui *t, const char *verb, char *p)
{
	(void)verb;
	if (action_key(t) == NULL)
		return RD_PAINT;
	if (!t->d.may_declare) {
		action_message(t, true, "Only the incident's current EIM can "
		    "declare a breach on %s.", t->f.key);
		return RD_PAINT;
	}
	if (*p == '\0') {
		t->pending |= action_start(t, ACT_DECLARE);
		return RD_PAINT;
	}
	return action_confirm_declare(t, p);
}

int
command_retract(struct tui *t, const char *verb, char *p)
{
	(void)verb;
	if (action_key(t) == NULL)
		return RD_PAINT;
	if (*p == '\0')
		return command_usage(t, "retract REASON");
	return action_confirm_retract(t, p);
}

int
command_close(struct tui *t, const char *verb, char *p)
{
	char		*a1;
	enum resolution	 res;

	(void)verb;
	if (action_key(t) == NULL)
		return RD_PAINT;
	if ((a1 = command_word(&p)) == NULL ||
	    resolution_parse(a1, &res) != 0 || res == RESOLUTION_NONE)
		return command_usage(t, "close RESOLUTION [NOTE] (confirmed "
		    "false-positive benign duplicate)");
	return action_confirm_close(t, res, p);
}

/*
 * One ':' line: the verb names a row of the action table (keymap_verb);
 * a writing row is refused in --read-only; then the row's cmd has the
 * arguments, or, when it has none, the row runs as its key does.
 */
static int
command_exec(struct tui *t, char *line)
{
	const struct keydef	*k;
	char			*p = line, *verb;

	if ((verb = command_word(&p)) == NULL)
		return RD_PAINT;
	if ((k = keymap_verb(verb)) == NULL) {
		action_message(t, true, "Unknown command ':%s' (:help lists "
		    "them).", verb);
		return RD_PAINT;
	}
	if (k->writes && !command_writes(t, verb))
		return RD_PAINT;
	if (k->cmd != NULL)
		return k->cmd(t, verb, p);
	return k->run != NULL ? k->run(t, k->act) : RD_PAINT;
}

int
command_run(struct tui *t, const char *line)
{
	char	*copy = xstrdup(line != NULL ? line : "");
	int	 bits;

	bits = command_exec(t, copy[0] == ':' ? copy + 1 : copy);
	free(copy);
	return bits;
}
