/*
 * stats.c: medians, ladder gaps, stage periods and the period summary of
 * `vigil report`. Pure: all inputs are arguments; the store gathers them
 * and the front ends print the results.
 */
#include <stdlib.h>
#include <string.h>

#include "vigil/deadline.h"
#include "vigil/stats.h"
#include "vigil/util.h"

static int
cmp_i64(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

bool
stats_median(const int64_t *v, size_t n, int64_t *out)
{
	int64_t	*s, lo, hi;

	if (n == 0)
		return false;
	s = xreallocarray(NULL, n, sizeof *s);
	memcpy(s, v, n * sizeof *s);
	qsort(s, n, sizeof *s, cmp_i64);
	if (n % 2 == 1)
		*out = s[n / 2];
	else {
		lo = s[n / 2 - 1];
		hi = s[n / 2];
		/* hi >= lo, so the division truncates toward lo: floor */
		*out = lo + (int64_t)(((uint64_t)hi - (uint64_t)lo) / 2);
	}
	free(s);
	return true;
}

void
stats_ladder(const struct milestone *ms, size_t n,
    struct ladder_step out[LADDER_STEPS])
{
	size_t	i;
	int	k, prev = -1;

	memset(out, 0, sizeof *out * LADDER_STEPS);
	for (i = 0; i < n; i++) {
		k = milestone_ladder_index(ms[i].name);
		if (k < 0 || out[k].has)
			continue;
		out[k].has = true;
		out[k].at = ms[i].at;
	}
	for (k = 0; k < LADDER_STEPS; k++) {
		if (!out[k].has)
			continue;
		if (prev >= 0) {
			out[k].has_gap = true;
			out[k].gap_s = out[k].at - out[prev].at;
		}
		prev = k;
	}
}

size_t
stats_stage_periods(int64_t created_at, const struct stage_change *ch,
    size_t n, bool closed, int64_t closed_at, struct stage_period *out,
    int64_t totals[STAGE__COUNT])
{
	size_t	i, k = 0;

	memset(totals, 0, sizeof *totals * STAGE__COUNT);
	out[0].stage = STAGE_DETECT;
	out[0].from = created_at;
	out[0].has_to = false;
	for (i = 0; i < n; i++) {
		out[k].has_to = true;
		out[k].to = ch[i].at;
		k++;
		out[k].stage = ch[i].to;
		out[k].from = ch[i].at;
		out[k].has_to = false;
	}
	if (closed) {
		out[k].has_to = true;
		out[k].to = closed_at;
	}
	k++;
	for (i = 0; i < k; i++)
		if (out[i].has_to)
			totals[out[i].stage] += out[i].to - out[i].from;
	return k;
}

static const char *const median_names[MEDIAN__COUNT] = {
	"event_to_detected", "detected_to_declared", "declared_to_notified",
};

const char *
stats_median_name(enum report_median m)
{
	return median_names[m];
}

void
stats_report(const struct report_input *in, size_t n, struct report *out)
{
	int64_t	*v[MEDIAN__COUNT];
	size_t	 nv[MEDIAN__COUNT] = { 0 }, i;
	int	 m;

	memset(out, 0, sizeof *out);
	for (m = 0; m < MEDIAN__COUNT; m++)
		v[m] = xcalloc(n + 1, sizeof *v[m]);
	for (i = 0; i < n; i++) {
		const struct report_input *r = &in[i];

		out->incidents++;
		out->closed += r->closed;
		out->open_repair_items += r->open_repairs;
		if (r->has_event && r->has_detected)
			v[MEDIAN_EVENT_TO_DETECTED][nv[0]++] = r->detected_at -
			    r->event_at;
		if (!r->declared)
			continue;
		out->declared++;
		if (r->has_detected)
			v[MEDIAN_DETECTED_TO_DECLARED][nv[1]++] =
			    r->declared_at - r->detected_at;
		if (!r->notified) {
			out->not_notified++;
			continue;
		}
		v[MEDIAN_DECLARED_TO_NOTIFIED][nv[2]++] = r->notified_at -
		    r->declared_at;
		if (r->notified_at <= r->declared_at + DEADLINE_CUSTOMER_S)
			out->notified_on_time++;
		else
			out->notified_late++;
	}
	for (m = 0; m < MEDIAN__COUNT; m++) {
		out->has_median[m] = stats_median(v[m], nv[m],
		    &out->median_s[m]);
		free(v[m]);
	}
}

void
stats_report_due(const struct report_input *in, size_t n, int64_t now,
    struct report *out)
{
	size_t	i;

	out->overdue = 0;
	out->not_notified_past_due = 0;
	for (i = 0; i < n; i++) {
		if (!in[i].closed && in[i].has_next_due &&
		    in[i].next_due < now)
			out->overdue++;
		if (in[i].declared && !in[i].notified &&
		    now > in[i].declared_at + DEADLINE_CUSTOMER_S)
			out->not_notified_past_due++;
	}
}
