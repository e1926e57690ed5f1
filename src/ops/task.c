/*
 * task.c: an incident's tasks — reading them with their due times, and
 * the actions that change them (add, done, skip, assign). A due time is
 * never stored: it is computed here, when read, from the incident's
 * milestones, stage changes and evaluated clocks (task_due_eval in
 * src/model/plan.c), so a task due on a clock moves when the clock does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "op.h"
#include "vigil/ops-clock-eval.h"
#include "vigil/store-notify.h"
#include "vigil/ops-task.h"
#include "vigil/util.h"

void
task_views_free(struct task_view **v, size_t n)
{
	size_t	i;

	if (*v == NULL)
		return;
	for (i = 0; i < n; i++)
		task_clear(&(*v)[i].t);
	free(*v);
	*v = NULL;
}

/* What due times are counted from, for one incident; owned. */
struct facts_holder {
	struct task_facts	 f;
	struct milestone	*ms;
	size_t			 nms;
	struct stage_change	*ch;
	size_t			 nch;
	struct clock_view	*cv;
	size_t			 ncv;
	struct task_clock	*tc;
};

static void
facts_clear(struct facts_holder *h)
{
	milestone_list_free(&h->ms, h->nms);
	free(h->ch);
	clock_views_free(&h->cv, h->ncv);
	free(h->tc);
	memset(h, 0, sizeof *h);
}

static int
facts_load(struct vigil_ctx *ctx, const struct incident *inc, int64_t now,
    struct facts_holder *h, struct verr *e)
{
	size_t	i;

	memset(h, 0, sizeof *h);
	if (milestones_list(ctx->db, inc->id, &h->ms, &h->nms, e) != 0 ||
	    reviews_stage_changes(ctx->db, inc->id, &h->ch, &h->nch, e) != 0 ||
	    ops_clocks_eval(ctx, inc, h->ms, h->nms, now, &h->cv, &h->ncv,
	    e) != 0) {
		facts_clear(h);
		return -1;
	}
	h->tc = xcalloc(h->ncv + 1, sizeof *h->tc);
	for (i = 0; i < h->ncv; i++) {
		h->tc[i].id = h->cv[i].id;
		h->tc[i].has_start = h->cv[i].r.has_start;
		h->tc[i].start = h->cv[i].r.start;
		h->tc[i].has_due = h->cv[i].r.has_due;
		h->tc[i].due = h->cv[i].r.due;
	}
	h->f.ms = h->ms;
	h->f.nms = h->nms;
	h->f.ch = h->ch;
	h->f.nch = h->nch;
	h->f.created_at = inc->created_at;
	h->f.closed = inc->closed;
	h->f.closed_at = inc->closed_at;
	h->f.clocks = h->tc;
	h->f.nclocks = h->ncv;
	return 0;
}

/* Evaluate one task row into v (t is moved into v). */
static void
view_fill(struct task_view *v, struct task *t, const struct incident *inc,
    const struct facts_holder *h, const char *login, int64_t now)
{
	struct task_due	d;
	char		why[128];

	memset(v, 0, sizeof *v);
	v->t = *t;
	memset(t, 0, sizeof *t);
	snprintf(v->key, sizeof v->key, "%s", inc->key);
	if (inc->holder[v->t.role] != NULL)
		snprintf(v->holder, sizeof v->holder, "%s",
		    inc->holder[v->t.role]);
	if (login != NULL)
		v->mine = v->t.owner != NULL ? strcmp(v->t.owner, login) == 0 :
		    inc->holder[v->t.role] != NULL &&
		    strcmp(inc->holder[v->t.role], login) == 0;
	if (task_due_parse(v->t.due, &d, why, sizeof why) != 0)
		memset(&d, 0, sizeof d);
	task_due_eval(&d, &h->f, v->t.created_at, v->t.state == TASK_DONE,
	    v->t.closed_at, now, &v->ev);
}

/* The urgency of an open task's state: overdue first. */
static int
urgency(const struct task_view *v)
{
	switch (v->ev.state) {
	case CLOCK_OVERDUE:
		return 0;
	case CLOCK_CRITICAL:
	case CLOCK_WARN:
	case CLOCK_OK:
		return 1;
	case CLOCK_PENDING:
		return 2;
	default:
		return 3;
	}
}

