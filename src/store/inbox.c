/*
 * inbox.c: reading the inbox (the first window of new entries, a group's
 * members, counts), deciding entries (accepted, attached, dismissed — an
 * entry and the new entries grouped under it together), the alerts of an
 * entry or an incident, the intake figures of `vigil report`, and where
 * `vigil import --follow` stopped. Writes run in the caller's
 * transaction and never journal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "vigil/store-alert.h"
#include "vigil/util.h"

static const char *const state_names[ENTRY__COUNT] = {
	"new", "accepted", "attached", "dismissed",
};

#define ENTRY_COLUMNS "id, fingerprint, format, title, severity, source, " \
	"rule, host, user, src_ip, dst_ip, first_seen, last_seen, count, " \
	"arrived_at, state, group_id, group_why, incident_id, reason, " \
	"decided_at, decided_by"

const char *
entry_state_name(enum entry_state s)
{
	return state_names[s];
}

void
inbox_entry_clear(struct inbox_entry *x)
{
	free(x->fingerprint);
	free(x->format);
	free(x->title);
	free(x->source);
	free(x->rule);
	free(x->host);
	free(x->user);
	free(x->src_ip);
	free(x->dst_ip);
	free(x->group_why);
	free(x->reason);
	free(x->decided_by);
	memset(x, 0, sizeof *x);
}

void
inbox_entry_list_free(struct inbox_entry **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++)
		inbox_entry_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

/* Fill x from a row of ENTRY_COLUMNS (and a member count at column 22). */
static void
entry_row(sqlite3_stmt *st, struct inbox_entry *x, bool with_members)
{
	const char	*s;
	int		 i;

	memset(x, 0, sizeof *x);
	x->id = sqlite3_column_int64(st, 0);
	x->fingerprint = db_col_text(st, 1);
	x->format = db_col_text(st, 2);
	x->title = db_col_text(st, 3);
	x->severity = sqlite3_column_int(st, 4);
	x->source = db_col_text(st, 5);
	x->rule = db_col_text(st, 6);
	x->host = db_col_text(st, 7);
	x->user = db_col_text(st, 8);
	x->src_ip = db_col_text(st, 9);
	x->dst_ip = db_col_text(st, 10);
	x->first_seen = sqlite3_column_int64(st, 11);
	x->last_seen = sqlite3_column_int64(st, 12);
	x->count = sqlite3_column_int64(st, 13);
	x->arrived_at = sqlite3_column_int64(st, 14);
	s = (const char *)sqlite3_column_text(st, 15);
	for (i = 0; i < ENTRY__COUNT; i++)
		if (s != NULL && strcmp(s, state_names[i]) == 0)
			x->state = (enum entry_state)i;
	x->group_id = sqlite3_column_int64(st, 16);
	x->group_why = db_col_text(st, 17);
	x->incident_id = sqlite3_column_int64(st, 18);
	x->reason = db_col_text(st, 19);
	x->has_decided = sqlite3_column_type(st, 20) != SQLITE_NULL;
	x->decided_at = sqlite3_column_int64(st, 20);
	x->decided_by = db_col_text(st, 21);
	if (with_members)
		x->members = sqlite3_column_int64(st, 22);
}

/* Run a query of entries; bind done by the caller. Finalizes st. */
static int
entry_rows(struct db *db, sqlite3_stmt *st, bool with_members,
    struct inbox_entry **out, size_t *n, struct verr *e)
{
	struct inbox_entry	*list = NULL;
	size_t			 cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			list = xreallocarray(list, cap, sizeof *list);
		}
		entry_row(st, &list[(*n)++], with_members);
	}
	sqlite3_finalize(st);
	*out = list;
	if (rc != SQLITE_DONE) {
		inbox_entry_list_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading the inbox", e);
	}
	return 0;
}

