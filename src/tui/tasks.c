/*
 * tasks.c: the console's response-plan tasks. The tasks pane of the
 * incident view (mine first, overdue first, states in the clocks' words),
 * the "my tasks" view (every open task of mine on every open incident,
 * most urgent first; Enter opens its incident), and the actions: mark the
 * selected task done (with a note), skip it (with a reason), add one,
 * assign one — by key and by the ':task' command. Each act is one call of
 * src/ops/task.c, as the command line makes it; refusals reach the
 * message line with the message ops wrote.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/countdown.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

/* A task's state at now, in few cells: "OK 3h12m", "OVERDUE +2h". */
void
tasks_label(const struct task_view *v, int64_t now, char *out, size_t len,
    enum clock_state *st)
{
	char			span[TIMEFMT_MAX];
	enum clock_state	s = v->ev.state;

	if (v->t.state == TASK_OPEN && v->ev.has_due)
		s = deadline_classify(v->ev.start, v->ev.due, now, false, 0);
	*st = s;
	if (v->t.state == TASK_SKIPPED) {
		snprintf(out, len, "skipped");
		return;
	}
	if (!v->ev.has_due) {
		snprintf(out, len, "%s", v->t.state == TASK_DONE ? "done" :
		    v->ev.state == CLOCK_PENDING ? "PENDING" : "-");
		return;
	}
	switch (s) {
	case CLOCK_OK:
	case CLOCK_WARN:
	case CLOCK_CRITICAL:
		timefmt_span(v->ev.due - now, span);
		snprintf(out, len, "%s %s", countdown_glyph(s), span);
		break;
	case CLOCK_OVERDUE:
		timefmt_span(now - v->ev.due, span);
		snprintf(out, len, "OVERDUE +%s", span);
		break;
	case CLOCK_MISSED:
		timefmt_span(v->t.closed_at - v->ev.due, span);
		snprintf(out, len, "late %s", span);
		break;
	case CLOCK_MET:
		snprintf(out, len, "done");
		break;
	default:
		snprintf(out, len, "%s", countdown_glyph(s));
		break;
	}
}

/* One task row: "> * T3  OVERDUE +2h  forensics  title" */
static void
tasks_row(struct tui *t, const struct task_view *v, int y, int x, int w,
    bool sel, bool with_key, int64_t now)
{
	enum clock_state	 st;
	char			 id[TASK_ID_MAX], label[40];
	attr_t			 a = sel ? draw_attr(t, SLOT_SELECTED) : A_NORMAL;
	int			 cx = x;

	task_id_format(v->t.num, id);
	tasks_label(v, now, label, sizeof label, &st);
	draw_text(t, y, x, w, sel ? ">" : " ", a, DRAW_PAD);
	draw_text(t, y, x + 1, 1, v->mine && v->t.state == TASK_OPEN ? "*" :
	    " ", a, 0);
	cx = x + 3;
	if (with_key) {
		draw_text(t, y, cx, 8, v->key, a, 0);
		cx += 8;
	}
	draw_text(t, y, cx, 4, id, a, 0);
	cx += 5;
	draw_text(t, y, cx, 14, label, a | (v->t.state == TASK_SKIPPED ?
	    draw_attr(t, SLOT_MUTED) : draw_state_attr(t, st)), 0);
	cx += 15;
	if (w - (cx - x) > 30) {
		draw_text(t, y, cx, 9, role_name(v->t.role), a, 0);
		cx += 10;
	}
	if (cx < x + w)
		draw_text(t, y, cx, x + w - cx, v->t.title, v->t.state ==
		    TASK_OPEN ? a : a | draw_attr(t, SLOT_MUTED), 0);
	if (sel) {
		t->cursor_y = y;
		t->cursor_x = x;
	}
}

