/*
 * ops.h: one function per user action. Each runs authorise -> validate ->
 * write + one journal entry, in ONE transaction (BEGIN IMMEDIATE): on any
 * error it rolls back and nothing is half done. A refusal by the
 * permission table is itself journaled (action "denied"), then returned as
 * VERR_NOPERM. Both front ends (cli, tui) call these and nothing else to
 * change a database.
 */
#ifndef VIGIL_OPS_H
#define VIGIL_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include "vigil/store-db.h"
#include "vigil/ops-identity.h"
#include "vigil/incident.h"
#include "vigil/role.h"
#include "vigil/store.h"
#include "vigil/verr.h"

struct ruleset;

/* Everything an action needs, passed explicitly (no globals). */
struct vigil_ctx {
	struct db	*db;		/* owned by whoever opened it */
	struct actor	 me;
	int64_t		(*clock_now)(void);	/* time enters only here */
	bool		 read_only;
	const char	*default_clocks;	/* "customer" unless configured */
	const char	*share_dir;	/* shipped rules, calendars, templates */
	const char	*user_dir;	/* $XDG_CONFIG_HOME/vigil: overrides */
	const char	*state_zone;	/* default member-state zone, or NULL */
	struct ruleset	*rules;		/* owned; loaded on first use */
	/* witness.c: compare the journal with what this person has seen at
	 * every open (front ends set it; tests of the store do not) */
	bool		 witness;
	char		 witness_warning[768];	/* "" unless it differs */
	/* key the journal's chain at a write open (the setgid installation,
	 * in a directory only vigil's group reaches; see ops_open) */
	bool		 chain_keying;
};

/* The system clock, for clock_now. */
int64_t	ops_system_clock(void);
int64_t	ops_now(const struct vigil_ctx *);

/*
 * Open the database for the context (creating it when allowed) and, when
 * the roster is empty, make the current user its administrator, qualified
 * for every role. *created tells whether the file was new. With
 * chain_keying, a writable journal not yet keyed is keyed from its next
 * entry (a key file made beside it, the switch journaled as chain.keyed).
 */
int	ops_open(struct vigil_ctx *, const char *path, bool create,
	    bool *created, struct verr *);
void	ops_close(struct vigil_ctx *);

struct incident_new {
	const char	*title;
	const char	*description;	/* may be NULL */
	int		 severity;	/* 1..4 */
	enum kind	 kind;
	bool		 has_detected;	/* record the detected milestone */
	int64_t		 detected_at;
	int		 detected_offset;
	const char	*plan;		/* a response plan to apply, or NULL */
};

/* Create an incident; its key ("IR-7") is written to key. */
int	ops_incident_new(struct vigil_ctx *, const struct incident_new *,
	    char key[INCIDENT_KEY_MAX], struct verr *);
int	ops_assign(struct vigil_ctx *, const char *key, enum role,
	    const char *login, const char *note, struct verr *);
int	ops_release(struct vigil_ctx *, const char *key, enum role,
	    const char *note, struct verr *);
int	ops_stage(struct vigil_ctx *, const char *key, enum stage,
	    const char *reason, struct verr *);
int	ops_note(struct vigil_ctx *, const char *key, const char *text,
	    struct verr *);
/* has_at false: now. */
int	ops_milestone(struct vigil_ctx *, const char *key, const char *name,
	    bool has_at, int64_t at, int offset_s, const char *note,
	    struct verr *);
int	ops_declare(struct vigil_ctx *, const char *key, const char *reason,
	    bool has_at, int64_t at, int offset_s, struct verr *);
/*
 * ops_declare(); after a retraction the customer clock resumes with its
 * first due time, unless new_clock: the EIM states that this is a new
 * breach with a clock of its own, from this declaration (journaled with
 * the reason; refused when nothing was declared before).
 */
int	ops_declare_clock(struct vigil_ctx *, const char *key,
	    const char *reason, bool has_at, int64_t at, int offset_s,
	    bool new_clock, struct verr *);
int	ops_retract(struct vigil_ctx *, const char *key, const char *reason,
	    struct verr *);
int	ops_incident_close(struct vigil_ctx *, const char *key,
	    enum resolution,
	    const char *note, struct verr *);

/* Add or update a person (administrators only). */
struct roster_entry {
	const char	*login;
	const char	*name;		/* NULL: keep, or the login */
	const char	*contact;	/* NULL: keep */
	bool		 has_roles;
	unsigned	 roles;
	bool		 has_admin;
	bool		 admin;
	bool		 rebind_uid;	/* take the login's uid from passwd anew */
};
int	ops_roster_add(struct vigil_ctx *, const struct roster_entry *,
	    struct verr *);

/*
 * What the current user may do on an incident, for front ends that offer
 * only permitted actions. Never writes.
 */
bool	ops_may(struct vigil_ctx *, const struct incident *, enum action,
	    enum role target);

/*
 * Send the journal's head (sequence and hash) to syslog (authpriv), a
 * record responders cannot rewrite, so that cutting off the newest
 * entries can be told later. `why` says what prompted it. Best effort:
 * never fails the caller.
 */
void	ops_anchor(struct vigil_ctx *, const char *why);

/*
 * Compare the open database's journal with what this person has seen of
 * it before (the witness file, see witness.c) and remember its head.
 * 1 (and a message in warn) when the journal is shorter than, or differs
 * from, what was seen; 0 otherwise (also when there is no witness to
 * keep: best effort).
 */
int	ops_witness(struct vigil_ctx *, char *warn, size_t len);
/* Witness the open database as it is now, whatever was seen before (for
 * a database this person has just replaced, as demo does). */
void	ops_witness_reset(struct vigil_ctx *);
/* The witness file of the person running vigil; owned by the caller. */
char	*ops_witness_path(void);
/*
 * Check an anchor "SEQ:HASH" (as `vigil anchor` prints it) against the
 * journal: 0 when entry SEQ has HASH, 1 (msg says why) when not, -1 on a
 * malformed anchor or an error.
 */
int	ops_anchor_check(struct vigil_ctx *, const char *anchor, char *msg,
	    size_t len, struct verr *);

/* Parse an incident key, with the message users see when it is not one. */
int	ops_key(const char *key, int64_t *id, struct verr *);

#endif
