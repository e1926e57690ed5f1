/*
 * store-team.h: the writes of a team's hand-offs and corrections: an
 * incident's severity, kind, title and description changed after
 * creation, and a recorded milestone's time corrected. Same contract as
 * store.h: run inside db_begin()/db_commit(), no journal entry (src/ops
 * writes it, with the old and the new values).
 */
#ifndef VIGIL_STORE_TEAM_H
#define VIGIL_STORE_TEAM_H

#include <stdbool.h>
#include <stdint.h>

#include "vigil/store-db.h"
#include "vigil/incident.h"
#include "vigil/verr.h"

/* The fields to change; a NULL text or has_* false leaves a field. */
struct incident_edit {
	bool		 has_severity;
	int		 severity;
	bool		 has_kind;
	enum kind	 kind;
	const char	*title;		/* borrowed */
	const char	*description;	/* borrowed */
};

/* Apply ed to incident id; VERR_NOINPUT when there is no such incident. */
int	incidents_edit(struct db *, int64_t id, const struct incident_edit *,
	    int64_t now, struct verr *);

/* Set milestone row `mid` of incident `incident` to at (entered with
 * offset_s). VERR_NOINPUT when there is no such row. */
int	milestones_correct(struct db *, int64_t incident, int64_t mid,
	    int64_t at, int offset_s, struct verr *);

/* A milestone correction, read back from the journal for the review. */
struct milestone_correction {
	int64_t	 at;		/* when it was corrected */
	char	*by;		/* login */
	char	*milestone;
	char	*old_at;	/* ISO 8601 as journaled */
	char	*new_at;
	char	*reason;
};
void	milestone_corrections_free(struct milestone_correction **, size_t);
/* Every correction of incident's milestones, oldest first. */
int	milestones_corrections(struct db *, int64_t incident,
	    struct milestone_correction **out, size_t *n, struct verr *);

/*
 * How long a write waits for another session's lock before it reports
 * "busy" (VERR_TEMPFAIL): the command line waits seconds; the console sets
 * 0 and retries from its loop, so the screen never freezes on a lock.
 */
void	db_set_busy_ms(struct db *, int ms);

#endif