void
tasks_pane(struct tui *t, const struct rect *r)
{
	const struct detail	*d = &t->d;
	bool			 focus = t->focus == PANE_TASKS;
	int			 h = r->h - 2, i, top;
	size_t			 k, open = 0, mine = 0;
	int64_t			 now = ops_now(t->ctx);
	char			*title;

	for (k = 0; k < d->ntasks; k++)
		if (d->tasks[k].t.state == TASK_OPEN) {
			open++;
			mine += d->tasks[k].mine;
		}
	xasprintf(&title, "Tasks %zu open, %zu mine", open, mine);
	draw_box(t, r, title, focus);
	free(title);
	if (!d->has || h <= 0 || r->w < 4)
		return;
	top = layout_scroll(d->task_top, d->task_sel, (int)d->ntasks, h);
	t->d.task_top = top;
	for (i = 0; i < h && top + i < (int)d->ntasks; i++)
		tasks_row(t, &d->tasks[top + i], r->y + 1 + i, r->x + 1,
		    r->w - 2, focus && top + i == d->task_sel, false, now);
}

const struct task_view *
tasks_selected(const struct tui *t)
{
	if (!t->d.has || t->d.task_sel < 0 || (size_t)t->d.task_sel >=
	    t->d.ntasks)
		return NULL;
	return &t->d.tasks[t->d.task_sel];
}

/* Move a cursor over n rows. */
static int
tasks_move(int *sel, int n, enum tui_action a, int height)
{
	int	s = *sel;

	switch (a) {
	case ACT_UP:	s--; break;
	case ACT_DOWN:	s++; break;
	case ACT_PGUP:	s -= height; break;
	case ACT_PGDN:	s += height; break;
	case ACT_HOME:	s = 0; break;
	case ACT_END:	s = n - 1; break;
	default:	return RD_NONE;
	}
	if (s >= n)
		s = n - 1;
	if (s < 0)
		s = 0;
	*sel = s;
	return RD_PAINT;
}

int
tasks_key(struct tui *t, enum tui_action a, int height)
{
	return tasks_move(&t->d.task_sel, (int)t->d.ntasks, a, height);
}

/* ---- the acts ---------------------------------------------------------- */

static int
tasks_result(struct tui *t, int rc, const struct verr *e)
{
	if (rc != 0) {
		action_message(t, true, "%s", e->msg);
		return RD_DETAIL | RD_PAINT;
	}
	t->q.stale = t->q.count_stale = true;
	t->mine_stale = true;
	return RD_RELOAD;
}

static int
tasks_cancelled(struct tui *t)
{
	action_message(t, false, "Cancelled; nothing changed.");
	action_flow_clear(&t->f);
	return RD_PAINT;
}

int
tasks_do_done(struct tui *t, const char *tid, const char *note)
{
	struct verr	e;
	int		rc;

	rc = ops_task_done(t->ctx, t->f.key, tid, note, &e);
	if (rc == 0)
		action_message(t, false, "%s: %s done.", t->f.key, tid);
	return tasks_result(t, rc, &e);
}

int
tasks_do_skip(struct tui *t, const char *tid, const char *reason)
{
	struct verr	e;
	int		rc;

	rc = ops_task_skip(t->ctx, t->f.key, tid, reason, &e);
	if (rc == 0)
		action_message(t, false, "%s: %s skipped.", t->f.key, tid);
	return tasks_result(t, rc, &e);
}

int
tasks_do_add(struct tui *t, const char *text, bool has_role, enum role r,
    const char *due)
{
	struct task_add	in;
	struct verr	e;
	char		id[TASK_ID_MAX];
	int		rc;

	memset(&in, 0, sizeof in);
	in.title = text;
	in.has_role = has_role;
	in.role = r;
	in.due = due != NULL && *due != '\0' ? due : NULL;
	rc = ops_task_add(t->ctx, t->f.key, &in, id, &e);
	if (rc == 0)
		action_message(t, false, "%s: task %s added (%s).", t->f.key,
		    id, role_name(has_role ? r : ROLE_SIM));
	return tasks_result(t, rc, &e);
}

