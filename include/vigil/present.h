/*
 * present.h: incidents as JSON documents for the command line (and exports).
 * Pure formatting of records already read: no I/O, `now` is an argument.
 * Key order is fixed, so the same data always gives the same bytes.
 */
#ifndef VIGIL_PRESENT_H
#define VIGIL_PRESENT_H

#include <stddef.h>
#include <stdint.h>

#include "vigil/buf.h"
#include "vigil/incident.h"
#include "vigil/milestone.h"

/*
 * Write one incident object. With full, include roles (all seven keys) and
 * milestones (name -> time of the latest occurrence); ms may be NULL then.
 */
void	present_incident_json(struct json *, const struct incident *,
	    const struct milestone *ms, size_t nms, int64_t now, bool full);

#endif
