/*
 * rewind.h: an incident as it stood at an earlier instant, rebuilt by
 * folding its journal entries, oldest first, into a state: stage, role
 * holders, declaration, milestones, enabled clocks and holds, title,
 * severity, kind and description, the notification recipients and where
 * each stood, and how many tasks and evidence items it had. Pure: the
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
#include "vigil/recipient.h"

struct rewind_hold {
	char	*rule;		/* owned */
	char	*basis;		/* owned */
	int64_t	 from;
	bool	 has_until;
	int64_t	 until;
};

/*
 * A recipient as the journal tells it. A recipient added by a plan is
 * journaled by its id only (has_identity false): the caller fills the
 * name, kind, channel and contact, which never change, from the live row.
 */
struct rewind_recipient {
	int64_t			 num;		/* the N of RN */
	bool			 has_identity;
	char			*name;		/* owned, NULL without identity */
	char			*contact;	/* owned, may be NULL */
	enum recipient_kind	 kind;
	enum recipient_channel	 channel;
	enum recipient_state	 state;
	int64_t			 created_at;
	char			*created_by;	/* owned */
	/* when and by whom it was marked each state (drafted, sent, ...) */
	bool			 has[RSTATE__COUNT];
	int64_t			 at[RSTATE__COUNT];
	char			*by[RSTATE__COUNT];	/* owned */
	char			*waive_reason;	/* owned, may be NULL */
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
	struct rewind_recipient	*rcp;		/* owned, by number */
	size_t			 nrcp;
	int			 tasks;		/* added by then */
	int			 tasks_closed;	/* of those, done or skipped */
	int			 evidence;	/* items registered by then */
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
