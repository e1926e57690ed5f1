/*
 * denials.c: refused attempts in bursts, inside the record. A person's
 * first twenty refusals within a minute are journaled one by one; the
 * next one is journaled too, with "burst": "counting", and opens the
 * person's counter (a row here, tied to that entry); further refusals in
 * the minute only count there, and the next refusal journaled once the
 * minute is over takes the count ("repeated", "burst": "ended") and
 * removes the row. So someone off the roster cannot fill the journal (a
 * thousand attempts in seconds are a couple of dozen entries, then one a
 * minute, each with its count), and yet the counter is part of what
 * verify checks: every row must belong to a burst the journal opened and
 * did not end, every burst the journal left open must have its row, and
 * each row carries a seal over its fields and its opening entry
 * (journal_seal(): HMAC-SHA-256 under the chain key in a keyed journal,
 * so a count changed behind vigil's back fails there; in a plain journal
 * the seal only catches an editor who does not recompute it). The table
 * is left out of the row changes (record.c) because the counting between
 * entries is, by design, not journaled.
 *
 * Rows from before the seal (no opening entry) are taken up as they were
 * and accepted by verify when they are older than the upgrade.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "vigil/buf.h"
#include "vigil/store-record.h"
#include "vigil/util.h"

struct burst_row {
	int64_t	 uid;
	char	*login;
	int64_t	 first_at, last_at, count;
	bool	 sealed;		/* has an opening entry */
	int64_t	 start_seq;
	char	 seal[JOURNAL_HASH_HEX];
};

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

/* The seal of a row: its fields and its opening entry. */
static int
denials_seal(struct db *db, const struct burst_row *r,
    char out[JOURNAL_HASH_HEX])
{
	struct buf	b;
	int		rc;

	buf_init(&b);
	buf_printf(&b, "vigil-burst-v1\n%" PRId64 "\n%zu:%s\n%" PRId64 "\n%"
	    PRId64 "\n%" PRId64 "\n%" PRId64 "\n", r->uid, strlen(r->login),
	    r->login, r->start_seq, r->first_at, r->last_at, r->count);
	rc = journal_seal(db, b.data, b.len, out);
	buf_clear(&b);
	return rc;
}

#define BURST_COLS "uid, login, first_at, last_at, count, start_seq, seal"

static void
denials_row(sqlite3_stmt *st, struct burst_row *r)
{
	const unsigned char	*s;

	memset(r, 0, sizeof *r);
	r->uid = sqlite3_column_int64(st, 0);
	r->login = db_col_text(st, 1);
	r->first_at = sqlite3_column_int64(st, 2);
	r->last_at = sqlite3_column_int64(st, 3);
	r->count = sqlite3_column_int64(st, 4);
	r->sealed = sqlite3_column_type(st, 5) == SQLITE_INTEGER;
	r->start_seq = sqlite3_column_int64(st, 5);
	s = sqlite3_column_text(st, 6);
	if (s != NULL && sqlite3_column_bytes(st, 6) == JOURNAL_HASH_HEX - 1)
		memcpy(r->seal, s, JOURNAL_HASH_HEX);
}

/* The row of uid: 1 found, 0 none, -1 error. */
static int
denials_get(struct db *db, int64_t uid, struct burst_row *r, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT " BURST_COLS " FROM denial_burst WHERE "
	    "uid = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, uid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		denials_row(st, r);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, rc, "reading the refusals", e);
	return rc == SQLITE_ROW;
}

