/*
 * plan.h: response plans per incident type, and the due times of tasks.
 * A plan (vigil-plans(5)) names the regulators' clocks it enables, the
 * recipients it proposes, the bulletin templates it suggests, and its
 * tasks: title, stage, owning role, required to close or not, and an
 * optional due time relative to a milestone, a stage or a clock
 * ("gdpr-33 - 12h", "declared + 24h", "stage:stabilize + 2d").
 *
 * Pure: parsing works on text the caller read (src/ops/plan.c reads the
 * files), and a due time is evaluated from facts the caller gathered
 * (milestones, stage changes, evaluated clocks) and `now` as an argument.
 * Nothing here reads a file, the environment or the clock.
 */
#ifndef VIGIL_PLAN_H
#define VIGIL_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/deadline.h"
#include "vigil/incident.h"
#include "vigil/milestone.h"
#include "vigil/recipient.h"
#include "vigil/role.h"
#include "vigil/stats.h"

#define PLAN_TYPE_MAX	48		/* "personal-data-exposure" */
#define PLAN_KEY_MAX	48		/* a task's key inside its plan */
#define PLAN_FILE_MAX	(256 * 1024)	/* larger files are refused */
#define PLAN_LINE_MAX	1024
#define TASK_TITLE_MAX	400
#define TASK_DUE_MAX	128		/* the text of a due spec */
#define TASK_NOTE_MAX	4000
#define TASK_ID_MAX	24		/* "T12" */
#define TASK_OFFSET_MAX	(366 * 86400)	/* one year either way */

/* What a task's due time is counted from. */
enum task_anchor {
	TASK_DUE_NONE,		/* no due time */
	TASK_DUE_MILESTONE,	/* the first recording of a milestone */
	TASK_DUE_STAGE,		/* the first entry into a stage */
	TASK_DUE_CLOCK,		/* the due time of a clock (a rule id) */
};

struct task_due {
	enum task_anchor kind;
	char		 ref[MILESTONE_NAME_MAX];	/* name or rule id */
	enum stage	 stage;				/* TASK_DUE_STAGE */
	int64_t		 offset_s;			/* may be negative */
};

/*
 * Parse a due spec: ANCHOR [(+|-) AMOUNT UNIT], where ANCHOR is a
 * milestone name (milestone_known_name), "stage:NAME", or a clock id
 * (anything else of [a-z0-9-], checked against the rules by
 * planset_check), AMOUNT a whole number and UNIT m, h, d (24 hours) or w.
 * Spaces around the sign are optional. "" or "none" is TASK_DUE_NONE.
 * Returns 0, or -1 with a sentence in why.
 */
int	task_due_parse(const char *s, struct task_due *out, char *why,
	    size_t whylen);
/* The canonical text ("gdpr-33 - 12h", "" for none) into out. */
void	task_due_format(const struct task_due *, char *out, size_t len);

/* A clock as the due evaluation needs it (filled by src/ops). */
struct task_clock {
	const char	*id;		/* borrowed */
	bool		 has_start;
	int64_t		 start;
	bool		 has_due;
	int64_t		 due;		/* with holds */
};

/* Everything a due time may be counted from; all borrowed. */
struct task_facts {
	const struct milestone		*ms;
	size_t				 nms;
	const struct stage_change	*ch;
	size_t				 nch;
	int64_t				 created_at;	/* the incident's */
	bool				 closed;	/* stage:close is */
	int64_t				 closed_at;	/* its closing */
	const struct task_clock		*clocks;
	size_t				 nclocks;
};

/* A task's due time and state at one moment. */
struct task_eval {
	bool		 has_due;
	int64_t		 due;
	int64_t		 start;		/* of the period (for re-classifying) */
	enum clock_state state;		/* NONE, PENDING, OK..OVERDUE,
					   MET/MISSED once done */
	int64_t		 remaining_s;	/* due - now; done: due - done_at */
	char		 waiting[MILESTONE_NAME_MAX + 24]; /* PENDING: on what */
};

/*
 * Evaluate a due spec over facts at now. created_at is when the task was
 * added (the start of its period when the anchor gives none earlier).
 * done/done_at: the task is done (MET or MISSED then); a skipped task is
 * passed as not done and the caller shows it as skipped. An anchor not
 * yet recorded (a milestone, a stage never entered, a clock not enabled,
 * pending or without a due time) gives CLOCK_PENDING with what it waits
 * for in waiting.
 */
void	task_due_eval(const struct task_due *, const struct task_facts *,
	    int64_t created_at, bool done, int64_t done_at, int64_t now,
	    struct task_eval *out);

/* As struct deadline, for countdown_label() (the clocks' words). */
void	task_eval_deadline(const struct task_eval *, int64_t done_at,
	    struct deadline *out);

/* One task of a plan; strings owned by the plan. */
struct plan_task {
	char		*key;		/* [task KEY] */
	char		*title;
	enum stage	 stage;
	enum role	 role;
	bool		 required;
	struct task_due	 due;
	int		 line;		/* of its [task] header */
};

/* A recipient a plan proposes. */
struct plan_recipient {
	enum recipient_kind	 kind;
	enum recipient_channel	 channel;
	char			*name;
	int			 line;
};

/* A plan; every string owned by it. */
struct plan {
	char			*type;
	char			*title;
	char			*summary;	/* may be NULL */
	char			*source;	/* may be NULL */
	char			**clocks;	/* rule ids */
	int			*clock_lines;
	size_t			 nclocks;
	struct plan_recipient	*recipients;
	size_t			 nrecipients;
	char			**templates;
	int			*template_lines;
	size_t			 ntemplates;
	struct plan_task	*tasks;
	size_t			 ntasks;
	char			*file;
	int			 line;		/* of "type =" */
};

/* The plans on offer and the errors of those left out. */
struct planset {
	struct plan	*plans;
	size_t		 nplans;
	char		**errors;	/* "file:line: message" */
	size_t		 nerrors;
};

/* An empty planset; cannot fail. Free with planset_free(). */
struct planset	*planset_new(void);
/* Accepts NULL and sets *ps to NULL. */
void		 planset_free(struct planset **ps);

/*
 * Parse the text of one plan file (len bytes, borrowed; fname is used in
 * messages). A clean plan is added to ps, replacing a plan of the same
 * type already there (later directories override earlier ones); a plan
 * with any error is left out and each error is appended as
 * "fname:line: message". Returns the number of errors added.
 */
int		 planset_parse(struct planset *ps, const char *fname,
		     const char *text, size_t len);
/* Record an error of the caller's (a file it could not read). */
void		 planset_error(struct planset *ps, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));

/*
 * Cross-check every plan: its clocks and the clocks its tasks are due on
 * are among clock_ids[0..nclocks) (the rule ids loaded, "customer"
 * included), its templates among templates[0..ntemplates). A plan that
 * fails is removed, with one error per unknown name at its line. Returns
 * the number of errors added.
 */
int		 planset_check(struct planset *ps,
		     const char *const *clock_ids, size_t nclocks,
		     const char *const *templates, size_t ntemplates);

/* The plan of that type, or NULL; borrowed from ps. */
const struct plan *planset_find(const struct planset *ps, const char *type);

/* Task ids as users type them: "T3" for 3; "T3", "t3", "3" -> 3. */
void		 task_id_format(int64_t num, char out[TASK_ID_MAX]);
int		 task_id_parse(const char *s, long long *num);

enum task_state {
	TASK_OPEN,
	TASK_DONE,
	TASK_SKIPPED,
	TASK_STATE__COUNT
};
const char	*task_state_name(enum task_state);
int		 task_state_parse(const char *, enum task_state *);

#endif
