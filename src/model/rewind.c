/*
 * rewind.c: folding an incident's journal into its state at an instant
 * (see rewind.h). Each action's payload names what changed (src/ops
 * writes it so); this file reads those fields back and nothing else, so
 * the rebuild is only as good as the journal, which is the point: the
 * journal is the record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/rewind.h"
#include "vigil/role.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

static bool
in_list(char *const *v, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

static void
clock_on(struct rewind_state *st, const char *id, bool on)
{
	size_t	i;

	for (i = 0; i < st->nclocks; i++)
		if (strcmp(st->clocks[i], id) == 0)
			break;
	if (on && i == st->nclocks) {
		st->clocks = xreallocarray(st->clocks, st->nclocks + 1,
		    sizeof *st->clocks);
		st->clocks[st->nclocks++] = xstrdup(id);
	} else if (!on && i < st->nclocks) {
		free(st->clocks[i]);
		memmove(&st->clocks[i], &st->clocks[i + 1],
		    (st->nclocks - i - 1) * sizeof *st->clocks);
		st->nclocks--;
	}
}

static void
rcp_clear(struct rewind_recipient *r)
{
	int	k;

	free(r->name);
	free(r->contact);
	free(r->created_by);
	for (k = 0; k < RSTATE__COUNT; k++)
		free(r->by[k]);
	free(r->waive_reason);
	memset(r, 0, sizeof *r);
}

/* The recipient numbered by id ("R3"), added when new; NULL: no id. */
static struct rewind_recipient *
rcp_get(struct rewind_state *st, const char *id, int64_t at,
    const char *actor)
{
	struct rewind_recipient	*r;
	long long		 num;
	size_t			 i;

	if (id == NULL || recipient_id_parse(id, &num) != 0)
		return NULL;
	for (i = 0; i < st->nrcp; i++)
		if (st->rcp[i].num == num)
			return &st->rcp[i];
	/* kept by number, as the live list is */
	for (i = 0; i < st->nrcp && st->rcp[i].num < num; i++)
		;
	st->rcp = xreallocarray(st->rcp, st->nrcp + 1, sizeof *st->rcp);
	memmove(&st->rcp[i + 1], &st->rcp[i], (st->nrcp - i) *
	    sizeof *st->rcp);
	st->nrcp++;
	r = &st->rcp[i];
	memset(r, 0, sizeof *r);
	r->num = num;
	r->state = RSTATE_PENDING;
	r->created_at = at;
	r->created_by = xstrdup(actor != NULL ? actor : "");
	return r;
}

void
rewind_init(struct rewind_state *st, int64_t id, char *const *initial,
    size_t n)
{
	size_t	i;

	memset(st, 0, sizeof *st);
	st->inc.id = id;
	incident_key_format(id, st->inc.key);
	st->inc.stage = STAGE_DETECT;
	for (i = 0; i < n; i++)
		clock_on(st, initial[i], true);
}

void
rewind_clear(struct rewind_state *st)
{
	size_t	i;

	incident_clear(&st->inc);
	milestone_list_free(&st->ms, st->nms);
	for (i = 0; i < st->nclocks; i++)
		free(st->clocks[i]);
	free(st->clocks);
	for (i = 0; i < st->nholds; i++) {
		free(st->holds[i].rule);
		free(st->holds[i].basis);
	}
	free(st->holds);
	for (i = 0; i < st->nrcp; i++)
		rcp_clear(&st->rcp[i]);
	free(st->rcp);
	memset(st, 0, sizeof *st);
}

static void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s != NULL ? xstrdup(s) : NULL;
}

static bool
get_time(const struct payload *p, const char *k, int64_t *t, int *off)
{
	const char	*s = payload_get(p, k);
	int		 o = 0;

	if (s == NULL || timefmt_parse(s, 0, t, &o) != 0)
		return false;
	if (off != NULL)
		*off = o;
	return true;
}

