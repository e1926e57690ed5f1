/*
 * edits.c: changing what was recorded, for src/ops's "set" and milestone
 * corrections (store-team.h). Only the UPDATEs live here; who may, what
 * is valid, and the journal entry with the old and new values are the
 * caller's. Also the console's lock wait (db_set_busy_ms).
 */
#include <stdlib.h>

#include "store-private.h"
#include "vigil/store-team.h"
#include "vigil/util.h"

int
incidents_edit(struct db *db, int64_t id, const struct incident_edit *ed,
    int64_t now, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "UPDATE incident SET "
	    "severity = coalesce(?1, severity), kind = coalesce(?2, kind), "
	    "title = coalesce(?3, title), "
	    "description = coalesce(?4, description), updated_at = ?5 "
	    "WHERE id = ?6", e);
	if (st == NULL)
		return -1;
	if (ed->has_severity)
		sqlite3_bind_int(st, 1, ed->severity);
	if (ed->has_kind)
		db_bind_text(st, 2, kind_name(ed->kind));
	db_bind_text(st, 3, ed->title);
	db_bind_text(st, 4, ed->description);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, id);
	if ((rc = db_exec_stmt(db, st, "changing the incident", e)) != 0)
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return verr_set(e, VERR_NOINPUT, "no incident IR-%lld",
		    (long long)id);
	return 0;
}

int
milestones_correct(struct db *db, int64_t incident, int64_t mid, int64_t at,
    int offset_s, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "UPDATE milestone SET at = ?, offset = ? WHERE "
	    "id = ? AND incident_id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_int(st, 2, offset_s);
	sqlite3_bind_int64(st, 3, mid);
	sqlite3_bind_int64(st, 4, incident);
	if ((rc = db_exec_stmt(db, st, "correcting the milestone", e)) != 0)
		return rc;
	if (sqlite3_changes(db->h) == 0)
		return verr_set(e, VERR_NOINPUT, "no such milestone");
	return 0;
}

void
db_set_busy_ms(struct db *db, int ms)
{
	sqlite3_busy_timeout(db->h, ms);
}

void
milestone_corrections_free(struct milestone_correction **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((*list)[i].by);
		free((*list)[i].milestone);
		free((*list)[i].old_at);
		free((*list)[i].new_at);
		free((*list)[i].reason);
	}
	free(*list);
	*list = NULL;
}

int
milestones_corrections(struct db *db, int64_t incident,
    struct milestone_correction **out, size_t *n, struct verr *e)
{
	struct milestone_correction	*list = NULL, *c;
	sqlite3_stmt			*st;
	size_t				 cap = 0;
	int				 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT at, login, json_extract(payload, "
	    "'$.milestone'), json_extract(payload, '$.old'), "
	    "json_extract(payload, '$.new'), json_extract(payload, "
	    "'$.reason') FROM journal WHERE incident_id = ? AND action = "
	    "'milestone.correct' ORDER BY seq", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			list = xreallocarray(list, cap, sizeof *list);
		}
		c = &list[(*n)++];
		c->at = sqlite3_column_int64(st, 0);
		c->by = db_col_text(st, 1);
		c->milestone = db_col_text(st, 2);
		c->old_at = db_col_text(st, 3);
		c->new_at = db_col_text(st, 4);
		c->reason = db_col_text(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		milestone_corrections_free(&list, *n);
		*n = 0;
		return db_error(db, rc, "reading milestone corrections", e);
	}
	*out = list;
	return 0;
}
