/*
 * deadline.h: clock states and the customer-notification clock (72 hours
 * from the breach declaration). Pure: `now` is always an argument.
 * The regulators' clocks (rules.h) evaluate to the same states.
 */
#ifndef VIGIL_DEADLINE_H
#define VIGIL_DEADLINE_H

#include <stdbool.h>
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
 * State of a running clock from its start, due and now, by the fraction
 * of the period left (UX.md thresholds). done: the obligation was met at
 * done_at (MET or MISSED then).
 */
enum clock_state deadline_classify(int64_t start, int64_t due, int64_t now,
		    bool done, int64_t done_at);

/* The customer clock of an incident. */
void		 deadline_customer(bool declared, int64_t declared_at,
		    bool notified, int64_t notified_at, int64_t now,
		    struct deadline *out);

#endif
