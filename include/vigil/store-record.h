/*
 * store-record.h: what the witness and anchors read from the journal: its
 * head, the hash of one entry, and the database's identity (the uuid of
 * its first entry).
 */
#ifndef VIGIL_STORE_RECORD_H
#define VIGIL_STORE_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "vigil/store-db.h"
#include "vigil/store.h"
#include "vigil/verr.h"

/*
 * The newest entry's sequence and hash (0 and "" when the journal is
 * empty), and the uuid of entry 1 ("" when there is none), read in one
 * snapshot.
 */
int	journal_head_info(struct db *, int64_t *seq, char hash[JOURNAL_HASH_HEX],
	    char first_uuid[40], struct verr *);
/* The hash of entry seq; *found false when there is no such entry. */
int	journal_hash_at(struct db *, int64_t seq, char hash[JOURNAL_HASH_HEX],
	    bool *found, struct verr *);

/* denials.c: refusals in bursts, inside the record (see there). */
/* How many denied entries of uid since `since` (among the newest 200). */
int	denials_recent(struct db *, int64_t uid, int64_t since, int64_t *n,
	    struct verr *);
/* Has uid an open burst (a counter opened by a journal entry)? */
int	denials_burst(struct db *, int64_t uid, bool *open, struct verr *);
/* Open uid's burst: its counter, tied to the entry about to be journaled
 * (with "burst": "counting") in this transaction. */
int	denials_open(struct db *, int64_t uid, const char *login, int64_t at,
	    struct verr *);
/* Count one refusal of uid in its open burst (not journaled on its own). */
int	denials_count(struct db *, int64_t uid, int64_t at, struct verr *);
/* The refusals of uid counted so far (0 if none), and forget them;
 * *sealed when they were an open burst (the entry then says "ended"). */
int	denials_take(struct db *, int64_t uid, int64_t *count,
	    int64_t *first_at, bool *sealed, struct verr *);

#endif
