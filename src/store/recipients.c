/*
 * recipients.c: the recipient and bulletin tables. A recipient row is
 * never deleted: its state only moves forward and each state keeps its
 * time and login. A bulletin is append-only: saving adds a version. The
 * numbers users type (R3, bulletin version 2) are per incident, assigned
 * here inside the caller's write transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "vigil/store-notify.h"
#include "vigil/util.h"

#define RECIPIENT_COLUMNS "num, name, kind, channel, contact, state, " \
	"created_at, created_by, drafted_at, drafted_by, sent_at, sent_by, " \
	"acked_at, acked_by, waived_at, waived_by, waive_reason"

void
recipient_clear(struct recipient *r)
{
	free(r->name);
	free(r->contact);
	free(r->created_by);
	free(r->drafted_by);
	free(r->sent_by);
	free(r->acked_by);
	free(r->waived_by);
	free(r->waive_reason);
	memset(r, 0, sizeof *r);
}

void
recipient_list_free(struct recipient **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++)
		recipient_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

/* An optional (time, login) pair of columns. */
static void
col_stamp(sqlite3_stmt *st, int i, bool *has, int64_t *at, char **by)
{
	*has = sqlite3_column_type(st, i) != SQLITE_NULL;
	*at = sqlite3_column_int64(st, i);
	*by = db_col_text(st, i + 1);
}

/* Fill r from a row of RECIPIENT_COLUMNS. */
static void
recipient_row(sqlite3_stmt *st, struct recipient *r)
{
	char	*s;

	memset(r, 0, sizeof *r);
	r->num = sqlite3_column_int64(st, 0);
	r->name = db_col_text(st, 1);
	s = db_col_text(st, 2);
	if (recipient_kind_parse(s, &r->kind) != 0)
		r->kind = RKIND_CUSTOMER;	/* the CHECK forbids it */
	free(s);
	s = db_col_text(st, 3);
	if (recipient_channel_parse(s, &r->channel) != 0)
		r->channel = RCHAN_OTHER;
	free(s);
	r->contact = db_col_text(st, 4);
	s = db_col_text(st, 5);
	if (recipient_state_parse(s, &r->state) != 0)
		r->state = RSTATE_PENDING;
	free(s);
	r->created_at = sqlite3_column_int64(st, 6);
	r->created_by = db_col_text(st, 7);
	col_stamp(st, 8, &r->has_drafted, &r->drafted_at, &r->drafted_by);
	col_stamp(st, 10, &r->has_sent, &r->sent_at, &r->sent_by);
	col_stamp(st, 12, &r->has_acked, &r->acked_at, &r->acked_by);
	col_stamp(st, 14, &r->has_waived, &r->waived_at, &r->waived_by);
	r->waive_reason = db_col_text(st, 16);
}

/* The next per-incident number of table (recipient, repair, bulletin). */
static int
next_num(struct db *db, const char *sql, int64_t incident, int64_t *num,
    struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	rc = sqlite3_step(st);
	*num = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) + 1 : 1;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "numbering the row", e);
	return 0;
}

int
recipients_insert(struct db *db, int64_t incident, const char *name,
    enum recipient_kind kind, enum recipient_channel channel,
    const char *contact, int64_t at, const char *by, int64_t *num,
    struct verr *e)
{
	sqlite3_stmt	*st;

