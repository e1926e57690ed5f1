/*
 * ops-clocks.h: the actions that change an incident's clocks: enable and
 * disable rules, record a report sent, hold and release a clock. Each is
 * one transaction with one journal entry (see ops.h). Evaluating clocks is
 * ops-clock-eval.h.
 */
#ifndef VIGIL_OPS_CLOCKS_H
#define VIGIL_OPS_CLOCKS_H

#include <stdbool.h>
#include <stdint.h>

#include "vigil/ops-clock-eval.h"
#include "vigil/ops.h"

/* Enable or disable rules ("gdpr-33,nis2-early") on an incident. */
int	ops_clocks_enable(struct vigil_ctx *, const char *key,
	    const char *rules, bool enable, struct verr *);
/* Record "sent:RULE" (the report or notice was submitted). */
int	ops_clock_sent(struct vigil_ctx *, const char *key, const char *rule,
	    bool has_at, int64_t at, int offset_s, struct verr *);
/* Suspend a clock; has_until false: open until released. */
int	ops_clock_hold(struct vigil_ctx *, const char *key, const char *rule,
	    const char *basis, bool has_from, int64_t from, bool has_until,
	    int64_t until, struct verr *);
int	ops_clock_release(struct vigil_ctx *, const char *key,
	    const char *rule, struct verr *);

/*
 * The member state whose zone counts the incident's member-state clocks
 * (rules with state_zone: NIS2, DORA, the CRA's day and month clocks):
 * an IANA zone such as Europe/Helsinki. Journaled as clocks.zone.
 */
int	ops_clocks_zone(struct vigil_ctx *, const char *key, const char *zone,
	    struct verr *);

/* Enable the configured default clocks on a new incident (in its op). */
int	clocks_enable_defaults(struct vigil_ctx *, int64_t incident,
	    int64_t now, struct verr *);

#endif
