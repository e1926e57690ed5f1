/*
 * ops-present.h: incidents as JSON documents for the command line (and
 * exports). Pure formatting of records already read and clocks already
 * evaluated. Key order is fixed, so the same data always gives the same
 * bytes.
 */
#ifndef VIGIL_OPS_PRESENT_H
#define VIGIL_OPS_PRESENT_H

#include <stddef.h>
#include <stdint.h>

#include "vigil/buf.h"
#include "vigil/ops-clock-eval.h"
#include "vigil/incident.h"
#include "vigil/milestone.h"

struct recipient;

/*
 * Write one incident object. With full, include roles (all seven keys),
 * milestones (name -> time of the latest occurrence) and the clocks array.
 * `deadline` is the customer clock, clocks[0] of ops_clocks_eval().
 * With full, also the recipients array (rcp may be NULL when nrcp is 0).
 */
void	present_incident_json(struct json *, const struct incident *,
	    const struct milestone *ms, size_t nms,
	    const struct clock_view *clocks, size_t nclocks,
	    const struct recipient *rcp, size_t nrcp, bool full);
/* The same with the object left open, for a caller to add members. */
void	present_incident_json_open(struct json *, const struct incident *,
	    const struct milestone *ms, size_t nms,
	    const struct clock_view *clocks, size_t nclocks,
	    const struct recipient *rcp, size_t nrcp, bool full);
/* The clocks array (the contract of `vigil clocks --json`). */
void	present_clocks_json(struct json *, const struct clock_view *,
	    size_t);

#endif