/* A milestone from the fields "milestone", "at" and "note" of p. */
static void
add_milestone(struct rewind_state *st, const struct payload *p,
    const char *actor, int64_t recorded_at)
{
	const char		*name = payload_get(p, "milestone");
	struct milestone	*m;
	int64_t			 at;
	int			 off;

	if (name == NULL || !get_time(p, "at", &at, &off))
		return;
	st->ms = xreallocarray(st->ms, st->nms + 1, sizeof *st->ms);
	m = &st->ms[st->nms++];
	memset(m, 0, sizeof *m);
	m->id = (int64_t)st->nms;
	snprintf(m->name, sizeof m->name, "%s", name);
	m->at = at;
	m->offset_s = off;
	m->recorded_at = recorded_at;
	m->recorded_by = xstrdup(actor != NULL ? actor : "");
	m->note = xstrdup(payload_get(p, "note") != NULL ?
	    payload_get(p, "note") : "");
	if (strcmp(name, "customers_notified") == 0) {
		st->inc.notified = true;
		st->inc.notified_at = at;
	}
}

static void
apply_new(struct rewind_state *st, int64_t at, const char *actor,
    const struct payload *p)
{
	const char	*v;
	long long	 sev;
	struct milestone *m;
	int64_t		 t;
	int		 off;

	st->exists = true;
	set_str(&st->inc.title, payload_get(p, "title"));
	set_str(&st->inc.description, payload_get(p, "description") != NULL ?
	    payload_get(p, "description") : "");
	if ((v = payload_get(p, "uuid")) != NULL)
		snprintf(st->inc.uuid, sizeof st->inc.uuid, "%s", v);
	if ((v = payload_get(p, "severity")) != NULL &&
	    util_parse_int(v, 1, 4, &sev) == 0)
		st->inc.severity = (int)sev;
	if ((v = payload_get(p, "kind")) != NULL)
		kind_parse(v, &st->inc.kind);
	st->inc.created_at = at;
	set_str(&st->inc.created_by, actor);
	/* whoever opens it and may do triage holds its triage role */
	if ((v = payload_get(p, "triage")) != NULL) {
		set_str(&st->inc.holder[ROLE_TRIAGE], v);
		st->inc.held_since[ROLE_TRIAGE] = at;
	}
	if (get_time(p, "detected", &t, &off)) {
		st->ms = xreallocarray(st->ms, st->nms + 1, sizeof *st->ms);
		m = &st->ms[st->nms++];
		memset(m, 0, sizeof *m);
		m->id = (int64_t)st->nms;
		snprintf(m->name, sizeof m->name, "detected");
		m->at = t;
		m->offset_s = off;
		m->recorded_at = at;
		m->recorded_by = xstrdup(actor != NULL ? actor : "");
		m->note = xstrdup("");
	}
}

static void
apply_role(struct rewind_state *st, int64_t at, const struct payload *p,
    bool assign)
{
	const char	*name = payload_get(p, "role");
	enum role	 r;

	if (name == NULL || role_parse(name, &r) != 0)
		return;
	set_str(&st->inc.holder[r], assign ? payload_get(p, "login") : NULL);
	st->inc.held_since[r] = assign ? at : 0;
}

static void
apply_clocks(struct rewind_state *st, const struct payload *p, bool on)
{
	const char	*list = payload_get(p, on ? "enable" : "disable");
	char		*copy, *id, *save = NULL;

	if (list == NULL)
		return;
	copy = xstrdup(list);
	for (id = strtok_r(copy, ", ", &save); id != NULL;
	    id = strtok_r(NULL, ", ", &save))
		clock_on(st, id, on);
	free(copy);
}

static void
apply_hold(struct rewind_state *st, int64_t at, const struct payload *p,
    bool hold)
{
	const char		*rule = payload_get(p, "rule");
	struct rewind_hold	*h;
	size_t			 i;

	if (rule == NULL)
		return;
	if (!hold) {
		/* as holds_release(): every hold in force ends now */
		for (i = 0; i < st->nholds; i++) {
			h = &st->holds[i];
			if (strcmp(h->rule, rule) == 0 &&
			    (!h->has_until || h->until > at)) {
				h->has_until = true;
				h->until = at;
			}
		}
		return;
	}
	st->holds = xreallocarray(st->holds, st->nholds + 1,
	    sizeof *st->holds);
	h = &st->holds[st->nholds++];
	memset(h, 0, sizeof *h);
	h->rule = xstrdup(rule);
	h->basis = xstrdup(payload_get(p, "basis") != NULL ?
	    payload_get(p, "basis") : "");
	if (!get_time(p, "from", &h->from, NULL))
		h->from = at;
	h->has_until = get_time(p, "until", &h->until, NULL);
}

