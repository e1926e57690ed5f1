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
 * elsewhere (see the README). In a keyed journal (chainkey.c) the entries
 * from the first keyed one on are chained with HMAC-SHA-256 under the key
 * instead, over a domain byte 0x01 and the same encoding, so that a chain
 * recomputed without the key fails there.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <uuid/uuid.h>

#include "store-private.h"
#include "vigil/buf.h"
#include "vigil/store.h"
#include "vigil/store-chain.h"
#include "vigil/store-record.h"
#include "vigil/util.h"

#define JOURNAL_GENESIS \
	"0000000000000000000000000000000000000000000000000000000000000000"
#define JOURNAL_TAG "vigil-journal-v1"
/* an entry with row changes: the same fields, then the changeset */
#define JOURNAL_TAG2 "vigil-journal-v2"

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

/*
 * The hashing state, reused across entries: the digest is fetched once
 * (an implicit fetch per entry costs more than the hash itself in OpenSSL
 * 3) and the canonical encoding is built in one buffer without printf.
 */
struct hasher {
	EVP_MD_CTX	*ctx;
	EVP_MD		*md;
	struct buf	 b;
	/*
	 * A keyed journal: HMAC-SHA-256 (RFC 2104) for entries >= keyed_from,
	 * computed with the same digest context from the key's two pads, so
	 * that an entry costs two digests and no allocation.
	 */
	bool		 keyed;
	int64_t		 keyed_from;
	unsigned char	 ipad[64], opad[64];
};

/* The hashing state for db's journal (keyed when db has a key). */
static int
hasher_init(struct hasher *h, const struct db *db)
{
	size_t	i;

	memset(h, 0, sizeof *h);
	buf_init(&h->b);
	if ((h->ctx = EVP_MD_CTX_new()) == NULL)
		util_fatal(71, "out of memory (digest)");
	if ((h->md = EVP_MD_fetch(NULL, "SHA256", NULL)) == NULL) {
		EVP_MD_CTX_free(h->ctx);
		return -1;
	}
	if (!db->has_key)
		return 0;
	/* a 32-byte key, shorter than SHA-256's 64-byte block: zero-padded */
	memset(h->ipad, 0x36, sizeof h->ipad);
	memset(h->opad, 0x5c, sizeof h->opad);
	for (i = 0; i < sizeof db->chain_key; i++) {
		h->ipad[i] ^= db->chain_key[i];
		h->opad[i] ^= db->chain_key[i];
	}
	h->keyed = true;
	h->keyed_from = db->keyed_from;
	return 0;
}

static void
hasher_clear(struct hasher *h)
{
	OPENSSL_cleanse(h->ipad, sizeof h->ipad);
	OPENSSL_cleanse(h->opad, sizeof h->opad);
	EVP_MD_free(h->md);
	EVP_MD_CTX_free(h->ctx);
	buf_clear(&h->b);
}

/* Is entry seq chained with the key? */
static bool
hasher_keyed(const struct hasher *h, int64_t seq)
{
	return h->keyed && seq >= h->keyed_from;
}

/* Append v in decimal. */
static void
put_dec(struct buf *b, int64_t v)
{
	char		 s[24], *p = s + sizeof s;
	uint64_t	 u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(s + sizeof s - p));
}

/* One field: "<length>:<bytes>\n". */
static void
field(struct buf *b, const char *s, size_t len)
{
	put_dec(b, (int64_t)len);
	buf_putc(b, ':');
	buf_add(b, s, len);
	buf_putc(b, '\n');
}

static void
field_str(struct buf *b, const char *s)
{
	field(b, s, strlen(s));
}

static void
field_int(struct buf *b, bool has, int64_t v)
{
	char		 s[24];
	struct buf	 t = { s, 0, sizeof s };

	if (!has) {
		field(b, "", 0);
		return;
	}
	put_dec(&t, v);
	field(b, s, t.len);
}

