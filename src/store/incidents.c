/*
 * incidents.c: the incident rows, and windows of the queue. The queue never
 * loads every incident: each query reads one window through the
 * incident_queue (open) or incident_closed index, anchored on a row (keyset
 * pagination), so it costs the same with ten incidents or a million.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "vigil/buf.h"
#include "vigil/store.h"
#include "vigil/util.h"

#define INCIDENT_COLS "id, uuid, title, description, severity, kind, " \
	"stage, status, resolution, created_at, created_by, updated_at, " \
	"closed_at, declared_at, declared_by, notified_at, queue_due"
#define QUEUE_NONE INT64_MAX

static void
incident_row(sqlite3_stmt *st, struct incident *inc)
{
	char	*s;

	memset(inc, 0, sizeof *inc);
	inc->id = sqlite3_column_int64(st, 0);
	incident_key_format(inc->id, inc->key);
	s = db_col_text(st, 1);
	snprintf(inc->uuid, sizeof inc->uuid, "%s", s);
	free(s);
	inc->title = db_col_text(st, 2);
	inc->description = db_col_text(st, 3);
	inc->severity = sqlite3_column_int(st, 4);
	if (inc->severity < SEVERITY_MIN || inc->severity > SEVERITY_MAX)
		inc->severity = SEVERITY_MAX;
	s = db_col_text(st, 5);
	if (kind_parse(s, &inc->kind) != 0)
		inc->kind = KIND_SECURITY;
	free(s);
	s = db_col_text(st, 6);
	if (stage_parse(s, &inc->stage) != 0)
		inc->stage = STAGE_DETECT;
	free(s);
	s = db_col_text(st, 7);
	inc->closed = strcmp(s, "closed") == 0;
	free(s);
	s = db_col_text(st, 8);
	if (resolution_parse(s, &inc->resolution) != 0)
		inc->resolution = RESOLUTION_NONE;
	free(s);
	inc->created_at = sqlite3_column_int64(st, 9);
	inc->created_by = db_col_text(st, 10);
	inc->updated_at = sqlite3_column_int64(st, 11);
	inc->closed_at = sqlite3_column_int64(st, 12);
	inc->declared = sqlite3_column_type(st, 13) != SQLITE_NULL;
	inc->declared_at = sqlite3_column_int64(st, 13);
	inc->declared_by = inc->declared ? db_col_text(st, 14) : NULL;
	inc->notified = sqlite3_column_type(st, 15) != SQLITE_NULL;
	inc->notified_at = sqlite3_column_int64(st, 15);
	inc->next_due = sqlite3_column_int64(st, 16);
	inc->has_next_due = inc->next_due != QUEUE_NONE;
}

void
incident_list_free(struct incident **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++)
		incident_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

/* Fill holder[] and held_since[] with a prepared holders statement. */
static int
incident_holders(struct db *db, sqlite3_stmt *st, struct incident *inc,
    struct verr *e)
{
	enum role	 r;
	char		*name;
	int		 rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, inc->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = db_col_text(st, 0);
		if (role_parse(name, &r) == 0 && inc->holder[r] == NULL) {
			inc->holder[r] = db_col_text(st, 1);
			inc->held_since[r] = sqlite3_column_int64(st, 2);
		}
		free(name);
	}
	if (rc != SQLITE_DONE)
		return db_error(db, rc, "reading role holders", e);
	return 0;
}

static sqlite3_stmt *
holders_prepare(struct db *db, struct verr *e)
{
	return db_prepare(db, "SELECT role, login, assigned_at FROM "
	    "assignment WHERE incident_id = ? AND released_at IS NULL", e);
}

int
incidents_get(struct db *db, int64_t id, struct incident *out,
    struct verr *e)
{
	sqlite3_stmt	*st, *hs;
	int		 rc;

	st = db_prepare(db, "SELECT " INCIDENT_COLS " FROM incident WHERE "
	    "id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		incident_row(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return verr_set(e, VERR_NOINPUT, "no incident IR-%lld",
		    (long long)id);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "reading an incident", e);
	if ((hs = holders_prepare(db, e)) == NULL ||
	    incident_holders(db, hs, out, e) != 0) {
		sqlite3_finalize(hs);
		incident_clear(out);
		return -1;
	}
	sqlite3_finalize(hs);
	return 0;
}

