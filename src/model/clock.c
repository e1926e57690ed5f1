/*
 * clock.c: the deadline engine. Evaluates one rule over an incident's
 * milestones, holds and the present moment: start, due (in UTC), what is
 * left, and the clock's state. Pure: it reads nothing but its arguments
 * (zones and calendars come loaded in the ruleset), never the clock, the
 * environment or a file. Parsing rules is rules.c's job, calendars
 * calendar.c's; showing the result is the front ends'.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/deadline.h"
#include "vigil/milestone.h"
#include "vigil/rules.h"
#include "vigil/timefmt.h"
#include "vigil/tz.h"
#include "vigil/util.h"

/* Instants the engine accepts: years 1 to 9999, as timefmt prints them. */
#define CLOCK_T_MIN	(-62135596800LL)
#define CLOCK_T_MAX	253402300799LL

/* Everything a period computation needs about the rule's jurisdiction. */
struct clock_ctx {
	const struct rule	*r;
	const struct tz		*z;	/* NULL: UTC */
	const struct calendar	*cal;	/* NULL: none */
	struct clock_result	*out;
};

static bool
clock_in_range(int64_t t)
{
	return t >= CLOCK_T_MIN && t <= CLOCK_T_MAX;
}

static int64_t
clock_clamp(int64_t t)
{
	return t < CLOCK_T_MIN ? CLOCK_T_MIN : t > CLOCK_T_MAX ? CLOCK_T_MAX : t;
}

static int64_t
clock_floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int64_t
clock_local(const struct clock_ctx *c, int64_t t)
{
	return c->z != NULL ? tz_to_local(c->z, t) : t;
}

static int64_t
clock_utc(const struct clock_ctx *c, int64_t local)
{
	int64_t	t;

	if (c->z == NULL)
		return local;
	tz_to_utc(c->z, local, &t);
	return t;
}

/* The local date (days since the epoch) of instant t. */
static int64_t
clock_day(const struct clock_ctx *c, int64_t t)
{
	return clock_floor_div(clock_local(c, t), 86400);
}

static int64_t
clock_year(int64_t day)
{
	int64_t	y;
	int	m, d;

	timefmt_civil_from_days(day, &y, &m, &d);
	return y;
}

/* Set the state to CLOCK_ERROR with a message; returns -1. */
static int __attribute__((format(printf, 2, 3)))
clock_error(struct clock_result *out, const char *fmt, ...)
{
	va_list	ap;

	out->state = CLOCK_ERROR;
	out->has_due = false;
	va_start(ap, fmt);
	vsnprintf(out->message, sizeof out->message, fmt, ap);
	va_end(ap);
	return -1;
}

/* -1 with an error when the rule's calendar does not cover day's year. */
static int
clock_covered(const struct clock_ctx *c, int64_t day)
{
	int64_t	y = clock_year(day);

	if (c->cal == NULL || ruleset_calendar_covers(c->cal, y))
		return 0;
	return clock_error(c->out, "calendar %s covers %lld-%lld, not %lld: "
	    "add the holidays of %lld", c->cal->id,
	    (long long)c->cal->year_from, (long long)c->cal->year_to,
	    (long long)y, (long long)y);
}

/*
 * The due instant of period p started at `start` whose trigger date is
 * `tday` (a local date). Hours are exact seconds; days, business days and
 * months end on a local date at the cutoff or 23:59:59.
 */
static int
clock_period(const struct clock_ctx *c, const struct rule_period *p,
    int64_t start, int64_t tday, int64_t *due)
{
	int64_t	day = tday, y;
	int	m, d, count;

	switch (p->unit) {
	case RULE_UNIT_H:
		*due = start + (int64_t)p->amount * 3600;
		if (clock_covered(c, tday) == -1 ||
		    clock_covered(c, clock_day(c, *due)) == -1)
			return -1;
		return 0;
	case RULE_UNIT_D:
		day = tday + p->amount;
		break;
	case RULE_UNIT_MO:
		timefmt_civil_from_days(tday, &y, &m, &d);
		m += p->amount;
		y += (m - 1) / 12;
		m = (m - 1) % 12 + 1;
		if (d > timefmt_days_in_month(y, m))
			d = timefmt_days_in_month(y, m);
		day = timefmt_days_from_civil(y, m, d);
		break;
	case RULE_UNIT_BD:
		if (c->cal == NULL)
			return clock_error(c->out, "business days need a "
			    "calendar");
		for (count = 0; count < p->amount; ) {
			day++;
			if (clock_covered(c, day) == -1)
				return -1;
			if (ruleset_business_day(c->cal, day))
				count++;
		}
		break;
	case RULE_UNIT_ASAP:
		return clock_error(c->out, "an asap period has no due time");
	}
	if (clock_covered(c, tday) == -1 || clock_covered(c, day) == -1)
		return -1;
	*due = clock_utc(c, day * 86400 + (c->r->cutoff_min >= 0 ?
	    (int64_t)c->r->cutoff_min * 60 : 86399));
	return 0;
}