/*
 * A digest in three steps, so that an entry's large fields go to it where
 * they lie instead of being copied first: HMAC-SHA-256 under the key when
 * keyed, else SHA-256, of a domain byte and then the data.
 */
static int
hasher_begin(struct hasher *h, bool keyed, unsigned char domain)
{
	/* keyed: SHA-256(opad || SHA-256(ipad || domain || data)) */
	if (EVP_DigestInit_ex2(h->ctx, h->md, NULL) != 1 ||
	    (keyed && EVP_DigestUpdate(h->ctx, h->ipad, sizeof h->ipad) != 1) ||
	    EVP_DigestUpdate(h->ctx, &domain, 1) != 1)
		return -1;
	return 0;
}

static int
hasher_update(struct hasher *h, const void *data, size_t len)
{
	return len == 0 || EVP_DigestUpdate(h->ctx, data, len) == 1 ? 0 : -1;
}

/* The digest as 64 lowercase hex digits. */
static int
hasher_end(struct hasher *h, bool keyed, char out[JOURNAL_HASH_HEX])
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 md[EVP_MAX_MD_SIZE], inner[EVP_MAX_MD_SIZE];
	unsigned int		 mdlen = 0, ilen = 0, i;

	if (keyed) {
		if (EVP_DigestFinal_ex(h->ctx, inner, &ilen) != 1 ||
		    ilen != 32 ||
		    EVP_DigestInit_ex2(h->ctx, h->md, NULL) != 1 ||
		    EVP_DigestUpdate(h->ctx, h->opad, sizeof h->opad) != 1 ||
		    EVP_DigestUpdate(h->ctx, inner, ilen) != 1)
			return -1;
	}
	if (EVP_DigestFinal_ex(h->ctx, md, &mdlen) != 1 || mdlen != 32)
		return -1;
	for (i = 0; i < mdlen; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 0xf];
	}
	out[2 * mdlen] = '\0';
	return 0;
}

static int
hasher_digest(struct hasher *h, bool keyed, unsigned char domain,
    const void *data, size_t len, char out[JOURNAL_HASH_HEX])
{
	if (hasher_begin(h, keyed, domain) != 0 ||
	    hasher_update(h, data, len) != 0)
		return -1;
	return hasher_end(h, keyed, out);
}

/*
 * The hash of an entry, as 64 lowercase hex digits: the digest of its
 * fields, each "<length>:<bytes>\n", in a fixed order. The small fields
 * are gathered in h->b; the payload and the changes are given to the
 * digest where they lie.
 */
static int
journal_hash(struct hasher *h, const struct journal_entry *je,
    char out[JOURNAL_HASH_HEX])
{
	bool	keyed = hasher_keyed(h, je->seq);

	if (hasher_begin(h, keyed, keyed ? 0x01 : 0x00) != 0)
		return -1;
	buf_reset(&h->b);
	field_str(&h->b, je->changes != NULL ? JOURNAL_TAG2 : JOURNAL_TAG);
	field_int(&h->b, true, je->seq);
	field_str(&h->b, je->uuid);
	field_int(&h->b, je->has_incident, je->incident);
	field_int(&h->b, true, je->at);
	field_int(&h->b, true, je->uid);
	field(&h->b, je->login, je->login_len);
	field_int(&h->b, je->has_loginuid, je->loginuid);
	field(&h->b, je->action, je->action_len);
	put_dec(&h->b, (int64_t)je->payload_len);
	buf_putc(&h->b, ':');
	if (hasher_update(h, h->b.data, h->b.len) != 0 ||
	    hasher_update(h, je->payload, je->payload_len) != 0)
		return -1;
	buf_reset(&h->b);
	buf_putc(&h->b, '\n');
	field_str(&h->b, je->prev_hash);
	if (je->changes != NULL) {
		put_dec(&h->b, (int64_t)je->changes_len);
		buf_putc(&h->b, ':');
	}
	if (hasher_update(h, h->b.data, h->b.len) != 0)
		return -1;
	if (je->changes != NULL && (hasher_update(h, je->changes,
	    je->changes_len) != 0 || hasher_update(h, "\n", 1) != 0))
		return -1;
	return hasher_end(h, keyed, out);
}

