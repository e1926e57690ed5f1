/*
 * denials.c: refused attempts in bursts. A person's first twenty refusals
 * within a minute are journaled one by one; more are only counted here,
 * and the next refusal journaled once the minute is over carries the
 * count, so that someone off the roster cannot fill the journal (a
 * thousand attempts in seconds are a handful of entries, then one a
 * minute, each with its count). The
 * table is not part of the record (record.c leaves it out): its rows are
 * counters, and the journal holds every count once it is taken.
 */
#include "store-private.h"
#include "vigil/store-record.h"

int
denials_recent(struct db *db, int64_t uid, int64_t since, int64_t *n,
    struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*n = 0;
	/* the newest entries only: a burst is recent by definition */
	st = db_prepare(db, "SELECT count(*) FROM (SELECT action, uid, at "
	    "FROM journal ORDER BY seq DESC LIMIT 200) WHERE action = "
	    "'denied' AND uid = ? AND at >= ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, uid);
	sqlite3_bind_int64(st, 2, since);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "reading the journal", e);
	return 0;
}

int
denials_count(struct db *db, int64_t uid, const char *login, int64_t at,
    struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "INSERT INTO denial_burst (uid, login, first_at, "
	    "last_at, count) VALUES (?1, ?2, ?3, ?3, 1) ON CONFLICT (uid) DO "
	    "UPDATE SET count = count + 1, last_at = ?3, login = ?2", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, uid);
	db_bind_text(st, 2, login);
	sqlite3_bind_int64(st, 3, at);
	return db_exec_stmt(db, st, "counting a refusal", e);
}

int
denials_take(struct db *db, int64_t uid, int64_t *count, int64_t *first_at,
    struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*count = 0;
	*first_at = 0;
	st = db_prepare(db, "SELECT count, first_at FROM denial_burst WHERE "
	    "uid = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, uid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*count = sqlite3_column_int64(st, 0);
		*first_at = sqlite3_column_int64(st, 1);
		if (*count < 0)
			*count = 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "reading the refusals", e);
	if (rc != SQLITE_ROW)
		return 0;
	st = db_prepare(db, "DELETE FROM denial_burst WHERE uid = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, uid);
	return db_exec_stmt(db, st, "taking the refusals", e);
}
