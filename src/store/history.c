/*
 * history.c: read queries over the journal for the hand-off digest and
 * for time travel (see store-history.h). Reads only; the journal's
 * integer primary key keeps every query here an index walk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "vigil/buf.h"
#include "vigil/store-history.h"
#include "vigil/util.h"

#define HISTORY_COLS "seq, incident_id, at, login, action, payload"

static void
history_row(sqlite3_stmt *st, struct journal_entry *je)
{
	memset(je, 0, sizeof *je);
	je->seq = sqlite3_column_int64(st, 0);
	je->has_incident = sqlite3_column_type(st, 1) != SQLITE_NULL;
	je->incident = sqlite3_column_int64(st, 1);
	je->at = sqlite3_column_int64(st, 2);
	je->login = db_col_text(st, 3);
	je->action = db_col_text(st, 4);
	je->payload = db_col_text(st, 5);
}

/* One integer from a one-row query with up to two bound integers. */
static int
history_int(struct db *db, const char *sql, int nb, int64_t a, int64_t b,
    int64_t *out, bool *found, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*out = 0;
	if (found != NULL)
		*found = false;
	if ((st = db_prepare(db, sql, e)) == NULL)
		return -1;
	if (nb > 0)
		sqlite3_bind_int64(st, 1, a);
	if (nb > 1)
		sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*out = sqlite3_column_int64(st, 0);
		if (found != NULL)
			*found = true;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "reading the journal", e);
	return 0;
}

int
history_head(struct db *db, int64_t *seq, struct verr *e)
{
	return history_int(db, "SELECT max(seq) FROM journal", 0, 0, 0, seq,
	    NULL, e);
}

int
history_identity(struct db *db, char out[40], struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	out[0] = '\0';
	st = db_prepare(db, "SELECT uuid FROM journal ORDER BY seq LIMIT 1",
	    e);
	if (st == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(out, 40, "%s", (const char *)(sqlite3_column_text(st,
		    0) != NULL ? sqlite3_column_text(st, 0) :
		    (const unsigned char *)""));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "reading the journal", e);
	return 0;
}

int
history_seq_time(struct db *db, int64_t seq, int64_t *at, struct verr *e)
{
	return history_int(db, "SELECT at FROM journal WHERE seq = ?", 1, seq,
	    0, at, NULL, e);
}

int
history_seq_at(struct db *db, int64_t t, int64_t *seq, struct verr *e)
{
	int64_t	lo, hi, mid, at, s;
	bool	found;

	*seq = 0;
	if (history_int(db, "SELECT min(seq) FROM journal", 0, 0, 0, &lo,
	    &found, e) != 0)
		return -1;
	if (!found)
		return 0;
	if (history_head(db, &hi, e) != 0)
		return -1;
	/* the last entry with at <= t: invariant entries < lo qualify */
	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if (history_int(db, "SELECT seq, at FROM journal WHERE seq >= ? "
		    "ORDER BY seq LIMIT 1", 1, mid, 0, &s, &found, e) != 0)
			return -1;
		if (!found) {
			hi = mid - 1;
			continue;
		}
		if (history_int(db, "SELECT at FROM journal WHERE seq = ?", 1,
		    s, 0, &at, NULL, e) != 0)
			return -1;
		if (at <= t) {
			*seq = s;
			lo = s + 1;
		} else
			hi = mid - 1;
	}
	return 0;
}

static int
history_collect(struct db *db, sqlite3_stmt *st, struct journal_entry **out,
    size_t *n, struct verr *e)
{
	size_t	cap = 0;
	int	rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		history_row(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		journal_list_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading the journal", e);
	}
	return 0;
}

int
history_since(struct db *db, int64_t after, int64_t upto,
    const char *const *actions, size_t na, int limit,
    struct journal_entry **out, size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;
	struct buf	 sql;
	size_t		 i;

	*out = NULL;
	*n = 0;
	buf_init(&sql);
	buf_puts(&sql, "SELECT " HISTORY_COLS " FROM journal WHERE seq > ?1 "
	    "AND seq <= ?2");
	if (na > 0) {
		buf_puts(&sql, " AND action IN (");
		for (i = 0; i < na; i++)
			buf_printf(&sql, "%s?%zu", i > 0 ? ", " : "", i + 4);
		buf_putc(&sql, ')');
	}
	buf_puts(&sql, " ORDER BY seq LIMIT ?3");
	st = db_prepare(db, buf_str(&sql), e);
	buf_clear(&sql);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int64(st, 2, upto);
	sqlite3_bind_int(st, 3, limit > 0 ? limit : -1);
	for (i = 0; i < na; i++)
		db_bind_text(st, (int)i + 4, actions[i]);
	return history_collect(db, st, out, n, e);
}

int
history_incident(struct db *db, int64_t incident, int64_t t,
    int64_t upto_seq, struct journal_entry **out, size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT " HISTORY_COLS " FROM journal WHERE "
	    "incident_id = ?1 AND at <= ?2 AND (?3 <= 0 OR seq <= ?3) "
	    "ORDER BY seq", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, t);
	sqlite3_bind_int64(st, 3, upto_seq);
	return history_collect(db, st, out, n, e);
}

int
history_clock_candidates(struct db *db, int64_t since, int limit,
    int64_t **ids, size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*ids = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT id FROM incident WHERE status = 'open' "
	    "AND queue_due >= ?1 AND queue_due < 9223372036854775807 "
	    "ORDER BY queue_due LIMIT ?2", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return db_error(db, rc, "reading the queue", e);
	}
	return 0;
}
