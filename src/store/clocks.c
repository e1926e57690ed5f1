/*
 * clocks.c: which regulators' clocks run on an incident, and the holds
 * that suspend them. Rows are never deleted: disabling a clock flips its
 * row, releasing a hold closes it.
 */
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "vigil/store.h"
#include "vigil/util.h"

void
clocks_ids_free(char ***ids, size_t n)
{
	size_t	i;

	if (*ids == NULL)
		return;
	for (i = 0; i < n; i++)
		free((*ids)[i]);
	free(*ids);
	*ids = NULL;
}

int
clocks_enabled(struct db *db, int64_t incident, char ***ids, size_t *n,
    struct verr *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*ids = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT rule FROM incident_clock WHERE "
	    "incident_id = ? AND enabled = 1 ORDER BY rule", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = db_col_text(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		clocks_ids_free(ids, *n);
		*n = 0;
		return db_error(db, rc, "reading the incident's clocks", e);
	}
	return 0;
}

int
clocks_set(struct db *db, int64_t incident, const char *rule, bool enabled,
    int64_t at, const char *by, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "INSERT INTO incident_clock (incident_id, rule, "
	    "enabled, changed_at, changed_by) VALUES (?, ?, ?, ?, ?) ON "
	    "CONFLICT (incident_id, rule) DO UPDATE SET enabled = "
	    "excluded.enabled, changed_at = excluded.changed_at, changed_by = "
	    "excluded.changed_by", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	db_bind_text(st, 2, rule);
	sqlite3_bind_int(st, 3, enabled ? 1 : 0);
	sqlite3_bind_int64(st, 4, at);
	db_bind_text(st, 5, by);
	return db_exec_stmt(db, st, "changing the incident's clocks", e);
}

void
hold_list_free(struct hold_rec **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((*list)[i].rule);
		free((*list)[i].basis);
		free((*list)[i].created_by);
	}
	free(*list);
	*list = NULL;
}

int
holds_list(struct db *db, int64_t incident, struct hold_rec **out, size_t *n,
    struct verr *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT id, rule, basis, from_at, until_at, "
	    "created_at, created_by FROM clock_hold WHERE incident_id = ? "
	    "ORDER BY from_at, id", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hold_rec	*h;

		if (*n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		h = &(*out)[(*n)++];
		memset(h, 0, sizeof *h);
		h->id = sqlite3_column_int64(st, 0);
		h->rule = db_col_text(st, 1);
		h->basis = db_col_text(st, 2);
		h->from = sqlite3_column_int64(st, 3);
		h->has_until = sqlite3_column_type(st, 4) != SQLITE_NULL;
		h->until = sqlite3_column_int64(st, 4);
		h->created_at = sqlite3_column_int64(st, 5);
		h->created_by = db_col_text(st, 6);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		hold_list_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading holds", e);
	}
	return 0;
}

int
holds_insert(struct db *db, int64_t incident, const char *rule,
    const char *basis, int64_t from, bool has_until, int64_t until,
    int64_t at, const char *by, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "INSERT INTO clock_hold (incident_id, rule, basis, "
	    "from_at, until_at, created_at, created_by) VALUES (?, ?, ?, ?, ?, "
	    "?, ?)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	db_bind_text(st, 2, rule);
	db_bind_text(st, 3, basis);
	sqlite3_bind_int64(st, 4, from);
	if (has_until)
		sqlite3_bind_int64(st, 5, until);
	sqlite3_bind_int64(st, 6, at);
	db_bind_text(st, 7, by);
	return db_exec_stmt(db, st, "recording the hold", e);
}

int
holds_release(struct db *db, int64_t incident, const char *rule, int64_t at,
    const char *by, int *n, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE clock_hold SET until_at = ?, released_at = "
	    "?, released_by = ? WHERE incident_id = ? AND rule = ? AND "
	    "released_at IS NULL AND (until_at IS NULL OR until_at > ?)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_int64(st, 2, at);
	db_bind_text(st, 3, by);
	sqlite3_bind_int64(st, 4, incident);
	db_bind_text(st, 5, rule);
	sqlite3_bind_int64(st, 6, at);
	if (db_exec_stmt(db, st, "releasing the hold", e) != 0)
		return -1;
	*n = sqlite3_changes(db->h);
	return 0;
}