/* Write the row (sealed) in place of uid's. */
static int
denials_put(struct db *db, struct burst_row *r, struct verr *e)
{
	sqlite3_stmt	*st;

	if (denials_seal(db, r, r->seal) != 0)
		return verr_set(e, VERR_SOFTWARE, "cannot seal a refusal count");
	st = db_prepare(db, "INSERT OR REPLACE INTO denial_burst (" BURST_COLS
	    ") VALUES (?, ?, ?, ?, ?, ?, ?)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, r->uid);
	db_bind_text(st, 2, r->login);
	sqlite3_bind_int64(st, 3, r->first_at);
	sqlite3_bind_int64(st, 4, r->last_at);
	sqlite3_bind_int64(st, 5, r->count);
	sqlite3_bind_int64(st, 6, r->start_seq);
	db_bind_text(st, 7, r->seal);
	return db_exec_stmt(db, st, "counting a refusal", e);
}

int
denials_burst(struct db *db, int64_t uid, bool *open, struct verr *e)
{
	struct burst_row	r;
	int			rc;

	*open = false;
	if ((rc = denials_get(db, uid, &r, e)) < 0)
		return -1;
	if (rc == 1) {
		*open = r.sealed;
		free(r.login);
	}
	return 0;
}

int
denials_open(struct db *db, int64_t uid, const char *login, int64_t at,
    struct verr *e)
{
	struct burst_row	 r;
	sqlite3_stmt		*st;
	int			 rc;

	memset(&r, 0, sizeof r);
	st = db_prepare(db, "SELECT coalesce(max(seq), 0) + 1 FROM journal",
	    e);
	if (st == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		r.start_seq = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "reading the journal", e);
	r.uid = uid;
	r.login = (char *)login;
	r.first_at = r.last_at = at;
	r.sealed = true;
	return denials_put(db, &r, e);
}

int
denials_count(struct db *db, int64_t uid, int64_t at, struct verr *e)
{
	struct burst_row	r;
	int			rc;

	if ((rc = denials_get(db, uid, &r, e)) <= 0)
		return rc < 0 ? -1 : verr_set(e, VERR_SOFTWARE, "no open burst "
		    "of refusals to count in");
	r.count++;
	if (at > r.last_at)
		r.last_at = at;
	rc = denials_put(db, &r, e);
	free(r.login);
	return rc;
}

int
denials_take(struct db *db, int64_t uid, int64_t *count, int64_t *first_at,
    bool *sealed, struct verr *e)
{
	struct burst_row	 r;
	sqlite3_stmt		*st;
	int			 rc;

	*count = 0;
	*first_at = 0;
	*sealed = false;
	if ((rc = denials_get(db, uid, &r, e)) <= 0)
		return rc;
	*count = r.count > 0 ? r.count : 0;
	*first_at = r.first_at;
	*sealed = r.sealed;
	free(r.login);
	st = db_prepare(db, "DELETE FROM denial_burst WHERE uid = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, uid);
	return db_exec_stmt(db, st, "taking the refusals", e);
}

/* The state of uid among the bursts seen, made when missing. */
static struct burst_seen *
denials_find(struct bursts *bs, int64_t uid, bool make)
{
	size_t	i;

	for (i = 0; i < bs->n; i++)
		if (bs->v[i].uid == uid)
			return &bs->v[i];
	if (!make)
		return NULL;
	if (bs->n == bs->cap) {
		bs->cap = bs->cap == 0 ? 8 : bs->cap * 2;
		bs->v = xreallocarray(bs->v, bs->cap, sizeof *bs->v);
	}
	memset(&bs->v[bs->n], 0, sizeof bs->v[0]);
	bs->v[bs->n].uid = uid;
	return &bs->v[bs->n++];
}

static bool
has_text(const char *p, size_t n, const char *needle)
{
	return memmem(p, n, needle, strlen(needle)) != NULL;
}

void
denials_seen(struct bursts *bs, int64_t seq, int64_t at, int64_t uid,
    const char *payload, size_t payload_len)
{
	struct burst_seen	*b;

	if (has_text(payload, payload_len, "\"burst\":\"counting\"")) {
		b = denials_find(bs, uid, true);
		b->open = true;
		b->start_seq = seq;
		b->start_at = at;
	} else if (has_text(payload, payload_len, "\"burst\":\"ended\"") &&
	    (b = denials_find(bs, uid, false)) != NULL)
		b->open = false;
}

/* The first problem of one row, or "". */
static void
denials_check_row(struct db *db, const struct bursts *bs,
    const struct burst_row *r, int64_t legacy_before, char *problem,
    size_t len)
{
	struct burst_seen	*b = denials_find((struct bursts *)bs, r->uid,
				    false);
	char			 seal[JOURNAL_HASH_HEX];

	if (!r->sealed) {
		if (r->seal[0] != '\0' || r->last_at > legacy_before)
			snprintf(problem, len, "table denial_burst, row uid=%"
			    PRId64 ": a refusal count that no journal entry "
			    "opened", r->uid);
		return;
	}
	if (b == NULL || !b->open || b->start_seq != r->start_seq)
		snprintf(problem, len, "table denial_burst, row uid=%" PRId64
		    ": a refusal count for a burst the journal did not open "
		    "(at entry %" PRId64 ")", r->uid, r->start_seq);
	else if (b->start_at != r->first_at || r->last_at < r->first_at ||
	    r->count < 0)
		snprintf(problem, len, "table denial_burst, row uid=%" PRId64
		    ": its times do not match entry %" PRId64 " that opened "
		    "the burst", r->uid, r->start_seq);
	else if (denials_seal(db, r, seal) != 0 || strcmp(seal, r->seal) != 0)
		snprintf(problem, len, "table denial_burst, row uid=%" PRId64
		    ": its seal does not match (count %" PRId64 ", login, or "
		    "times changed behind vigil's back)", r->uid, r->count);
}

int
denials_check(struct db *db, const struct bursts *bs, int64_t legacy_before,
    char *problem, size_t len, struct verr *e)
{
	struct burst_row	 r;
	sqlite3_stmt		*st;
	size_t			 i;
	int			 rc = SQLITE_DONE;

	problem[0] = '\0';
	st = db_prepare(db, "SELECT " BURST_COLS " FROM denial_burst ORDER BY "
	    "uid", e);
	if (st == NULL)
		return -1;
	while (problem[0] == '\0' && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		denials_row(st, &r);
		denials_check_row(db, bs, &r, legacy_before, problem, len);
		free(r.login);
	}
	sqlite3_finalize(st);
	if (problem[0] == '\0' && rc != SQLITE_DONE)
		return db_error(db, rc, "reading the refusals", e);
	for (i = 0; problem[0] == '\0' && i < bs->n; i++) {
		if (!bs->v[i].open)
			continue;
		if ((rc = denials_get(db, bs->v[i].uid, &r, e)) < 0)
			return -1;
		if (rc == 1)
			free(r.login);
		else
			snprintf(problem, len, "table denial_burst: the burst of "
			    "refusals of uid %" PRId64 " that entry %" PRId64
			    " opened has no count (deleted behind vigil's "
			    "back)", bs->v[i].uid, bs->v[i].start_seq);
	}
	return 0;
}
