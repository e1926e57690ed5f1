/*
 * evidence.c: the evidence and evidence_event tables (store-evidence.h).
 * Items are numbered per incident (E1, E2, ...) here, inside the caller's
 * write transaction. Nothing here deletes or rewrites history: events are
 * only appended, and the few columns of an item that move (custodian,
 * reference hash, void mark) are summaries of its events.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "vigil/store-evidence.h"
#include "vigil/util.h"

#define ITEM_COLUMNS "e.num, e.uuid, e.parent_num, e.description, " \
	"e.location, e.source_host, e.clock_offset, e.collected_at, " \
	"e.collected_offset, e.path, e.size, e.sha256, e.sha1, e.md5, " \
	"e.file_mtime, e.file_ctime, e.registered_at, e.registered_by, " \
	"e.custodian, e.custodian_external, e.ref_sha256, e.ref_size, " \
	"e.voided_at, c.at, c.result"

/* The latest check of each item: a check event or a rechecked transfer. */
#define ITEM_FROM "FROM evidence e LEFT JOIN evidence_event c ON c.id = " \
	"(SELECT max(id) FROM evidence_event WHERE evidence_id = e.id AND " \
	"result IS NOT NULL)"

void
evidence_item_clear(struct evidence_item *it)
{
	free(it->description);
	free(it->location);
	free(it->source_host);
	free(it->path);
	free(it->sha1);
	free(it->md5);
	free(it->registered_by);
	free(it->custodian);
	memset(it, 0, sizeof *it);
}

void
evidence_items_free(struct evidence_item **v, size_t n)
{
	size_t	i;

	if (*v == NULL)
		return;
	for (i = 0; i < n; i++)
		evidence_item_clear(&(*v)[i]);
	free(*v);
	*v = NULL;
}

void
evidence_events_free(struct evidence_event **v, size_t n)
{
	size_t	i;

	if (*v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((*v)[i].by);
		free((*v)[i].from_party);
		free((*v)[i].to_party);
		free((*v)[i].text);
		free((*v)[i].path);
	}
	free(*v);
	*v = NULL;
}

/* Copy a hex column into a fixed buffer ("" for NULL). */
static void
col_hex(sqlite3_stmt *st, int i, char out[CUSTODY_HEX_MAX])
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	snprintf(out, CUSTODY_HEX_MAX, "%s", s != NULL ? (const char *)s : "");
}

static bool
col_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL;
}

static void
item_row(sqlite3_stmt *st, struct evidence_item *it)
{
	const unsigned char	*u;
	char			*r;

	memset(it, 0, sizeof *it);
	it->num = sqlite3_column_int64(st, 0);
	u = sqlite3_column_text(st, 1);
	snprintf(it->uuid, sizeof it->uuid, "%s", u != NULL ? (const char *)u :
	    "");
	it->has_parent = !col_null(st, 2);
	it->parent_num = sqlite3_column_int64(st, 2);
	it->description = db_col_text(st, 3);
	it->location = db_col_text(st, 4);
	it->source_host = db_col_text(st, 5);
	it->has_clock_offset = !col_null(st, 6);
	it->clock_offset = sqlite3_column_int64(st, 6);
	it->collected_at = sqlite3_column_int64(st, 7);
	it->collected_offset = sqlite3_column_int(st, 8);
	it->path = db_col_text(st, 9);
	it->size = sqlite3_column_int64(st, 10);
	col_hex(st, 11, it->sha256);
	it->sha1 = db_col_text(st, 12);
	it->md5 = db_col_text(st, 13);
	it->has_file_times = !col_null(st, 14);
	it->file_mtime = sqlite3_column_int64(st, 14);
	it->file_ctime = sqlite3_column_int64(st, 15);
	it->registered_at = sqlite3_column_int64(st, 16);
	it->registered_by = db_col_text(st, 17);
	it->custodian = db_col_text(st, 18);
	it->custodian_external = sqlite3_column_int(st, 19) != 0;
	col_hex(st, 20, it->ref_sha256);
	it->ref_size = sqlite3_column_int64(st, 21);
	it->voided = !col_null(st, 22);
	it->voided_at = sqlite3_column_int64(st, 22);
	it->has_check = !col_null(st, 23);
	it->check_at = sqlite3_column_int64(st, 23);
	r = db_col_text(st, 24);
	it->check_ok = strcmp(r, "ok") == 0;
	free(r);
}

