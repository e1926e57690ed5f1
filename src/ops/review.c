/*
 * review.c: the after-action review. The actions that change it (review
 * text, repair items) follow the op_begin .. op_finish shape of
 * op.h but, unlike every other action, are allowed on a closed
 * incident: after closing they are the only things that change.
 * ops_review_load() gathers the document the review view and the exports
 * show; the arithmetic is src/model/stats.c, the formatting export.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/ops-review.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"
#include "op.h"

static const char *const outcome_names[] = {
	"none", "not_notified", "met", "missed",
};

const char *
review_outcome_name(enum review_outcome o)
{
	return outcome_names[o];
}

void
ops_repair_id(int64_t num, char id[REPAIR_ID_MAX])
{
	snprintf(id, REPAIR_ID_MAX, "F%lld", (long long)num);
}

int
ops_repair_id_parse(const char *s, long long *num)
{
	if (s == NULL)
		return -1;
	if (*s == 'F' || *s == 'f')
		s++;
	return util_parse_int(s, 1, 1000000000LL, num);
}

/*
 * The opening steps of a review act: op_begin() without the refusal of a
 * closed incident, since the review is written after closing.
 */
static int
review_begin(struct op *op, struct vigil_ctx *ctx, const char *key,
    struct verr *e)
{
	if (op_start(op, ctx, ACTION_REVIEW, key, e) != 0)
		return -1;
	return op_authorise(op, ROLE_SIM, e);
}

int
ops_review_set(struct vigil_ctx *ctx, const char *key, const char *root_cause,
    const char *lessons, struct verr *e)
{
	struct op	op;

	if (root_cause == NULL && lessons == NULL)
		return verr_set(e, VERR_USAGE, "nothing to change: give the "
		    "root cause, the lessons learned, or both");
	if (check_text("the root cause", root_cause, REVIEW_TEXT_MAX, false,
	    e) != 0 || check_text("the lessons learned", lessons,
	    REVIEW_TEXT_MAX, false, e) != 0)
		return -1;
	if (review_begin(&op, ctx, key, e) != 0)
		goto fail;
	if (reviews_put(ctx->db, op.inc.id, root_cause, lessons, op.now,
	    ctx->me.login, e) != 0)
		goto fail;
	if (root_cause != NULL)
		json_kstr(&op.j, "root_cause", root_cause);
	if (lessons != NULL)
		json_kstr(&op.j, "lessons", lessons);
	return op_finish(&op, "review.update", e);
fail:
	op_abort(&op);
	return -1;
}

int
ops_repair_add(struct vigil_ctx *ctx, const char *key, const char *text,
    const char *owner, const char *due, char id[REPAIR_ID_MAX],
    struct verr *e)
{
	struct op	 op;
	struct person	 p;
	int64_t		 days, y, num;
	int		 m, d, found;
	char		 day[REPAIR_DUE_MAX];

	if (check_text("the repair item", text, REPAIR_TEXT_MAX, true, e) != 0)
		return -1;
	if (owner == NULL || !identity_valid_login(owner))
		return verr_set(e, VERR_USAGE, "a repair item needs an owner: "
		    "--owner LOGIN");
	if (due != NULL) {
		if (timefmt_parse_date(due, &days) != 0)
			return verr_set(e, VERR_USAGE, "the due date '%s' is "
			    "not a date: use YYYY-MM-DD (2026-12-15)", due);
		timefmt_civil_from_days(days, &y, &m, &d);
		snprintf(day, sizeof day, "%04lld-%02d-%02d", (long long)y, m,
		    d);
	}
	if (review_begin(&op, ctx, key, e) != 0)
		goto fail;
	if ((found = roster_get(ctx->db, owner, &p, e)) < 0)
		goto fail;
	if (found == 0) {
		op_invalid(&op, e, VERR_DATA, "%s is not on the roster (an "
		    "administrator adds people with 'vigil roster add')",
		    owner);
		goto fail;
	}
	person_clear(&p);
	if (repairs_insert(ctx->db, op.inc.id, text, owner, due != NULL ? day :
	    NULL, op.now, ctx->me.login, &num, e) != 0)
		goto fail;
	ops_repair_id(num, id);
	json_kstr(&op.j, "repair", id);
	json_kstr(&op.j, "text", text);
	json_kstr(&op.j, "owner", owner);
	if (due != NULL)
		json_kstr(&op.j, "due", day);
	return op_finish(&op, "repair.add", e);
fail:
	op_abort(&op);
	return -1;
}

