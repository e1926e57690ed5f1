/*
 * anchor.c: anchoring the journal outside the database. A hash chain
 * exposes an edited, deleted or reordered entry, but not the loss of the
 * newest entries with nothing after them; a copy of the head kept where
 * the responders cannot write (the system log) closes that gap.
 */
#include <syslog.h>

#include "vigil/ops.h"
#include "vigil/store.h"

void
ops_anchor(struct vigil_ctx *ctx, const char *why)
{
	struct journal_query	 q = { .newest_first = true, .limit = 1 };
	struct journal_entry	*je = NULL;
	size_t			 n = 0;

	if (ctx->db == NULL || journal_list(ctx->db, &q, &je, &n, NULL) != 0)
		return;
	if (n == 1) {
		openlog("vigil", LOG_PID, LOG_AUTHPRIV);
		syslog(LOG_NOTICE, "journal head of %s after %s: seq %lld hash "
		    "%s (uid %lld)", db_path(ctx->db), why,
		    (long long)je[0].seq, je[0].hash, (long long)ctx->me.uid);
		closelog();
	}
	journal_list_free(&je, n);
}
