/*
 * assignments.c: role tenures. A tenure is never deleted: releasing a role
 * closes the current row (released at/by, hand-off note) and assigning
 * opens a new one. The partial unique index assignment_current makes "at
 * most one holder per role" a property of the file, not only of the code.
 */
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "vigil/store.h"
#include "vigil/util.h"

void
assignment_list_free(struct assignment **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++) {
		struct assignment *a = &(*list)[i];

		free(a->login);
		free(a->assigned_by);
		free(a->note);
		free(a->released_by);
		free(a->release_note);
	}
	free(*list);
	*list = NULL;
}

int
assignments_insert(struct db *db, int64_t incident, enum role r,
    const char *login, int64_t at, const char *by, const char *note,
    struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "INSERT INTO assignment (incident_id, role, login, "
	    "assigned_at, assigned_by, note) VALUES (?, ?, ?, ?, ?, ?)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	db_bind_text(st, 2, role_name(r));
	db_bind_text(st, 3, login);
	sqlite3_bind_int64(st, 4, at);
	db_bind_text(st, 5, by);
	db_bind_text(st, 6, note != NULL ? note : "");
	return db_exec_stmt(db, st, "assigning the role", e);
}

int
assignments_release(struct db *db, int64_t incident, enum role r, int64_t at,
    const char *by, const char *note, bool *released, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE assignment SET released_at = ?, "
	    "released_by = ?, release_note = ? WHERE incident_id = ? AND "
	    "role = ? AND released_at IS NULL", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, at);
	db_bind_text(st, 2, by);
	db_bind_text(st, 3, note != NULL ? note : "");
	sqlite3_bind_int64(st, 4, incident);
	db_bind_text(st, 5, role_name(r));
	if (db_exec_stmt(db, st, "releasing the role", e) != 0)
		return -1;
	*released = sqlite3_changes(db->h) > 0;
	return 0;
}

int
assignments_list(struct db *db, int64_t incident, struct assignment **out,
    size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	char		*role;
	int		 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT role, login, assigned_at, assigned_by, "
	    "note, released_at, released_by, release_note, id FROM assignment "
	    "WHERE incident_id = ? ORDER BY id", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct assignment	*a;

		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		a = &(*out)[(*n)++];
		memset(a, 0, sizeof *a);
		role = db_col_text(st, 0);
		if (role_parse(role, &a->role) != 0)
			a->role = ROLE_TRIAGE;
		free(role);
		a->login = db_col_text(st, 1);
		a->assigned_at = sqlite3_column_int64(st, 2);
		a->assigned_by = db_col_text(st, 3);
		a->note = db_col_text(st, 4);
		a->released = sqlite3_column_type(st, 5) != SQLITE_NULL;
		a->released_at = sqlite3_column_int64(st, 5);
		a->released_by = db_col_text(st, 6);
		a->release_note = db_col_text(st, 7);
		a->id = sqlite3_column_int64(st, 8);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		assignment_list_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading role tenures", e);
	}
	return 0;
}

int
assignments_held_by(struct db *db, int64_t incident, const char *login,
    unsigned *mask, struct verr *e)
{
	sqlite3_stmt	*st;
	enum role	 r;
	char		*name;
	int		 rc;

	*mask = 0;
	st = db_prepare(db, "SELECT role FROM assignment WHERE incident_id = ? "
	    "AND login = ? AND released_at IS NULL", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	db_bind_text(st, 2, login);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = db_col_text(st, 0);
		if (role_parse(name, &r) == 0)
			*mask |= ROLE_BIT(r);
		free(name);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, "reading role holders", e);
	return 0;
}
