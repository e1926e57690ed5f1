/*
 * store-history.h: the read queries behind the hand-off digest and time
 * travel: the journal's head and first entry, the entry in force at an
 * instant, the entries after a point (filtered by action), and the open
 * incidents whose clocks may have changed state since an instant. Same
 * contract as store.h: reads copy every string; the caller owns results.
 */
#ifndef VIGIL_STORE_HISTORY_H
#define VIGIL_STORE_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/store-db.h"
#include "vigil/store.h"
#include "vigil/verr.h"

/* The last entry's seq (0 for an empty journal). */
int	history_head(struct db *, int64_t *seq, struct verr *);
/* The uuid of the journal's first entry: the database's identity,
 * whatever its path. "" for an empty journal. */
int	history_identity(struct db *, char out[40], struct verr *);
/*
 * The last entry written at or before t (0 when none): a binary search on
 * seq, since entries are appended in time order; a few indexed lookups
 * whatever the journal's size.
 */
int	history_seq_at(struct db *, int64_t t, int64_t *seq, struct verr *);
/* The time of entry seq (0 when absent). */
int	history_seq_time(struct db *, int64_t seq, int64_t *at,
	    struct verr *);
/*
 * Entries with after < seq <= upto whose action is one of actions[0..na),
 * oldest first, at most limit (0: all). Only seq, incident, at, login,
 * action and payload are filled.
 */
int	history_since(struct db *, int64_t after, int64_t upto,
	    const char *const *actions, size_t na, int limit,
	    struct journal_entry **out, size_t *n, struct verr *);
/*
 * One incident's entries up to and including the instant t (and, when
 * upto_seq > 0, no later than that entry), oldest first.
 */
int	history_incident(struct db *, int64_t incident, int64_t t,
	    int64_t upto_seq, struct journal_entry **out, size_t *n,
	    struct verr *);
/*
 * Open incidents whose most urgent running clock is due at or after
 * since (those overdue before then turned nothing since), soonest first,
 * at most limit: the ones whose clocks may have turned ! / !! / OVERDUE.
 */
int	history_clock_candidates(struct db *, int64_t since, int limit,
	    int64_t **ids, size_t *n, struct verr *);

#endif