int
tasks_do_assign(struct tui *t, const char *tid, const char *login)
{
	struct verr	e;
	int		rc;

	rc = ops_task_assign(t->ctx, t->f.key, tid, login, &e);
	if (rc == 0)
		action_message(t, false, "%s: %s %s %s.", t->f.key, tid,
		    login != NULL && strcmp(login, "-") != 0 ? "assigned to" :
		    "given back to its role", login != NULL &&
		    strcmp(login, "-") != 0 ? login : "");
	return tasks_result(t, rc, &e);
}

static int
done_note(struct tui *t, const char *note, int choice)
{
	int	rc;

	(void)choice;
	if (note == NULL)
		return tasks_cancelled(t);
	rc = tasks_do_done(t, t->f.s1, note);
	action_flow_clear(&t->f);
	return rc;
}

static int
skip_reason(struct tui *t, const char *reason, int choice)
{
	char	label[128];
	int	rc;

	(void)choice;
	if (reason == NULL)
		return tasks_cancelled(t);
	if (*reason == '\0') {
		action_message(t, true, "Skipping a task needs a reason.");
		snprintf(label, sizeof label, "Skip %s: why? ", t->f.s1);
		prompt_text(t, label, "", skip_reason);
		return RD_PAINT;
	}
	rc = tasks_do_skip(t, t->f.s1, reason);
	action_flow_clear(&t->f);
	return rc;
}

static int
assign_login(struct tui *t, const char *login, int choice)
{
	int	rc;

	(void)choice;
	if (login == NULL || *login == '\0')
		return tasks_cancelled(t);
	rc = tasks_do_assign(t, t->f.s1, login);
	action_flow_clear(&t->f);
	return rc;
}

static int
add_due(struct tui *t, const char *due, int choice)
{
	int	rc;

	(void)choice;
	if (due == NULL)
		return tasks_cancelled(t);
	rc = tasks_do_add(t, t->f.s1, t->f.role >= 0,
	    (enum role)(t->f.role >= 0 ? t->f.role : ROLE_SIM), due);
	action_flow_clear(&t->f);
	return rc;
}

static int
add_role(struct tui *t, const char *v, int choice)
{
	(void)v;
	if (v == NULL || choice < 0)
		return tasks_cancelled(t);
	t->f.role = choice;
	prompt_text(t, "Due (e.g. gdpr-33 - 12h, declared + 24h; Enter: "
	    "none): ", "", add_due);
	return RD_PAINT;
}

static int
add_text(struct tui *t, const char *text, int choice)
{
	char	**items;
	int	  i;

	(void)choice;
	if (text == NULL || *text == '\0')
		return tasks_cancelled(t);
	t->f.s1 = xstrdup(text);
	items = xcalloc(ROLE__COUNT + 1, sizeof *items);
	for (i = 0; i < ROLE__COUNT; i++)
		items[i] = xstrdup(role_name((enum role)i));
	prompt_choice(t, "Which role owns it?", items, NULL, ROLE__COUNT,
	    add_role);
	return RD_PAINT;
}

/* Ask what the act needs about task tid (its id, "T3"). */
static int
tasks_ask(struct tui *t, const char *tid)
{
	char	label[160];

	t->f.s1 = xstrdup(tid);
	switch (t->f.act) {
	case ACT_TASK_DONE:
		snprintf(label, sizeof label, "%s %s done; note (Enter: "
		    "none): ", t->f.key, tid);
		prompt_text(t, label, "", done_note);
		break;
	case ACT_TASK_SKIP:
		snprintf(label, sizeof label, "Skip %s %s: why? ", t->f.key,
		    tid);
		prompt_text(t, label, "", skip_reason);
		break;
	default:
		snprintf(label, sizeof label, "Assign %s %s to (login, or - "
		    "for its role's holder): ", t->f.key, tid);
		prompt_text(t, label, "", assign_login);
		break;
	}
	return RD_PAINT;
}

static int
tasks_picked(struct tui *t, const char *tid, int choice)
{
	(void)choice;
	if (tid == NULL)
		return tasks_cancelled(t);
	return tasks_ask(t, tid);
}

