/*
 * ops-rewind.h: time travel (src/ops/rewind.c): an incident rebuilt from
 * its journal as it stood at an instant (the fold of rewind.h), with its
 * clocks evaluated at that instant as the live view evaluates them.
 */
#ifndef VIGIL_OPS_REWIND_H
#define VIGIL_OPS_REWIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/ops-clock-eval.h"
#include "vigil/ops.h"
#include "vigil/rewind.h"
#include "vigil/store-notify.h"

/* An incident at an instant, with its clocks as they then stood. */
struct rewind_view {
	struct rewind_state	 st;
	struct clock_view	*cv;		/* owned */
	size_t			 ncv;
	struct recipient	*rcp;		/* owned: the recipients then */
	size_t			 nrcp;
	int64_t			 t;		/* the instant shown */
	size_t			 total;		/* the incident's entries */
	bool			 has_prev;	/* an entry before st.seq */
	int64_t			 prev_seq, prev_at;
	bool			 has_next;	/* an entry after st.seq */
	int64_t			 next_seq, next_at;
};

/*
 * Rebuild incident id (the N of IR-N) from its journal entries written at
 * or before t (and, when upto_seq > 0, up to that entry), clocks
 * evaluated at t, the recipients as they then stood (their name, kind,
 * channel and contact, which never change, from the live rows when the
 * journal names a recipient by its id only). Reads only. Fails with VERR_NOINPUT for no such
 * incident and VERR_DATA when it did not exist yet at t.
 */
int	ops_rewind(struct vigil_ctx *, int64_t id, int64_t t, int64_t upto_seq,
	    struct rewind_view *out, struct verr *);
void	rewind_view_clear(struct rewind_view *);

#endif
