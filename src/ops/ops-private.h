/*
 * ops-private.h: the machinery every action of src/ops shares (ops.c):
 * start a transaction and load the incident and the actor, authorise
 * (journaling refusals), validate, then finish with one journal entry and
 * COMMIT. Files of src/ops that add actions use these and nothing else to
 * write.
 */
#ifndef VIGIL_OPS_PRIVATE_H
#define VIGIL_OPS_PRIVATE_H

#include "vigil/buf.h"
#include "vigil/ops.h"

/* One action in progress. */
struct op {
	struct vigil_ctx	*ctx;
	enum action		 action;
	int64_t			 now;
	bool			 has_incident;
	struct incident		 inc;
	struct person		 me;
	bool			 on_roster;
	unsigned		 held;
	struct buf		 payload;
	struct json		 j;
};

/*
 * Begin an action: BEGIN IMMEDIATE, the incident (when key is not NULL)
 * and the actor's roster entry and held roles; json payload opened. On
 * failure everything is rolled back and op freed.
 */
int	op_start(struct op *, struct vigil_ctx *, enum action, const char *key,
	    struct verr *);
/* The permission check; a refusal is journaled and committed, op freed. */
int	op_authorise(struct op *, enum role target, struct verr *);
/* Refuse (roll back, free) when the incident is closed. */
int	op_require_open(struct op *, struct verr *);
/* Roll back and free. */
void	op_abort(struct op *);
/* Refuse with a validation error: roll back, free, set e. */
int	op_invalid(struct op *, struct verr *, int code, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* Journal `action` with the payload in op->j, refresh the queue, COMMIT. */
int	op_finish(struct op *, const char *action, struct verr *);
/* Recompute the incident's queue sort key from its running clocks. */
int	op_refresh_queue(struct op *, struct verr *);
/* Insert a milestone after the ladder checks; adds to the payload. */
int	op_milestone(struct op *, const char *name, int64_t at, int offset_s,
	    const char *note, struct verr *);
/* Free text from users: present when required, at most max bytes. */
int	check_text(const char *what, const char *s, size_t max, bool required,
	    struct verr *);
/* key: "2026-11-22T09:50:00+01:00" */
void	json_ktime_offset(struct json *, const char *k, int64_t t,
	    int offset_s);
void	op_free(struct op *);

#endif
