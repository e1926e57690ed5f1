/*
 * journal.c: the append-only, hash-chained journal.
 *
 * Each entry's hash is SHA-256 over a domain byte 0x00, a version tag, and
 * every field of the row length-prefixed (so no two different rows encode
 * alike), including the previous entry's hash. An entry edited, deleted,
 * inserted or reordered by another program breaks the chain at that entry,
 * and journal_verify() names it. What a hash chain cannot show alone is the
 * loss of the newest entries with nothing after them (truncation); the
 * verifier reports the head hash so it can be compared with a copy kept
 * elsewhere (see the README).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <uuid/uuid.h>

#include "store-private.h"
#include "vigil/buf.h"
#include "vigil/store.h"
#include "vigil/util.h"

#define JOURNAL_GENESIS \
	"0000000000000000000000000000000000000000000000000000000000000000"
#define JOURNAL_TAG "vigil-journal-v1"

void
journal_list_free(struct journal_entry **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((*list)[i].login);
		free((*list)[i].action);
		free((*list)[i].payload);
	}
	free(*list);
	*list = NULL;
}

static void
field(struct buf *b, const char *s)
{
	buf_printf(b, "%zu:", strlen(s));
	buf_puts(b, s);
	buf_putc(b, '\n');
}

static void
field_int(struct buf *b, bool has, int64_t v)
{
	char	s[32];

	if (has)
		snprintf(s, sizeof s, "%" PRId64, v);
	else
		s[0] = '\0';
	field(b, s);
}

/* The hash of an entry, as 64 lowercase hex digits. */
static int
journal_hash(EVP_MD_CTX *ctx, const struct journal_entry *je,
    char out[JOURNAL_HASH_HEX])
{
	static const unsigned char	 domain = 0x00;
	unsigned char			 md[EVP_MAX_MD_SIZE];
	unsigned int			 mdlen = 0, i;
	struct buf			 b;
	int				 ok;

	buf_init(&b);
	field(&b, JOURNAL_TAG);
	field_int(&b, true, je->seq);
	field(&b, je->uuid);
	field_int(&b, je->has_incident, je->incident);
	field_int(&b, true, je->at);
	field_int(&b, true, je->uid);
	field(&b, je->login);
	field_int(&b, je->has_loginuid, je->loginuid);
	field(&b, je->action);
	field(&b, je->payload);
	field(&b, je->prev_hash);
	ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 &&
	    EVP_DigestUpdate(ctx, &domain, 1) == 1 &&
	    EVP_DigestUpdate(ctx, b.data, b.len) == 1 &&
	    EVP_DigestFinal_ex(ctx, md, &mdlen) == 1;
	buf_clear(&b);
	if (!ok || mdlen != 32)
		return -1;
	for (i = 0; i < mdlen; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	return 0;
}

/* The newest entry's sequence and hash (0 and the genesis when empty). */
static int
journal_head(struct db *db, int64_t *seq, char hash[JOURNAL_HASH_HEX],
    struct verr *e)
{
	sqlite3_stmt	*st;
	char		*h;
	int		 rc;

	st = db_prepare(db, "SELECT seq, hash FROM journal ORDER BY seq DESC "
	    "LIMIT 1", e);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		h = db_col_text(st, 1);
		snprintf(hash, JOURNAL_HASH_HEX, "%s", h);
		free(h);
	} else {
		*seq = 0;
		snprintf(hash, JOURNAL_HASH_HEX, "%s", JOURNAL_GENESIS);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "reading the journal", e);
	return 0;
}

int
journal_append(struct db *db, const struct actor *who, bool has_incident,
    int64_t incident, int64_t at, const char *action, const char *payload,
    struct verr *e)
{
	struct journal_entry	 je;
	EVP_MD_CTX		*ctx;
	sqlite3_stmt		*st;
	uuid_t			 u;
	int			 rc;

