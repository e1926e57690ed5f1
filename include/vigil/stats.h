/*
 * stats.h: the arithmetic of the after-action review and of `vigil
 * report`: medians, the time between ladder steps, the time spent in each
 * stage, and the summary of a period. Pure: every input is an argument
 * and nothing reads the clock, so the same records always give the same
 * figures.
 */
#ifndef VIGIL_STATS_H
#define VIGIL_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/incident.h"
#include "vigil/milestone.h"

/*
 * The median of v[0..n) (v is not changed). For an even count it is the
 * mean of the two middle values rounded down (toward minus infinity):
 * {1, 2} -> 1, {-3, -2} -> -3. Returns false (and leaves *out alone) when
 * n is 0.
 */
bool	stats_median(const int64_t *v, size_t n, int64_t *out);

/* One step of the notification ladder, as the review shows it. */
struct ladder_step {
	bool	 has;		/* recorded */
	int64_t	 at;
	bool	 has_gap;	/* a previous step is recorded */
	int64_t	 gap_s;		/* at - the nearest earlier recorded step */
};

/*
 * The eight ladder steps (milestone_ladder_name order) from the
 * incident's milestones ms[0..n) (any order; other milestones ignored;
 * the first occurrence of a step counts).
 */
void	stats_ladder(const struct milestone *ms, size_t n,
	    struct ladder_step out[LADDER_STEPS]);

/* A stage change as the journal recorded it (stage.change). */
struct stage_change {
	int64_t		at;
	enum stage	from;
	enum stage	to;
};

/* A stretch of time the incident spent in one stage. */
struct stage_period {
	enum stage	stage;
	int64_t		from;
	bool		has_to;		/* false: still in it (open incident) */
	int64_t		to;
};

/*
 * The periods of an incident created at created_at (in STAGE_DETECT) and
 * moved by ch[0..n) (oldest first), ended by closing at closed_at when
 * closed. out must hold n + 1 periods; returns how many were written.
 * totals[s] gets the seconds spent in stage s over the finished periods
 * (a stage revisited adds up).
 */
size_t	stats_stage_periods(int64_t created_at, const struct stage_change *ch,
	    size_t n, bool closed, int64_t closed_at, struct stage_period *out,
	    int64_t totals[STAGE__COUNT]);

/* What `vigil report` needs of one incident (from the store). */
struct report_input {
	bool	 closed;
	bool	 declared;
	int64_t	 declared_at;
	bool	 notified;		/* customers_notified recorded */
	int64_t	 notified_at;
	bool	 has_event;		/* event_started recorded */
	int64_t	 event_at;
	bool	 has_detected;
	int64_t	 detected_at;
	int64_t	 open_repairs;		/* its repair items still open */
	bool	 has_next_due;		/* open, with a running clock */
	int64_t	 next_due;		/* the most urgent one's due time */
};

enum report_median {
	MEDIAN_EVENT_TO_DETECTED,
	MEDIAN_DETECTED_TO_DECLARED,
	MEDIAN_DECLARED_TO_NOTIFIED,
	MEDIAN__COUNT
};

struct report {
	int64_t	 incidents;
	int64_t	 closed;
	int64_t	 declared;		/* a declaration in force */
	int64_t	 notified_on_time;	/* declared, notified within 72 h */
	int64_t	 notified_late;		/* declared, notified after 72 h */
	int64_t	 not_notified;		/* declared, not notified yet */
	int64_t	 open_repair_items;
	int64_t	 overdue;		/* open, a running clock past due */
	int64_t	 not_notified_past_due;	/* declared, not notified, > 72 h */
	bool	 has_median[MEDIAN__COUNT];
	int64_t	 median_s[MEDIAN__COUNT];
};

/* The JSON keys of the medians ("event_to_detected", ...). */
const char *stats_median_name(enum report_median);

/*
 * Summarise in[0..n). A median counts only the incidents that have both
 * ends (event_started and detected; detected and a declaration in force;
 * a declaration in force and customers_notified); with none, has_median
 * is false.
 */
void	stats_report(const struct report_input *in, size_t n,
	    struct report *out);

/*
 * The counts of stats_report() that depend on the moment of the report:
 * overdue (open incidents whose most urgent running clock was due before
 * now) and not_notified_past_due (declared, customers not notified, the
 * 72 hours gone). Call after stats_report() on the same rows.
 */
void	stats_report_due(const struct report_input *in, size_t n,
	    int64_t now, struct report *out);

#endif