int
inbox_get(struct db *db, int64_t id, struct inbox_entry *out,
    struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT " ENTRY_COLUMNS ", (SELECT count(*) FROM "
	    "inbox_entry m WHERE m.group_id = inbox_entry.id AND +m.state = "
	    "'new') FROM inbox_entry WHERE id = ?1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		entry_row(st, out, true);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(db, rc, "reading an inbox entry", e);
}

int
inbox_list(struct db *db, int limit, struct inbox_entry **out, size_t *n,
    struct verr *e)
{
	sqlite3_stmt	*st;

	/* the inbox_queue index gives this order without sorting */
	st = db_prepare(db, "SELECT " ENTRY_COLUMNS ", (SELECT count(*) FROM "
	    "inbox_entry m WHERE m.group_id = inbox_entry.id AND +m.state = "
	    "'new') FROM inbox_entry INDEXED BY inbox_queue WHERE state = "
	    "'new' AND group_id IS NULL ORDER BY severity, last_seen DESC, "
	    "id DESC LIMIT ?1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, limit);
	return entry_rows(db, st, true, out, n, e);
}

int
inbox_members(struct db *db, int64_t root, struct inbox_entry **out,
    size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "SELECT " ENTRY_COLUMNS " FROM inbox_entry WHERE "
	    "group_id = ?1 AND +state = 'new' ORDER BY last_seen DESC, id DESC",
	    e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, root);
	return entry_rows(db, st, false, out, n, e);
}

int
inbox_counts(struct db *db, int64_t *entries, int64_t *alerts,
    struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	/* kept with every change of an entry (alerts.c, inbox_decide) */
	st = db_prepare(db, "SELECT entries, alerts FROM inbox_count WHERE "
	    "id = 1", e);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	*entries = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	*alerts = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)	/* DONE: no alert yet */
		return db_error(db, rc, "counting the inbox", e);
	return 0;
}

int
inbox_decide(struct db *db, int64_t id, enum entry_state s, int64_t inc,
    const char *reason, int64_t at, const char *by, int64_t *n,
    int64_t *alerts, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	/*
	 * "+state": the entry and its members are found by id and group_id;
	 * an index on state would walk every new entry.
	 */
	st = db_prepare(db, "SELECT count(*), coalesce(sum(count), 0) FROM "
	    "inbox_entry WHERE +state = 'new' AND (id = ?1 OR group_id = ?1)",
	    e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	*n = sqlite3_column_int64(st, 0);
	*alerts = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "deciding an inbox entry", e);
	st = db_prepare(db, "UPDATE inbox_entry SET state = ?2, incident_id = "
	    "?3, reason = ?4, decided_at = ?5, decided_by = ?6 WHERE +state = "
	    "'new' AND (id = ?1 OR group_id = ?1)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, state_names[s], -1, SQLITE_STATIC);
	if (inc > 0)
		sqlite3_bind_int64(st, 3, inc);
	else
		sqlite3_bind_null(st, 3);
	db_bind_text(st, 4, reason != NULL ? reason : "");
	sqlite3_bind_int64(st, 5, at);
	db_bind_text(st, 6, by);
	if (db_exec_stmt(db, st, "deciding an inbox entry", e) != 0)
		return -1;
	st = db_prepare(db, "UPDATE inbox_count SET entries = entries - ?1, "
	    "alerts = alerts - ?2 WHERE id = 1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, *n);
	sqlite3_bind_int64(st, 2, *alerts);
	return db_exec_stmt(db, st, "deciding an inbox entry", e);
}

int
inbox_of_incident(struct db *db, int64_t inc, struct inbox_entry **out,
    size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "SELECT " ENTRY_COLUMNS " FROM inbox_entry WHERE "
	    "incident_id = ?1 ORDER BY first_seen, id", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, inc);
	return entry_rows(db, st, false, out, n, e);
}

void
alert_row_clear(struct alert_row *a)
{
	free(a->format);
	free(a->fingerprint);
	free(a->raw);
	memset(a, 0, sizeof *a);
}

int
alerts_get(struct db *db, int64_t id, struct alert_row *out,
    struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT id, entry_id, suppression_id, format, at, "
	    "received_at, fingerprint, raw FROM alert WHERE id = ?1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->entry_id = sqlite3_column_int64(st, 1);
		out->suppression_id = sqlite3_column_int64(st, 2);
		out->format = db_col_text(st, 3);
		out->at = sqlite3_column_int64(st, 4);
		out->received_at = sqlite3_column_int64(st, 5);
		out->fingerprint = db_col_text(st, 6);
		out->raw = db_col_text(st, 7);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(db, rc, "reading an alert", e);
}

int
alerts_of_entry(struct db *db, int64_t entry, int limit, int64_t **ids,
    size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*ids = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT id FROM alert WHERE entry_id = ?1 ORDER BY "
	    "at, id LIMIT ?2", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, entry);
	sqlite3_bind_int(st, 2, limit);
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
		return db_error(db, rc, "listing alerts", e);
	}
	return 0;
}

