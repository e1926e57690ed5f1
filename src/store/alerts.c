/*
 * alerts.c: the writes of an import batch — the alert rows (raw JSON kept
 * verbatim under the SHA-256 of its bytes, so the same line never counts
 * twice), new inbox entries, repeats counted on an entry, the search for a
 * group to join — and the suppression table. The statements of a batch
 * are prepared once (struct alert_store) because a feed has many lines.
 * Runs inside the caller's write transaction; never journals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "store-private.h"
#include "vigil/store-alert.h"
#include "vigil/util.h"

enum {
	ST_HAS,
	ST_REPEAT,
	ST_BUMP,
	ST_ENTRY,
	ST_INSERT,
	ST_G_HOST,
	ST_G_USER,
	ST_G_SRC,
	ST_G_DST,
	ST_G_SIZE,
	ST_COUNT_NEW,
	ST_COUNT_BUMP,
	ST_HEAD_SEV,
	ST__COUNT
};

static const char *const store_sql[ST__COUNT] = {
	[ST_HAS] = ("SELECT 1 FROM alert WHERE digest = ?1"),
	[ST_REPEAT] = ("SELECT id FROM inbox_entry WHERE fingerprint = ?1 AND "
	    "last_seen >= ?2 AND first_seen <= ?3 ORDER BY last_seen DESC "
	    "LIMIT 1"),
	[ST_BUMP] = ("UPDATE inbox_entry SET count = count + 1, "
	    "first_seen = min(first_seen, ?2), last_seen = max(last_seen, ?2), "
	    "severity = min(severity, ?3) WHERE id = ?1"),
	[ST_ENTRY] = ("INSERT INTO inbox_entry (fingerprint, format, title, "
	    "severity, source, rule, host, user, src_ip, dst_ip, first_seen, "
	    "last_seen, count, arrived_at, group_id, group_why) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, 1, ?12, ?13, ?14)"),
	[ST_INSERT] = ("INSERT INTO alert (digest, entry_id, suppression_id, "
	    "format, at, received_at, fingerprint, raw) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8)"),
	[ST_G_HOST] = ("SELECT coalesce(group_id, id) FROM inbox_entry WHERE "
	    "state = 'new' AND host != '' AND host = ?1 AND last_seen >= ?2 "
	    "ORDER BY last_seen DESC LIMIT 1"),
	[ST_G_USER] = ("SELECT coalesce(group_id, id) FROM inbox_entry WHERE "
	    "state = 'new' AND user != '' AND user = ?1 AND last_seen >= ?2 "
	    "ORDER BY last_seen DESC LIMIT 1"),
	[ST_G_SRC] = ("SELECT coalesce(group_id, id) FROM inbox_entry WHERE "
	    "state = 'new' AND src_ip != '' AND src_ip = ?1 AND last_seen >= ?2 "
	    "ORDER BY last_seen DESC LIMIT 1"),
	[ST_G_DST] = ("SELECT coalesce(group_id, id) FROM inbox_entry WHERE "
	    "state = 'new' AND dst_ip != '' AND dst_ip = ?1 AND last_seen >= ?2 "
	    "ORDER BY last_seen DESC LIMIT 1"),
	[ST_G_SIZE] = ("SELECT (SELECT state FROM inbox_entry WHERE id = ?1), "
	    "(SELECT count(*) FROM inbox_entry WHERE group_id = ?1)"),
	/* the row is made by the first entry, not by the schema: a row no
	 * journal entry made would not verify (record.c) */
	[ST_COUNT_NEW] = ("INSERT INTO inbox_count (id, entries, alerts) "
	    "VALUES (1, 1, 1) ON CONFLICT (id) DO UPDATE SET entries = "
	    "entries + 1, alerts = alerts + 1"),
	[ST_COUNT_BUMP] = ("UPDATE inbox_count SET alerts = alerts + 1 WHERE "
	    "id = 1 AND (SELECT state FROM inbox_entry WHERE id = ?1) = 'new'"),
	/* a group is as severe as its most severe member */
	[ST_HEAD_SEV] = ("UPDATE inbox_entry SET severity = ?2 WHERE id = "
	    "(SELECT group_id FROM inbox_entry WHERE id = ?1) AND severity > ?2 "
	    "AND state = 'new'"),
};