int
incidents_exists(struct db *db, int64_t id, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT 1 FROM incident WHERE id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return verr_set(e, VERR_NOINPUT, "no incident IR-%lld",
		    (long long)id);
	return db_error(db, rc, "reading an incident", e);
}

int
incidents_insert(struct db *db, const struct incident_row *inc, int64_t *id,
    struct verr *e)
{
	sqlite3_stmt	*st;

	assert(inc->uuid != NULL && inc->title != NULL &&
	    inc->created_by != NULL);
	assert(inc->severity >= SEVERITY_MIN && inc->severity <= SEVERITY_MAX);

	st = db_prepare(db, "INSERT INTO incident (uuid, title, description, "
	    "severity, kind, stage, created_at, created_by, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", e);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, inc->uuid);
	db_bind_text(st, 2, inc->title);
	db_bind_text(st, 3, inc->description != NULL ? inc->description : "");
	sqlite3_bind_int(st, 4, inc->severity);
	db_bind_text(st, 5, kind_name(inc->kind));
	db_bind_text(st, 6, stage_name(inc->stage));
	sqlite3_bind_int64(st, 7, inc->created_at);
	db_bind_text(st, 8, inc->created_by);
	sqlite3_bind_int64(st, 9, inc->created_at);
	if (db_exec_stmt(db, st, "creating the incident", e) != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

/* Run an UPDATE of one incident with the id bound last. */
static int
incident_update(struct db *db, sqlite3_stmt *st, int idx, int64_t id,
    const char *what, struct verr *e)
{
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, idx, id);
	if (db_exec_stmt(db, st, what, e) != 0)
		return -1;
	if (sqlite3_changes(db->h) != 1)
		return verr_set(e, VERR_NOINPUT, "no incident IR-%lld",
		    (long long)id);
	return 0;
}

int
incidents_set_stage(struct db *db, int64_t id, enum stage s, int64_t now,
    struct verr *e)
{
	sqlite3_stmt	*st = db_prepare(db, "UPDATE incident SET stage = ?, "
	    "updated_at = ? WHERE id = ?", e);

	if (st != NULL) {
		db_bind_text(st, 1, stage_name(s));
		sqlite3_bind_int64(st, 2, now);
	}
	return incident_update(db, st, 3, id, "changing the stage", e);
}

int
incidents_set_closed(struct db *db, int64_t id, enum resolution r,
    int64_t now, struct verr *e)
{
	sqlite3_stmt	*st = db_prepare(db, "UPDATE incident SET status = "
	    "'closed', stage = 'close', resolution = ?, closed_at = ?, "
	    "updated_at = ?, queue_due = 9223372036854775807, queue_key = "
	    "9223372036854775807 WHERE id = ?", e);

	if (st != NULL) {
		db_bind_text(st, 1, resolution_name(r));
		sqlite3_bind_int64(st, 2, now);
		sqlite3_bind_int64(st, 3, now);
	}
	return incident_update(db, st, 4, id, "closing the incident", e);
}

int
incidents_set_declared(struct db *db, int64_t id, bool declared, int64_t at,
    int offset_s, const char *by, int64_t now, struct verr *e)
{
	sqlite3_stmt	*st = db_prepare(db, "UPDATE incident SET "
	    "declared_at = ?, declared_offset = ?, declared_by = ?, "
	    "updated_at = ? WHERE id = ?", e);

	if (st != NULL) {
		if (declared) {
			sqlite3_bind_int64(st, 1, at);
			sqlite3_bind_int(st, 2, offset_s);
			db_bind_text(st, 3, by);
		}
		sqlite3_bind_int64(st, 4, now);
	}
	return incident_update(db, st, 5, id, "recording the declaration", e);
}

int
incidents_set_notified(struct db *db, int64_t id, bool notified, int64_t at,
    struct verr *e)
{
	sqlite3_stmt	*st = db_prepare(db, "UPDATE incident SET "
	    "notified_at = ? WHERE id = ?", e);

	if (st != NULL && notified)
		sqlite3_bind_int64(st, 1, at);
	return incident_update(db, st, 2, id, "recording notification", e);
}

int
incidents_set_queue_due(struct db *db, int64_t id, bool has, int64_t due,
    struct verr *e)
{
	sqlite3_stmt	*st = db_prepare(db, "UPDATE incident SET "
	    "queue_due = ?1, queue_key = ?1 WHERE id = ?2", e);

