/*
 * queue.h: the order of the open-incident queue, as a triage lead would
 * read it. Each open incident gets one instant, "needs attention since":
 * the earliest of its running clocks' warning thresholds (the moment the
 * clock turns "!", 25% of its period left) and, for a SEV1 or SEV2 with
 * nobody in the SIM role, its creation (such an incident is urgent from
 * the start). The queue sorts by that instant, then severity, then key.
 * So everything that needs attention now (a clock at !, !! or OVERDUE,
 * an unowned SEV1/SEV2) is above everything that does not yet, the one
 * waiting longest first; below them, the clock that turns "!" soonest.
 * The key changes only when the incident does, so one index serves the
 * queue whatever its size. Pure.
 */
#ifndef VIGIL_QUEUE_H
#define VIGIL_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A running clock: its trigger and due time. */
struct queue_clock {
	int64_t	start;
	int64_t	due;
};

/* When a clock turns "!": due minus a quarter of its period. */
int64_t	queue_warn_at(const struct queue_clock *);
/*
 * The order key of an incident with the running clocks c[0..n) (due
 * time known), its severity, whether its SIM role is held and when it
 * was created. *has is false when nothing calls for attention (no clock,
 * not an unowned SEV1/SEV2): such incidents sort last, by severity.
 */
int64_t	queue_key(const struct queue_clock *c, size_t n, int severity,
	    bool has_sim, int64_t created_at, bool *has);

#endif
