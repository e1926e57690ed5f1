/*
 * rules.h: notification rules and holiday calendars as data. A ruleset
 * holds the rules parsed from `*.rules` files, the calendars parsed from
 * `*.cal` files, the time zones the rules name, and the list of errors met
 * while loading ("file:line: message"). The file formats are described in
 * vigil-rules(5). A clock is evaluated from a rule by clock_eval()
 * (deadline.h), which this header also makes visible.
 *
 * Pure: parsing works on text in memory; nothing here reads a file, the
 * environment or the clock. Reading the files from disk is ops-load.h.
 */
#ifndef VIGIL_RULES_H
#define VIGIL_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/deadline.h"

#define RULE_ID_MAX	64		/* same limit as "sent:<id>" */
#define RULE_FILE_MAX	(1 << 20)	/* larger files are refused */
#define RULE_LINE_MAX	1024
#define RULE_AMOUNT_MAX	9999

enum rule_unit {
	RULE_UNIT_H,		/* hours: seconds added in UTC */
	RULE_UNIT_D,		/* calendar days in the rule's zone */
	RULE_UNIT_BD,		/* business days after the trigger date */
	RULE_UNIT_MO,		/* months, clamped to the month's end */
	RULE_UNIT_ASAP,		/* no due time */
};

enum rule_anchor {
	RULE_ANCHOR_FIRST,	/* the first occurrence of the milestone */
	RULE_ANCHOR_LAST,	/* "last X": the latest occurrence */
	RULE_ANCHOR_YEAR_END,	/* "year-end X": 31 Dec of X's year */
};

enum rule_status {
	RULE_IN_FORCE,
	RULE_PROPOSED,
	RULE_CONTRACTUAL,
	RULE_BILL,		/* a bill before a legislature: not law */
};

/*
 * What a hold does to a clock (vigil-rules(5), "holds"):
 *   pause   the clock stops while the hold is in force and resumes when
 *           it lifts (a law-enforcement delay); hold_max caps each hold;
 *   extend  the due time becomes at most `period` after the due time it
 *           extends (the original one, or the end of the previous
 *           extension: renewable), whenever the hold began before it;
 *           the clock keeps running (the SEC Attorney General delay);
 *   after   the due time becomes at most `period` after the hold began,
 *           when that is later than the due time (the SEC's FCC CPNI
 *           delay: seven business days after notifying the agencies).
 * A hold with an end (until) ends an extension no later than that date.
 */
enum rule_hold_kind {
	RULE_HOLD_PAUSE,
	RULE_HOLD_EXTEND,
	RULE_HOLD_AFTER,
};

struct rule_period {
	int		amount;		/* 0 for asap */
	enum rule_unit	unit;
};

/* How one accepted hold basis acts; parallel to rule.holds. */
struct rule_hold {
	enum rule_hold_kind	kind;
	struct rule_period	period;	/* extend/after; pause: unused */
};

/* One rule; every string is owned by the ruleset. */
struct rule {
	char			*id;
	char			*name;
	char			*notify;	/* may be NULL */
	char			*source;	/* may be NULL */
	enum rule_status	 status;
	char			*reviewed;	/* "YYYY-MM[-DD]" or NULL */
	char			*start;		/* milestone name */
	enum rule_anchor	 anchor;
	struct rule_period	 due;
	char			*tz;		/* NULL: UTC */
	char			*calendar;	/* calendar id or NULL */
	int			 cutoff_min;	/* local minutes, -1: 23:59:59 */
	char			*backstop;	/* milestone name or NULL */
	struct rule_period	 backstop_after;
	char			**holds;	/* accepted hold bases */
	struct rule_hold	*hold_kinds;	/* [nholds]; NULL: all pause */
	size_t			 nholds;
	int64_t			 hold_max_s;	/* 0: unlimited */
	bool			 has_applies_from;
	int64_t			 applies_from;	/* a local date, days since
						   the epoch: earlier
						   triggers start no clock */
	bool			 state_zone;	/* evaluated in the zone of the
						   incident's member state
						   when it has one (tz is the
						   default) */
	char			*file;		/* where it was defined */
	int			 line;
	char			*error;		/* "file:line: message" when the
						   rule cannot be trusted (a
						   mistake in its definition, a
						   duplicate id, a missing
						   calendar, zone or chained
						   rule): its clocks are
						   CLOCK_ERROR; then only id,
						   name, file and line are
						   sure to be set */
};

