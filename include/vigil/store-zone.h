/*
 * store-zone.h: the time zone of the member state chosen for an incident,
 * which counts its member-state clocks (rules with state_zone = yes: NIS2,
 * DORA, the CRA's day and month clocks). Same contract as store.h: writes
 * run inside db_begin()/db_commit() and do not journal (src/ops does);
 * reads copy the string; the caller owns the result.
 */
#ifndef VIGIL_STORE_ZONE_H
#define VIGIL_STORE_ZONE_H

#include <stdint.h>

#include "vigil/store-db.h"
#include "vigil/verr.h"

/*
 * The zone set on the incident, in *zone (owned by the caller; NULL when
 * none is set). Returns 0 or -1 with e set.
 */
int	zones_get(struct db *, int64_t incident, char **zone, struct verr *e);

/* Set (or replace) the incident's zone, by login at `at`. */
int	zones_set(struct db *, int64_t incident, const char *zone, int64_t at,
	    const char *by, struct verr *e);

#endif