/* First (or last) occurrence of a milestone; false when not recorded. */
static bool
clock_find(const struct milestone *ms, size_t n, const char *name, bool last,
    int64_t *at)
{
	bool	found = false;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(ms[i].name, name) != 0)
			continue;
		if (!found || (last ? ms[i].at > *at : ms[i].at < *at))
			*at = ms[i].at;
		found = true;
	}
	return found;
}

/* A hold as an interval; until is INT64_MAX while open. */
struct clock_span {
	int64_t	from, until;
};

static int
clock_span_cmp(const void *a, const void *b)
{
	const struct clock_span	*x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

/*
 * How a hold with this basis acts on rule r: the rule's hold basis it
 * names (the basis itself, or followed by ':', ' ' or ',', as in
 * "ag-delay: letter of 3 March"). An unknown basis pauses.
 */
static const struct rule_hold *
clock_hold_kind(const struct rule *r, const char *basis)
{
	size_t	i, len;

	if (basis == NULL || r->hold_kinds == NULL)
		return NULL;
	for (i = 0; i < r->nholds; i++) {
		len = strlen(r->holds[i]);
		if (strncmp(basis, r->holds[i], len) == 0 &&
		    (basis[len] == '\0' || basis[len] == ':' ||
		    basis[len] == ' ' || basis[len] == ','))
			return &r->hold_kinds[i];
	}
	return NULL;
}

static bool
clock_is_pause(const struct rule *r, const struct clock_hold *h)
{
	const struct rule_hold	*k = clock_hold_kind(r, h->basis);

	return k == NULL || k->kind == RULE_HOLD_PAUSE;
}

/*
 * Due moved by `held` seconds of pause on a d, bd or mo rule: by the whole
 * local days held, at the same local time of day (the cutoff or 23:59:59),
 * so that a DST change in between moves nothing; on a bd rule, back to the
 * last business day if it lands on none (never before the unheld due).
 */
static int
clock_pause_days(const struct clock_ctx *c, int64_t due, int64_t held,
    int64_t *out)
{
	int64_t	local = clock_local(c, due), d0, day, tod;

	d0 = clock_floor_div(local, 86400);
	tod = local - d0 * 86400;
	day = d0 + held / 86400;
	if (clock_covered(c, day) == -1)
		return -1;
	if (c->r->due.unit == RULE_UNIT_BD && c->cal != NULL)
		while (day > d0 && !ruleset_business_day(c->cal, day))
			day--;
	*out = clock_utc(c, day * 86400 + tod);
	return 0;
}

/*
 * Apply the pause holds to out->due (set) for a clock that ran from start.
 * Sorted and merged, each interval that begins before the (growing) due
 * time pushes it by its overlap with the running period. An open hold in
 * force now freezes the clock: due is then "if lifted now".
 */
static int
clock_pauses(const struct clock_ctx *c, const struct clock_hold *holds,
    size_t nh, int64_t start, int64_t now, struct clock_result *out)
{
	const struct rule	*r = c->r;
	struct clock_span	*s, *m;
	size_t			 i, n = 0, k;
	int64_t			 lo, from, until, left, due = out->due;
	int64_t			 held_end = 0;
	int			 rc = 0;

	if (nh == 0)
		return 0;
	s = xreallocarray(NULL, nh, sizeof *s);
	for (i = 0; i < nh; i++) {
		if (!clock_is_pause(r, &holds[i]))
			continue;
		from = clock_clamp(holds[i].from);
		until = holds[i].open ? INT64_MAX : clock_clamp(holds[i].until);
		if (r->hold_max_s > 0 && until > from + r->hold_max_s)
			until = from + r->hold_max_s;
		/* a hold after the report was sent changes nothing */
		if (out->sent && until > out->sent_at)
			until = out->sent_at;
		if (until <= from)
			continue;
		s[n].from = from;
		s[n++].until = until;
	}
	qsort(s, n, sizeof *s, clock_span_cmp);
	for (i = 0, k = 0; i < n; i++) {
		m = k > 0 ? &s[k - 1] : NULL;
		if (m != NULL && s[i].from <= m->until) {
			if (s[i].until > m->until)
				m->until = s[i].until;
		} else
			s[k++] = s[i];
	}
	for (i = 0; i < k; i++) {
		if (s[i].from >= due)
			break;
		lo = s[i].from > start ? s[i].from : start;
		if (s[i].until <= lo)
			continue;
		if (s[i].until == INT64_MAX) {
			if (lo > now)
				break;	/* not begun: nothing yet */
			left = due - lo;
			out->held = true;
			out->held_s += now - lo;
			due = now + left;
			held_end = now;
			break;
		}
		out->held_s += s[i].until - lo;
		due += s[i].until - lo;
		if (lo <= now && now < s[i].until) {
			out->held = true;
			held_end = s[i].until;
		}
	}
	free(s);
	if (out->held_s > 0 && r->due.unit != RULE_UNIT_H) {
		rc = clock_pause_days(c, out->due, out->held_s, &due);
		if (rc == 0)
			out->held_s = due - out->due;
	}
	out->due = due;
	if (out->held)
		out->remaining_s = due - held_end;
	return rc;
}

/*
 * Apply the extend and after holds, in the order they began, to out->due
 * (pauses already applied). Each one that began no later than the due time
 * it extends (and before the report was sent) moves due to its period's
 * end, or to its own end when that comes first, never earlier.
 */
static int
clock_extensions(const struct clock_ctx *c, const struct clock_hold *holds,
    size_t nh)
{
	const struct rule	*r = c->r;
	const struct rule_hold	*k;
	struct clock_result	*out = c->out;
	size_t			*idx, n = 0, i, j, t;
	int64_t			 base, limit, cap;

	if (nh == 0)
		return 0;
	idx = xreallocarray(NULL, nh, sizeof *idx);
	for (i = 0; i < nh; i++)
		if (!clock_is_pause(r, &holds[i]))
			idx[n++] = i;
	/* insertion sort by `from`: a handful of holds at most */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && holds[idx[j]].from <
		    holds[idx[j - 1]].from; j--) {
			t = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		const struct clock_hold	*h = &holds[idx[i]];

		k = clock_hold_kind(r, h->basis);
		if (!clock_in_range(h->from) ||
		    (!h->open && !clock_in_range(h->until))) {
			free(idx);
			return clock_error(out, "time out of range");
		}
		if (h->from > out->due || (out->sent && h->from > out->sent_at))
			continue;	/* too late to delay anything */
		base = k->kind == RULE_HOLD_EXTEND ? out->due : h->from;
		if (clock_period(c, &k->period, base, clock_day(c, base),
		    &limit) == -1) {
			free(idx);
			return -1;
		}
		if (!h->open) {
			/* the delay granted ends on its own date */
			cap = h->until;
			if (r->due.unit != RULE_UNIT_H)
				cap = clock_utc(c, clock_day(c, h->until) *
				    86400 + (r->cutoff_min >= 0 ?
				    (int64_t)r->cutoff_min * 60 : 86399));
			if (cap < limit)
				limit = cap;
		}
		if (limit > out->due) {
			if (out->held)	/* left when the pause lifts */
				out->remaining_s += limit - out->due;
			out->extended_s += limit - out->due;
			out->due = limit;
			out->extended = true;
		}
	}
	free(idx);
	return 0;
}

