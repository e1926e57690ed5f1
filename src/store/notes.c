/*
 * notes.c: free-text notes on an incident (append-only rows).
 */
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "vigil/store.h"
#include "vigil/util.h"

void
note_list_free(struct note **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((*list)[i].author);
		free((*list)[i].text);
	}
	free(*list);
	*list = NULL;
}

int
notes_insert(struct db *db, int64_t incident, int64_t at, const char *author,
    const char *text, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "INSERT INTO note (incident_id, at, author, text) "
	    "VALUES (?, ?, ?, ?)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, at);
	db_bind_text(st, 3, author);
	db_bind_text(st, 4, text);
	return db_exec_stmt(db, st, "adding the note", e);
}

int
notes_list(struct db *db, int64_t incident, int limit, struct note **out,
    size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT id, at, author, text FROM note WHERE "
	    "incident_id = ? ORDER BY at DESC, id DESC LIMIT ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[*n].id = sqlite3_column_int64(st, 0);
		(*out)[*n].at = sqlite3_column_int64(st, 1);
		(*out)[*n].author = db_col_text(st, 2);
		(*out)[*n].text = db_col_text(st, 3);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		note_list_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading notes", e);
	}
	return 0;
}
