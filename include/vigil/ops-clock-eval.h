/*
 * ops-clock-eval.h: the clocks of an incident, evaluated (reads only).
 * The customer clock (72 h from the declaration) is always first; then
 * every regulator's rule enabled on the incident. Rules come from the
 * ruleset of the context (shipped rules, overridden by the user's), loaded
 * on first use. The actions that change clocks are ops-clocks.h.
 */
#ifndef VIGIL_OPS_CLOCK_EVAL_H
#define VIGIL_OPS_CLOCK_EVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vigil/deadline.h"
#include "vigil/ops-load.h"
#include "vigil/ops.h"
#include "vigil/rules.h"

#define CLOCK_CUSTOMER "customer"

/* One evaluated clock; rule borrowed from the context's ruleset. */
struct clock_view {
	char			 id[RULE_ID_MAX + 1];
	const struct rule	*rule;		/* NULL if the rule is unknown */
	char			 zone[64];	/* the member state's zone it
						   was evaluated in, or "" */
	struct clock_result	 r;
};

void	clock_views_free(struct clock_view **, size_t);

/*
 * Evaluate the incident's clocks at now from its milestones (ms may be
 * NULL: they are read). The customer clock counts a retracted declaration
 * as none, and customers_notified as its sent time.
 */
int	ops_clocks_eval(struct vigil_ctx *, const struct incident *,
	    const struct milestone *ms, size_t nms, int64_t now,
	    struct clock_view **out, size_t *n, struct verr *);

/*
 * The same from inputs the caller gathered (time travel rebuilds them from
 * the journal): the enabled rules ids[0..nids) and the holds[0..nh), all
 * borrowed. Cannot fail.
 */
struct hold_rec;
void	ops_clocks_eval_from(struct vigil_ctx *, const struct incident *,
	    const struct milestone *ms, size_t nms, char *const *ids,
	    size_t nids, const struct hold_rec *holds, size_t nh, int64_t now,
	    struct clock_view **out, size_t *n);

/*
 * The running clock due soonest (ok, warn, critical, overdue), or NULL.
 * Clocks of a proposed rule or a bill are left out: they never rank an
 * incident in the queue.
 */
const struct clock_view *clock_views_urgent(const struct clock_view *,
	    size_t);
/* A customer-clock deadline from a view list (CLOCK_NONE when absent). */
void	clock_views_customer(const struct clock_view *, size_t,
	    struct deadline *out);
/*
 * When the customer clock started, from the incident's milestones ms[0..n)
 * (borrowed): the first declaration, whatever retractions followed,
 * unless a later declaration came with a new_clock milestone (the EIM
 * declared a new breach with a clock of its own): then the first one from
 * there. False when nothing was ever declared.
 */
bool	clock_views_customer_start(const struct milestone *ms, size_t n,
	    int64_t *start);
/* As struct deadline, for labels (countdown_label). */
void	clock_view_deadline(const struct clock_view *, struct deadline *out);

#endif
