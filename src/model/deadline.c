/*
 * deadline.c: clock states and the customer-notification clock. Pure:
 * never reads the clock.
 */
#include <string.h>

#include "vigil/deadline.h"

static const char *const state_names[CLOCK__COUNT] = {
	"none", "pending", "ok", "warn", "critical", "overdue", "held", "met",
	"missed", "error", "retracted"
};

const char *
clock_state_name(enum clock_state s)
{
	return state_names[s];
}

enum clock_state
deadline_classify(int64_t start, int64_t due, int64_t now, bool done,
    int64_t done_at)
{
	int64_t	period = due - start, left = due - now;

	if (done)
		return done_at <= due ? CLOCK_MET : CLOCK_MISSED;
	if (left < 0)
		return CLOCK_OVERDUE;
	if (period <= 0)
		return CLOCK_CRITICAL;
	/* integer form of left/period <= 10% and <= 25% */
	if (left * 10 <= period)
		return CLOCK_CRITICAL;
	if (left * 4 <= period)
		return CLOCK_WARN;
	return CLOCK_OK;
}

void
deadline_customer(bool declared, int64_t declared_at, bool notified,
    int64_t notified_at, int64_t now, struct deadline *out)
{
	memset(out, 0, sizeof *out);
	if (!declared) {
		out->state = CLOCK_NONE;
		return;
	}
	out->start = declared_at;
	out->due = declared_at + DEADLINE_CUSTOMER_S;
	out->has_due = true;
	out->done_at = notified ? notified_at : 0;
	out->remaining = (notified ? notified_at : now) - out->due;
	out->remaining = -out->remaining;
	out->state = deadline_classify(out->start, out->due, now, notified,
	    notified_at);
}
