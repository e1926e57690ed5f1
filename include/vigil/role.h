/*
 * role.h: the seven response roles and who may do what. The rule table
 * (role.c) is the single place that answers "may this person do this on
 * this incident"; src/ops asks it before every write.
 */
#ifndef VIGIL_ROLE_H
#define VIGIL_ROLE_H

#include <stdbool.h>
#include <stddef.h>

enum role {
	ROLE_TRIAGE,
	ROLE_SIM,
	ROLE_FORENSICS,
	ROLE_SERVICE,
	ROLE_EIM,
	ROLE_COMMS,
	ROLE_SUPPORT,
	ROLE__COUNT
};

#define ROLE_BIT(r) (1u << (r))
#define ROLE_ALL ((1u << ROLE__COUNT) - 1)

/*
 * The actions the table governs. X(enum, name, description).
 */
#define ACTION_TABLE(X)							\
	X(ACTION_INCIDENT_NEW, "new", "create an incident")		\
	X(ACTION_NOTE, "note", "add a note")				\
	X(ACTION_MILESTONE, "milestone", "record a milestone")		\
	X(ACTION_ASSIGN, "assign", "assign a role")			\
	X(ACTION_RELEASE, "release", "release a role")			\
	X(ACTION_STAGE, "stage", "change the stage")			\
	X(ACTION_CLOSE, "close", "close the incident")			\
	X(ACTION_DECLARE, "declare", "declare a breach")		\
	X(ACTION_RETRACT, "retract", "retract a breach declaration")	\
	X(ACTION_ROSTER, "roster", "change the roster")			\
	X(ACTION_CLOCKS, "clocks", "change the incident's clocks")	\
	X(ACTION_RECIPIENT, "recipient", "change a notification recipient") \
	X(ACTION_WAIVE, "waive", "waive a notification recipient")	\
	X(ACTION_BULLETIN, "bulletin", "save a bulletin")		\
	X(ACTION_REVIEW, "review", "edit the review")			\
	X(ACTION_PICKUP, "pickup", "pick up a vacant role")		\
	X(ACTION_EDIT, "set", "change the incident's severity, kind, title or description") \
	X(ACTION_EVIDENCE_ADD, "evidence.add", "register evidence")	\
	X(ACTION_EVIDENCE_TRANSFER, "evidence.transfer",		\
	    "transfer custody of evidence")				\
	X(ACTION_EVIDENCE_CHECK, "evidence.check",			\
	    "check the hash of evidence")				\
	X(ACTION_EVIDENCE_NOTE, "evidence.note",			\
	    "record the handling of evidence")				\
	X(ACTION_EVIDENCE_VOID, "evidence.void", "void an evidence record") \
	X(ACTION_EVIDENCE_READ, "evidence.read", "read the evidence")	\
	X(ACTION_PLAN, "plan", "apply a response plan")			\
	X(ACTION_TASK, "task", "change a task")			\
	X(ACTION_IMPORT, "import", "import alerts")			\
	X(ACTION_ACCEPT, "accept", "accept an inbox entry as an incident") \
	X(ACTION_ATTACH, "attach", "attach an inbox entry to an incident") \
	X(ACTION_DISMISS, "dismiss", "dismiss an inbox entry")		\
	X(ACTION_SUPPRESS, "suppress", "add an alert suppression")

enum action {
#define X(e, n, d) e,
	ACTION_TABLE(X)
#undef X
	ACTION__COUNT
};

/* What the permission check knows about the person acting. */
struct actor_facts {
	bool		on_roster;
	bool		admin;
	unsigned	held;		/* ROLE_BIT()s held on this incident */
	unsigned	qualified;	/* ROLE_BIT()s the roster qualifies */
	bool		sim_vacant;	/* nobody holds the incident's sim */
};

const char	*role_name(enum role);		/* "sim" */
const char	*role_title(enum role);		/* "Security incident manager" */
const char	*role_label(enum role);		/* "SIM" (panel label) */
int		 role_parse(const char *, enum role *);
/* "sim,eim" -> mask; -1 on an unknown name (named in bad). */
int		 role_parse_list(const char *, unsigned *, char *bad, size_t);
/* mask -> "sim,eim" in table order into out. */
void		 role_format_list(unsigned, char *out, size_t);

const char	*action_name(enum action);
const char	*action_desc(enum action);

/*
 * May the actor do `action` (for ASSIGN/RELEASE/PICKUP, on role
 * `target`)? Returns true, or false with a sentence for the user in why.
 * PICKUP: anyone qualified for the target, which must be triage or sim
 * (the caller checks that it is vacant). EDIT: the sim, an
 * administrator, or the triage holder while sim_vacant.
 */
bool		 role_may(enum action, enum role target,
		     const struct actor_facts *, char *why, size_t whylen);

/* The text of the permission table, one line per action (for --help). */
const char	*role_rule_text(enum action);

#endif