	if (next_num(db, "SELECT coalesce(max(num), 0) FROM recipient WHERE "
	    "incident_id = ?", incident, num, e) != 0)
		return -1;
	st = db_prepare(db, "INSERT INTO recipient (incident_id, num, name, "
	    "kind, channel, contact, created_at, created_by) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, *num);
	db_bind_text(st, 3, name);
	db_bind_text(st, 4, recipient_kind_name(kind));
	db_bind_text(st, 5, recipient_channel_name(channel));
	db_bind_text(st, 6, contact != NULL ? contact : "");
	sqlite3_bind_int64(st, 7, at);
	db_bind_text(st, 8, by);
	return db_exec_stmt(db, st, "adding the recipient", e);
}

int
recipients_list(struct db *db, int64_t incident, struct recipient **out,
    size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT " RECIPIENT_COLUMNS " FROM recipient "
	    "WHERE incident_id = ? ORDER BY num", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		recipient_row(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		recipient_list_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading recipients", e);
	}
	return 0;
}

int
recipients_get(struct db *db, int64_t incident, int64_t num,
    struct recipient *out, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT " RECIPIENT_COLUMNS " FROM recipient "
	    "WHERE incident_id = ? AND num = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, num);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		recipient_row(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(db, rc, "reading the recipient", e);
}

int
recipients_mark(struct db *db, int64_t incident, int64_t num,
    enum recipient_state state, int64_t at, const char *by,
    const char *reason, struct verr *e)
{
	sqlite3_stmt	*st;
	const char	*sql;

	switch (state) {
	case RSTATE_DRAFTED:
		sql = "UPDATE recipient SET state = 'drafted', drafted_at = ?1, "
		    "drafted_by = ?2 WHERE incident_id = ?3 AND num = ?4";
		break;
	case RSTATE_SENT:
		sql = "UPDATE recipient SET state = 'sent', sent_at = ?1, "
		    "sent_by = ?2 WHERE incident_id = ?3 AND num = ?4";
		break;
	case RSTATE_ACKNOWLEDGED:
		sql = "UPDATE recipient SET state = 'acknowledged', "
		    "acked_at = ?1, acked_by = ?2 WHERE incident_id = ?3 AND "
		    "num = ?4";
		break;
	case RSTATE_WAIVED:
		sql = "UPDATE recipient SET state = 'waived', waived_at = ?1, "
		    "waived_by = ?2, waive_reason = ?5 WHERE incident_id = ?3 "
		    "AND num = ?4";
		break;
	default:
		return verr_set(e, VERR_SOFTWARE, "a recipient cannot be "
		    "marked %s", recipient_state_name(state));
	}
	if ((st = db_prepare(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, at);
	db_bind_text(st, 2, by);
	sqlite3_bind_int64(st, 3, incident);
	sqlite3_bind_int64(st, 4, num);
	if (state == RSTATE_WAIVED)
		db_bind_text(st, 5, reason != NULL ? reason : "");
	return db_exec_stmt(db, st, "changing the recipient", e);
}

void
bulletin_list_free(struct bulletin **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((*list)[i].template);
		free((*list)[i].body);
		free((*list)[i].saved_by);
	}
	free(*list);
	*list = NULL;
}

int
bulletins_insert(struct db *db, int64_t incident, const char *tmpl,
    const char *body, int64_t at, const char *by, int64_t recipient,
    int64_t *version, struct verr *e)
{
	sqlite3_stmt	*st;

	if (next_num(db, "SELECT coalesce(max(version), 0) FROM bulletin "
	    "WHERE incident_id = ?", incident, version, e) != 0)
		return -1;
	st = db_prepare(db, "INSERT INTO bulletin (incident_id, version, "
	    "template, body, saved_at, saved_by, recipient_num) VALUES (?, ?, "
	    "?, ?, ?, ?, ?)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, *version);
	db_bind_text(st, 3, tmpl);
	db_bind_text(st, 4, body);
	sqlite3_bind_int64(st, 5, at);
	db_bind_text(st, 6, by);
	if (recipient > 0)
		sqlite3_bind_int64(st, 7, recipient);
	else
		sqlite3_bind_null(st, 7);
	return db_exec_stmt(db, st, "saving the bulletin", e);
}

int
bulletins_for(struct db *db, int64_t incident, int64_t recipient,
    int64_t *version, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*version = 0;
	st = db_prepare(db, "SELECT version FROM bulletin WHERE incident_id = "
	    "?1 AND (recipient_num = ?2 OR recipient_num IS NULL) ORDER BY "
	    "recipient_num IS NULL, version DESC LIMIT 1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, recipient);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*version = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "reading the bulletins", e);
	return 0;
}

int
bulletins_list(struct db *db, int64_t incident, bool with_body,
    struct bulletin **out, size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, with_body ? "SELECT version, template, body, "
	    "saved_at, saved_by, recipient_num FROM bulletin WHERE "
	    "incident_id = ? ORDER BY version" : "SELECT version, template, "
	    "'', saved_at, saved_by, recipient_num FROM bulletin WHERE "
	    "incident_id = ? ORDER BY version", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bulletin	*b;

		if (*n == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		b = &(*out)[(*n)++];
		b->version = sqlite3_column_int64(st, 0);
		b->template = db_col_text(st, 1);
		b->body = db_col_text(st, 2);
		b->saved_at = sqlite3_column_int64(st, 3);
		b->saved_by = db_col_text(st, 4);
		b->recipient = sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		bulletin_list_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading bulletins", e);
	}
	return 0;
}