/* The selected task in the pane, else a choice among the open ones. */
static int
tasks_pick(struct tui *t)
{
	const struct task_view	*v = tasks_selected(t);
	char			 id[TASK_ID_MAX], **items, **values;
	size_t			 i;
	int			 n = 0;

	if (t->focus == PANE_TASKS && v != NULL && v->t.state == TASK_OPEN) {
		task_id_format(v->t.num, id);
		return tasks_ask(t, id);
	}
	items = xcalloc(t->d.ntasks + 1, sizeof *items);
	values = xcalloc(t->d.ntasks + 1, sizeof *values);
	for (i = 0; i < t->d.ntasks; i++) {
		v = &t->d.tasks[i];
		if (v->t.state != TASK_OPEN)
			continue;
		task_id_format(v->t.num, id);
		xasprintf(&items[n], "%-4s %-9s %.50s", id,
		    role_name(v->t.role), v->t.title);
		values[n++] = xstrdup(id);
	}
	if (n == 0) {
		free(items);
		free(values);
		action_message(t, true, "%s has no open task (T adds one).",
		    t->f.key);
		action_flow_clear(&t->f);
		return RD_PAINT;
	}
	prompt_choice(t, "Which task?", items, values, n, tasks_picked);
	return RD_PAINT;
}

int
tasks_start(struct tui *t, enum tui_action a)
{
	char	id[TASK_ID_MAX];

	if (a == ACT_MY_TASKS)
		return tasks_open_mine(t);
	if (view_top(t) == &view_tasks && a != ACT_TASK_ADD) {
		/* my tasks: the act is on the selected row's task */
		if (t->nmine == 0) {
			action_message(t, true, "Nothing is waiting for you.");
			return RD_PAINT;
		}
		action_flow_clear(&t->f);
		t->f.act = a;
		snprintf(t->f.key, sizeof t->f.key, "%s",
		    t->mine[t->mine_sel].key);
		task_id_format(t->mine[t->mine_sel].t.num, id);
		return tasks_ask(t, id);
	}
	action_flow_clear(&t->f);
	if (action_key(t) == NULL)	/* into t->f.key */
		return RD_PAINT;
	t->f.act = a;
	if (a == ACT_TASK_ADD) {
		prompt_text(t, "New task: ", "", add_text);
		return RD_PAINT;
	}
	return tasks_pick(t);
}

/*
 * ':task done TID [NOTE]', ':task skip TID REASON', ':task add TEXT',
 * ':task assign TID LOGIN|-', ':tasks' (my tasks).
 */
int
command_task(struct tui *t, const char *verb, char *args)
{
	char		*sub, *tid, *rest, *save = NULL;
	int		 rc;

	if (strcmp(verb, "tasks") == 0)
		return tasks_open_mine(t);
	action_flow_clear(&t->f);
	if (action_key(t) == NULL)	/* into t->f.key */
		return RD_PAINT;
	sub = args != NULL ? strtok_r(args, " ", &save) : NULL;
	if (sub == NULL) {
		action_message(t, true, "usage: :task done TID [NOTE] | skip "
		    "TID REASON | add TEXT | assign TID LOGIN");
		return RD_PAINT;
	}
	rest = save != NULL ? save : (char *)"";
	if (strcmp(sub, "add") == 0) {
		if (*rest == '\0') {
			action_message(t, true, "usage: :task add TEXT");
			return RD_PAINT;
		}
		rc = tasks_do_add(t, rest, false, ROLE_SIM, NULL);
		action_flow_clear(&t->f);
		return rc;
	}
	tid = strtok_r(NULL, " ", &save);
	rest = save != NULL ? save : (char *)"";
	if (tid == NULL) {
		action_message(t, true, "usage: :task %s TID ...", sub);
		return RD_PAINT;
	}
	if (strcmp(sub, "done") == 0)
		rc = tasks_do_done(t, tid, rest);
	else if (strcmp(sub, "skip") == 0)
		rc = tasks_do_skip(t, tid, rest);
	else if (strcmp(sub, "assign") == 0)
		rc = tasks_do_assign(t, tid, *rest != '\0' ? rest : NULL);
	else {
		action_message(t, true, "unknown ':task %s' (done, skip, add, "
		    "assign)", sub);
		rc = RD_PAINT;
	}
	action_flow_clear(&t->f);
	return rc;
}