int
ops_repair_done(struct vigil_ctx *ctx, const char *key, const char *rid,
    struct verr *e)
{
	struct op	op;
	long long	num;
	bool		done = false;
	char		id[REPAIR_ID_MAX];
	int		found;

	if (ops_repair_id_parse(rid, &num) != 0)
		return verr_set(e, VERR_USAGE, "'%s' is not a repair item id "
		    "(expected something like F1)", rid);
	ops_repair_id(num, id);
	if (review_begin(&op, ctx, key, e) != 0)
		goto fail;
	if ((found = repairs_state(ctx->db, op.inc.id, num, &done, e)) < 0)
		goto fail;
	if (found == 0) {
		op_invalid(&op, e, VERR_NOINPUT, "%s has no repair item %s "
		    "(see 'vigil repair list %s')", op.inc.key, id,
		    op.inc.key);
		goto fail;
	}
	if (done) {
		op_invalid(&op, e, VERR_DATA, "%s: %s is already done",
		    op.inc.key, id);
		goto fail;
	}
	if (repairs_done(ctx->db, op.inc.id, num, op.now, ctx->me.login,
	    e) != 0)
		goto fail;
	json_kstr(&op.j, "repair", id);
	return op_finish(&op, "repair.done", e);
fail:
	op_abort(&op);
	return -1;
}

void
review_doc_clear(struct review_doc *d)
{
	incident_clear(&d->inc);
	milestone_list_free(&d->ms, d->nms);
	assignment_list_free(&d->roles, d->nroles);
	free(d->stages);
	clock_views_free(&d->clocks, d->nclocks);
	recipient_list_free(&d->rec, d->nrec);
	bulletin_list_free(&d->bul, d->nbul);
	review_text_clear(&d->text);
	repair_list_free(&d->rep, d->nrep);
	note_list_free(&d->notes, d->nnotes);
	journal_list_free(&d->journal, d->njournal);
	milestone_corrections_free(&d->corr, d->ncorr);
	evidence_items_free(&d->evidence, d->nevidence);
	evidence_events_free(&d->custody, d->ncustody);
	task_views_free(&d->tasks, d->ntasks);
	memset(d, 0, sizeof *d);
}

/* The customer deadline as of d->as_of, from the evaluated clocks. */
static void
review_deadline(struct review_doc *d)
{
	struct deadline	dl;
	size_t		i;

	clock_views_customer(d->clocks, d->nclocks, &dl);
	d->has_clock_start = clock_views_customer_start(d->ms, d->nms,
	    &d->clock_start);
	d->ndeclare_acts = 0;
	for (i = 0; i < d->nms; i++)
		if (strcmp(d->ms[i].name, "declared") == 0 ||
		    strcmp(d->ms[i].name, "retracted") == 0)
			d->ndeclare_acts++;
	d->outcome = OUTCOME_NONE;
	if (!d->inc.declared)
		return;
	d->has_due = true;
	d->due_at = dl.has_due ? dl.due : d->inc.declared_at +
	    DEADLINE_CUSTOMER_S;
	if (!d->inc.notified) {
		d->outcome = OUTCOME_NOT_NOTIFIED;
		return;
	}
	d->margin_s = d->due_at - d->inc.notified_at;
	d->outcome = d->margin_s >= 0 ? OUTCOME_MET : OUTCOME_MISSED;
}

/* Notes come newest first from the store; the review reads forward. */
static void
review_reverse_notes(struct note *v, size_t n)
{
	struct note	t;
	size_t		i;

	for (i = 0; i < n / 2; i++) {
		t = v[i];
		v[i] = v[n - 1 - i];
		v[n - 1 - i] = t;
	}
}