/* open first, mine first, overdue first, earlier due, number */
static int
view_cmp(const void *pa, const void *pb)
{
	const struct task_view	*a = pa, *b = pb;
	int			 x, y;

	x = a->t.state != TASK_OPEN;
	y = b->t.state != TASK_OPEN;
	if (x != y)
		return x - y;
	if (a->mine != b->mine)
		return a->mine ? -1 : 1;
	if ((x = urgency(a)) != (y = urgency(b)))
		return x - y;
	if (a->ev.has_due && b->ev.has_due && a->ev.due != b->ev.due)
		return a->ev.due < b->ev.due ? -1 : 1;
	if (a->ev.has_due != b->ev.has_due)
		return a->ev.has_due ? -1 : 1;
	if ((x = strcmp(a->key, b->key)) != 0)
		return x;
	return a->t.num < b->t.num ? -1 : a->t.num > b->t.num;
}

int
ops_tasks_view(struct vigil_ctx *ctx, const struct incident *inc,
    const char *login, int64_t now, struct task_view **out, size_t *n,
    struct verr *e)
{
	struct facts_holder	 h;
	struct task		*t = NULL;
	size_t			 nt = 0, i;

	*out = NULL;
	*n = 0;
	if (tasks_list(ctx->db, inc->id, &t, &nt, e) != 0)
		return -1;
	if (nt == 0) {
		free(t);
		return 0;
	}
	if (facts_load(ctx, inc, now, &h, e) != 0) {
		task_list_free(&t, nt);
		return -1;
	}
	*out = xcalloc(nt, sizeof **out);
	for (i = 0; i < nt; i++)
		view_fill(&(*out)[i], &t[i], inc, &h, login, now);
	*n = nt;
	free(t);
	facts_clear(&h);
	if (*n > 1)
		qsort(*out, *n, sizeof **out, view_cmp);
	return 0;
}

int
ops_tasks_list(struct vigil_ctx *ctx, const char *key, int64_t now,
    struct task_view **out, size_t *n, struct verr *e)
{
	struct incident	inc;
	int64_t		id;
	int		rc = -1;

	*out = NULL;
	*n = 0;
	if (ops_key(key, &id, e) != 0 || db_begin_read(ctx->db, e) != 0)
		return -1;
	if (incidents_get(ctx->db, id, &inc, e) == 0) {
		rc = ops_tasks_view(ctx, &inc, ctx->me.login, now, out, n, e);
		incident_clear(&inc);
	}
	db_end_read(ctx->db);
	return rc;
}

/* most urgent first across incidents: overdue, due soonest, no due */
static int
mine_cmp(const void *pa, const void *pb)
{
	const struct task_view	*a = pa, *b = pb;
	int			 x = urgency(a), y = urgency(b);

	if (x != y)
		return x - y;
	if (a->ev.has_due && b->ev.has_due && a->ev.due != b->ev.due)
		return a->ev.due < b->ev.due ? -1 : 1;
	if (a->t.incident_id != b->t.incident_id)
		return a->t.incident_id < b->t.incident_id ? -1 : 1;
	return a->t.num < b->t.num ? -1 : a->t.num > b->t.num;
}

int
ops_tasks_mine(struct vigil_ctx *ctx, const char *login, int64_t now,
    struct task_view **out, size_t *n, struct verr *e)
{
	int	rc;

	*out = NULL;
	*n = 0;
	if (db_begin_read(ctx->db, e) != 0)
		return -1;
	rc = ops_tasks_mine_read(ctx, login, now, out, n, e);
	db_end_read(ctx->db);
	return rc;
}

int
ops_tasks_mine_read(struct vigil_ctx *ctx, const char *login, int64_t now,
    struct task_view **out, size_t *n, struct verr *e)
{
	struct facts_holder	 h;
	struct incident		 inc;
	struct task		*t = NULL;
	size_t			 nt = 0, i, k;
	int			 rc = -1;

	*out = NULL;
	*n = 0;
	if (tasks_open_for(ctx->db, login, &t, &nt, e) != 0)
		goto out;
	*out = xcalloc(nt + 1, sizeof **out);
	/* the rows come by incident: load each incident's facts once */
	for (i = 0; i < nt; i = k) {
		if (incidents_get(ctx->db, t[i].incident_id, &inc, e) != 0)
			goto fail;
		if (facts_load(ctx, &inc, now, &h, e) != 0) {
			incident_clear(&inc);
			goto fail;
		}
		for (k = i; k < nt && t[k].incident_id == t[i].incident_id;
		    k++)
			view_fill(&(*out)[(*n)++], &t[k], &inc, &h, login, now);
		facts_clear(&h);
		incident_clear(&inc);
	}
	if (*n > 1)
		qsort(*out, *n, sizeof **out, mine_cmp);
	rc = 0;
	goto out;
fail:
	task_views_free(out, *n);
	*n = 0;
out:
	task_list_free(&t, nt);
	return rc;
}

