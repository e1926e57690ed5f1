/*
 * command.c: the ':' prompt. The same verbs as the keys and the command
 * line (assign, release, stage, note, milestone, declare, retract, close,
 * new, filter, help, q; recipient add, drafted, sent, ack, waive,
 * bulletin; review, rootcause, lessons, repair add|done), each ending in the same action (actions.c), so
 * nothing in the console needs a memorised key. Irreversible acts still
 * ask for the typed key.
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

static bool
command_is(const char *verb, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(verb, *list) == 0)
			return true;
	return false;
}

static const char *const notify_verbs[] = {
	"recipient", "drafted", "sent", "ack", "acknowledged", "waive",
	"bulletin", NULL,
};
static const char *const review_verbs[] = {
	"rootcause", "root-cause", "lessons", "repair", NULL,
};

/* recipient add NAME, drafted|sent|ack RID, waive RID REASON, bulletin */
static int
command_notify(struct tui *t, const char *verb, char *p)
{
	char	*a1;

	if (!command_writes(t, verb) || action_key(t) == NULL)
		return RD_PAINT;
	flow_clear(&t->f);
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
static int
command_review(struct tui *t, const char *verb, char *p)
{
	char	*a1, *owner, *due = NULL, *save;

	if (!command_writes(t, verb))
		return RD_PAINT;
	flow_clear(&t->f);
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

static int
command_exec(struct tui *t, char *line)
{
	char		*p = line, *verb, *a1, *a2;
	enum role	 r;
	enum stage	 s;
	enum resolution	 res;
	int		 sev = 3;

	if ((verb = command_word(&p)) == NULL)
		return RD_PAINT;
	if (strcmp(verb, "q") == 0 || strcmp(verb, "quit") == 0 ||
	    strcmp(verb, "q!") == 0)
		return RD_QUIT;
	if (strcmp(verb, "help") == 0 || strcmp(verb, "h") == 0) {
		t->help_pane = t->focus;
		view_push(t, &view_help);
		return RD_LAYOUT | RD_PAINT;
	}
	if (strcmp(verb, "filter") == 0) {
		snprintf(t->q.filter, sizeof t->q.filter, "%s", p);
		t->q.count_stale = true;
		return RD_QUEUE | RD_DETAIL | RD_PAINT;
	}
	if (strcmp(verb, "new") == 0) {
		if (!command_writes(t, verb))
			return RD_PAINT;
		if (strncasecmp(p, "sev", 3) == 0 && p[3] >= '1' &&
		    p[3] <= '4' && (p[4] == ' ' || p[4] == '\0')) {
			sev = p[3] - '0';
			p += 4;
			while (*p == ' ')
				p++;
		}
		if (*p == '\0')
			return command_usage(t, "new [sev1..sev4] TITLE");
		return action_do_new(t, p, sev);
	}
	if (strcmp(verb, "review") == 0)
		return review_open_list(t);
	if (command_is(verb, review_verbs))
		return command_review(t, verb, p);
	if (command_is(verb, notify_verbs))
		return command_notify(t, verb, p);
	if (strcmp(verb, "assign") != 0 && strcmp(verb, "release") != 0 &&
	    strcmp(verb, "stage") != 0 && strcmp(verb, "note") != 0 &&
	    strcmp(verb, "milestone") != 0 && strcmp(verb, "declare") != 0 &&
	    strcmp(verb, "retract") != 0 && strcmp(verb, "close") != 0) {
		action_message(t, true, "Unknown command ':%s' (:help lists "
		    "them).", verb);
		return RD_PAINT;
	}
	if (!command_writes(t, verb) || action_key(t) == NULL)
		return RD_PAINT;
	if (strcmp(verb, "assign") == 0) {
		if ((a1 = command_word(&p)) == NULL ||
		    (a2 = command_word(&p)) == NULL)
			return command_usage(t, "assign ROLE LOGIN [NOTE]");
		if (role_parse(a1, &r) != 0)
			return command_usage(t, "assign ROLE LOGIN [NOTE] "
			    "(ROLE: triage sim forensics service eim comms "
			    "support)");
		return action_do_assign(t, r, a2, *p != '\0' ? p : NULL);
	}
	if (strcmp(verb, "release") == 0) {
		if ((a1 = command_word(&p)) == NULL || role_parse(a1, &r) != 0)
			return command_usage(t, "release ROLE [NOTE]");
		return action_do_release(t, r, *p != '\0' ? p : NULL);
	}
	if (strcmp(verb, "stage") == 0) {
		if ((a1 = command_word(&p)) == NULL || stage_parse(a1, &s) != 0)
			return command_usage(t, "stage STAGE [REASON] (STAGE: "
			    "detect assess diagnose stabilize)");
		return action_do_stage(t, s, *p != '\0' ? p : NULL);
	}
	if (strcmp(verb, "note") == 0) {
		if (*p == '\0')
			return command_usage(t, "note TEXT");
		return action_do_note(t, p);
	}
	if (strcmp(verb, "milestone") == 0) {
		if ((a1 = command_word(&p)) == NULL)
			return command_usage(t, "milestone NAME [TIME]");
		return action_do_milestone(t, a1, p);
	}
	if (strcmp(verb, "declare") == 0) {
		if (!t->d.may_declare) {
			action_message(t, true, "Only the incident's current "
			    "EIM can declare a breach on %s.", t->f.key);
			return RD_PAINT;
		}
		if (*p == '\0') {
			t->pending |= action_start(t, ACT_DECLARE);
			return RD_PAINT;
		}
		return action_confirm_declare(t, p);
	}
	if (strcmp(verb, "retract") == 0) {
		if (*p == '\0')
			return command_usage(t, "retract REASON");
		return action_confirm_retract(t, p);
	}
	/* close */
	if ((a1 = command_word(&p)) == NULL ||
	    resolution_parse(a1, &res) != 0 || res == RESOLUTION_NONE)
		return command_usage(t, "close RESOLUTION [NOTE] (confirmed "
		    "false-positive benign duplicate)");
	return action_confirm_close(t, res, p);
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