/* recipient.add: everything about it is in the payload. */
static void
apply_rcp_add(struct rewind_state *st, int64_t at, const char *actor,
    const struct payload *p)
{
	struct rewind_recipient	*r;
	const char		*v;

	if ((r = rcp_get(st, payload_get(p, "recipient"), at, actor)) == NULL)
		return;
	r->has_identity = true;
	set_str(&r->name, payload_get(p, "name"));
	set_str(&r->contact, payload_get(p, "contact"));
	if ((v = payload_get(p, "kind")) != NULL)
		recipient_kind_parse(v, &r->kind);
	if ((v = payload_get(p, "channel")) != NULL)
		recipient_channel_parse(v, &r->channel);
}

/* recipient.drafted, .sent, .acknowledged and .waive: the state moves. */
static void
apply_rcp_mark(struct rewind_state *st, int64_t at, const char *actor,
    const char *action, const struct payload *p)
{
	struct rewind_recipient	*r;
	enum recipient_state	 to;
	const char		*name = action + strlen("recipient.");
	int64_t			 when;

	if (strcmp(name, "waive") == 0)
		to = RSTATE_WAIVED;
	else if (recipient_state_parse(name, &to) != 0 ||
	    to == RSTATE_PENDING)
		return;
	if ((r = rcp_get(st, payload_get(p, "recipient"), at, actor)) == NULL)
		return;
	/* a send or an acknowledgement may be recorded after the fact */
	if (to == RSTATE_WAIVED || !get_time(p, "at", &when, NULL))
		when = at;
	r->state = to;
	r->has[to] = true;
	r->at[to] = when;
	set_str(&r->by[to], actor);
	if (to == RSTATE_WAIVED)
		set_str(&r->waive_reason, payload_get(p, "reason"));
}

/* What each_id() does with each id of a list. */
enum each { EACH_COUNT, EACH_CLOCK, EACH_RECIPIENT };

/* Each id of a ", "-joined list (a payload's array); returns how many. */
static int
each_id(struct rewind_state *st, const char *list, int64_t at,
    const char *actor, enum each what)
{
	char	*copy, *id, *save = NULL;
	int	 n = 0;

	if (list == NULL)
		return 0;
	copy = xstrdup(list);
	for (id = strtok_r(copy, ", ", &save); id != NULL;
	    id = strtok_r(NULL, ", ", &save), n++)
		if (what == EACH_RECIPIENT)
			rcp_get(st, id, at, actor);
		else if (what == EACH_CLOCK)
			clock_on(st, id, true);
	free(copy);
	return n;
}

/* incident.set: each field changed is {"old": ..., "new": ...}. */
static void
apply_set(struct rewind_state *st, const struct payload *p)
{
	static const char *const fields[] = {
		"severity", "kind", "title", "description",
	};
	struct payload	 sub;
	const char	*raw, *v;
	long long	 sev;
	size_t		 i;

	for (i = 0; i < nitems(fields); i++) {
		if ((raw = payload_get(p, fields[i])) == NULL)
			continue;
		if (payload_parse(raw, &sub) == 0 &&
		    (v = payload_get(&sub, "new")) != NULL) {
			if (i == 0 && util_parse_int(v, 1, 4, &sev) == 0)
				st->inc.severity = (int)sev;
			else if (i == 1)
				kind_parse(v, &st->inc.kind);
			else if (i == 2)
				set_str(&st->inc.title, v);
			else if (i == 3)
				set_str(&st->inc.description, v);
		}
		payload_clear(&sub);
	}
}