	memset(&je, 0, sizeof je);
	if (journal_head(db, &je.seq, je.prev_hash, e) != 0)
		return -1;
	je.seq++;
	uuid_generate_random(u);
	uuid_unparse_lower(u, je.uuid);
	je.has_incident = has_incident;
	je.incident = incident;
	je.at = at;
	je.uid = who->uid;
	je.login = (char *)who->login;
	je.has_loginuid = who->has_loginuid;
	je.loginuid = who->loginuid;
	je.action = (char *)action;
	je.payload = (char *)payload;
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		util_fatal(71, "out of memory (digest)");
	rc = journal_hash(ctx, &je, je.hash);
	EVP_MD_CTX_free(ctx);
	if (rc != 0)
		return verr_set(e, VERR_SOFTWARE, "cannot compute SHA-256");

	st = db_prepare(db, "INSERT INTO journal (seq, uuid, incident_id, at, "
	    "uid, login, loginuid, action, payload, prev_hash, hash) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, je.seq);
	db_bind_text(st, 2, je.uuid);
	if (has_incident)
		sqlite3_bind_int64(st, 3, incident);
	sqlite3_bind_int64(st, 4, at);
	sqlite3_bind_int64(st, 5, who->uid);
	db_bind_text(st, 6, who->login);
	if (who->has_loginuid)
		sqlite3_bind_int64(st, 7, who->loginuid);
	db_bind_text(st, 8, action);
	db_bind_text(st, 9, payload);
	db_bind_text(st, 10, je.prev_hash);
	db_bind_text(st, 11, je.hash);
	return db_exec_stmt(db, st, "writing the journal", e);
}

#define JOURNAL_COLS "seq, uuid, incident_id, at, uid, login, loginuid, " \
	"action, payload, prev_hash, hash"

static void
journal_row(sqlite3_stmt *st, struct journal_entry *je)
{
	char	*s;

	memset(je, 0, sizeof *je);
	je->seq = sqlite3_column_int64(st, 0);
	s = db_col_text(st, 1);
	snprintf(je->uuid, sizeof je->uuid, "%s", s);
	free(s);
	je->has_incident = sqlite3_column_type(st, 2) != SQLITE_NULL;
	je->incident = sqlite3_column_int64(st, 2);
	je->at = sqlite3_column_int64(st, 3);
	je->uid = sqlite3_column_int64(st, 4);
	je->login = db_col_text(st, 5);
	je->has_loginuid = sqlite3_column_type(st, 6) != SQLITE_NULL;
	je->loginuid = sqlite3_column_int64(st, 6);
	je->action = db_col_text(st, 7);
	je->payload = db_col_text(st, 8);
	s = db_col_text(st, 9);
	snprintf(je->prev_hash, sizeof je->prev_hash, "%s", s);
	free(s);
	s = db_col_text(st, 10);
	snprintf(je->hash, sizeof je->hash, "%s", s);
	free(s);
}

int
journal_list(struct db *db, const struct journal_query *q,
    struct journal_entry **out, size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;
	struct buf	 sql;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	buf_init(&sql);
	buf_puts(&sql, "SELECT " JOURNAL_COLS " FROM journal");
	if (q->has_incident)
		buf_puts(&sql, " WHERE incident_id = ?1");
	buf_printf(&sql, " ORDER BY seq%s LIMIT ?2",
	    q->newest_first ? " DESC" : "");
	st = db_prepare(db, buf_str(&sql), e);
	buf_clear(&sql);
	if (st == NULL)
		return -1;
	if (q->has_incident)
		sqlite3_bind_int64(st, 1, q->incident);
	sqlite3_bind_int(st, 2, q->limit > 0 ? q->limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		journal_row(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		journal_list_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading the journal", e);
	}
	return 0;
}

/* Run a check pragma; ok when it returns one row "ok" (or no rows). */
static int
journal_check_pragma(struct db *db, const char *sql, bool rows_bad,
    struct journal_check *out, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(db, sql, e)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		if (rows_bad || v == NULL || strcmp(v, "ok") != 0) {
			out->db_ok = false;
			if (rows_bad)
				snprintf(out->db_problem,
				    sizeof out->db_problem, "foreign key "
				    "violation in table %s", v != NULL ? v :
				    "?");
			else
				snprintf(out->db_problem,
				    sizeof out->db_problem, "file check "
				    "failed: %s", v != NULL ? v : "?");
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "checking the file", e);
	return 0;
}

int
journal_verify(struct db *db, bool full, struct journal_check *out,
    struct verr *e)
{
	struct journal_entry	 je;
	EVP_MD_CTX		*ctx;
	sqlite3_stmt		*st;
	char			 prev[JOURNAL_HASH_HEX], h[JOURNAL_HASH_HEX];
	int64_t			 expect = 1;
	int			 rc;

	memset(out, 0, sizeof *out);
	out->ok = out->db_ok = true;
	snprintf(prev, sizeof prev, "%s", JOURNAL_GENESIS);
	snprintf(out->head, sizeof out->head, "%s", JOURNAL_GENESIS);
	if (db_begin_read(db, e) != 0)
		return -1;
	out->db_checked = full;
	if (full && (journal_check_pragma(db, "PRAGMA quick_check", false, out,
	    e) != 0 || journal_check_pragma(db, "PRAGMA foreign_key_check",
	    true, out, e) != 0)) {
		db_end_read(db);
		return -1;
	}
	st = db_prepare(db, "SELECT " JOURNAL_COLS " FROM journal ORDER BY "
	    "seq", e);
	if (st == NULL) {
		db_end_read(db);
		return -1;
	}
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		util_fatal(71, "out of memory (digest)");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		journal_row(st, &je);
		out->entries++;
		if (out->ok && je.seq != expect) {
			out->ok = false;
			out->bad_seq = je.seq;
			snprintf(out->problem, sizeof out->problem,
			    je.seq > expect ? "entry %" PRId64 " is missing "
			    "(the next entry is %" PRId64 ")" : "entry %"
			    PRId64 " is out of sequence (at %" PRId64 ")",
			    expect, je.seq);
			if (je.seq < expect)
				out->bad_seq = je.seq;
			else
				out->bad_seq = expect;
		} else if (out->ok && strcmp(je.prev_hash, prev) != 0) {
			out->ok = false;
			out->bad_seq = je.seq;
			snprintf(out->problem, sizeof out->problem, "entry %"
			    PRId64 " does not follow entry %" PRId64 " (its "
			    "previous-hash differs): an entry was removed, "
			    "inserted or reordered", je.seq, je.seq - 1);
		} else if (out->ok && (journal_hash(ctx, &je, h) != 0 ||
		    strcmp(h, je.hash) != 0)) {
			out->ok = false;
			out->bad_seq = je.seq;
			snprintf(out->problem, sizeof out->problem, "entry %"
			    PRId64 " (%s) was changed after it was written: "
			    "its hash does not match its content", je.seq,
			    je.action);
		}
		snprintf(prev, sizeof prev, "%s", je.hash);
		snprintf(out->head, sizeof out->head, "%s", je.hash);
		expect = je.seq + 1;
		free(je.login);
		free(je.action);
		free(je.payload);
	}
	EVP_MD_CTX_free(ctx);
	sqlite3_finalize(st);
	db_end_read(db);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, "reading the journal", e);
	return 0;
}

int
journal_last_hash(struct db *db, bool has_incident, int64_t incident,
    char out[JOURNAL_HASH_HEX], struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	out[0] = '\0';
	st = db_prepare(db, has_incident ? "SELECT hash FROM journal WHERE "
	    "incident_id = ? ORDER BY seq DESC LIMIT 1" : "SELECT hash FROM "
	    "journal ORDER BY seq DESC LIMIT 1", e);
	if (st == NULL)
		return -1;
	if (has_incident)
		sqlite3_bind_int64(st, 1, incident);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, JOURNAL_HASH_HEX, "%s",
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "reading the journal", e);
	return 0;
}