void
task_views_count(const struct task_view *v, size_t n, int64_t now,
    int64_t within_s, int *overdue, int *soon)
{
	size_t	i;

	*overdue = *soon = 0;
	for (i = 0; i < n; i++) {
		if (v[i].t.state != TASK_OPEN || !v[i].ev.has_due)
			continue;
		if (v[i].ev.due < now)
			(*overdue)++;
		else if (v[i].ev.due - now <= within_s)
			(*soon)++;
	}
}

size_t
task_views_lateness(const struct task_view *v, size_t n,
    struct plan_lateness *out, size_t max, size_t nout)
{
	const char	*plan;
	size_t		 i, k;

	for (i = 0; i < n; i++) {
		if (v[i].t.state != TASK_DONE || !v[i].ev.has_due)
			continue;
		plan = v[i].t.plan != NULL ? v[i].t.plan : "";
		for (k = 0; k < nout; k++)
			if (strcmp(out[k].plan, plan) == 0)
				break;
		if (k == nout) {
			if (nout == max)
				continue;
			memset(&out[k], 0, sizeof out[k]);
			snprintf(out[k].plan, sizeof out[k].plan, "%s", plan);
			nout++;
		}
		out[k].done++;
		if (v[i].t.closed_at > v[i].ev.due) {
			out[k].late++;
			out[k].late_s += v[i].t.closed_at - v[i].ev.due;
		}
	}
	return nout;
}

void
task_views_json(struct json *j, const struct task_view *v, size_t n)
{
	char	id[TASK_ID_MAX];
	size_t	i;

	json_arr_open(j);
	for (i = 0; i < n; i++) {
		task_id_format(v[i].t.num, id);
		json_obj_open(j);
		json_kstr(j, "id", id);
		json_kstr(j, "title", v[i].t.title);
		json_kstr(j, "stage", stage_name(v[i].t.stage));
		json_kstr(j, "role", role_name(v[i].t.role));
		json_kstr(j, "owner", v[i].t.owner);
		json_kbool(j, "required", v[i].t.required);
		json_kstr(j, "due_spec", v[i].t.due[0] != '\0' ? v[i].t.due :
		    NULL);
		json_ktime(j, "due", v[i].ev.due, v[i].ev.has_due);
		json_kstr(j, "due_state", v[i].t.due[0] != '\0' ?
		    clock_state_name(v[i].ev.state) : NULL);
		json_kstr(j, "state", task_state_name(v[i].t.state));
		json_ktime(j, "closed_at", v[i].t.closed_at,
		    v[i].t.state != TASK_OPEN);
		json_kstr(j, "closed_by", v[i].t.closed_by);
		json_kstr(j, "note", v[i].t.note[0] != '\0' ? v[i].t.note :
		    NULL);
		json_kstr(j, "plan", v[i].t.plan);
		if (v[i].t.state == TASK_DONE && v[i].ev.has_due)
			json_kint(j, "late_s", v[i].t.closed_at > v[i].ev.due ?
			    v[i].t.closed_at - v[i].ev.due : 0);
		else {
			json_key(j, "late_s");
			json_null(j);
		}
		json_obj_close(j);
	}
	json_arr_close(j);
}

int
ops_tasks_report(struct vigil_ctx *ctx, bool has_since, int64_t since,
    bool has_until, int64_t until, struct plan_lateness *out, size_t max,
    size_t *n, struct verr *e)
{
	struct task_view	*v = NULL;
	struct incident		 inc;
	int64_t			*ids = NULL;
	size_t			 nids = 0, nv, i;
	int			 rc = -1;

	*n = 0;
	if (db_begin_read(ctx->db, e) != 0)
		return -1;
	if (tasks_report_incidents(ctx->db, has_since, since, has_until, until,
	    &ids, &nids, e) != 0)
		goto out;
	for (i = 0; i < nids; i++) {
		if (incidents_get(ctx->db, ids[i], &inc, e) != 0)
			goto out;
		rc = ops_tasks_view(ctx, &inc, NULL, inc.closed ?
		    inc.closed_at : inc.updated_at, &v, &nv, e);
		incident_clear(&inc);
		if (rc != 0)
			goto out;
		*n = task_views_lateness(v, nv, out, max, *n);
		task_views_free(&v, nv);
		rc = -1;
	}
	rc = 0;
out:
	free(ids);
	db_end_read(ctx->db);
	return rc;
}

