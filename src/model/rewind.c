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
	else if (strncmp(action, "recipient.", 10) == 0 &&
	    (v = payload_get(p, "recorded")) != NULL) {
		/* the last recipient settled: customers_notified with it */
		if (payload_parse(v, &sub) == 0)
			add_milestone(st, &sub, actor, at);
		payload_clear(&sub);
	}
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
		if (strcmp(actions[i], "clocks.enable") == 0)
			on = true;
		else if (strcmp(actions[i], "clocks.disable") == 0)
			on = false;
		else
			continue;
		if ((list = payload_get(&payloads[i], on ? "enable" :
		    "disable")) == NULL)
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