/* Bind text, or NULL when s is NULL or "". */
static void
bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	db_bind_text(st, i, s != NULL && *s != '\0' ? s : NULL);
}

int
evidence_insert(struct db *db, int64_t incident,
    const struct evidence_item *it, int64_t *num, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT coalesce(max(num), 0) + 1 FROM evidence "
	    "WHERE incident_id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	rc = sqlite3_step(st);
	*num = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "numbering the evidence", e);
	st = db_prepare(db, "INSERT INTO evidence (incident_id, num, uuid, "
	    "parent_num, description, location, source_host, clock_offset, "
	    "collected_at, collected_offset, path, size, sha256, sha1, md5, "
	    "file_mtime, file_ctime, registered_at, registered_by, custodian, "
	    "custodian_external, ref_sha256, ref_size) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
	    "?18, ?19, ?20, ?21, ?13, ?12)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, *num);
	db_bind_text(st, 3, it->uuid);
	if (it->has_parent)
		sqlite3_bind_int64(st, 4, it->parent_num);
	db_bind_text(st, 5, it->description);
	db_bind_text(st, 6, it->location != NULL ? it->location : "");
	db_bind_text(st, 7, it->source_host != NULL ? it->source_host : "");
	if (it->has_clock_offset)
		sqlite3_bind_int64(st, 8, it->clock_offset);
	sqlite3_bind_int64(st, 9, it->collected_at);
	sqlite3_bind_int(st, 10, it->collected_offset);
	bind_opt(st, 11, it->path);
	sqlite3_bind_int64(st, 12, it->size);
	db_bind_text(st, 13, it->sha256);
	bind_opt(st, 14, it->sha1);
	bind_opt(st, 15, it->md5);
	if (it->has_file_times) {
		sqlite3_bind_int64(st, 16, it->file_mtime);
		sqlite3_bind_int64(st, 17, it->file_ctime);
	}
	sqlite3_bind_int64(st, 18, it->registered_at);
	db_bind_text(st, 19, it->registered_by);
	db_bind_text(st, 20, it->custodian);
	sqlite3_bind_int(st, 21, it->custodian_external ? 1 : 0);
	return db_exec_stmt(db, st, "registering the evidence", e);
}

int
evidence_list(struct db *db, int64_t incident, struct evidence_item **out,
    size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT " ITEM_COLUMNS " " ITEM_FROM " WHERE "
	    "e.incident_id = ? ORDER BY e.num", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		item_row(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		evidence_items_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading the evidence", e);
	}
	return 0;
}

int
evidence_get(struct db *db, int64_t incident, int64_t num,
    struct evidence_item *out, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT " ITEM_COLUMNS " " ITEM_FROM " WHERE "
	    "e.incident_id = ? AND e.num = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, num);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		item_row(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(db, rc, "reading the evidence", e);
}

int
evidence_events(struct db *db, int64_t incident, int64_t num,
    struct evidence_event **out, size_t *n, struct verr *e)
{
	sqlite3_stmt		*st;
	struct evidence_event	*ev;
	size_t			 cap = 0;
	char			*k;
	int			 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT e.num, v.kind, v.at, v.by, v.from_party, "
	    "v.from_external, v.to_party, v.to_external, v.text, v.path, "
	    "v.size, v.sha256, v.result FROM evidence_event v JOIN evidence e "
	    "ON e.id = v.evidence_id WHERE e.incident_id = ?1 AND (?2 = 0 OR "
	    "e.num = ?2) ORDER BY v.id", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, num);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		ev = &(*out)[(*n)++];
		memset(ev, 0, sizeof *ev);
		ev->num = sqlite3_column_int64(st, 0);
		k = db_col_text(st, 1);
		if (custody_kind_parse(k, &ev->kind) != 0)
			ev->kind = CUSTODY_NOTE;	/* the CHECK forbids it */
		free(k);
		ev->at = sqlite3_column_int64(st, 2);
		ev->by = db_col_text(st, 3);
		ev->from_party = db_col_text(st, 4);
		ev->from_external = sqlite3_column_int(st, 5) != 0;
		ev->to_party = db_col_text(st, 6);
		ev->to_external = sqlite3_column_int(st, 7) != 0;
		ev->text = db_col_text(st, 8);
		ev->path = db_col_text(st, 9);
		ev->has_hash = !col_null(st, 11);
		ev->size = sqlite3_column_int64(st, 10);
		col_hex(st, 11, ev->sha256);
		ev->has_result = !col_null(st, 12);
		k = db_col_text(st, 12);
		ev->ok = strcmp(k, "ok") == 0;
		free(k);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		evidence_events_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading the chain of custody", e);
	}
	return 0;
}