/* ---- my tasks --------------------------------------------------------- */

void
tasks_mine_clear(struct tui *t)
{
	task_views_free(&t->mine, t->nmine);
	t->nmine = 0;
}

int
tasks_mine_load(struct tui *t, struct verr *e)
{
	int64_t	now = ops_now(t->ctx);

	tasks_mine_clear(t);
	if (ops_tasks_mine_read(t->ctx, t->ctx->me.login, now, &t->mine,
	    &t->nmine, e) != 0)
		return -1;
	task_views_count(t->mine, t->nmine, now, 3600, &t->mine_overdue,
	    &t->mine_soon);
	t->mine_stale = false;
	if (t->mine_sel >= (int)t->nmine)
		t->mine_sel = (int)t->nmine - 1;
	if (t->mine_sel < 0)
		t->mine_sel = 0;
	return 0;
}

int
tasks_open_mine(struct tui *t)
{
	if (!view_shown(t, &view_tasks))
		view_push(t, &view_tasks);
	t->mine_stale = true;
	t->q.stale = true;		/* my tasks are read with the counts */
	return RD_LAYOUT | RD_PAINT | RD_QUEUE;
}

static void
mine_paint(struct tui *t)
{
	const struct rect	*r = &t->lay.body;
	int64_t			 now = ops_now(t->ctx);
	int			 h = r->h - 3, i, top;
	char			*title;

	xasprintf(&title, "My tasks: %zu open, %d overdue, %d due within "
	    "the hour", t->nmine, t->mine_overdue, t->mine_soon);
	panes_header(t, title);
	draw_box(t, r, title, true);
	free(title);
	t->cursor_y = r->y + 1;
	t->cursor_x = r->x + 1;
	if (h <= 0)
		return;
	draw_text(t, r->y + 1, r->x + 4, r->w - 5, "INCIDENT TASK STATE      "
	    "      ROLE      TITLE", draw_attr(t, SLOT_MUTED), 0);
	if (t->nmine == 0) {
		draw_text(t, r->y + 2, r->x + 2, r->w - 3, "(nothing is "
		    "waiting for you)", draw_attr(t, SLOT_MUTED), 0);
		return;
	}
	top = layout_scroll(t->mine_top, t->mine_sel, (int)t->nmine, h);
	t->mine_top = top;
	for (i = 0; i < h && top + i < (int)t->nmine; i++)
		tasks_row(t, &t->mine[top + i], r->y + 2 + i, r->x + 1,
		    r->w - 2, top + i == t->mine_sel, true, now);
}

static void
mine_tick(struct tui *t)
{
	panes_header_clock(t);
}

static int
mine_key(struct tui *t, enum tui_action a, int key)
{
	(void)key;
	switch (a) {
	case ACT_BACK:
	case ACT_QUIT:
		view_pop(t);
		return RD_LAYOUT | RD_PAINT;
	case ACT_OPEN:
		if (t->nmine == 0)
			return RD_NONE;
		data_select_id(t, t->mine[t->mine_sel].t.incident_id);
		view_pop(t);
		view_push(t, &view_incident);
		t->focus = PANE_TASKS;
		return RD_LAYOUT | RD_RELOAD;
	default:
		return tasks_move(&t->mine_sel, (int)t->nmine, a,
		    t->lay.body.h - 3);
	}
}

const struct view_ops view_tasks = {
	"my tasks", LAYOUT_HELP, PANE_BIT(PANE_TASKS),
	mine_paint, mine_tick, mine_key,
};
