/*
 * ops-digest.h: gathering the shift hand-off digest (src/ops/digest.c):
 * the journal after a person's last look at the database, sorted into the
 * sections of digest.h, and the clocks that turned worse since. The
 * last-seen point is kept in the person's own state file.
 */
#ifndef VIGIL_OPS_DIGEST_H
#define VIGIL_OPS_DIGEST_H

#include <stdbool.h>
#include <stdint.h>

#include "vigil/digest.h"
#include "vigil/ops.h"

/*
 * The digest for the context's user. With has_since, everything after the
 * instant since; otherwise after the user's last-seen point on this
 * database (kept in their own state file, see ops_digest_mark), or the
 * last 24 hours when there is none. Reads only, in one read transaction.
 * On success *out is filled (digest_clear() it).
 */
int	ops_digest(struct vigil_ctx *, bool has_since, int64_t since,
	    struct digest *out, struct verr *);
/*
 * Record the journal's head as the user's last-seen point on this
 * database: $XDG_STATE_HOME/vigil/digest-seen (~/.local/state/...), one
 * line per database, keyed by the uuid of its first journal entry;
 * written to a temporary file and renamed. Never writes the database.
 */
int	ops_digest_mark(struct vigil_ctx *, struct verr *);

#endif