struct alert_store {
	struct db	*db;
	sqlite3_stmt	*st[ST__COUNT];
};

int
alert_store_open(struct db *db, struct alert_store **out, struct verr *e)
{
	struct alert_store	*s = xcalloc(1, sizeof *s);
	int			 i;

	s->db = db;
	/*
	 * A feed writes all over the digest index: give this connection a
	 * page cache that holds a large batch (64 MiB, only while importing).
	 */
	if (sqlite3_exec(db->h, "PRAGMA cache_size = -65536", NULL, NULL,
	    NULL) != SQLITE_OK) {
		free(s);
		return db_error(db, SQLITE_ERROR, "sizing the page cache", e);
	}
	for (i = 0; i < ST__COUNT; i++)
		if ((s->st[i] = db_prepare(db, store_sql[i], e)) == NULL) {
			alert_store_free(&s);
			return -1;
		}
	*out = s;
	return 0;
}

void
alert_store_free(struct alert_store **sp)
{
	struct alert_store	*s = *sp;
	int			 i;

	if (s == NULL)
		return;
	for (i = 0; i < ST__COUNT; i++)
		sqlite3_finalize(s->st[i]);
	free(s);
	*sp = NULL;
}

void
alert_digest(const char *raw, size_t len, unsigned char out[32])
{
	unsigned int	n = 32;

	if (EVP_Digest(raw, len, out, &n, EVP_sha256(), NULL) != 1)
		util_fatal(70, "SHA-256 failed");
}

/* Step a reset statement once; the row stays for the caller to read. */
static int
store_step(struct alert_store *s, int i, const char *what, struct verr *e)
{
	int	rc = sqlite3_step(s->st[i]);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	sqlite3_reset(s->st[i]);
	return db_error(s->db, rc, what, e);
}

int
alert_store_has(struct alert_store *s, const unsigned char d[32],
    struct verr *e)
{
	sqlite3_stmt	*st = s->st[ST_HAS];
	int		 rc;

	sqlite3_reset(st);
	sqlite3_bind_blob(st, 1, d, 32, SQLITE_STATIC);
	rc = store_step(s, ST_HAS, "looking up an alert", e);
	sqlite3_reset(st);
	return rc;
}

int
alert_store_repeat(struct alert_store *s, const char *fp, int64_t at,
    int64_t window, int64_t *id, struct verr *e)
{
	sqlite3_stmt	*st = s->st[ST_REPEAT];
	int		 rc;

	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, fp, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, at - window);
	sqlite3_bind_int64(st, 3, at + window);
	if ((rc = store_step(s, ST_REPEAT, "looking up a repeat", e)) == 1)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc;
}

/* Raise the head of id's group (if any) to severity sev. */
static int
alert_store_head_sev(struct alert_store *s, int64_t id, int sev,
    struct verr *e)
{
	sqlite3_stmt	*st = s->st[ST_HEAD_SEV];
	int		 rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, sev);
	rc = store_step(s, ST_HEAD_SEV, "ranking a group", e);
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int
alert_store_bump(struct alert_store *s, int64_t id, int64_t at, int sev,
    struct verr *e)
{
	sqlite3_stmt	*st = s->st[ST_BUMP];
	int		 rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_int(st, 3, sev);
	rc = store_step(s, ST_BUMP, "counting a repeat", e);
	sqlite3_reset(st);
	if (rc < 0)
		return -1;
	st = s->st[ST_COUNT_BUMP];
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	rc = store_step(s, ST_COUNT_BUMP, "counting a repeat", e);
	sqlite3_reset(st);
	if (rc < 0)
		return -1;
	return alert_store_head_sev(s, id, sev, e);
}