void
rewind_apply(struct rewind_state *st, int64_t seq, int64_t at,
    const char *actor, const char *action, const struct payload *p)
{
	const char	*v;
	struct payload	 sub;

	st->seq = seq;
	st->at = at;
	st->applied++;
	st->inc.updated_at = at;
	if (action == NULL)
		return;
	if (strcmp(action, "incident.new") == 0)
		apply_new(st, at, actor, p);
	else if (strcmp(action, "role.assign") == 0)
		apply_role(st, at, p, true);
	else if (strcmp(action, "role.release") == 0)
		apply_role(st, at, p, false);
	else if (strcmp(action, "stage.change") == 0) {
		if ((v = payload_get(p, "to")) != NULL)
			stage_parse(v, &st->inc.stage);
	} else if (strcmp(action, "milestone.record") == 0 ||
	    strcmp(action, "clock.sent") == 0)
		add_milestone(st, p, actor, at);
	else if (strcmp(action, "breach.declare") == 0) {
		add_milestone(st, p, actor, at);
		st->inc.declared = true;
		if (!get_time(p, "at", &st->inc.declared_at, NULL))
			st->inc.declared_at = at;
		set_str(&st->inc.declared_by, actor);
	} else if (strcmp(action, "breach.retract") == 0) {
		add_milestone(st, p, actor, at);
		st->inc.declared = false;
		st->inc.declared_at = 0;
		set_str(&st->inc.declared_by, NULL);
	} else if (strcmp(action, "incident.close") == 0) {
		st->inc.closed = true;
		st->inc.stage = STAGE_CLOSE;
		st->inc.closed_at = at;
		if ((v = payload_get(p, "resolution")) != NULL)
			resolution_parse(v, &st->inc.resolution);
	} else if (strcmp(action, "clocks.enable") == 0)
		apply_clocks(st, p, true);
	else if (strcmp(action, "clocks.disable") == 0)
		apply_clocks(st, p, false);
	else if (strcmp(action, "clock.hold") == 0)
		apply_hold(st, at, p, true);
	else if (strcmp(action, "clock.release") == 0)
		apply_hold(st, at, p, false);
	else if (strcmp(action, "recipient.add") == 0)
		apply_rcp_add(st, at, actor, p);
	else if (strncmp(action, "recipient.", 10) == 0) {
		apply_rcp_mark(st, at, actor, action, p);
		/* the last recipient settled: customers_notified with it */
		if ((v = payload_get(p, "recorded")) != NULL) {
			if (payload_parse(v, &sub) == 0)
				add_milestone(st, &sub, actor, at);
			payload_clear(&sub);
		}
	} else if (strcmp(action, "incident.set") == 0)
		apply_set(st, p);
	else if (strcmp(action, "plan.apply") == 0) {
		each_id(st, payload_get(p, "clocks"), at, actor, EACH_CLOCK);
		each_id(st, payload_get(p, "recipients"), at, actor,
		    EACH_RECIPIENT);
		st->tasks += each_id(st, payload_get(p, "tasks"), at, actor,
		    EACH_COUNT);
	} else if (strcmp(action, "task.add") == 0)
		st->tasks++;
	else if (strcmp(action, "task.done") == 0 ||
	    strcmp(action, "task.skip") == 0)
		st->tasks_closed++;
	else if (strcmp(action, "evidence.add") == 0)
		st->evidence++;
}

void
rewind_initial_clocks(const char *const *actions,
    const struct payload *payloads, size_t n, char *const *current,
    size_t ncurrent, char ***out, size_t *nout)
{
	char		**seen = NULL, *copy, *id, *save;
	size_t		  nseen = 0, i, k;
	bool		  on;
	const char	 *list;

	*out = NULL;
	*nout = 0;
	for (i = 0; i < n; i++) {
		if (strcmp(actions[i], "clocks.enable") == 0 ||
		    strcmp(actions[i], "plan.apply") == 0)
			on = true;
		else if (strcmp(actions[i], "clocks.disable") == 0)
			on = false;
		else
			continue;
		/* a plan enables its clocks too */
		if ((list = payload_get(&payloads[i], !on ? "disable" :
		    strcmp(actions[i], "plan.apply") == 0 ? "clocks" :
		    "enable")) == NULL)
			continue;
		copy = xstrdup(list);
		save = NULL;
		for (id = strtok_r(copy, ", ", &save); id != NULL;
		    id = strtok_r(NULL, ", ", &save)) {
			if (in_list(seen, nseen, id))
				continue;
			seen = xreallocarray(seen, nseen + 1, sizeof *seen);
			seen[nseen++] = xstrdup(id);
			if (!on) {	/* disabled first: it was on */
				*out = xreallocarray(*out, *nout + 1,
				    sizeof **out);
				(*out)[(*nout)++] = xstrdup(id);
			}
		}
		free(copy);
	}
	for (k = 0; k < ncurrent; k++)
		if (!in_list(seen, nseen, current[k]) &&
		    !in_list(*out, *nout, current[k])) {
			*out = xreallocarray(*out, *nout + 1, sizeof **out);
			(*out)[(*nout)++] = xstrdup(current[k]);
		}
	for (i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
}
