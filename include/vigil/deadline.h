/*
 * deadline.h: clock states and the customer-notification clock (72 hours
 * from the breach declaration). Pure: `now` is always an argument.
 * The regulators' clocks (rules.h) evaluate to the same states, through
 * clock_eval() below (src/model/clock.c).
 */
#ifndef VIGIL_DEADLINE_H
#define VIGIL_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEADLINE_CUSTOMER_S (72 * 3600)

enum clock_state {
	CLOCK_NONE,		/* no clock: nothing declared */
	CLOCK_PENDING,		/* its trigger is not recorded yet */
	CLOCK_OK,		/* > 25% of the period left */
	CLOCK_WARN,		/* <= 25% left */
	CLOCK_CRITICAL,		/* <= 10% left */
	CLOCK_OVERDUE,		/* past due, not yet done */
	CLOCK_HELD,		/* suspended by a hold */
	CLOCK_MET,		/* done on or before due */
	CLOCK_MISSED,		/* done after due */
	CLOCK_ERROR,		/* cannot be computed (e.g. calendar gap) */
	CLOCK_RETRACTED,	/* the declaration that started it was
				   retracted: stopped, not reset */
	CLOCK__COUNT
};

/* The evaluation of one clock at one moment. */
struct deadline {
	enum clock_state state;
	int64_t		 start;		/* valid unless NONE/PENDING */
	int64_t		 due;		/* valid when has_due */
	bool		 has_due;
	int64_t		 remaining;	/* due - now, or due - done_at */
	int64_t		 done_at;	/* valid for MET/MISSED */
};

/* "ok", "warn", ... as used in JSON. */
const char	*clock_state_name(enum clock_state);

/*
 * State of a running clock from its start, due and now, by the fraction of
 * the period left (the thresholds of docs/CONSOLE.md). done: the obligation
 * was met at done_at (MET or MISSED then).
 */
enum clock_state deadline_classify(int64_t start, int64_t due, int64_t now,
		    bool done, int64_t done_at);

/* The customer clock of an incident. */
void		 deadline_customer(bool declared, int64_t declared_at,
		    bool notified, int64_t notified_at, int64_t now,
		    struct deadline *out);

/*
 * Regulatory clocks: a rule (rules.h) evaluated over an incident's
 * milestones, holds and the present moment.
 */
struct rule;
struct ruleset;
struct milestone;

/*
 * A suspension of one clock (a law-enforcement hold, the SEC Attorney
 * General delay, ...): from `from` until `until`, or still open. basis is
 * borrowed and only carried for display.
 */
struct clock_hold {
	int64_t		 from;
	int64_t		 until;		/* ignored when open */
	bool		 open;
	const char	*basis;
};

#define CLOCK_MESSAGE_MAX 256

/* The evaluation of one rule at one moment. All times are UTC instants. */
struct clock_result {
	enum clock_state state;
	bool		 has_start;
	int64_t		 start;		/* the trigger (or year-end anchor) */
	bool		 has_due;	/* false for asap, pending, error */
	int64_t		 due;		/* with holds; if held: as if lifted now */
	int64_t		 original_due;	/* the same, without any hold */
	int64_t		 held_s;	/* how far holds pushed due */
	bool		 held;		/* a pause is in force now */
	bool		 extended;	/* an extend/after hold moved due */
	int64_t		 extended_s;	/* how far: due - original_due
					   - held_s */
	bool		 not_yet;	/* the rule applies only to triggers
					   from its applies_from date: this
					   one came earlier (PENDING) */
	int64_t		 remaining_s;	/* due - now; met/missed: due - sent;
					   held: what is left when it lifts */
	int64_t		 elapsed_s;	/* now (or sent) - start */
	bool		 sent;		/* its own sent:<id> is recorded */
	int64_t		 sent_at;
	bool		 has_backstop;	/* the backstop milestone is recorded */
	int64_t		 backstop;	/* backstop milestone + its period */
	bool		 backstop_applied; /* due was capped by the backstop */
	int		 due_offset_s;	/* offset of the rule's zone at due */
	char		 message[CLOCK_MESSAGE_MAX]; /* why, for error etc. */
};

/*
 * Evaluate rule r (borrowed, from rs, which provides its calendar and zone)
 * over the incident's milestones ms[0..n) and the rule's holds[0..nh) (the
 * caller selects the holds recorded for this rule; rule_allows_hold() says
 * which bases the rule accepts) at instant now. Pure: reads nothing but its
 * arguments. Always fills *out:
 *   - CLOCK_PENDING when the start milestone is not recorded;
 *   - CLOCK_ERROR with a message when the rule's zone or calendar is not
 *     loaded or the calendar does not cover a year the period touches;
 *   - CLOCK_MET / CLOCK_MISSED once "sent:<rule id>" is recorded (its
 *     first occurrence, compared with due);
 *   - CLOCK_HELD while a hold is in force;
 *   - otherwise deadline_classify() of the running period (CLOCK_OK for
 *     an asap rule, which has no due time: see elapsed_s).
 * Units: h adds seconds; d, bd and mo count local dates in the rule's zone
 * strictly after the trigger date and end at 23:59:59 local time, or at
 * the rule's cutoff, on the due date. A backstop caps due at backstop
 * milestone + period unless the start came after that moment. Each hold
 * acts by the kind the rule gives its basis (rules.h, enum rule_hold_kind;
 * an unknown basis pauses): pauses first, which push due by their overlap
 * with the running period (hold_max caps each hold's length; on a d, bd or
 * mo rule by the whole local days held, so due stays at the same local time
 * of day across a DST change; on bd, back to a business day if it lands on
 * none), then extensions in the order they began. A rule with applies_from
 * whose trigger came before that date stays PENDING with not_yet set.
 */
void		 clock_eval(const struct rule *r, const struct ruleset *rs,
		    const struct milestone *ms, size_t n,
		    const struct clock_hold *holds, size_t nh, int64_t now,
		    struct clock_result *out);

/*
 * clock_eval() in a zone chosen for the incident: z (borrowed; NULL: the
 * rule's own tz) replaces the rule's zone when the rule is a member-state
 * rule (rule.state_zone), and is ignored otherwise.
 */
struct tz;
void		 clock_eval_in(const struct rule *r, const struct ruleset *rs,
		    const struct tz *z, const struct milestone *ms, size_t n,
		    const struct clock_hold *holds, size_t nh, int64_t now,
		    struct clock_result *out);

#endif
