/*
 * role.c: the seven roles and the permission table. Every rule of "who may
 * do what" is here and nowhere else; the ops layer asks role_may() before
 * each write and journals a denial.
 */
#include <stdio.h>
#include <string.h>

#include "vigil/role.h"
#include "vigil/util.h"

static const struct {
	const char	*name;
	const char	*label;
	const char	*title;
} roles[ROLE__COUNT] = {
	{ "triage", "Triage", "24/7 triage" },
	{ "sim", "SIM", "Security incident manager" },
	{ "forensics", "Forensics", "Forensic engineer" },
	{ "service", "Service", "Service owner" },
	{ "eim", "EIM", "Executive incident manager" },
	{ "comms", "Comms", "Communications" },
	{ "support", "Support", "Customer support engineer" },
};

/*
 * Who may act. `holders` are the roles on the incident that allow it,
 * `admin` whether an administrator may, `roster` whether anyone on the
 * roster may. ASSIGN/RELEASE have one extra rule in role_may(): the triage
 * holder may assign (and release) the sim; and for ACTION_TASK the holder
 * of the task's role may act on that task.
 */
static const struct rule {
	unsigned	 holders;
	bool		 admin;
	bool		 roster;
	const char	*text;
} rules[ACTION__COUNT] = {
	[ACTION_INCIDENT_NEW] = { 0, true, true, "anyone on the roster" },
	[ACTION_NOTE] = { 0, true, true, "anyone on the roster" },
	[ACTION_MILESTONE] = { ROLE_ALL, true, false,
	    "holders of a role on the incident, or an administrator" },
	[ACTION_ASSIGN] = { ROLE_BIT(ROLE_SIM), true, false,
	    "the incident's sim or an administrator (the triage holder may "
	    "assign the sim)" },
	[ACTION_RELEASE] = { ROLE_BIT(ROLE_SIM), true, false,
	    "the incident's sim or an administrator (the triage holder may "
	    "release the sim)" },
	[ACTION_STAGE] = { ROLE_BIT(ROLE_SIM), true, false,
	    "the incident's sim, or an administrator" },
	[ACTION_CLOSE] = { ROLE_BIT(ROLE_SIM), true, false,
	    "the incident's sim, or an administrator" },
	[ACTION_DECLARE] = { ROLE_BIT(ROLE_EIM), false, false,
	    "only the incident's current eim" },
	[ACTION_RETRACT] = { ROLE_BIT(ROLE_EIM), false, false,
	    "only the incident's current eim" },
	[ACTION_ROSTER] = { 0, true, false, "an administrator" },
	[ACTION_CLOCKS] = { ROLE_BIT(ROLE_SIM) | ROLE_BIT(ROLE_EIM), true,
	    false, "the incident's sim or eim, or an administrator" },
	[ACTION_RECIPIENT] = { ROLE_BIT(ROLE_SIM) | ROLE_BIT(ROLE_COMMS) |
	    ROLE_BIT(ROLE_SUPPORT), false, false,
	    "the incident's sim, comms or support" },
	[ACTION_WAIVE] = { ROLE_BIT(ROLE_EIM), false, false,
	    "only the incident's current eim" },
	[ACTION_BULLETIN] = { ROLE_BIT(ROLE_SIM) | ROLE_BIT(ROLE_COMMS) |
	    ROLE_BIT(ROLE_SUPPORT), false, false,
	    "the incident's sim, comms or support" },
	[ACTION_REVIEW] = { ROLE_ALL, true, false,
	    "holders of a role on the incident, or an administrator" },
	[ACTION_PICKUP] = { 0, false, false,
	    "someone qualified for it, for triage or sim while nobody holds "
	    "it" },
	[ACTION_EDIT] = { ROLE_BIT(ROLE_SIM), true, false,
	    "the incident's sim or an administrator (the triage holder while "
	    "no sim is assigned)" },
#define EVIDENCE_HOLDERS (ROLE_BIT(ROLE_FORENSICS) | ROLE_BIT(ROLE_SIM))
#define EVIDENCE_TEXT "the incident's forensics or sim, or an administrator"
	[ACTION_EVIDENCE_ADD] = { EVIDENCE_HOLDERS, true, false,
	    EVIDENCE_TEXT },
	[ACTION_EVIDENCE_TRANSFER] = { EVIDENCE_HOLDERS, true, false,
	    EVIDENCE_TEXT },
	[ACTION_EVIDENCE_CHECK] = { EVIDENCE_HOLDERS, true, false,
	    EVIDENCE_TEXT },
	[ACTION_EVIDENCE_NOTE] = { EVIDENCE_HOLDERS, true, false,
	    EVIDENCE_TEXT },
	[ACTION_EVIDENCE_VOID] = { EVIDENCE_HOLDERS, true, false,
	    EVIDENCE_TEXT },
	[ACTION_EVIDENCE_READ] = { 0, true, true, "anyone on the roster" },
	[ACTION_PLAN] = { ROLE_BIT(ROLE_SIM), true, false,
	    "the incident's sim, or an administrator" },
	[ACTION_TASK] = { ROLE_BIT(ROLE_SIM), true, false,
	    "the holder of the task's role or its named owner, the "
	    "incident's sim, or an administrator" },
	/* The inbox belongs to no incident: for these, src/ops/inbox.c
	 * passes the roles a person is qualified for as `held`. */
	[ACTION_IMPORT] = { 0, true, true, "anyone on the roster" },
	[ACTION_ACCEPT] = { ROLE_BIT(ROLE_TRIAGE) | ROLE_BIT(ROLE_SIM), true,
	    false, "people qualified for triage or sim, or an administrator" },
	[ACTION_ATTACH] = { ROLE_BIT(ROLE_TRIAGE) | ROLE_BIT(ROLE_SIM), true,
	    false, "people qualified for triage or sim, or an administrator" },
	[ACTION_DISMISS] = { ROLE_BIT(ROLE_TRIAGE) | ROLE_BIT(ROLE_SIM), true,
	    false, "people qualified for triage or sim, or an administrator" },
	[ACTION_SUPPRESS] = { ROLE_BIT(ROLE_TRIAGE) | ROLE_BIT(ROLE_SIM), true,
	    false, "people qualified for triage or sim, or an administrator" },
};

