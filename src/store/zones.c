/*
 * zones.c: the member state's time zone chosen for an incident (one row
 * per incident at most; the journal keeps the history of changes).
 */
#include <stdlib.h>

#include "store-private.h"
#include "vigil/store-zone.h"

int
zones_get(struct db *db, int64_t incident, char **zone, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*zone = NULL;
	st = db_prepare(db, "SELECT zone FROM incident_zone WHERE "
	    "incident_id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*zone = db_col_text(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "reading the incident's zone", e);
	return 0;
}

int
zones_set(struct db *db, int64_t incident, const char *zone, int64_t at,
    const char *by, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "INSERT INTO incident_zone (incident_id, zone, "
	    "set_at, set_by) VALUES (?, ?, ?, ?) ON CONFLICT (incident_id) DO "
	    "UPDATE SET zone = excluded.zone, set_at = excluded.set_at, "
	    "set_by = excluded.set_by", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_text(st, 2, zone, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, at);
	sqlite3_bind_text(st, 4, by, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, "setting the incident's zone", e);
	return 0;
}