	if (st != NULL)
		sqlite3_bind_int64(st, 1, has ? due : QUEUE_NONE);
	return incident_update(db, st, 2, id, "updating the queue", e);
}

int
incidents_set_queue_key(struct db *db, int64_t id, bool has, int64_t key,
    struct verr *e)
{
	sqlite3_stmt	*st = db_prepare(db, "UPDATE incident SET "
	    "queue_key = ? WHERE id = ?", e);

	if (st != NULL)
		sqlite3_bind_int64(st, 1, has ? key : QUEUE_NONE);
	return incident_update(db, st, 2, id, "updating the queue", e);
}

int
incidents_touch(struct db *db, int64_t id, int64_t now, struct verr *e)
{
	sqlite3_stmt	*st = db_prepare(db, "UPDATE incident SET "
	    "updated_at = ? WHERE id = ?", e);

	if (st != NULL)
		sqlite3_bind_int64(st, 1, now);
	return incident_update(db, st, 2, id, "updating the incident", e);
}

/*
 * The pieces of a queue query: the set's condition, its ordering columns
 * and direction. The anchor compares row values on the same columns, so
 * the index serves both the range and the order.
 */
struct set_sql {
	const char	*where;
	const char	*key;		/* row value of the order */
	bool		 desc;		/* natural order is descending */
};

static const struct set_sql set_sql[] = {
	[INCIDENTS_OPEN] = { "status = 'open'", "queue_key, severity, id",
	    false },
	[INCIDENTS_CLOSED] = { "status = 'closed'", "closed_at, id", true },
	[INCIDENTS_ALL] = { "1", "id", true },
};

/* A filter longer than this is refused (SQLite bounds LIKE patterns). */
#define INCIDENT_FILTER_MAX 1000

static int
filter_check(const struct incident_query *q, struct verr *e)
{
	if (q->filter != NULL && strlen(q->filter) > INCIDENT_FILTER_MAX)
		return verr_set(e, VERR_USAGE, "the filter is too long (%zu "
		    "bytes; at most %d)", strlen(q->filter),
		    INCIDENT_FILTER_MAX);
	return 0;
}

/* Append the filter condition (bound as ?1 when present). */
static void
query_where(struct buf *sql, const struct incident_query *q)
{
	buf_printf(sql, " WHERE %s", set_sql[q->set].where);
	if (q->filter != NULL && *q->filter != '\0')
		buf_puts(sql, " AND (title LIKE ?1 ESCAPE '\\' OR "
		    "('IR-' || id) LIKE ?1 ESCAPE '\\')");
}

/* "%filter%" with LIKE's wildcards escaped; owned by the caller. */
static char *
like_pattern(const char *filter)
{
	struct buf	b;
	const char	*p;

	buf_init(&b);
	buf_putc(&b, '%');
	for (p = filter; *p != '\0'; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_putc(&b, '\\');
		buf_putc(&b, *p);
	}
	buf_putc(&b, '%');
	return buf_steal(&b);
}

static void
query_bind(sqlite3_stmt *st, const struct incident_query *q)
{
	char	*pat;

	if (q->filter != NULL && *q->filter != '\0') {
		pat = like_pattern(q->filter);
		sqlite3_bind_text(st, 1, pat, -1, SQLITE_TRANSIENT);
		free(pat);
	}
	if (q->has_anchor)
		sqlite3_bind_int64(st, 2, q->anchor_id);
}

