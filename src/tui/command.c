/*
 * command.c: the ':' prompt. The same verbs as the keys and the command
 * line (assign, release, stage, note, milestone, declare, retract, close,
 * new, filter, help, q), each ending in the same action (actions.c), so
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
