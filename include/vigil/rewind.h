/*
 * rewind.h: an incident as it stood at an earlier instant, rebuilt by
 * folding its journal entries, oldest first, into a state: stage, role
 * holders, declaration, milestones, enabled clocks and holds. Pure: the
 * caller reads the entries and evaluates the clocks of the rebuilt state
 * at that instant (ops-rewind.h).
 */
#ifndef VIGIL_REWIND_H
#define VIGIL_REWIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/incident.h"
#include "vigil/milestone.h"
#include "vigil/payload.h"

struct rewind_hold {
	char	*rule;		/* owned */
	char	*basis;		/* owned */
	int64_t	 from;
	bool	 has_until;
	int64_t	 until;
};

struct rewind_state {
	struct incident		 inc;		/* strings owned */
	bool			 exists;	/* incident.new applied */
	struct milestone	*ms;		/* owned, in recording order */
	size_t			 nms;
	char			**clocks;	/* owned: enabled rule ids */
	size_t			 nclocks;
	struct rewind_hold	*holds;		/* owned */
	size_t			 nholds;
	int64_t			 seq;		/* the last entry applied */
	int64_t			 at;		/* and its time */
	size_t			 applied;	/* entries applied */
};

/*
 * Start the fold for incident id with the clocks enabled at its creation
 * (ids borrowed, copied), which the journal does not list: see
 * rewind_initial_clocks().
 */
void	rewind_init(struct rewind_state *, int64_t id,
	    char *const *initial_clocks, size_t n);
/*
 * Apply one journal entry (action, its parsed payload, actor, time and
 * seq; all borrowed). Unknown actions change nothing but the position.
 */
void	rewind_apply(struct rewind_state *, int64_t seq, int64_t at,
	    const char *actor, const char *action, const struct payload *);
void	rewind_clear(struct rewind_state *);
/*
 * The clocks enabled when the incident was created (by the configured
 * defaults, unjournaled): those enabled now that no entry ever enabled,
 * and those whose first journaled toggle is a disable. actions and
 * payloads are the incident's whole journal, oldest first; current are
 * the rules enabled now. *out is owned by the caller (free each and it).
 */
void	rewind_initial_clocks(const char *const *actions,
	    const struct payload *payloads, size_t n, char *const *current,
	    size_t ncurrent, char ***out, size_t *nout);

#endif