int
journal_seal(struct db *db, const void *data, size_t len,
    char out[JOURNAL_HASH_HEX])
{
	struct hasher	h;
	int		rc;

	if (hasher_init(&h, db) != 0)
		return -1;
	rc = hasher_digest(&h, h.keyed, 0x02, data, len, out);
	hasher_clear(&h);
	return rc;
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
	void	*changes;
	int	 len, rc;

	if (record_take(db, &changes, &len, e) != 0)
		return -1;
	rc = journal_append_changes(db, who, has_incident, incident, at, action,
	    payload, changes, len, e);
	sqlite3_free(changes);
	return rc;
}

int
journal_append_changes(struct db *db, const struct actor *who,
    bool has_incident, int64_t incident, int64_t at, const char *action,
    const char *payload, const void *changes, int changes_len,
    struct verr *e)
{
	struct journal_entry	 je;
	struct hasher		 hs;
	sqlite3_stmt		*st;
	uuid_t			 u;
	int			 rc;

	memset(&je, 0, sizeof je);
	if (journal_head(db, &je.seq, je.prev_hash, e) != 0)
		return -1;
	je.seq++;
	if (chainkey_check_append(db, je.seq, action, e) != 0)
		return -1;
	uuid_generate_random(u);
	uuid_unparse_lower(u, je.uuid);
	je.has_incident = has_incident;
	je.incident = incident;
	je.at = at;
	je.uid = who->uid;
	je.login = (char *)who->login;
	je.login_len = strlen(who->login);
	je.has_loginuid = who->has_loginuid;
	je.loginuid = who->loginuid;
	je.action = (char *)action;
	je.action_len = strlen(action);
	je.payload = (char *)payload;
	je.payload_len = strlen(payload);
	je.changes = changes;
	je.changes_len = changes != NULL ? (size_t)changes_len : 0;
	if (hasher_init(&hs, db) != 0)
		return verr_set(e, VERR_SOFTWARE, "SHA-256 (or HMAC) is not "
		    "available");
	rc = journal_hash(&hs, &je, je.hash);
	hasher_clear(&hs);
	if (rc != 0)
		return verr_set(e, VERR_SOFTWARE, "cannot compute SHA-256");

