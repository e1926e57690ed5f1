/*
 * export-tasks.c: the tasks section of the review exports (export.c calls
 * these when the incident has tasks): per task when it was due, when and
 * by whom it was done or skipped, and how late; per plan how many tasks
 * were done late. Same rules as export.c: no clock read, byte-for-byte
 * reproducible, text from the database escaped for Markdown.
 */
#include <stdio.h>
#include <string.h>

#include "vigil/ops-export.h"
#include "vigil/ops-review.h"
#include "vigil/timefmt.h"

static void
cell(struct buf *out, const char *raw)
{
	buf_puts(out, " ");
	export_md_text(out, raw != NULL ? raw : "", true);
	buf_puts(out, " |");
}

static void
time_cell(struct buf *out, int64_t t, bool has)
{
	char	s[TIMEFMT_MAX];

	buf_puts(out, " ");
	if (has) {
		timefmt_utc(t, s);
		buf_puts(out, s);
	}
	buf_puts(out, " |");
}

void
export_tasks_markdown(const struct review_doc *d, struct buf *out)
{
	const struct task_view	*v;
	const struct plan_lateness *l;
	char			 id[TASK_ID_MAX];
	size_t			 i;

	if (d->ntasks == 0)
		return;
	buf_puts(out, "\n## Tasks\n\n| Id | Task | Plan | Role | Required | "
	    "Due (UTC) | State | Closed (UTC) | By | Late | Note |\n"
	    "|---|---|---|---|---|---|---|---|---|---|---|\n");
	for (i = 0; i < d->ntasks; i++) {
		v = &d->tasks[i];
		task_id_format(v->t.num, id);
		buf_printf(out, "| %s |", id);
		cell(out, v->t.title);
		cell(out, v->t.plan != NULL ? v->t.plan : "(by hand)");
		buf_printf(out, " %s | %s |", role_name(v->t.role),
		    v->t.required ? "yes" : "no");
		time_cell(out, v->ev.due, v->ev.has_due);
		buf_printf(out, " %s |", task_state_name(v->t.state));
		time_cell(out, v->t.closed_at, v->t.state != TASK_OPEN);
		cell(out, v->t.state != TASK_OPEN ? v->t.closed_by : "");
		buf_puts(out, " ");
		if (v->t.state == TASK_DONE && v->ev.has_due) {
			if (v->t.closed_at > v->ev.due)
				export_span(out, v->t.closed_at - v->ev.due);
			else
				buf_puts(out, "on time");
		}
		buf_puts(out, " |");
		cell(out, v->t.note);
		buf_putc(out, '\n');
	}
	if (d->nlate == 0)
		return;
	buf_puts(out, "\n| Plan | Done with a due time | Done late | Total "
	    "lateness |\n|---|---|---|---|\n");
	for (i = 0; i < d->nlate; i++) {
		l = &d->late[i];
		buf_putc(out, '|');
		cell(out, l->plan[0] != '\0' ? l->plan : "(by hand)");
		buf_printf(out, " %d | %d | ", l->done, l->late);
		export_span(out, l->late_s);
		buf_puts(out, " |\n");
	}
}

void
export_tasks_json(const struct review_doc *d, struct json *j)
{
	size_t	i;

	if (d->ntasks == 0)
		return;
	json_key(j, "tasks");
	task_views_json(j, d->tasks, d->ntasks);
	json_key(j, "tasks_late_per_plan");
	json_arr_open(j);
	for (i = 0; i < d->nlate; i++) {
		json_obj_open(j);
		json_kstr(j, "plan", d->late[i].plan[0] != '\0' ?
		    d->late[i].plan : NULL);
		json_kint(j, "done", d->late[i].done);
		json_kint(j, "late", d->late[i].late);
		json_kint(j, "late_s", d->late[i].late_s);
		json_obj_close(j);
	}
	json_arr_close(j);
}