/* One candidate lookup for grouping; 1 with *root. */
static int
group_try(struct alert_store *s, int which, const char *v, int64_t since,
    int max, int64_t *root, struct verr *e)
{
	sqlite3_stmt	*st = s->st[which], *sz = s->st[ST_G_SIZE];
	const char	*state;
	int64_t		 r;
	int		 rc;

	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, since);
	rc = store_step(s, which, "grouping an alert", e);
	if (rc != 1) {
		sqlite3_reset(st);
		return rc;
	}
	r = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sqlite3_reset(sz);
	sqlite3_bind_int64(sz, 1, r);
	if ((rc = store_step(s, ST_G_SIZE, "grouping an alert", e)) != 1) {
		sqlite3_reset(sz);
		return rc;
	}
	state = (const char *)sqlite3_column_text(sz, 0);
	rc = state != NULL && strcmp(state, "new") == 0 &&
	    sqlite3_column_int(sz, 1) < max;
	sqlite3_reset(sz);
	if (rc)
		*root = r;
	return rc;
}

int
alert_store_group(struct alert_store *s, const struct alert *a,
    int64_t window, bool (*is_stop)(const char *, void *), void *arg,
    int max, int64_t *root, char *why, size_t whylen, struct verr *e)
{
	const struct {
		const char	*v;
		int		 st;
		const char	*label;
	} tries[] = {
		{ a->host, ST_G_HOST, "host" },
		{ a->user, ST_G_USER, "user" },
		{ a->src_ip, ST_G_SRC, "address" },
		{ a->src_ip, ST_G_DST, "address" },
		{ a->dst_ip, ST_G_DST, "address" },
		{ a->dst_ip, ST_G_SRC, "address" },
	};
	size_t	i;
	int	rc;

	for (i = 0; i < nitems(tries); i++) {
		if (tries[i].v == NULL || *tries[i].v == '\0' ||
		    is_stop(tries[i].v, arg))
			continue;
		rc = group_try(s, tries[i].st, tries[i].v, a->at - window, max,
		    root, e);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			snprintf(why, whylen, "same %s %s", tries[i].label,
			    tries[i].v);
			return 1;
		}
	}
	return 0;
}

int
alert_store_entry(struct alert_store *s, const struct alert *a,
    enum alert_format f, const char *fp, int64_t arrived, bool grouped,
    int64_t root, const char *why, int64_t *id, struct verr *e)
{
	sqlite3_stmt	*st = s->st[ST_ENTRY];
	int		 rc;

	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, fp, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, alert_format_name(f), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, a->title, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, a->severity);
	sqlite3_bind_text(st, 5, a->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, a->rule, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, a->host, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, a->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, a->src_ip, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, a->dst_ip, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 11, a->at);
	sqlite3_bind_int64(st, 12, arrived);
	if (grouped) {
		sqlite3_bind_int64(st, 13, root);
		sqlite3_bind_text(st, 14, why, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_null(st, 13);
		sqlite3_bind_text(st, 14, "", -1, SQLITE_STATIC);
	}
	rc = store_step(s, ST_ENTRY, "adding an inbox entry", e);
	sqlite3_reset(st);
	if (rc < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db->h);
	st = s->st[ST_COUNT_NEW];
	sqlite3_reset(st);
	rc = store_step(s, ST_COUNT_NEW, "adding an inbox entry", e);
	sqlite3_reset(st);
	if (rc < 0)
		return -1;
	return grouped ? alert_store_head_sev(s, *id, a->severity, e) : 0;
}

int
alert_store_insert(struct alert_store *s, const unsigned char d[32],
    const char *raw, size_t len, enum alert_format f, int64_t at,
    int64_t received, const char *fp, int64_t entry, int64_t supp,
    struct verr *e)
{
	sqlite3_stmt	*st = s->st[ST_INSERT];
	int		 rc;

