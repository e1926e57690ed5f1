/*
 * op.h: the shape every action of src/ops shares (op.c). An action
 *
 *	op_begin()	BEGIN IMMEDIATE, the incident and the actor, the
 *			permission check (a refusal is journaled "denied"
 *			and committed), and a closed incident refused
 *	validates	op_invalid() for a refusal of the request itself
 *	writes		the rows, through src/store
 *	op_finish()	the queue key refreshed, ONE journal entry, COMMIT
 *
 * The cleanup rule, the same for every action: only the two endings,
 * op_finish() and op_abort(), free an op. Every other helper, failing,
 * leaves the op to its caller, and each action has one failure path:
 *
 *	if (op_begin(&op, ctx, ACTION_NOTE, key, ROLE_TRIAGE, e) != 0)
 *		goto fail;
 *	...
 *	return op_finish(&op, "note.add", e);
 * fail:
 *	op_abort(&op);
 *	return -1;
 *
 * Files of src/ops that add actions use these and nothing else to write.
 */
#ifndef VIGIL_OP_H
#define VIGIL_OP_H

#include "vigil/buf.h"
#include "vigil/ops.h"

/* One action in progress. */
struct op {
	struct vigil_ctx	*ctx;
	enum action		 action;
	int64_t			 now;
	bool			 in_tx;		/* a transaction is open */
	bool			 has_incident;
	struct incident		 inc;
	struct person		 me;
	bool			 on_roster;
	bool			 uid_differs;	/* login on the roster, other uid */
	unsigned		 held;
	struct buf		 payload;
	struct json		 j;
};

/*
 * Begin an action: BEGIN IMMEDIATE, the incident (when key is not NULL)
 * and the actor's roster entry and held roles; json payload opened. op is
 * always initialised, so a failure is ended with op_abort().
 */
int	op_start(struct op *, struct vigil_ctx *, enum action, const char *key,
	    struct verr *);
/*
 * The permission check for target; a refusal is journaled "denied" and
 * committed, and -1 returned with VERR_NOPERM.
 */
int	op_authorise(struct op *, enum role target, struct verr *);
/* Refuse (VERR_DATA) when the incident is closed. */
int	op_require_open(struct op *, struct verr *);
/*
 * The opening steps most actions repeat: op_start(), op_authorise() for
 * target and, when key is not NULL, op_require_open().
 */
int	op_begin(struct op *, struct vigil_ctx *, enum action, const char *key,
	    enum role target, struct verr *);
/* End a failed op: roll back what is still open, free. Always safe. */
void	op_abort(struct op *);
/* A refusal of the request itself: set e, return -1 (op left as is). */
int	op_invalid(struct op *, struct verr *, int code, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/*
 * End a successful op: refresh the queue, journal `action` with the
 * payload in op->j, COMMIT, free. On failure it rolls back and frees too.
 */
int	op_finish(struct op *, const char *action, struct verr *);
/* Recompute the incident's queue sort key from its running clocks. */
int	op_refresh_queue(struct op *, struct verr *);
/*
 * Insert a milestone after the ladder checks; adds to the payload. The
 * write several actions share (milestone, declare, clock sent, the last
 * recipient settled).
 */
int	op_milestone(struct op *, const char *name, int64_t at, int offset_s,
	    const char *note, struct verr *);
/*
 * Open a new incident within op (which is then about it): its row in the
 * detect stage, made now by the actor, with a new UUID (written to uuid),
 * the default clocks, and the "detected" milestone when detected is not
 * NULL (its name, recorder and time of recording are filled in here).
 */
int	op_incident_open(struct op *, const char *title,
	    const char *description, int severity, enum kind,
	    struct milestone_row *detected, char uuid[40], struct verr *);
/* Free text from users: present when required, at most max bytes. */
int	check_text(const char *what, const char *s, size_t max, bool required,
	    struct verr *);
/* key: "2026-11-22T09:50:00+01:00" */
void	json_ktime_offset(struct json *, const char *k, int64_t t,
	    int offset_s);
/* Free what the op holds (no rollback); op_abort() is the usual end. */
void	op_free(struct op *);

#endif
