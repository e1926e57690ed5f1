/*
 * ops-team.h: the actions a team needs to hand work on and to correct
 * what was recorded (src/ops/team.c). Each is one transaction with one
 * journal entry; a refusal is journaled "denied".
 */
#ifndef VIGIL_OPS_TEAM_H
#define VIGIL_OPS_TEAM_H

#include "vigil/ops.h"
#include "vigil/store-team.h"

/*
 * Take the vacant role r (triage or sim) of incident key for oneself;
 * the roster must qualify the caller for it. Journaled "role.pickup".
 */
int	ops_pickup(struct vigil_ctx *, const char *key, enum role r,
	    struct verr *);

/*
 * Change severity, kind, title and/or description (the fields ed sets).
 * The sim, an administrator, or the triage holder while no sim is
 * assigned. Journaled "incident.set" with each field's old and new value.
 * A request that changes nothing is refused (VERR_DATA).
 */
int	ops_incident_set(struct vigil_ctx *, const char *key,
	    const struct incident_edit *, struct verr *);

/*
 * Replace the time of the recorded milestone `name` with at (entered
 * with offset_s), for a reason (required). Whoever may record milestones
 * may correct them. Journaled "milestone.correct" with the old and the
 * new time; the review lists corrections.
 */
int	ops_milestone_correct(struct vigil_ctx *, const char *key,
	    const char *name, int64_t at, int offset_s, const char *reason,
	    struct verr *);

#endif