	sqlite3_reset(st);
	sqlite3_bind_blob(st, 1, d, 32, SQLITE_STATIC);
	if (entry > 0)
		sqlite3_bind_int64(st, 2, entry);
	else
		sqlite3_bind_null(st, 2);
	if (supp > 0)
		sqlite3_bind_int64(st, 3, supp);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, alert_format_name(f), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, at);
	sqlite3_bind_int64(st, 6, received);
	sqlite3_bind_text(st, 7, fp, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, raw, (int)len, SQLITE_STATIC);
	rc = store_step(s, ST_INSERT, "storing an alert", e);
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

/* ---- suppressions ------------------------------------------------------ */

void
suppression_clear(struct suppression *s)
{
	free(s->pattern);
	free(s->reason);
	free(s->owner);
	memset(s, 0, sizeof *s);
}

void
suppression_list_free(struct suppression **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++)
		suppression_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

#define SUPPRESSION_COLS "id, pattern, reason, owner, created_at, until, " \
	"hits, last_hit"

/* One row of SUPPRESSION_COLS. */
static void
suppression_row(sqlite3_stmt *st, struct suppression *s)
{
	s->id = sqlite3_column_int64(st, 0);
	s->pattern = db_col_text(st, 1);
	s->reason = db_col_text(st, 2);
	s->owner = db_col_text(st, 3);
	s->created_at = sqlite3_column_int64(st, 4);
	s->until = sqlite3_column_int64(st, 5);
	s->hits = sqlite3_column_int64(st, 6);
	s->has_last_hit = sqlite3_column_type(st, 7) != SQLITE_NULL;
	s->last_hit = sqlite3_column_int64(st, 7);
}

int
suppressions_insert(struct db *db, const char *pattern, const char *reason,
    const char *owner, int64_t at, int64_t until, int64_t *id,
    struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "INSERT INTO suppression (pattern, reason, owner, "
	    "created_at, until) VALUES (?1, ?2, ?3, ?4, ?5)", e);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, pattern);
	db_bind_text(st, 2, reason);
	db_bind_text(st, 3, owner);
	sqlite3_bind_int64(st, 4, at);
	sqlite3_bind_int64(st, 5, until);
	if (db_exec_stmt(db, st, "adding a suppression", e) != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int
suppressions_list(struct db *db, bool active_only, int64_t now,
    struct suppression **out, size_t *n, struct verr *e)
{
	sqlite3_stmt		*st;
	struct suppression	*list = NULL, *s;
	size_t			 cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT " SUPPRESSION_COLS " FROM suppression WHERE "
	    "?1 = 0 OR until > ?2 ORDER BY id DESC", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, active_only);
	sqlite3_bind_int64(st, 2, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			list = xreallocarray(list, cap, sizeof *list);
		}
		s = &list[(*n)++];
		suppression_row(st, s);
	}
	sqlite3_finalize(st);
	*out = list;
	if (rc != SQLITE_DONE) {
		suppression_list_free(out, *n);
		*n = 0;
		return db_error(db, rc, "listing suppressions", e);
	}
	return 0;
}

int
suppressions_get(struct db *db, int64_t id, struct suppression *out,
    struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(out, 0, sizeof *out);
	st = db_prepare(db, "SELECT " SUPPRESSION_COLS " FROM suppression WHERE "
	    "id = ?1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		suppression_row(st, out);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "reading a suppression", e);
	return rc == SQLITE_ROW;
}

int
suppressions_end(struct db *db, int64_t id, int64_t at, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE suppression SET until = ?2 WHERE id = ?1",
	    e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	return db_exec_stmt(db, st, "ending a suppression", e);
}

int
suppressions_hit(struct db *db, int64_t id, int64_t hits, int64_t at,
    struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE suppression SET hits = hits + ?2, "
	    "last_hit = max(coalesce(last_hit, 0), ?3) WHERE id = ?1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, hits);
	sqlite3_bind_int64(st, 3, at);
	return db_exec_stmt(db, st, "counting suppressed alerts", e);
}
