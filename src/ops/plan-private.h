/*
 * plan-private.h: applying a plan inside an action already started, for
 * the files of src/ops that create incidents (ops_incident_new, --plan).
 */
#ifndef VIGIL_PLAN_PRIVATE_H
#define VIGIL_PLAN_PRIVATE_H

#include "ops-private.h"
#include "vigil/task.h"

/*
 * Apply p to op's incident inside op's transaction: record the plan, add
 * the tasks, clocks and recipients the incident has not got, and put
 * "plan", "tasks", "clocks" and "recipients" in op's payload. On failure
 * the caller aborts op.
 */
int	op_plan_apply(struct op *, const struct plan *, struct plan_applied *,
	    struct verr *);

#endif