/* Resolve the rule's start: the trigger instant and its local date. */
static bool
clock_start(const struct clock_ctx *c, const struct milestone *ms, size_t n,
    int64_t *start, int64_t *tday)
{
	const struct rule	*r = c->r;
	int64_t			 at, y;

	if (!clock_find(ms, n, r->start, r->anchor == RULE_ANCHOR_LAST, &at))
		return false;
	if (!clock_in_range(at) || r->anchor != RULE_ANCHOR_YEAR_END) {
		*start = at;	/* the caller rejects it when out of range */
		*tday = clock_in_range(at) ? clock_day(c, at) : 0;
		return true;
	}
	/* the period runs from the end of 31 December of that year */
	y = clock_year(clock_day(c, at));
	*tday = timefmt_days_from_civil(y, 12, 31);
	*start = clock_utc(c, (*tday + 1) * 86400);
	return true;
}

void
clock_eval(const struct rule *r, const struct ruleset *rs,
    const struct milestone *ms, size_t n, const struct clock_hold *holds,
    size_t nh, int64_t now, struct clock_result *out)
{
	clock_eval_in(r, rs, NULL, ms, n, holds, nh, now, out);
}

void
clock_eval_in(const struct rule *r, const struct ruleset *rs,
    const struct tz *zone, const struct milestone *ms, size_t n,
    const struct clock_hold *holds, size_t nh, int64_t now,
    struct clock_result *out)
{
	struct clock_ctx	c;
	char			sent[5 + RULE_ID_MAX + 1], date[TIMEFMT_MAX];
	int64_t			start, tday, due, bs_at;
	int64_t			end;