	st = db_prepare(db, "INSERT INTO journal (seq, uuid, incident_id, at, "
	    "uid, login, loginuid, action, payload, prev_hash, hash, changes) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e);
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
	db_bind_text(st, 10, je.prev_hash);
	db_bind_text(st, 11, je.hash);
	/* a field SQLite will not take must fail the write, never be
	 * stored as NULL under a hash that covers it */
	if ((rc = sqlite3_bind_text(st, 9, payload, -1, SQLITE_STATIC)) !=
	    SQLITE_OK || (changes != NULL && (rc = sqlite3_bind_blob(st, 12,
	    changes, changes_len, SQLITE_STATIC)) != SQLITE_OK)) {
		sqlite3_finalize(st);
		return verr_set(e, rc == SQLITE_TOOBIG ? VERR_DATA :
		    VERR_SOFTWARE, "the change is too large for one journal "
		    "entry (%d bytes of row changes, at most %d): nothing was "
		    "written", changes_len, DB_VALUE_MAX);
	}
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
	je->login_len = (size_t)sqlite3_column_bytes(st, 5);
	je->has_loginuid = sqlite3_column_type(st, 6) != SQLITE_NULL;
	je->loginuid = sqlite3_column_int64(st, 6);
	je->action = db_col_text(st, 7);
	je->action_len = (size_t)sqlite3_column_bytes(st, 7);
	je->payload = db_col_text(st, 8);
	je->payload_len = (size_t)sqlite3_column_bytes(st, 8);
	s = db_col_text(st, 9);
	snprintf(je->prev_hash, sizeof je->prev_hash, "%s", s);
	free(s);
	s = db_col_text(st, 10);
	snprintf(je->hash, sizeof je->hash, "%s", s);
	free(s);
}

/* Copy column i into a fixed field, cut to fit; "" for NULL. */
static void
col_fixed(sqlite3_stmt *st, int i, char *out, size_t len)
{
	const unsigned char	*t = sqlite3_column_text(st, i);
	size_t			 n = (size_t)sqlite3_column_bytes(st, i);

	if (t == NULL)
		n = 0;
	if (n >= len)
		n = len - 1;
	if (n > 0)
		memcpy(out, t, n);
	out[n] = '\0';
}

static char *
col_borrow(sqlite3_stmt *st, int i)
{
	const unsigned char	*t = sqlite3_column_text(st, i);

	return (char *)(t != NULL ? (const char *)t : "");
}

/*
 * The row as journal_row() reads it, but with login, action and payload
 * borrowed from the statement (valid until its next step): the verifier
 * reads millions of rows and needs no copies.
 */
static void
journal_row_view(sqlite3_stmt *st, struct journal_entry *je)
{
	je->seq = sqlite3_column_int64(st, 0);
	col_fixed(st, 1, je->uuid, sizeof je->uuid);
	je->has_incident = sqlite3_column_type(st, 2) != SQLITE_NULL;
	je->incident = sqlite3_column_int64(st, 2);
	je->at = sqlite3_column_int64(st, 3);
	je->uid = sqlite3_column_int64(st, 4);
	je->has_loginuid = sqlite3_column_type(st, 6) != SQLITE_NULL;
	je->loginuid = sqlite3_column_int64(st, 6);
	col_fixed(st, 9, je->prev_hash, sizeof je->prev_hash);
	col_fixed(st, 10, je->hash, sizeof je->hash);
	je->login = col_borrow(st, 5);
	je->action = col_borrow(st, 7);
	je->payload = col_borrow(st, 8);
	je->login_len = (size_t)sqlite3_column_bytes(st, 5);
	je->action_len = (size_t)sqlite3_column_bytes(st, 7);
	je->payload_len = (size_t)sqlite3_column_bytes(st, 8);
	je->changes = sqlite3_column_type(st, 11) == SQLITE_NULL ? NULL :
	    sqlite3_column_blob(st, 11);
	je->changes_len = (size_t)sqlite3_column_bytes(st, 11);
	if (je->changes == NULL && sqlite3_column_type(st, 11) != SQLITE_NULL)
		je->changes = "";	/* an empty blob is not "no changes" */
}

/* Exactly n characters of [0-9a-f] (hashes) or of a lowercase uuid. */
static bool
col_shaped(sqlite3_stmt *st, int i, size_t n, bool uuid)
{
	static unsigned char	 hexok[256];
	const unsigned char	*t;
	size_t			 k;

	if (hexok['0'] == 0) {
		for (k = 0; k < 10; k++)
			hexok['0' + k] = 1;
		for (k = 0; k < 6; k++)
			hexok['a' + k] = 1;
	}
	if (sqlite3_column_type(st, i) != SQLITE_TEXT ||
	    (size_t)sqlite3_column_bytes(st, i) != n)
		return false;
	t = sqlite3_column_text(st, i);
	if (uuid)
		for (k = 0; k < n; k++) {
			if (k == 8 || k == 13 || k == 18 || k == 23) {
				if (t[k] != '-')
					return false;
			} else if (!hexok[t[k]])
				return false;
		}
	else
		for (k = 0; k < n; k++)
			if (!hexok[t[k]])
				return false;
	return true;
}

/*
 * The stored types of a row, which the hash alone cannot vouch for (the
 * integer read from '5junk' is 5): NULL where a row may have none, the
 * declared type everywhere else. "" when well formed, else what is not.
 */
static const char *
journal_row_shape(sqlite3_stmt *st)
{
	static const struct {
		int	 col, type;
		bool	 nullable;
		const char *what;
	} want[] = {
		{ 0, SQLITE_INTEGER, false, "seq" },
		{ 2, SQLITE_INTEGER, true, "incident_id" },
		{ 3, SQLITE_INTEGER, false, "at" },
		{ 4, SQLITE_INTEGER, false, "uid" },
		{ 5, SQLITE_TEXT, false, "login" },
		{ 6, SQLITE_INTEGER, true, "loginuid" },
		{ 7, SQLITE_TEXT, false, "action" },
		{ 8, SQLITE_TEXT, false, "payload" },
		{ 11, SQLITE_BLOB, true, "changes" },
	};
	size_t	i;
	int	t;

	for (i = 0; i < nitems(want); i++) {
		t = sqlite3_column_type(st, want[i].col);
		if (t == want[i].type || (t == SQLITE_NULL && want[i].nullable))
			continue;
		return want[i].what;
	}
	if (!col_shaped(st, 1, 36, true))
		return "uuid";
	if (!col_shaped(st, 9, 64, false))
		return "prev_hash";
	if (!col_shaped(st, 10, 64, false))
		return "hash";
	return "";
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

/*
 * Where the replay starts: the first part of the newest baseline (its
 * last entry says which part it is: "part" N, the N - 1 before it are the
 * others), 1 when there is none.
 */
static int
journal_replay_from(struct db *db, int64_t *from, struct verr *e)
{
	sqlite3_stmt	*st;
	int64_t		 part;
	int		 rc;

	*from = 1;
	st = db_prepare(db, "SELECT seq, json_extract(CASE WHEN json_valid("
	    "payload) THEN payload END, '$.part') FROM journal WHERE action = "
	    "'record.baseline' ORDER BY seq DESC LIMIT 1", e);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_INTEGER) {
		*from = sqlite3_column_int64(st, 0);
		part = sqlite3_column_type(st, 1) == SQLITE_INTEGER ?
		    sqlite3_column_int64(st, 1) : 1;
		if (part > 1 && part <= *from)
			*from -= part - 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "reading the journal", e);
	return 0;
}

static void
journal_bad(struct journal_check *out, int64_t seq, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
journal_bad(struct journal_check *out, int64_t seq, const char *fmt, ...)
{
	va_list	ap;

	out->ok = false;
	out->bad_seq = seq;
	va_start(ap, fmt);
	vsnprintf(out->problem, sizeof out->problem, fmt, ap);
	va_end(ap);
}

/*
 * The changes to replay, combined: entries' changesets are concatenated
 * (a valid changeset stream) and given to the changegroup a few megabytes
 * at a time, which costs a fraction of one call per entry.
 */
struct replay {
	sqlite3_changegroup	*cg;
	struct buf		 b;
	int64_t			 first, last;	/* entries in b */
};

#define REPLAY_CHUNK (4 << 20)

static void
replay_flush(struct replay *r, struct journal_check *out)
{
	if (r->b.len == 0)
		return;
	if (out->ok && sqlite3changegroup_add(r->cg, (int)r->b.len,
	    r->b.data) != SQLITE_OK)
		journal_bad(out, r->first, "the changes of entries %" PRId64
		    " to %" PRId64 " are not changesets vigil can read",
		    r->first, r->last);
	buf_reset(&r->b);
}

static void
replay_add(struct replay *r, int64_t seq, const void *p, size_t n,
    struct journal_check *out)
{
	if (r->b.len == 0)
		r->first = seq;
	r->last = seq;
	buf_add(&r->b, p, n);
	if (r->b.len >= REPLAY_CHUNK)
		replay_flush(r, out);
}

/* Check one row against the chain so far; feeds the replay and the
 * bursts of refusals seen. */
static void
journal_check_row(struct hasher *hs, sqlite3_stmt *st, int64_t *expect,
    char prev[JOURNAL_HASH_HEX], int64_t from, struct replay *rp,
    struct bursts *bs, struct journal_check *out)
{
	struct journal_entry	 je;
	const char		*bad;
	char			 h[JOURNAL_HASH_HEX];

	journal_row_view(st, &je);
	out->entries++;
	if (!out->ok)
		return;
	if (*(bad = journal_row_shape(st)) != '\0') {
		journal_bad(out, je.seq, "entry %" PRId64 " is malformed: its "
		    "%s is not what vigil writes", je.seq, bad);
		return;
	}
	if (je.seq != *expect) {
		journal_bad(out, je.seq < *expect ? je.seq : *expect,
		    je.seq > *expect ? "entry %" PRId64 " is missing (the next "
		    "entry is %" PRId64 ")" : "entry %" PRId64 " is out of "
		    "sequence (at %" PRId64 ")", *expect, je.seq);
		return;
	}
	if (strcmp(je.prev_hash, prev) != 0) {
		journal_bad(out, je.seq, "entry %" PRId64 " does not follow "
		    "entry %" PRId64 " (its previous-hash differs): an entry "
		    "was removed, inserted or reordered", je.seq, je.seq - 1);
		return;
	}
	if (hasher_keyed(hs, je.seq) && je.seq == hs->keyed_from &&
	    strcmp(je.action, CHAIN_KEYED_ACTION) != 0) {
		journal_bad(out, je.seq, "entry %" PRId64 " should be the entry "
		    "that keyed the chain (its key file says so) but is '%s': "
		    "the journal was rewritten without the key", je.seq,
		    je.action);
		return;
	}
	if (journal_hash(hs, &je, h) != 0 || strcmp(h, je.hash) != 0) {
		if (hasher_keyed(hs, je.seq))
			journal_bad(out, je.seq, "entry %" PRId64 " (%s) does "
			    "not match its keyed hash (HMAC-SHA-256): it was "
			    "changed after it was written, or the chain was "
			    "recomputed without the key", je.seq, je.action);
		else
			journal_bad(out, je.seq, "entry %" PRId64 " (%s) was "
			    "changed after it was written: its hash does not "
			    "match its content", je.seq, je.action);
		return;
	}
	if (je.seq >= from && je.changes != NULL && je.changes_len > 0)
		replay_add(rp, je.seq, je.changes, je.changes_len, out);
	if (je.action_len == 6 && memcmp(je.action, "denied", 6) == 0)
		denials_seen(bs, je.seq, je.at, je.uid, je.payload,
		    je.payload_len);
	if (je.seq == from)
		bs->legacy_before = je.at;	/* the newest baseline */
	memcpy(prev, je.hash, JOURNAL_HASH_HEX);
	*expect = je.seq + 1;
}

int
journal_verify(struct db *db, bool full, struct journal_check *out,
    struct verr *e)
{
	struct record_check	 rc_out;
	struct hasher		 hs;
	struct replay		 rp;
	struct bursts		 bs;
	sqlite3_changegroup	*cg = NULL;
	sqlite3_stmt		*st;
	char			 prev[JOURNAL_HASH_HEX];
	void			*all = NULL;
	int64_t			 expect = 1;
	int			 rc, len = 0;

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
	if (journal_replay_from(db, &out->rec_from, e) != 0) {
		db_end_read(db);
		return -1;
	}
	st = db_prepare(db, "SELECT " JOURNAL_COLS ", changes FROM journal "
	    "ORDER BY seq", e);
	if (st == NULL) {
		db_end_read(db);
		return -1;
	}
	out->keyed_from = db->has_key ? db->keyed_from : 0;
	if (hasher_init(&hs, db) != 0 || sqlite3changegroup_new(&cg) !=
	    SQLITE_OK) {
		sqlite3_finalize(st);
		db_end_read(db);
		return verr_set(e, VERR_SOFTWARE, "SHA-256 is not available");
	}
	memset(&rp, 0, sizeof rp);
	rp.cg = cg;
	buf_init(&rp.b);
	memset(&bs, 0, sizeof bs);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		journal_check_row(&hs, st, &expect, prev, out->rec_from, &rp,
		    &bs, out);
	replay_flush(&rp, out);
	buf_clear(&rp.b);
	memcpy(out->head, prev, sizeof out->head);
	hasher_clear(&hs);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(bs.v);
		sqlite3changegroup_delete(cg);
		db_end_read(db);
		return db_error(db, rc, "reading the journal", e);
	}
	/* the chain holds: does the rest of the file match what it implies? */
	if (out->ok) {
		if (sqlite3changegroup_output(cg, &len, &all) != SQLITE_OK) {
			free(bs.v);
			sqlite3changegroup_delete(cg);
			db_end_read(db);
			return verr_set(e, VERR_SOFTWARE, "out of memory "
			    "(replaying the journal)");
		}
		rc = record_replay(db, all, len, &rc_out, e);
		sqlite3_free(all);
		if (rc != 0) {
			free(bs.v);
			sqlite3changegroup_delete(cg);
			db_end_read(db);
			return -1;
		}
		out->rec_checked = true;
		out->rec_ok = rc_out.ok;
		out->rec_tables = rc_out.tables;
		out->rec_rows = rc_out.rows;
		snprintf(out->rec_problem, sizeof out->rec_problem, "%s",
		    rc_out.problem);
		/* the refusals counted between entries (denials.c) */
		if (out->rec_ok && denials_check(db, &bs, bs.legacy_before,
		    out->rec_problem, sizeof out->rec_problem, e) != 0) {
			free(bs.v);
			sqlite3changegroup_delete(cg);
			db_end_read(db);
			return -1;
		}
		if (out->rec_problem[0] != '\0')
			out->rec_ok = false;
	}
	free(bs.v);
	sqlite3changegroup_delete(cg);
	db_end_read(db);
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

/* Copy a text column into a fixed field; "" unless it fits exactly. */
static void
col_exact(sqlite3_stmt *st, int i, char *out, size_t len)
{
	const unsigned char	*t = sqlite3_column_text(st, i);
	size_t			 n = (size_t)sqlite3_column_bytes(st, i);

	out[0] = '\0';
	if (t != NULL && n < len && strlen((const char *)t) == n)
		memcpy(out, t, n + 1);
}

int
journal_head_info(struct db *db, int64_t *seq, char hash[JOURNAL_HASH_HEX],
    char first_uuid[40], struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*seq = 0;
	hash[0] = first_uuid[0] = '\0';
	if (db_begin_read(db, e) != 0)
		return -1;
	st = db_prepare(db, "SELECT seq, hash FROM journal ORDER BY seq DESC "
	    "LIMIT 1", e);
	if (st == NULL) {
		db_end_read(db);
		return -1;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		col_exact(st, 1, hash, JOURNAL_HASH_HEX);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW) {
		st = db_prepare(db, "SELECT uuid FROM journal WHERE seq = 1",
		    e);
		if (st == NULL) {
			db_end_read(db);
			return -1;
		}
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			col_exact(st, 0, first_uuid, 40);
		sqlite3_finalize(st);
	}
	db_end_read(db);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "reading the journal", e);
	return 0;
}

int
journal_hash_at(struct db *db, int64_t seq, char hash[JOURNAL_HASH_HEX],
    bool *found, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	hash[0] = '\0';
	*found = false;
	st = db_prepare(db, "SELECT hash FROM journal WHERE seq = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, seq);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*found = true;
		col_exact(st, 0, hash, JOURNAL_HASH_HEX);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "reading the journal", e);
	return 0;
}
