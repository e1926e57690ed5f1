/*
 * ops-task.h: response plans and tasks as actions (src/ops/plan.c,
 * src/ops/task.c). Plans are read from the shipped data directory, then
 * /etc/vigil/plans, then the user's $XDG_CONFIG_HOME/vigil/plans (a later
 * plan of the same type replaces an earlier one; a plan with an error is
 * not offered and its errors are listed). Applying a plan adds what the
 * incident does not have yet: its tasks, clocks and recipients.
 *
 * Who may: apply a plan, the incident's sim or an administrator
 * (ACTION_PLAN); change a task, the holder of its role or its named
 * owner, the sim, an administrator (ACTION_TASK). Each change is one
 * transaction with one journal entry. Due times are computed when read,
 * from the incident's milestones, stages and clocks, so a task due on a
 * clock moves with it.
 */
#ifndef VIGIL_OPS_TASK_H
#define VIGIL_OPS_TASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/buf.h"
#include "vigil/ops.h"
#include "vigil/plan.h"
#include "vigil/store-task.h"

#define PLAN_SYSCONF_DIR "/etc/vigil"

/*
 * Load the plans on offer into *out (always set; the caller frees it with
 * planset_free). Clocks and templates they name are checked against the
 * context's rules and the templates directories.
 */
void	ops_plans_load(struct vigil_ctx *, struct planset **out);

/* What applying a plan added. */
struct plan_applied {
	int	tasks;
	int	clocks;
	int	recipients;
	bool	first;		/* the plan was not applied before */
};

/*
 * Apply plan `type` to incident key: add its tasks that the incident has
 * not got (by the plan's task keys), enable its clocks, add its
 * recipients that are not there (same kind and name). Applying again adds
 * nothing and writes nothing (r->tasks etc. are 0).
 */
int	ops_plan_apply(struct vigil_ctx *, const char *key, const char *type,
	    struct plan_applied *r, struct verr *);

/* A task as shown: the row, its due time now, whose it is. */
struct task_view {
	struct task	 t;
	struct task_eval ev;
	bool		 mine;		/* owner is me, or unowned on my role */
	char		 key[INCIDENT_KEY_MAX];
	char		 holder[64];	/* who holds its role now ("" none) */
};

void	task_views_free(struct task_view **, size_t);

/*
 * The tasks of incident inc evaluated at now, for login (mine), sorted:
 * open before closed, mine first, then overdue first, then by due time,
 * then by number. Reads only.
 */
int	ops_tasks_view(struct vigil_ctx *, const struct incident *,
	    const char *login, int64_t now, struct task_view **out, size_t *n,
	    struct verr *);
/* The same for an incident key, in one read transaction. */
int	ops_tasks_list(struct vigil_ctx *, const char *key, int64_t now,
	    struct task_view **out, size_t *n, struct verr *);
/*
 * login's open tasks on open incidents, evaluated at now, most urgent
 * first (overdue, then by due time; without a due time last).
 */
int	ops_tasks_mine(struct vigil_ctx *, const char *login, int64_t now,
	    struct task_view **out, size_t *n, struct verr *);
/* The same inside the caller's read transaction (the console's). */
int	ops_tasks_mine_read(struct vigil_ctx *, const char *login, int64_t now,
	    struct task_view **out, size_t *n, struct verr *);
/* Of those, how many are overdue and how many due within `within_s`. */
void	task_views_count(const struct task_view *, size_t, int64_t now,
	    int64_t within_s, int *overdue, int *soon);

/*
 * The views as a JSON array (id, title, stage, role, owner, required,
 * due_spec, due, due_state, state, closed_at, closed_by, note, plan,
 * late_s). Deterministic for the same views: the exports use it.
 */
void	task_views_json(struct json *, const struct task_view *, size_t);

/* A task added by hand. */
struct task_add {
	const char	*title;
	bool		 has_role;	/* default: sim */
	enum role	 role;
	const char	*due;		/* a due spec, may be NULL */
	bool		 required;
	enum stage	 stage;
	bool		 has_stage;	/* default: the incident's stage */
};

int	ops_task_add(struct vigil_ctx *, const char *key,
	    const struct task_add *, char id[TASK_ID_MAX], struct verr *);
int	ops_task_done(struct vigil_ctx *, const char *key, const char *tid,
	    const char *note, struct verr *);
int	ops_task_skip(struct vigil_ctx *, const char *key, const char *tid,
	    const char *reason, struct verr *);
/* login NULL or "-": the task goes back to its role's holder. */
int	ops_task_assign(struct vigil_ctx *, const char *key, const char *tid,
	    const char *login, struct verr *);

/*
 * The close check: the required tasks still open, as one sentence
 * ("T2 Isolate the hosts (forensics), T5 ...") into *list (owned, NULL
 * when none). Called inside the close action's transaction.
 */
int	ops_tasks_blocking(struct vigil_ctx *, int64_t incident, char **list,
	    struct verr *);

/* Late tasks per plan, for the review and the report. */
struct plan_lateness {
	char	plan[PLAN_TYPE_MAX];	/* "" for tasks added by hand */
	int	done;			/* done tasks with a due time */
	int	late;			/* of those, done after it */
	int64_t	late_s;			/* the sum of how late */
};

/*
 * Tally the done tasks of views[0..n) per plan into out[0..nout) (a plan
 * not there yet is appended while fewer than max); returns the new count.
 */
size_t	task_views_lateness(const struct task_view *, size_t,
	    struct plan_lateness *out, size_t max, size_t nout);

/*
 * Late tasks per plan over the incidents created in [since, until), each
 * evaluated as its review is (as of closing, or its last change): into
 * out[0..max), the count in *n. Reads only, in one read transaction.
 */
int	ops_tasks_report(struct vigil_ctx *, bool has_since, int64_t since,
	    bool has_until, int64_t until, struct plan_lateness *out,
	    size_t max, size_t *n, struct verr *);

#endif