int
incidents_list(struct db *db, const struct incident_query *q,
    struct incident **out, size_t *n, struct verr *e)
{
	const struct set_sql	*s = &set_sql[q->set];
	struct buf		 sql;
	sqlite3_stmt		*st, *hs = NULL;
	size_t			 cap = 0, i;
	bool			 forward = !q->backward, desc;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (filter_check(q, e) != 0)
		return -1;
	/* Walking the natural order forward; backward reverses it. */
	desc = s->desc == forward;
	buf_init(&sql);
	buf_puts(&sql, "SELECT " INCIDENT_COLS " FROM incident");
	query_where(&sql, q);
	if (q->has_anchor)
		buf_printf(&sql, " AND (%s) %c (SELECT %s FROM incident "
		    "WHERE id = ?2)", s->key, desc ? '<' : '>', s->key);
	buf_puts(&sql, " ORDER BY ");
	if (q->set == INCIDENTS_OPEN)
		buf_puts(&sql, desc ? "queue_key DESC, severity DESC, id DESC" :
		    "queue_key, severity, id");
	else if (q->set == INCIDENTS_CLOSED)
		buf_puts(&sql, desc ? "closed_at DESC, id DESC" :
		    "closed_at, id");
	else
		buf_puts(&sql, desc ? "id DESC" : "id");
	if (q->limit > 0)
		buf_printf(&sql, " LIMIT %d", q->limit);
	st = db_prepare(db, buf_str(&sql), e);
	buf_clear(&sql);
	if (st == NULL)
		return -1;
	query_bind(st, q);
	if (q->with_roles && (hs = holders_prepare(db, e)) == NULL) {
		sqlite3_finalize(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		incident_row(st, &(*out)[*n]);
		(*n)++;
		if (hs != NULL && incident_holders(db, hs, &(*out)[*n - 1],
		    e) != 0) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(hs);
	if (rc != SQLITE_DONE) {
		if (rc != SQLITE_ERROR)
			db_error(db, rc, "reading the queue", e);
		incident_list_free(out, *n);
		*n = 0;
		return -1;
	}
	if (q->backward) {	/* present in natural order */
		for (i = 0; i < *n / 2; i++) {
			struct incident	tmp = (*out)[i];

			(*out)[i] = (*out)[*n - 1 - i];
			(*out)[*n - 1 - i] = tmp;
		}
	}
	return 0;
}

static int
count_query(struct db *db, struct buf *sql, const struct incident_query *q,
    int64_t *v, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, buf_str(sql), e);
	buf_clear(sql);
	if (st == NULL)
		return -1;
	query_bind(st, q);
	rc = sqlite3_step(st);
	*v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "counting incidents", e);
	return 0;
}

int
incidents_count(struct db *db, const struct incident_query *q, int64_t *n,
    struct verr *e)
{
	struct incident_query	cq = *q;
	struct buf		sql;

	if (filter_check(q, e) != 0)
		return -1;
	cq.has_anchor = false;
	buf_init(&sql);
	buf_puts(&sql, "SELECT count(*) FROM incident");
	query_where(&sql, &cq);
	return count_query(db, &sql, &cq, n, e);
}

int
incidents_rank(struct db *db, const struct incident_query *q, int64_t id,
    int64_t *rank, struct verr *e)
{
	const struct set_sql	*s = &set_sql[q->set];
	struct incident_query	 rq = *q;
	struct buf		 sql;

	if (filter_check(q, e) != 0)
		return -1;
	rq.has_anchor = true;
	rq.anchor_id = id;
	buf_init(&sql);
	buf_puts(&sql, "SELECT count(*) FROM incident");
	query_where(&sql, &rq);
	buf_printf(&sql, " AND (%s) %c (SELECT %s FROM incident WHERE "
	    "id = ?2)", s->key, s->desc ? '>' : '<', s->key);
	return count_query(db, &sql, &rq, rank, e);
}

int
incidents_stats(struct db *db, const char *login, struct incident_stats *out,
    struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(out, 0, sizeof *out);
	/*
	 * The open set through the covering index incident_open_stats. Every
	 * incident: incidents are never deleted and keys are dense, so the
	 * largest key is the count, read in O(log n) rather than a scan of a
	 * million rows.
	 */
	st = db_prepare(db, "SELECT (SELECT ifnull(max(id), 0) FROM incident), "
	    "count(*), "
	    "ifnull(sum(severity = 1), 0), ifnull(sum(declared_at IS NOT "
	    "NULL), 0) FROM incident WHERE status = 'open'", e);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->all = sqlite3_column_int64(st, 0);
		out->open = sqlite3_column_int64(st, 1);
		out->sev1 = sqlite3_column_int64(st, 2);
		out->declared = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "counting incidents", e);
	/* the person's current tenures through assignment_login */
	st = db_prepare(db, "SELECT count(DISTINCT a.incident_id) FROM "
	    "assignment a JOIN incident i ON i.id = a.incident_id WHERE "
	    "a.login = ? AND a.released_at IS NULL AND i.status = 'open'", e);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, login);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		out->mine = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "counting incidents", e);
	return 0;
}
