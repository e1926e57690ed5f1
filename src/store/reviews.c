/*
 * reviews.c: the after-action review's tables (the review text, repair
 * items) and the read queries of the review and of `vigil report`: stage
 * changes as the journal recorded them, and one summary row per incident
 * of a period. The arithmetic on those rows is src/model/stats.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "vigil/store-notify.h"
#include "vigil/util.h"

void
review_text_clear(struct review_text *r)
{
	free(r->root_cause);
	free(r->lessons);
	free(r->updated_by);
	memset(r, 0, sizeof *r);
}

int
reviews_get(struct db *db, int64_t incident, struct review_text *out,
    struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(out, 0, sizeof *out);
	st = db_prepare(db, "SELECT root_cause, lessons, updated_at, "
	    "updated_by FROM review WHERE incident_id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->has = true;
		out->root_cause = db_col_text(st, 0);
		out->lessons = db_col_text(st, 1);
		out->updated_at = sqlite3_column_int64(st, 2);
		out->updated_by = db_col_text(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "reading the review", e);
	if (!out->has) {
		out->root_cause = xstrdup("");
		out->lessons = xstrdup("");
		out->updated_by = xstrdup("");
	}
	return 0;
}

int
reviews_put(struct db *db, int64_t incident, const char *root_cause,
    const char *lessons, int64_t at, const char *by, struct verr *e)
{
	sqlite3_stmt	*st;

	/* ?2/?3 NULL keep the stored value (or '' for a new row) */
	st = db_prepare(db, "INSERT INTO review (incident_id, root_cause, "
	    "lessons, updated_at, updated_by) VALUES (?1, coalesce(?2, ''), "
	    "coalesce(?3, ''), ?4, ?5) ON CONFLICT (incident_id) DO UPDATE "
	    "SET root_cause = coalesce(?2, root_cause), lessons = "
	    "coalesce(?3, lessons), updated_at = ?4, updated_by = ?5", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	db_bind_text(st, 2, root_cause);
	db_bind_text(st, 3, lessons);
	sqlite3_bind_int64(st, 4, at);
	db_bind_text(st, 5, by);
	return db_exec_stmt(db, st, "saving the review", e);
}

void
repair_list_free(struct repair **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((*list)[i].text);
		free((*list)[i].owner);
		free((*list)[i].created_by);
		free((*list)[i].done_by);
	}
	free(*list);
	*list = NULL;
}

int
repairs_insert(struct db *db, int64_t incident, const char *text,
    const char *owner, const char *due, int64_t at, const char *by,
    int64_t *num, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT coalesce(max(num), 0) + 1 FROM repair "
	    "WHERE incident_id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	rc = sqlite3_step(st);
	*num = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "numbering the repair item", e);
	st = db_prepare(db, "INSERT INTO repair (incident_id, num, text, owner, "
	    "due_date, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, *num);
	db_bind_text(st, 3, text);
	db_bind_text(st, 4, owner);
	db_bind_text(st, 5, due);
	sqlite3_bind_int64(st, 6, at);
	db_bind_text(st, 7, by);
	return db_exec_stmt(db, st, "adding the repair item", e);
}

int
repairs_list(struct db *db, int64_t incident, struct repair **out, size_t *n,
    struct verr *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT num, text, owner, due_date, state, "
	    "created_at, created_by, done_at, done_by FROM repair WHERE "
	    "incident_id = ? ORDER BY num", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct repair		*r;
		const unsigned char	*due, *state;

		if (*n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->num = sqlite3_column_int64(st, 0);
		r->text = db_col_text(st, 1);
		r->owner = db_col_text(st, 2);
		if ((due = sqlite3_column_text(st, 3)) != NULL) {
			r->has_due = true;
			snprintf(r->due, sizeof r->due, "%s", (const char *)due);
		}
		state = sqlite3_column_text(st, 4);
		r->done = state != NULL && strcmp((const char *)state,
		    "done") == 0;
		r->created_at = sqlite3_column_int64(st, 5);
		r->created_by = db_col_text(st, 6);
		r->done_at = sqlite3_column_int64(st, 7);
		r->done_by = db_col_text(st, 8);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		repair_list_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading repair items", e);
	}
	return 0;
}