/* ---- actions ---- */

/* Is id a clock the context knows ("customer" or a loaded rule)? */
static bool
clock_known(struct vigil_ctx *ctx, const char *id)
{
	const struct ruleset	*rs = ops_rules(ctx);

	return strcmp(id, CLOCK_CUSTOMER) == 0 || ruleset_find(rs, id) != NULL;
}

int
ops_task_add(struct vigil_ctx *ctx, const char *key,
    const struct task_add *in, char id[TASK_ID_MAX], struct verr *e)
{
	struct task_new	 t;
	struct task_due	 d;
	struct op	 op;
	char		 why[256], due[TASK_DUE_MAX];
	int64_t		 num;
	enum role	 role = in->has_role ? in->role : ROLE_SIM;

	if (check_text("the task", in->title, TASK_TITLE_MAX, true, e) != 0)
		return -1;
	if (task_due_parse(in->due != NULL ? in->due : "", &d, why,
	    sizeof why) != 0)
		return verr_set(e, VERR_USAGE, "--due: %s", why);
	if (d.kind == TASK_DUE_CLOCK && !clock_known(ctx, d.ref))
		return verr_set(e, VERR_DATA, "--due: no clock '%s' (see "
		    "'vigil rules')", d.ref);
	task_due_format(&d, due, sizeof due);
	if (op_begin(&op, ctx, ACTION_TASK, key, role, e) != 0)
		goto fail;
	memset(&t, 0, sizeof t);
	t.title = in->title;
	t.stage = in->has_stage ? in->stage : op.inc.stage;
	t.role = role;
	t.required = in->required;
	t.due = due;
	if (tasks_insert(ctx->db, op.inc.id, &t, op.now, ctx->me.login, &num,
	    e) != 0)
		goto fail;
	task_id_format(num, id);
	json_kstr(&op.j, "task", id);
	json_kstr(&op.j, "title", in->title);
	json_kstr(&op.j, "stage", stage_name(t.stage));
	json_kstr(&op.j, "role", role_name(role));
	json_kbool(&op.j, "required", in->required);
	if (due[0] != '\0')
		json_kstr(&op.j, "due", due);
	return op_finish(&op, "task.add", e);
fail:
	op_abort(&op);
	return -1;
}

/*
 * Start a change of task tid: the op, the task row, and the permission
 * check with the task's role as target (its named owner counts as its
 * holder), then a closed incident refused. On failure the caller ends op
 * with op_abort() and clears t (both always safe).
 */
static int
task_begin(struct op *op, struct vigil_ctx *ctx, const char *key,
    const char *tid, struct task *t, struct verr *e)
{
	char		id[TASK_ID_MAX];
	long long	num;
	int		found;

	memset(t, 0, sizeof *t);
	if (op_start(op, ctx, ACTION_TASK, key, e) != 0)
		return -1;
	if (task_id_parse(tid, &num) != 0)
		return verr_set(e, VERR_USAGE, "'%s' is not a task id "
		    "(expected something like T3)", tid != NULL ? tid : "");
	if ((found = tasks_get(ctx->db, op->inc.id, num, t, e)) < 0)
		return -1;
	if (found == 0)
		return op_invalid(op, e, VERR_DATA, "%s has no task T%lld "
		    "(see 'vigil task list %s')", op->inc.key, num,
		    op->inc.key);
	if (t->owner != NULL && strcmp(t->owner, ctx->me.login) == 0)
		op->held |= ROLE_BIT(t->role);
	if (op_authorise(op, t->role, e) != 0 ||
	    op_require_open(op, e) != 0)
		return -1;
	task_id_format(t->num, id);
	json_kstr(&op->j, "task", id);
	return 0;
}

/* Mark done or skipped. */
static int
task_close(struct vigil_ctx *ctx, const char *key, const char *tid,
    enum task_state to, const char *note, struct verr *e)
{
	struct op	op;
	struct task	t;
	char		id[TASK_ID_MAX];

