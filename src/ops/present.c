/*
 * present.c: the JSON form of an incident (the contract of `show --json`
 * and `list --json`). Times are UTC "YYYY-MM-DDTHH:MM:SSZ".
 */
#include <stdio.h>
#include <string.h>

#include "vigil/deadline.h"
#include "vigil/ops-present.h"
#include "vigil/ops-present-notify.h"
#include "vigil/timefmt.h"

void
present_clocks_json(struct json *j, const struct clock_view *v, size_t n)
{
	char	local[TIMEFMT_MAX];
	size_t	i;

	json_arr_open(j);
	for (i = 0; i < n; i++) {
		const struct clock_result	*r = &v[i].r;

		json_obj_open(j);
		json_kstr(j, "id", v[i].id);
		json_kstr(j, "name", v[i].rule != NULL ? v[i].rule->name :
		    v[i].id);
		json_kstr(j, "state", clock_state_name(r->state));
		/* a proposed rule or a bill is not law: say so to a script */
		json_kstr(j, "status", v[i].rule != NULL ?
		    rule_status_name(v[i].rule->status) : NULL);
		json_kbool(j, "proposed", v[i].rule != NULL &&
		    rule_not_law(v[i].rule));
		json_kstr(j, "start_milestone", v[i].rule != NULL ?
		    v[i].rule->start : "declared");
		/* which recorded time of a repeated milestone it runs from */
		json_kstr(j, "start_occurrence", v[i].rule == NULL ||
		    v[i].rule->anchor == RULE_ANCHOR_FIRST ? "first" :
		    v[i].rule->anchor == RULE_ANCHOR_LAST ? "last" :
		    "year-end");
		json_ktime(j, "started_at", r->start, r->has_start);
		json_ktime(j, "due_at", r->due, r->has_due);
		if (r->has_due) {
			timefmt_offset(r->due, r->due_offset_s, local);
			json_kstr(j, "due_local", local);
		} else
			json_kstr(j, "due_local", NULL);
		json_key(j, "remaining_s");
		if (r->has_due)
			json_int(j, r->remaining_s);
		else
			json_null(j);
		json_ktime(j, "sent_at", r->sent_at, r->sent);
		if (r->held || r->held_s > 0 || r->extended)
			json_ktime(j, "original_due_at", r->original_due,
			    true);
		if (r->extended)
			json_kint(j, "extended_s", r->extended_s);
		if (r->not_yet)
			json_kbool(j, "not_yet_applicable", true);
		if (v[i].rule != NULL && v[i].rule->has_applies_from) {
			timefmt_date(v[i].rule->applies_from, local);
			json_kstr(j, "applies_from", local);
		}
		if (v[i].zone[0] != '\0')
			json_kstr(j, "tz", v[i].zone);
		else if (v[i].rule != NULL && v[i].rule->tz != NULL)
			json_kstr(j, "tz", v[i].rule->tz);
		json_kstr(j, "message", r->message[0] != '\0' ? r->message :
		    NULL);
		json_obj_close(j);
	}
	json_arr_close(j);
}

void
present_incident_json(struct json *j, const struct incident *inc,
    const struct milestone *ms, size_t nms, const struct clock_view *clocks,
    size_t nclocks, const struct recipient *rcp, size_t nrcp, bool full)
{
	present_incident_json_open(j, inc, ms, nms, clocks, nclocks, rcp, nrcp,
	    full);
	json_obj_close(j);
}

void
present_incident_json_open(struct json *j, const struct incident *inc,
    const struct milestone *ms, size_t nms, const struct clock_view *clocks,
    size_t nclocks, const struct recipient *rcp, size_t nrcp, bool full)
{
	struct deadline	d;
	size_t		i, k;
	int		r;

	json_obj_open(j);
	json_kstr(j, "key", inc->key);
	json_kstr(j, "uuid", inc->uuid);
	json_kstr(j, "title", inc->title);
	json_kint(j, "severity", inc->severity);
	json_kstr(j, "kind", kind_name(inc->kind));
	json_kstr(j, "stage", stage_name(inc->stage));
	json_kstr(j, "status", inc->closed ? "closed" : "open");
	json_kstr(j, "resolution", inc->resolution == RESOLUTION_NONE ? NULL :
	    resolution_name(inc->resolution));
	if (full)
		json_kstr(j, "description", inc->description);
	json_ktime(j, "created_at", inc->created_at, true);
	json_kstr(j, "created_by", inc->created_by);
	json_ktime(j, "updated_at", inc->updated_at, true);
	json_ktime(j, "closed_at", inc->closed_at, inc->closed);
	json_ktime(j, "declared_at", inc->declared_at, inc->declared);
	json_kstr(j, "declared_by", inc->declared ? inc->declared_by : NULL);
	if (full) {
		json_key(j, "roles");
		json_obj_open(j);
		for (r = 0; r < ROLE__COUNT; r++)
			json_kstr(j, role_name((enum role)r), inc->holder[r]);
		json_obj_close(j);
		json_key(j, "milestones");
		json_obj_open(j);
		/*
		 * each name once, at its first occurrence (what a clock runs
		 * from unless its rule says "last"), in time order
		 */
		for (i = 0; i < nms; i++) {
			for (k = 0; k < i; k++)
				if (strcmp(ms[k].name, ms[i].name) == 0)
					break;
			if (k == i)
				json_ktime(j, ms[i].name, ms[i].at, true);
		}
		json_obj_close(j);
		/* every recorded time of each name, in time order */
		json_key(j, "milestone_times");
		json_obj_open(j);
		for (i = 0; i < nms; i++) {
			for (k = 0; k < i; k++)
				if (strcmp(ms[k].name, ms[i].name) == 0)
					break;
			if (k < i)
				continue;
			json_key(j, ms[i].name);
			json_arr_open(j);
			for (k = i; k < nms; k++)
				if (strcmp(ms[k].name, ms[i].name) == 0)
					json_time(j, ms[k].at, true);
			json_arr_close(j);
		}
		json_obj_close(j);
	} else {
		json_key(j, "sim");
		json_str(j, inc->holder[ROLE_SIM]);
	}
	clock_views_customer(clocks, nclocks, &d);
	json_key(j, "deadline");
	json_obj_open(j);
	json_ktime(j, "due_at", d.due, d.has_due);
	json_key(j, "remaining_s");
	if (d.has_due)
		json_int(j, d.remaining);
	else
		json_null(j);
	json_kstr(j, "state", clock_state_name(d.state));
	json_obj_close(j);
	if (full && nclocks > 0) {
		json_key(j, "clocks");
		present_clocks_json(j, clocks, nclocks);
	}
	if (full) {
		json_key(j, "recipients");
		present_recipients_json(j, rcp, nrcp, false);
	}
}
