/*
 * ops-demo.h: a demonstration database, built through the same actions a user
 * takes (so its journal is genuine and verifies), with deadlines computed
 * from now so every clock state is always on show.
 */
#ifndef VIGIL_OPS_DEMO_H
#define VIGIL_OPS_DEMO_H

#include "vigil/ops.h"

/*
 * Fill the (new, empty) database of ctx: a roster of people in all seven
 * roles plus the current user in every role, and incidents in every stage,
 * declared breaches whose customer deadlines are ok, warn, critical,
 * overdue, met and missed, and closed incidents. Returns the number of
 * incidents created, or -1.
 */
int	demo_populate(struct vigil_ctx *, struct verr *);
/*
 * Is the database at path a demo (only the demo's people, me among them,
 * and only the demo's incidents)? 1 yes, 0 no, -1 when it cannot be read.
 */
int	demo_is_demo(const char *path, const char *me, struct verr *);

#endif