	if (check_text(to == TASK_DONE ? "the note" : "the reason", note,
	    TASK_NOTE_MAX, to == TASK_SKIPPED, e) != 0)
		return -1;
	if (task_begin(&op, ctx, key, tid, &t, e) != 0)
		goto fail;
	task_id_format(t.num, id);
	if (t.state != TASK_OPEN) {
		op_invalid(&op, e, VERR_DATA, "%s %s is already %s",
		    op.inc.key, id, task_state_name(t.state));
		goto fail;
	}
	if (tasks_close(ctx->db, op.inc.id, t.num, to, op.now, ctx->me.login,
	    note, e) != 0)
		goto fail;
	json_kstr(&op.j, "title", t.title);
	if (note != NULL && *note != '\0')
		json_kstr(&op.j, to == TASK_DONE ? "note" : "reason", note);
	task_clear(&t);
	return op_finish(&op, to == TASK_DONE ? "task.done" : "task.skip", e);
fail:
	task_clear(&t);
	op_abort(&op);
	return -1;
}

int
ops_task_done(struct vigil_ctx *ctx, const char *key, const char *tid,
    const char *note, struct verr *e)
{
	return task_close(ctx, key, tid, TASK_DONE, note, e);
}

int
ops_task_skip(struct vigil_ctx *ctx, const char *key, const char *tid,
    const char *reason, struct verr *e)
{
	return task_close(ctx, key, tid, TASK_SKIPPED, reason, e);
}

int
ops_task_assign(struct vigil_ctx *ctx, const char *key, const char *tid,
    const char *login, struct verr *e)
{
	struct op	 op;
	struct task	 t;
	struct person	 p;
	char		 id[TASK_ID_MAX];
	int		 found;

	if (login != NULL && (*login == '\0' || strcmp(login, "-") == 0))
		login = NULL;
	if (task_begin(&op, ctx, key, tid, &t, e) != 0)
		goto fail;
	task_id_format(t.num, id);
	if (t.state != TASK_OPEN) {
		op_invalid(&op, e, VERR_DATA, "%s %s is %s; only an open task "
		    "is assigned", op.inc.key, id, task_state_name(t.state));
		goto fail;
	}
	if (login != NULL) {
		if ((found = roster_get(ctx->db, login, &p, e)) < 0)
			goto fail;
		if (found == 0) {
			op_invalid(&op, e, VERR_DATA, "%s is not on the roster "
			    "(an administrator adds people with 'vigil roster "
			    "add')", login);
			goto fail;
		}
		found = (p.roles & ROLE_BIT(t.role)) != 0;
		person_clear(&p);
		if (!found) {
			op_invalid(&op, e, VERR_DATA, "%s is not qualified for "
			    "the %s role that owns %s", login,
			    role_name(t.role), id);
			goto fail;
		}
	}
	if ((login == NULL && t.owner == NULL) || (login != NULL &&
	    t.owner != NULL && strcmp(login, t.owner) == 0)) {
		op_invalid(&op, e, VERR_DATA, "%s %s is already %s",
		    op.inc.key, id, login == NULL ? "unassigned" :
		    "assigned to them");
		goto fail;
	}
	if (tasks_set_owner(ctx->db, op.inc.id, t.num, login, e) != 0)
		goto fail;
	json_kstr(&op.j, "owner", login);
	if (t.owner != NULL)
		json_kstr(&op.j, "previous", t.owner);
	task_clear(&t);
	return op_finish(&op, "task.assign", e);
fail:
	task_clear(&t);
	op_abort(&op);
	return -1;
}

int
ops_tasks_blocking(struct vigil_ctx *ctx, int64_t incident, char **list,
    struct verr *e)
{
	struct task	*t = NULL;
	struct buf	 b;
	char		 id[TASK_ID_MAX];
	size_t		 n = 0, i, len;

	*list = NULL;
	if (tasks_open_required(ctx->db, incident, &t, &n, e) != 0)
		return -1;
	if (n == 0)
		return 0;
	buf_init(&b);
	for (i = 0; i < n; i++) {
		/* the list must fit one message line: short titles, and
		 * the rest counted */
		if (strlen(buf_str(&b)) > 260) {
			buf_printf(&b, "; and %zu more", n - i);
			break;
		}
		task_id_format(t[i].num, id);
		len = strlen(t[i].title);
		if (len > 36) {
			len = 36;
			while (len > 0 && ((unsigned char)t[i].title[len] &
			    0xc0) == 0x80)
				len--;
		}
		buf_printf(&b, "%s%s %.*s%s (%s)", i == 0 ? "" : "; ", id,
		    (int)len, t[i].title, len < strlen(t[i].title) ? "..." : "",
		    role_name(t[i].role));
	}
	*list = buf_steal(&b);
	task_list_free(&t, n);
	return 0;
}
