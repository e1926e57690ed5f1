/*
 * view-incident.c: one incident full screen (Enter on the queue): all
 * seven roles, every clock, the notification ladder with the time between
 * steps, the recipients (where each notification stands; d, S, K and W
 * mark the selected one), the evidence (t transfers, H checks the
 * selected item), the tasks when it has any (the ladder gives way at 80
 * columns), and a long timeline. q or Esc goes back to the
 * queue, which kept its selection.
 */
#include <stdlib.h>

#include "tui-private.h"
#include "vigil/util.h"

static void
incident_paint(struct tui *t)
{
	const struct incident	*inc = &t->d.inc;
	char			*title;

	if (!t->d.has) {
		panes_header(t, "(the incident is no longer in the queue)");
		return;
	}
	/* an incident with tasks gets the tasks pane (the layout without
	 * it otherwise, so incidents without tasks look as they always did) */
	layout_compute(LAYOUT_INCIDENT, t->cols, t->rows, &t->lay);
	if (t->d.ntasks > 0)
		layout_with_tasks(&t->lay);
	xasprintf(&title, "%s  SEV%d  %s  %s  %s%s", inc->key, inc->severity,
	    kind_name(inc->kind), stage_name(inc->stage), inc->title,
	    inc->declared ?
	    "  [breach declared]" : "");
	panes_header(t, title);
	free(title);
	t->cursor_y = t->lay.roles.y + 1;
	t->cursor_x = t->lay.roles.x + 1;
	panes_roles(t, &t->lay.roles, true);
	panes_deadline(t, &t->lay.deadline, false);
	if (t->lay.ladder.h > 0)
		panes_ladder(t, &t->lay.ladder);
	if (t->lay.tasks.h > 0)
		tasks_pane(t, &t->lay.tasks);
	panes_recipients(t, &t->lay.recipients);
	pane_evidence_draw(t, &t->lay.evidence);
	panes_timeline(t, &t->lay.timeline, true);
	if (t->focus == PANE_RECIPIENTS && t->d.nrec > 0) {
		/* the cursor follows the selected recipient */
		t->cursor_y = t->lay.recipients.y + 1 + t->d.rec_sel -
		    t->d.rec_top;
		t->cursor_x = t->lay.recipients.x + 1;
	}
	if (t->focus == PANE_TASKS && t->d.ntasks > 0) {
		t->cursor_y = t->lay.tasks.y + 1 + t->d.task_sel -
		    t->d.task_top;
		t->cursor_x = t->lay.tasks.x + 1;
	}
}

static void
incident_tick(struct tui *t)
{
	panes_header_clock(t);
	panes_deadline(t, &t->lay.deadline, true);
}

static int
incident_key(struct tui *t, enum tui_action a, int key)
{
	(void)key;
	switch (a) {
	case ACT_BACK:
	case ACT_QUIT:
		view_pop(t);
		return RD_LAYOUT | RD_PAINT;
	default:
		break;
	}
	if (t->focus == PANE_ROLES)
		return panes_key_roles(t, a);
	if (t->focus == PANE_TIMELINE)
		return panes_key_timeline(t, a, t->lay.timeline.h - 2);
	if (t->focus == PANE_RECIPIENTS)
		return panes_key_recipients(t, a, t->lay.recipients.h - 2);
	if (t->focus == PANE_EVIDENCE)
		return pane_evidence_key(t, a, t->lay.evidence.h - 2);
	if (t->focus == PANE_TASKS)
		return tasks_key(t, a, t->lay.tasks.h - 2);
	return RD_NONE;
}

const struct view_ops view_incident = {
	"incident", LAYOUT_INCIDENT,
	PANE_BIT(PANE_ROLES) | PANE_BIT(PANE_DEADLINE) | PANE_BIT(PANE_LADDER) |
	    PANE_BIT(PANE_RECIPIENTS) | PANE_BIT(PANE_EVIDENCE) |
	    PANE_BIT(PANE_TASKS) |
	    PANE_BIT(PANE_TIMELINE),
	incident_paint, incident_tick, incident_key,
};
