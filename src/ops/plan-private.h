/*
 * plan-private.h: applying a plan inside an action already started, for
 * the files of src/ops that create incidents (ops_incident_new, --plan).
 */
#ifndef VIGIL_PLAN_PRIVATE_H
#define VIGIL_PLAN_PRIVATE_H

#include "op.h"
#include "vigil/ops-task.h"

/*
 * Apply p to op's incident inside op's transaction: record the plan, add
 * the tasks, clocks and recipients the incident has not got, and put
 * "plan", "tasks", "clocks" and "recipients" in op's payload. On failure
 * the caller aborts op.
 */
int	op_plan_apply(struct op *, const struct plan *, struct plan_applied *,
	    struct verr *);

/*
 * The plan of that type for an action about to start: *ps holds the
 * loaded plans (free with planset_free) and *p points into it. An unknown
 * type is a VERR_DATA error (then *ps is freed).
 */
int	ops_plan_find(struct vigil_ctx *, const char *type,
	    struct planset **ps, const struct plan **p, struct verr *);

#endif