int
evidence_event_insert(struct db *db, int64_t incident,
    const struct evidence_event *ev, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "INSERT INTO evidence_event (evidence_id, kind, "
	    "at, by, from_party, from_external, to_party, to_external, text, "
	    "path, size, sha256, result) VALUES ((SELECT id FROM evidence "
	    "WHERE incident_id = ?1 AND num = ?2), ?3, ?4, ?5, ?6, ?7, ?8, "
	    "?9, ?10, ?11, ?12, ?13, ?14)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, ev->num);
	db_bind_text(st, 3, custody_kind_name(ev->kind));
	sqlite3_bind_int64(st, 4, ev->at);
	db_bind_text(st, 5, ev->by);
	if (ev->kind == CUSTODY_TRANSFER) {
		db_bind_text(st, 6, ev->from_party);
		sqlite3_bind_int(st, 7, ev->from_external ? 1 : 0);
		db_bind_text(st, 8, ev->to_party);
		sqlite3_bind_int(st, 9, ev->to_external ? 1 : 0);
	}
	db_bind_text(st, 10, ev->text != NULL ? ev->text : "");
	bind_opt(st, 11, ev->path);
	if (ev->has_hash) {
		sqlite3_bind_int64(st, 12, ev->size);
		db_bind_text(st, 13, ev->sha256);
	}
	if (ev->has_result)
		db_bind_text(st, 14, ev->ok ? "ok" : "mismatch");
	return db_exec_stmt(db, st, "recording the custody event", e);
}

/* An UPDATE of one item that must find it. */
static int
item_update(struct db *db, sqlite3_stmt *st, const char *what,
    struct verr *e)
{
	int	rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, what, e);
	if (sqlite3_changes(db->h) != 1)
		return verr_set(e, VERR_SOFTWARE, "%s: no such item", what);
	return 0;
}

int
evidence_set_custodian(struct db *db, int64_t incident, int64_t num,
    const char *who, bool external, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE evidence SET custodian = ?3, "
	    "custodian_external = ?4 WHERE incident_id = ?1 AND num = ?2", e);
	if (st != NULL) {
		sqlite3_bind_int64(st, 1, incident);
		sqlite3_bind_int64(st, 2, num);
		db_bind_text(st, 3, who);
		sqlite3_bind_int(st, 4, external ? 1 : 0);
	}
	return item_update(db, st, "changing the custodian", e);
}

int
evidence_set_reference(struct db *db, int64_t incident, int64_t num,
    const char *sha256, int64_t size, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE evidence SET ref_sha256 = ?3, ref_size = "
	    "?4 WHERE incident_id = ?1 AND num = ?2", e);
	if (st != NULL) {
		sqlite3_bind_int64(st, 1, incident);
		sqlite3_bind_int64(st, 2, num);
		db_bind_text(st, 3, sha256);
		sqlite3_bind_int64(st, 4, size);
	}
	return item_update(db, st, "recording the change", e);
}

int
evidence_set_void(struct db *db, int64_t incident, int64_t num, int64_t at,
    struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE evidence SET voided_at = ?3 WHERE "
	    "incident_id = ?1 AND num = ?2 AND voided_at IS NULL", e);
	if (st != NULL) {
		sqlite3_bind_int64(st, 1, incident);
		sqlite3_bind_int64(st, 2, num);
		sqlite3_bind_int64(st, 3, at);
	}
	return item_update(db, st, "voiding the evidence", e);
}
