/*
 * store-private.h: what the files of src/store share and nothing else may
 * see: the handle's layout and statement helpers.
 */
#ifndef VIGIL_STORE_PRIVATE_H
#define VIGIL_STORE_PRIVATE_H

/* the session extension (record.c) is in the system's SQLite build */
#ifndef SQLITE_ENABLE_SESSION
#define SQLITE_ENABLE_SESSION 1
#endif
#ifndef SQLITE_ENABLE_PREUPDATE_HOOK
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#endif
#include <sqlite3.h>

#include "vigil/actor.h"
#include "vigil/store-db.h"
#include "vigil/verr.h"

struct db {
	sqlite3		*h;
	char		*path;
	bool		 readonly;
	bool		 in_write;
	sqlite3_session	*rec;		/* record.c: changes of this write */
	/* chainkey.c: the keyed chain (setgid installation) */
	bool		 has_key;	/* key loaded: entries >= keyed_from */
	bool		 key_marked;	/* the chain.keyed entry exists */
	bool		 key_made;	/* the key file was made by this open */
	int64_t		 keyed_from;	/* first keyed entry, 0: none */
	unsigned char	 chain_key[32];
};

/* Prepare sql; on failure set e (VERR_SOFTWARE) and return NULL. */
sqlite3_stmt	*db_prepare(struct db *, const char *sql, struct verr *);
/* Map a failed sqlite call to a verr (busy -> TEMPFAIL, etc.). */
int		 db_error(struct db *, int rc, const char *what, struct verr *);
/* A copy of column i as text ("" for NULL); owned by the caller. */
char		*db_col_text(sqlite3_stmt *, int i);
/* Bind text or NULL. */
int		 db_bind_text(sqlite3_stmt *, int i, const char *);
/* Run a statement that returns no rows; finalizes it. */
int		 db_exec_stmt(struct db *, sqlite3_stmt *, const char *what,
		     struct verr *);

/* migrate.c */
int		 migrate_run(struct db *, bool created, struct verr *);
int		 migrate_latest(void);
/* Build vigil's whole schema in an empty database; -1 on failure. */
int		 migrate_schema(sqlite3 *);

/* record.c: the changes of each journal entry, and their replay */
/* Start recording at BEGIN IMMEDIATE; end at COMMIT or ROLLBACK. */
int		 record_begin(struct db *, struct verr *);
void		 record_end(struct db *);
/*
 * The changes recorded since the transaction began or since the last
 * call (an SQLite changeset, sqlite3_free() it; NULL when none), then
 * start afresh for the next entry.
 */
int		 record_take(struct db *, void **blob, int *len,
		     struct verr *);
/*
 * The largest string or blob SQLite will make on vigil's connections (a
 * crafted file cannot make it allocate more); the row changes of one
 * journal entry must fit, so a baseline is cut into parts well below it.
 */
#define DB_VALUE_MAX	(16 * 1024 * 1024)

/*
 * Changesets that insert every row of every table but the journal, in
 * parts of a few megabytes: part(arg, blob, len, e) is called for each, in
 * order, at least once (an empty file gives one empty part).
 */
int		 record_snapshot(struct db *, int (*part)(void *, const void *,
		     int, struct verr *), void *arg, struct verr *);
struct record_check {
	bool	 ok;
	int64_t	 tables, rows;
	char	 problem[512];
};
/*
 * Apply the changeset (the journal's changes combined) to an empty
 * database of vigil's schema and compare every table with the file, in
 * the caller's read transaction. -1 only on error.
 */
int		 record_replay(struct db *, const void *changes, int len,
		     struct record_check *, struct verr *);
/* journal.c: journal_append() with the entry's changes given. */
int		 journal_append_changes(struct db *, const struct actor *,
		     bool has_incident, int64_t incident, int64_t at,
		     const char *action, const char *payload,
		     const void *changes, int changes_len, struct verr *);
/*
 * chainkey.c: at open, whether the journal is keyed and its key (a keyed
 * journal whose key file cannot be read is refused); before an append,
 * refuse an unkeyed append to a journal keyed since this open.
 */
int		 chainkey_load(struct db *, struct verr *);
int		 chainkey_check_append(struct db *, int64_t seq,
		     const char *action, struct verr *);
/*
 * In a write transaction: a key file that waits for the next entry (a
 * keying that did not commit) gets its CHAIN_KEYED_ACTION entry now, so
 * that an upgrade's baseline can follow it in the keyed chain.
 */
int		 chainkey_finish(struct db *, struct verr *);
/* Forget the key (db_close). */
void		 chainkey_forget(struct db *);
/*
 * journal.c: a seal over data that is not a journal entry (a burst's
 * counter, denials.c): HMAC-SHA-256 under the chain key when the journal
 * is keyed, else SHA-256, over a domain byte 0x02 and the data.
 */
int		 journal_seal(struct db *, const void *data, size_t len,
		     char out[65]);
/*
 * denials.c: the bursts the journal shows, collected by journal_verify
 * while it walks the chain, then checked against the counters.
 */
struct burst_seen {
	int64_t	 uid;
	bool	 open;		/* a "counting" entry with no "ended" after */
	int64_t	 start_seq, start_at;
};
struct bursts {
	struct burst_seen *v;
	size_t		 n, cap;
	int64_t		 legacy_before;	/* time of the newest baseline */
};
/* Note a denied entry (payload of payload_len bytes) of the journal. */
void		 denials_seen(struct bursts *, int64_t seq, int64_t at,
		     int64_t uid, const char *payload, size_t payload_len);
/* Check the counters against what was seen; "" in problem when they
 * agree, else the first difference ("table denial_burst, ..."). Rows
 * from before the seal are accepted when no newer than legacy_before
 * (the newest baseline's time). */
int		 denials_check(struct db *, const struct bursts *,
		     int64_t legacy_before, char *problem, size_t len,
		     struct verr *);
/* The person running this process, for an entry the store writes. */
int		 record_actor(struct actor *);

#endif
