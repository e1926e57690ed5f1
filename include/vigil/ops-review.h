/*
 * ops-review.h: the after-action review of an incident. Its editable parts
 * are the review text (root cause, lessons learned) and the repair items;
 * they stay editable after closing (everything else of a closed incident
 * is read-only) and may be written while the incident is open, too. Who
 * may: holders of a role on the incident, or an administrator
 * (ACTION_REVIEW). Each change is one transaction with one journal entry.
 *
 * ops_review_load() gathers the whole document (ladder, stages, tenures,
 * deadline, recipients, bulletins, review, repairs, timeline, last journal
 * hash) for the review view and the exports (export.h). It never reads
 * the clock: the same database always gives the same document.
 */
#ifndef VIGIL_OPS_REVIEW_H
#define VIGIL_OPS_REVIEW_H

#include "vigil/store-team.h"
#include <stdbool.h>
#include <stdint.h>

#include "vigil/ops-clock-eval.h"
#include "vigil/ops.h"
#include "vigil/stats.h"
#include "vigil/store-evidence.h"
#include "vigil/store-notify.h"
#include "vigil/ops-task.h"

#define REPAIR_ID_MAX 24
#define REPAIR_TEXT_MAX 4000
#define REVIEW_TEXT_MAX INCIDENT_TEXT_MAX
#define REVIEW_PLANS_MAX 16	/* plans tallied per incident */

/* Set root cause and/or lessons learned (NULL keeps; not both NULL). */
int	ops_review_set(struct vigil_ctx *, const char *key,
	    const char *root_cause, const char *lessons, struct verr *);
/*
 * Add a repair item owned by owner (a login on the roster), due on
 * `due` ("YYYY-MM-DD", may be NULL); its id ("F2") is written to id.
 */
int	ops_repair_add(struct vigil_ctx *, const char *key, const char *text,
	    const char *owner, const char *due, char id[REPAIR_ID_MAX],
	    struct verr *);
/* Mark repair item rid ("F2") done. */
int	ops_repair_done(struct vigil_ctx *, const char *key, const char *rid,
	    struct verr *);
/* "F2" for 2; "F2", "f2", "2" -> 2 (-1 when not an id). */
void	ops_repair_id(int64_t num, char id[REPAIR_ID_MAX]);
int	ops_repair_id_parse(const char *, long long *num);

/* How the customer deadline ended, as the review states it. */
enum review_outcome {
	OUTCOME_NONE,		/* no breach declared */
	OUTCOME_NOT_NOTIFIED,	/* declared, customers not notified */
	OUTCOME_MET,
	OUTCOME_MISSED,
};

const char *review_outcome_name(enum review_outcome);	/* "met", ... */

/* Everything the review shows of one incident; owned by the struct. */
struct review_doc {
	struct incident		 inc;
	struct milestone	*ms;		/* by time */
	size_t			 nms;
	struct ladder_step	 ladder[LADDER_STEPS];
	struct assignment	*roles;		/* tenures, oldest first */
	size_t			 nroles;
	struct stage_period	*stages;
	size_t			 nstages;
	int64_t			 stage_totals[STAGE__COUNT];
	/* the customer deadline */
	bool			 has_clock_start;
	int64_t			 clock_start;	/* the declaration it runs from */
	size_t			 ndeclare_acts;	/* declared + retracted */
	enum review_outcome	 outcome;
	bool			 has_due;
	int64_t			 due_at;
	int64_t			 margin_s;	/* due - notified (met >= 0) */
	/* every clock, evaluated as of closing (open: the last change) */
	struct clock_view	*clocks;
	size_t			 nclocks;
	int64_t			 as_of;
	struct recipient	*rec;
	size_t			 nrec;
	struct bulletin		*bul;		/* with bodies */
	size_t			 nbul;
	struct review_text	 text;
	struct repair		*rep;
	size_t			 nrep;
	struct task_view	*tasks;		/* by number, as of as_of */
	size_t			 ntasks;
	struct plan_lateness	 late[REVIEW_PLANS_MAX]; /* per plan */
	size_t			 nlate;
	bool			 has_timeline;
	struct note		*notes;		/* oldest first */
	size_t			 nnotes;
	struct journal_entry	*journal;	/* oldest first */
	size_t			 njournal;
	char			 last_hash[JOURNAL_HASH_HEX];
	struct milestone_correction *corr;	/* milestone corrections */
	size_t			 ncorr;
	struct evidence_item	*evidence;	/* by number */
	size_t			 nevidence;
	struct evidence_event	*custody;	/* oldest first */
	size_t			 ncustody;
};

/*
 * Load the review of incident key into *out (with_timeline: the notes
 * and journal entries too). Reads only, in one read transaction. On
 * success the caller frees with review_doc_clear().
 */
int	ops_review_load(struct vigil_ctx *, const char *key,
	    bool with_timeline, struct review_doc *out, struct verr *);
void	review_doc_clear(struct review_doc *);

#endif
