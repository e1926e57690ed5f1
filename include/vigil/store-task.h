/*
 * store-task.h: the rows of response plans and tasks (src/store/tasks.c):
 * which plans were applied to an incident, and its tasks. A task's due
 * time is stored as its spec (plan.h), never as an instant. Writes are
 * called only from src/ops, inside its transaction.
 */
#ifndef VIGIL_STORE_TASK_H
#define VIGIL_STORE_TASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/store-db.h"
#include "vigil/incident.h"
#include "vigil/plan.h"
#include "vigil/role.h"
#include "vigil/verr.h"

/* One task row; strings owned by the struct. */
struct task {
	int64_t		 id;
	int64_t		 incident_id;
	int64_t		 num;		/* the N of TN, per incident */
	char		*title;
	enum stage	 stage;
	enum role	 role;
	char		*owner;		/* NULL: whoever holds the role */
	bool		 required;
	char		*due;		/* the spec, "" for none */
	enum task_state	 state;
	char		*plan;		/* NULL: added by hand */
	char		*plan_key;
	int64_t		 created_at;
	char		*created_by;
	int64_t		 closed_at;	/* done or skipped */
	char		*closed_by;
	char		*note;		/* the done note or the skip reason */
};

/* A task to insert (borrowed strings). */
struct task_new {
	const char	*title;
	enum stage	 stage;
	enum role	 role;
	const char	*owner;		/* may be NULL */
	bool		 required;
	const char	*due;		/* spec, "" or NULL for none */
	const char	*plan;		/* may be NULL */
	const char	*plan_key;
};

void	task_clear(struct task *);
void	task_list_free(struct task **, size_t);

/* Insert; its number per incident is written to *num. */
int	tasks_insert(struct db *, int64_t incident, const struct task_new *,
	    int64_t at, const char *by, int64_t *num, struct verr *);
/* Every task of the incident, by number. */
int	tasks_list(struct db *, int64_t incident, struct task **out,
	    size_t *n, struct verr *);
/* 1 when found (into *out), 0 when not, -1 on error. */
int	tasks_get(struct db *, int64_t incident, int64_t num,
	    struct task *out, struct verr *);
/* 1 when the incident has the plan's task key already, 0 when not. */
int	tasks_has_plan_key(struct db *, int64_t incident, const char *plan,
	    const char *key, struct verr *);
/* Mark done or skipped (state), with a note or reason. */
int	tasks_close(struct db *, int64_t incident, int64_t num,
	    enum task_state, int64_t at, const char *by, const char *note,
	    struct verr *);
/* Set (or with NULL clear) the owner. */
int	tasks_set_owner(struct db *, int64_t incident, int64_t num,
	    const char *owner, struct verr *);
/* The required tasks neither done nor skipped, by number. */
int	tasks_open_required(struct db *, int64_t incident, struct task **out,
	    size_t *n, struct verr *);

/*
 * The open tasks, on open incidents, that are login's: owned by login,
 * or without an owner on a role login holds there. By incident, number.
 */
int	tasks_open_for(struct db *, const char *login, struct task **out,
	    size_t *n, struct verr *);

/* A plan applied to an incident. */
struct incident_plan {
	char	*plan;
	char	*title;
	int64_t	 applied_at;
	char	*applied_by;
};
void	incident_plan_list_free(struct incident_plan **, size_t);
/* Record that the plan was applied (first time only: 1 added, 0 not). */
int	plans_record(struct db *, int64_t incident, const char *plan,
	    const char *title, int64_t at, const char *by, int *added,
	    struct verr *);
int	plans_list(struct db *, int64_t incident, struct incident_plan **out,
	    size_t *n, struct verr *);

/*
 * The incidents created in [since, until) (bounds apply when has_*) that
 * have a task done with a due time, by id (owned array).
 */
int	tasks_report_incidents(struct db *, bool has_since, int64_t since,
	    bool has_until, int64_t until, int64_t **ids, size_t *n,
	    struct verr *);

#endif