	memset(out, 0, sizeof *out);
	memset(&c, 0, sizeof c);
	c.r = r;
	c.out = out;
	if (r->error != NULL) {
		/* never a fallback: the mistake, where to fix it */
		clock_error(out, "%s", r->error);
		return;
	}
	if (zone != NULL && r->state_zone)
		c.z = zone;
	else if (r->tz != NULL && strcmp(r->tz, "UTC") != 0 &&
	    (c.z = ruleset_zone(rs, r->tz)) == NULL) {
		clock_error(out, "time zone %s is not loaded", r->tz);
		return;
	}
	if (r->calendar != NULL &&
	    (c.cal = ruleset_calendar(rs, r->calendar)) == NULL) {
		clock_error(out, "calendar %s is not loaded", r->calendar);
		return;
	}
	snprintf(sent, sizeof sent, "sent:%s", r->id);
	out->sent = clock_find(ms, n, sent, false, &out->sent_at);
	if (!clock_in_range(now) || (out->sent &&
	    !clock_in_range(out->sent_at))) {
		clock_error(out, "time out of range");
		return;
	}

	/* the backstop runs from its own milestone, recorded or not */
	if (r->backstop != NULL && clock_find(ms, n, r->backstop, false,
	    &bs_at)) {
		if (!clock_in_range(bs_at)) {
			clock_error(out, "time out of range");
			return;
		}
		if (clock_period(&c, &r->backstop_after, bs_at,
		    clock_day(&c, bs_at), &out->backstop) == -1)
			return;
		out->has_backstop = true;
	}

	if (!clock_start(&c, ms, n, &start, &tday)) {
		if (out->sent) {
			out->state = CLOCK_MET;
			snprintf(out->message, sizeof out->message,
			    "sent, but its trigger (%s) is not recorded",
			    r->start);
		} else {
			out->state = CLOCK_PENDING;
			if (r->has_applies_from && clock_in_range(now) &&
			    clock_day(&c, now) < r->applies_from) {
				timefmt_date(r->applies_from, date);
				snprintf(out->message, sizeof out->message,
				    "applies from %s; waiting for %s", date,
				    r->start);
			} else
				snprintf(out->message, sizeof out->message,
				    "waiting for %s", r->start);
		}
		return;
	}
	if (!clock_in_range(start)) {
		clock_error(out, "time out of range");
		return;
	}
	if (r->has_applies_from && clock_day(&c, start) < r->applies_from) {
		/* the duty did not exist when the trigger happened */
		timefmt_date(r->applies_from, date);
		out->state = CLOCK_PENDING;
		out->not_yet = true;
		snprintf(out->message, sizeof out->message, "applies from %s: "
		    "%s was recorded before, no clock", date, r->start);
		return;
	}
	out->has_start = true;
	out->start = start;
	end = out->sent ? out->sent_at : now;
	out->elapsed_s = end - start;

	if (r->due.unit == RULE_UNIT_ASAP) {
		out->state = out->sent ? CLOCK_MET : CLOCK_OK;
		out->due_offset_s = c.z != NULL ? tz_offset_at(c.z, end) : 0;
		return;
	}
	if (clock_period(&c, &r->due, start, tday, &due) == -1)
		return;
	/* DORA: min(start + 4h, aware + 24h) unless start came later */
	if (out->has_backstop && start <= out->backstop &&
	    out->backstop < due) {
		due = out->backstop;
		out->backstop_applied = true;
		snprintf(out->message, sizeof out->message,
		    "capped by the backstop: %s + %d%s", r->backstop,
		    r->backstop_after.amount,
		    rule_unit_name(r->backstop_after.unit));
	}
	out->has_due = true;
	out->due = out->original_due = due;
	if (clock_pauses(&c, holds, nh, start, now, out) == -1 ||
	    clock_extensions(&c, holds, nh) == -1)
		return;

	if (out->sent) {
		out->remaining_s = out->due - out->sent_at;
		out->state = deadline_classify(start, out->due, now, true,
		    out->sent_at);
		out->held = false;
	} else if (out->held) {
		out->state = CLOCK_HELD;
	} else {
		out->remaining_s = out->due - now;
		/* the period keeps its length: holds move its start too */
		out->state = deadline_classify(start + out->held_s, out->due,
		    now, false, 0);
	}
	out->due_offset_s = c.z != NULL ? tz_offset_at(c.z, out->due) : 0;
}