static int
task_num_cmp(const void *a, const void *b)
{
	const struct task_view	*x = a, *y = b;

	return x->t.num < y->t.num ? -1 : x->t.num > y->t.num;
}

/* The tasks as of d->as_of, by number, and the lateness per plan. */
static int
review_tasks(struct vigil_ctx *ctx, struct review_doc *d, struct verr *e)
{
	if (ops_tasks_view(ctx, &d->inc, NULL, d->as_of, &d->tasks,
	    &d->ntasks, e) != 0)
		return -1;
	if (d->ntasks > 1)	/* qsort's base may not be NULL, even for 0 */
		qsort(d->tasks, d->ntasks, sizeof *d->tasks, task_num_cmp);
	d->nlate = task_views_lateness(d->tasks, d->ntasks, d->late,
	    REVIEW_PLANS_MAX, 0);
	return 0;
}

int
ops_review_load(struct vigil_ctx *ctx, const char *key, bool with_timeline,
    struct review_doc *d, struct verr *e)
{
	struct stage_change	*ch = NULL;
	struct journal_query	 q;
	size_t			 nch = 0;
	int64_t			 id;
	int			 rc = -1;

	memset(d, 0, sizeof *d);
	if (ops_key(key, &id, e) != 0)
		return -1;
	if (db_begin_read(ctx->db, e) != 0)
		return -1;
	if (incidents_get(ctx->db, id, &d->inc, e) != 0) {
		db_end_read(ctx->db);
		memset(d, 0, sizeof *d);
		return -1;
	}
	d->as_of = d->inc.closed ? d->inc.closed_at : d->inc.updated_at;
	if (milestones_list(ctx->db, id, &d->ms, &d->nms, e) != 0 ||
	    assignments_list(ctx->db, id, &d->roles, &d->nroles, e) != 0 ||
	    reviews_stage_changes(ctx->db, id, &ch, &nch, e) != 0 ||
	    ops_clocks_eval(ctx, &d->inc, d->ms, d->nms, d->as_of, &d->clocks,
	    &d->nclocks, e) != 0 ||
	    recipients_list(ctx->db, id, &d->rec, &d->nrec, e) != 0 ||
	    bulletins_list(ctx->db, id, true, &d->bul, &d->nbul, e) != 0 ||
	    reviews_get(ctx->db, id, &d->text, e) != 0 ||
	    repairs_list(ctx->db, id, &d->rep, &d->nrep, e) != 0 ||
	    evidence_list(ctx->db, id, &d->evidence, &d->nevidence, e) != 0 ||
	    evidence_events(ctx->db, id, 0, &d->custody, &d->ncustody,
	    e) != 0 ||
	    journal_last_hash(ctx->db, true, id, d->last_hash, e) != 0 ||
	    milestones_corrections(ctx->db, id, &d->corr, &d->ncorr, e) != 0)
		goto out;
	if (with_timeline) {
		memset(&q, 0, sizeof q);
		q.has_incident = true;
		q.incident = id;
		if (notes_list(ctx->db, id, 0, &d->notes, &d->nnotes, e) != 0 ||
		    journal_list(ctx->db, &q, &d->journal, &d->njournal,
		    e) != 0)
			goto out;
		review_reverse_notes(d->notes, d->nnotes);
		d->has_timeline = true;
	}
	stats_ladder(d->ms, d->nms, d->ladder);
	d->stages = xcalloc(nch + 1, sizeof *d->stages);
	d->nstages = stats_stage_periods(d->inc.created_at, ch, nch,
	    d->inc.closed, d->inc.closed_at, d->stages, d->stage_totals);
	review_deadline(d);
	if (review_tasks(ctx, d, e) != 0)
		goto out;
	rc = 0;
out:
	free(ch);
	db_end_read(ctx->db);
	if (rc != 0)
		review_doc_clear(d);
	return rc;
}