/* One holiday calendar; strings owned by the ruleset. */
struct calendar {
	char		*id;		/* file name without ".cal" */
	char		*name;		/* may be NULL */
	char		*source;	/* may be NULL */
	char		*file;
	unsigned	 weekend;	/* bit (1 << wd), 0 = Sunday */
	int64_t		 year_from, year_to;	/* covered years */
	int64_t		*days;		/* holidays, ascending, days since epoch */
	char		**names;	/* holiday names, parallel to days */
	size_t		 ndays;
};

struct tz;

struct ruleset {
	struct rule	*rules;
	size_t		 nrules;
	struct calendar	*cals;
	size_t		 ncals;
	struct tz	**zones;	/* zones named by the rules */
	size_t		 nzones;
	char		**errors;	/* "file:line: message" */
	size_t		 nerrors;
};

/* An empty ruleset; cannot fail. Free with ruleset_free(). */
struct ruleset	*ruleset_new(void);

/* Frees everything it owns; accepts NULL and sets *rs to NULL. */
void		 ruleset_free(struct ruleset **rs);

/*
 * Parse the text of one rules file (len bytes, need not be terminated;
 * borrowed) named fname (used in messages) and add its rules to rs. A
 * rule with any error is kept with its first error in rule.error, so that
 * its clocks say ERROR instead of falling back to anything; an id defined
 * twice (in this file or an earlier one) puts the first definition in
 * error, naming both places, and drops the second. The other rules of the
 * file are kept. Pure. Returns the number of errors appended to
 * rs->errors (0 when the file is clean).
 */
int		 ruleset_parse_rules(struct ruleset *rs, const char *fname,
		     const char *text, size_t len);

/*
 * Parse one calendar file. The calendar id is fname's base name without
 * ".cal"; a calendar with that id already in rs is replaced. A calendar
 * with any error is left out entirely (a partial holiday list would give
 * wrong business days silently). Pure. Returns the number of errors added.
 */
int		 ruleset_parse_calendar(struct ruleset *rs, const char *fname,
		     const char *text, size_t len);

/*
 * Cross-check the rules: each named calendar exists and each
 * "sent:<id>" start or backstop names a rule. Returns the number of
 * errors added. Clocks with a missing calendar evaluate to CLOCK_ERROR.
 */
int		 ruleset_check(struct ruleset *rs);

/*
 * Append "fname:line: message" (line 0: "fname: message") to rs->errors;
 * for the parsers and the loaders that feed them.
 */
void		 ruleset_error(struct ruleset *rs, const char *fname, int line,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/*
 * Put rule i of rs in error: report "file:line: rule ID: message" and keep
 * the first such message in its error, so its clocks evaluate to
 * CLOCK_ERROR (for the loaders: a zone that cannot be read, ...).
 */
void		 ruleset_rule_error(struct ruleset *rs, size_t i,
		     const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Hand a zone a rule names to the ruleset, which then owns it. */
void		 ruleset_add_zone(struct ruleset *rs, struct tz *z);

/* Lookups; the results are borrowed from rs, NULL when absent. */
const struct rule	*ruleset_find(const struct ruleset *rs,
			     const char *id);
const struct calendar	*ruleset_calendar(const struct ruleset *rs,
			     const char *id);
const struct tz		*ruleset_zone(const struct ruleset *rs,
			     const char *name);

/* Whether the calendar lists holidays for year y. */
bool		 ruleset_calendar_covers(const struct calendar *cal,
		     int64_t y);
/* Not a weekend day and not a holiday (days since epoch). */
bool		 ruleset_business_day(const struct calendar *cal,
		     int64_t day);

/* A proposed rule or a bill: shown as such, never ranked above the law. */
static inline bool
rule_not_law(const struct rule *r)
{
	return r->status == RULE_PROPOSED || r->status == RULE_BILL;
}

/* Whether a hold with this basis may suspend the rule (its holds list). */
bool		 rule_allows_hold(const struct rule *r, const char *basis);

/* "h", "d", "bd", "mo", "asap" and "in-force", "proposed", ... */
const char	*rule_unit_name(enum rule_unit u);
const char	*rule_status_name(enum rule_status s);

#endif