int
repairs_state(struct db *db, int64_t incident, int64_t num, bool *done,
    struct verr *e)
{
	sqlite3_stmt		*st;
	const unsigned char	*s;
	int			 rc;

	st = db_prepare(db, "SELECT state FROM repair WHERE incident_id = ? "
	    "AND num = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, num);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		s = sqlite3_column_text(st, 0);
		*done = s != NULL && strcmp((const char *)s, "done") == 0;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(db, rc, "reading the repair item", e);
}

int
repairs_done(struct db *db, int64_t incident, int64_t num, int64_t at,
    const char *by, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE repair SET state = 'done', done_at = ?, "
	    "done_by = ? WHERE incident_id = ? AND num = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, at);
	db_bind_text(st, 2, by);
	sqlite3_bind_int64(st, 3, incident);
	sqlite3_bind_int64(st, 4, num);
	return db_exec_stmt(db, st, "closing the repair item", e);
}

int
reviews_stage_changes(struct db *db, int64_t incident,
    struct stage_change **out, size_t *n, struct verr *e)
{
	sqlite3_stmt		*st;
	const unsigned char	*from, *to;
	size_t			 cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT at, json_extract(payload, '$.from'), "
	    "json_extract(payload, '$.to') FROM journal WHERE incident_id = ? "
	    "AND action = 'stage.change' AND json_valid(payload) ORDER BY seq",
	    e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct stage_change	c;

		from = sqlite3_column_text(st, 1);
		to = sqlite3_column_text(st, 2);
		c.at = sqlite3_column_int64(st, 0);
		/* an entry that does not name two stages is not a change */
		if (from == NULL || to == NULL ||
		    stage_parse((const char *)from, &c.from) != 0 ||
		    stage_parse((const char *)to, &c.to) != 0)
			continue;
		if (*n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[(*n)++] = c;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, "reading the stage changes", e);
	}
	return 0;
}

int
reviews_report_rows(struct db *db, bool has_since, int64_t since,
    bool has_until, int64_t until, struct report_input **out, size_t *n,
    struct verr *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT i.status = 'closed', "
	    "i.declared_at IS NOT NULL, coalesce(i.declared_at, 0), "
	    "i.notified_at IS NOT NULL, coalesce(i.notified_at, 0), "
	    "(SELECT min(m.at) FROM milestone m WHERE m.incident_id = i.id "
	    "AND m.name = 'event_started'), "
	    "(SELECT min(m.at) FROM milestone m WHERE m.incident_id = i.id "
	    "AND m.name = 'detected'), "
	    "(SELECT count(*) FROM repair r WHERE r.incident_id = i.id AND "
	    "r.state = 'open'), "
	    "nullif(i.queue_due, 9223372036854775807) "
	    "FROM incident i WHERE (?1 = 0 OR i.created_at >= ?2) AND "
	    "(?3 = 0 OR i.created_at < ?4) ORDER BY i.id", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, has_since);
	sqlite3_bind_int64(st, 2, since);
	sqlite3_bind_int(st, 3, has_until);
	sqlite3_bind_int64(st, 4, until);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct report_input	*r;

		if (*n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->closed = sqlite3_column_int(st, 0) != 0;
		r->declared = sqlite3_column_int(st, 1) != 0;
		r->declared_at = sqlite3_column_int64(st, 2);
		r->notified = sqlite3_column_int(st, 3) != 0;
		r->notified_at = sqlite3_column_int64(st, 4);
		r->has_event = sqlite3_column_type(st, 5) != SQLITE_NULL;
		r->event_at = sqlite3_column_int64(st, 5);
		r->has_detected = sqlite3_column_type(st, 6) != SQLITE_NULL;
		r->detected_at = sqlite3_column_int64(st, 6);
		r->open_repairs = sqlite3_column_int64(st, 7);
		r->has_next_due = sqlite3_column_type(st, 8) != SQLITE_NULL;
		r->next_due = sqlite3_column_int64(st, 8);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_error(db, rc, "reading the incidents of the period",
		    e);
	}
	return 0;
}
