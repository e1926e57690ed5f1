/*
 * roster.c: the people who may act on a database, their contact and the
 * roles they are qualified for. Roles are stored as a readable list
 * ("sim,eim") so the file stays understandable from the sqlite3 shell.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "vigil/store.h"
#include "vigil/util.h"

#define ROSTER_COLS "login, uid, name, contact, roles, admin, added_at, added_by"

void
person_clear(struct person *p)
{
	free(p->login);
	free(p->name);
	free(p->contact);
	free(p->added_by);
	memset(p, 0, sizeof *p);
}

void
person_list_free(struct person **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++)
		person_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

static void
roster_row(sqlite3_stmt *st, struct person *p)
{
	char	*roles, bad[32];

	memset(p, 0, sizeof *p);
	p->login = db_col_text(st, 0);
	p->has_uid = sqlite3_column_type(st, 1) != SQLITE_NULL;
	p->uid = sqlite3_column_int64(st, 1);
	p->name = db_col_text(st, 2);
	p->contact = db_col_text(st, 3);
	roles = db_col_text(st, 4);
	if (role_parse_list(roles, &p->roles, bad, sizeof bad) != 0)
		p->roles = 0;	/* an edited file: trust nothing */
	free(roles);
	p->admin = sqlite3_column_int(st, 5) == 1;
	p->added_at = sqlite3_column_int64(st, 6);
	p->added_by = db_col_text(st, 7);
}

int
roster_get(struct db *db, const char *login, struct person *out,
    struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT " ROSTER_COLS " FROM roster WHERE "
	    "login = ?", e);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, login);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		roster_row(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(db, rc, "reading the roster", e);
}

static int
roster_select(struct db *db, sqlite3_stmt *st, struct person **out,
    size_t *n, struct verr *e)
{
	size_t	cap = 0;
	int	rc;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		roster_row(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		person_list_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading the roster", e);
	}
	return 0;
}

int
roster_list(struct db *db, struct person **out, size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "SELECT " ROSTER_COLS " FROM roster ORDER BY "
	    "login", e);
	if (st == NULL)
		return -1;
	return roster_select(db, st, out, n, e);
}

int
roster_qualified(struct db *db, enum role r, struct person **out, size_t *n,
    struct verr *e)
{
	struct person	*all;
	size_t		 nall, i, k = 0;

	if (roster_list(db, &all, &nall, e) != 0)
		return -1;
	for (i = 0; i < nall; i++) {
		if (all[i].roles & ROLE_BIT(r))
			all[k++] = all[i];
		else
			person_clear(&all[i]);
	}
	*out = all;
	*n = k;
	if (k == 0)
		person_list_free(out, 0);
	return 0;
}

int
roster_count(struct db *db, int64_t *n, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(db, "SELECT count(*) FROM roster", e)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "counting the roster", e);
	return 0;
}

int
roster_put(struct db *db, const struct person_row *p, struct verr *e)
{
	sqlite3_stmt	*st;
	char		 roles[128];

	assert(p->login != NULL && p->name != NULL && p->added_by != NULL);

	st = db_prepare(db, "INSERT INTO roster (" ROSTER_COLS ") VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (login) DO UPDATE SET "
	    "uid = excluded.uid, name = excluded.name, contact = "
	    "excluded.contact, roles = excluded.roles, admin = "
	    "excluded.admin", e);
	if (st == NULL)
		return -1;
	role_format_list(p->roles, roles, sizeof roles);
	db_bind_text(st, 1, p->login);
	if (p->has_uid)
		sqlite3_bind_int64(st, 2, p->uid);
	db_bind_text(st, 3, p->name);
	db_bind_text(st, 4, p->contact != NULL ? p->contact : "");
	db_bind_text(st, 5, roles);
	sqlite3_bind_int(st, 6, p->admin ? 1 : 0);
	sqlite3_bind_int64(st, 7, p->added_at);
	db_bind_text(st, 8, p->added_by);
	return db_exec_stmt(db, st, "writing the roster", e);
}