static const char *const action_names[ACTION__COUNT] = {
#define X(e, n, d) [e] = n,
	ACTION_TABLE(X)
#undef X
};
static const char *const action_descs[ACTION__COUNT] = {
#define X(e, n, d) [e] = d,
	ACTION_TABLE(X)
#undef X
};

const char *role_name(enum role r) { return roles[r].name; }
const char *role_label(enum role r) { return roles[r].label; }
const char *role_title(enum role r) { return roles[r].title; }
const char *action_name(enum action a) { return action_names[a]; }
const char *action_desc(enum action a) { return action_descs[a]; }
const char *role_rule_text(enum action a) { return rules[a].text; }

int
role_parse(const char *s, enum role *r)
{
	int	i;

	for (i = 0; s != NULL && i < ROLE__COUNT; i++) {
		if (strcmp(s, roles[i].name) == 0) {
			*r = (enum role)i;
			return 0;
		}
	}
	return -1;
}

int
role_parse_list(const char *s, unsigned *mask, char *bad, size_t badlen)
{
	char		 word[32];
	const char	*p = s, *end;
	size_t		 n;
	enum role	 r;

	*mask = 0;
	if (strcmp(s, "all") == 0) {
		*mask = ROLE_ALL;
		return 0;
	}
	while (*p != '\0') {
		end = strchr(p, ',');
		n = end == NULL ? strlen(p) : (size_t)(end - p);
		if (n == 0 || n >= sizeof word) {
			snprintf(bad, badlen, "%.*s", (int)(n > 31 ? 31 : n), p);
			return -1;
		}
		memcpy(word, p, n);
		word[n] = '\0';
		if (role_parse(word, &r) != 0) {
			snprintf(bad, badlen, "%s", word);
			return -1;
		}
		*mask |= ROLE_BIT(r);
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

void
role_format_list(unsigned mask, char *out, size_t len)
{
	size_t	used = 0;
	int	r, n;

	if (len == 0)
		return;
	out[0] = '\0';
	for (r = 0; r < ROLE__COUNT; r++) {
		if ((mask & ROLE_BIT(r)) == 0)
			continue;
		n = snprintf(out + used, len - used, "%s%s",
		    used == 0 ? "" : ",", roles[r].name);
		if (n < 0 || (size_t)n >= len - used)
			return;
		used += (size_t)n;
	}
}

bool
role_may(enum action a, enum role target, const struct actor_facts *who,
    char *why, size_t whylen)
{
	const struct rule	*rule = &rules[a];

	if (!who->on_roster) {
		snprintf(why, whylen, "you are not on this database's roster; "
		    "ask an administrator to run 'vigil roster add <your "
		    "login>'");
		return false;
	}
	if (rule->roster)
		return true;
	if ((who->held & rule->holders) != 0)
		return true;
	if (rule->admin && who->admin)
		return true;
	if ((a == ACTION_ASSIGN || a == ACTION_RELEASE) && target == ROLE_SIM &&
	    (who->held & ROLE_BIT(ROLE_TRIAGE)) != 0)
		return true;
	if (a == ACTION_EDIT && who->sim_vacant &&
	    (who->held & ROLE_BIT(ROLE_TRIAGE)) != 0)
		return true;
	if (a == ACTION_PICKUP && (target == ROLE_TRIAGE || target ==
	    ROLE_SIM) && (who->qualified & ROLE_BIT(target)) != 0)
		return true;
	if (a == ACTION_PICKUP) {
		if (target != ROLE_TRIAGE && target != ROLE_SIM)
			snprintf(why, whylen, "not permitted to pick up the %s "
			    "role: only triage and sim can be picked up; the "
			    "sim assigns the others", role_name(target));
		else
			snprintf(why, whylen, "not permitted to pick up the %s "
			    "role: the roster does not qualify you for it; ask "
			    "an administrator to add it to your roles",
			    role_name(target));
		return false;
	}
	/* For tasks, target is the task's role: its holder may act on it
	 * (src/ops counts a task's named owner as holding it). */
	if (a == ACTION_TASK && (who->held & ROLE_BIT(target)) != 0)
		return true;
	/* One sentence: "not permitted to X: Y may do that (Z)". */
	{
		const char	*paren = strstr(rule->text, " (");
		int		 n = paren != NULL ? (int)(paren - rule->text) :
				    (int)strlen(rule->text);

		snprintf(why, whylen, "not permitted to %s: %.*s may do that%s",
		    action_descs[a], n, rule->text, paren != NULL ? paren : "");
	}
	return false;
}
