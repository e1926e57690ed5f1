/*
 * milestones.c: recorded milestones of an incident (append-only rows).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "vigil/store.h"
#include "vigil/util.h"

int
milestones_list(struct db *db, int64_t incident, struct milestone **out,
    size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	char		*name;
	int		 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT id, name, at, offset, recorded_at, "
	    "recorded_by, note FROM milestone WHERE incident_id = ? ORDER BY "
	    "at, id", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct milestone	*m;

		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		m = &(*out)[(*n)++];
		memset(m, 0, sizeof *m);
		m->id = sqlite3_column_int64(st, 0);
		name = db_col_text(st, 1);
		snprintf(m->name, sizeof m->name, "%s", name);
		free(name);
		m->at = sqlite3_column_int64(st, 2);
		m->offset_s = sqlite3_column_int(st, 3);
		m->recorded_at = sqlite3_column_int64(st, 4);
		m->recorded_by = db_col_text(st, 5);
		m->note = db_col_text(st, 6);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		milestone_list_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading milestones", e);
	}
	return 0;
}

int
milestones_insert(struct db *db, int64_t incident,
    const struct milestone_row *m, struct verr *e)
{
	sqlite3_stmt	*st;

	assert(m->name != NULL && m->name[0] != '\0' && m->recorded_by != NULL);

	st = db_prepare(db, "INSERT INTO milestone (incident_id, name, at, "
	    "offset, recorded_at, recorded_by, note) VALUES (?, ?, ?, ?, ?, ?, "
	    "?)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	db_bind_text(st, 2, m->name);
	sqlite3_bind_int64(st, 3, m->at);
	sqlite3_bind_int(st, 4, m->offset_s);
	sqlite3_bind_int64(st, 5, m->recorded_at);
	db_bind_text(st, 6, m->recorded_by);
	db_bind_text(st, 7, m->note != NULL ? m->note : "");
	return db_exec_stmt(db, st, "recording the milestone", e);
}