/* One integer from a query with the period bound to ?1..?4. */
static int
report_one(struct db *db, const char *sql, bool hs, int64_t since, bool hu,
    int64_t until, int64_t *v, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int(st, 1, hs);
	sqlite3_bind_int64(st, 2, since);
	sqlite3_bind_int(st, 3, hu);
	sqlite3_bind_int64(st, 4, until);
	rc = sqlite3_step(st);
	*v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "summarising alerts", e);
	return 0;
}

#define IN_PERIOD(c) "(?1 = 0 OR " c " >= ?2) AND (?3 = 0 OR " c " < ?4)"

int
alerts_report(struct db *db, bool hs, int64_t since, bool hu, int64_t until,
    struct alert_report *r, struct verr *e)
{
	sqlite3_stmt	*st;
	int64_t		*d = NULL, with_entry;
	size_t		 n = 0, cap = 0;
	int		 rc;

	memset(r, 0, sizeof *r);
	if (report_one(db, "SELECT count(*) FROM alert WHERE "
	    IN_PERIOD("received_at"), hs, since, hu, until, &r->received,
	    e) != 0 ||
	    report_one(db, "SELECT count(*) FROM alert WHERE suppression_id IS "
	    "NOT NULL AND " IN_PERIOD("received_at"), hs, since, hu, until,
	    &r->suppressed, e) != 0 ||
	    report_one(db, "SELECT count(*) FROM alert WHERE entry_id IS NOT "
	    "NULL AND " IN_PERIOD("received_at"), hs, since, hu, until,
	    &with_entry, e) != 0 ||
	    report_one(db, "SELECT count(*) FROM inbox_entry WHERE "
	    IN_PERIOD("arrived_at"), hs, since, hu, until, &r->entries,
	    e) != 0 ||
	    report_one(db, "SELECT count(*) FROM inbox_entry WHERE state = "
	    "'accepted' AND " IN_PERIOD("arrived_at"), hs, since, hu, until,
	    &r->accepted, e) != 0 ||
	    report_one(db, "SELECT count(*) FROM inbox_entry WHERE state = "
	    "'attached' AND " IN_PERIOD("arrived_at"), hs, since, hu, until,
	    &r->attached, e) != 0 ||
	    report_one(db, "SELECT count(*) FROM inbox_entry WHERE state = "
	    "'dismissed' AND " IN_PERIOD("arrived_at"), hs, since, hu, until,
	    &r->dismissed, e) != 0)
		return -1;
	r->deduplicated = with_entry > r->entries ? with_entry - r->entries :
	    0;
	st = db_prepare(db, "SELECT decided_at - arrived_at FROM inbox_entry "
	    "WHERE state = 'accepted' AND group_id IS NULL AND "
	    IN_PERIOD("arrived_at") " ORDER BY 1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, hs);
	sqlite3_bind_int64(st, 2, since);
	sqlite3_bind_int(st, 3, hu);
	sqlite3_bind_int64(st, 4, until);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			d = xreallocarray(d, cap, sizeof *d);
		}
		d[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(d);
		return db_error(db, rc, "summarising alerts", e);
	}
	if (n > 0) {
		r->has_median = true;
		r->median_accept = n % 2 == 1 ? d[n / 2] :
		    (d[n / 2 - 1] + d[n / 2]) / 2;
	}
	free(d);
	return 0;
}

int
import_cursor_get(struct db *db, const char *path, int64_t *inode,
    int64_t *offset, int64_t *line, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT inode, offset, line FROM import_cursor WHERE "
	    "path = ?1", e);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, path);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*inode = sqlite3_column_int64(st, 0);
		*offset = sqlite3_column_int64(st, 1);
		*line = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(db, rc, "reading the import position", e);
}

int
import_cursor_put(struct db *db, const char *path, int64_t inode,
    int64_t offset, int64_t line, int64_t at, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "INSERT INTO import_cursor (path, inode, offset, "
	    "line, updated_at) VALUES (?1, ?2, ?3, ?5, ?4) ON CONFLICT (path) "
	    "DO UPDATE SET inode = ?2, offset = ?3, line = ?5, updated_at = ?4",
	    e);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, path);
	sqlite3_bind_int64(st, 2, inode);
	sqlite3_bind_int64(st, 3, offset);
	sqlite3_bind_int64(st, 4, at);
	sqlite3_bind_int64(st, 5, line);
	return db_exec_stmt(db, st, "saving the import position", e);
}
