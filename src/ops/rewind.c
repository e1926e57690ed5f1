/*
 * rewind.c: time travel (see rewind.h): read an incident's journal, fold
 * the entries up to an instant with rewind_apply(), and evaluate the
 * clocks of that state at that instant with the same evaluation the live
 * view uses, and turn the folded recipients into the rows the live view
 * shows. Reads only, in one read transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "vigil/ops-clock-eval.h"
#include "vigil/payload.h"
#include "vigil/ops-rewind.h"
#include "vigil/store-history.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

void
rewind_view_clear(struct rewind_view *v)
{
	rewind_clear(&v->st);
	clock_views_free(&v->cv, v->ncv);
	recipient_list_free(&v->rcp, v->nrcp);
	memset(v, 0, sizeof *v);
}

static char *
dup_or(const char *s, const char *dflt)
{
	return xstrdup(s != NULL ? s : dflt);
}

static char *
dup_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/*
 * The folded recipients as rows (v->rcp), by number. What never changes
 * (name, kind, channel, contact) comes from the live row when the journal
 * names the recipient by its id only (added by a plan).
 */
static int
rewind_recipients(struct vigil_ctx *ctx, struct rewind_view *v,
    struct verr *e)
{
	const struct rewind_recipient	*f;
	struct recipient		*live = NULL, *r, *l;
	size_t				 nlive = 0, i, k;

	if (v->st.nrcp == 0)
		return 0;
	if (recipients_list(ctx->db, v->st.inc.id, &live, &nlive, e) != 0)
		return -1;
	v->rcp = xcalloc(v->st.nrcp, sizeof *v->rcp);
	for (i = 0; i < v->st.nrcp; i++) {
		f = &v->st.rcp[i];
		r = &v->rcp[v->nrcp++];
		for (k = 0, l = NULL; k < nlive && l == NULL; k++)
			if (live[k].num == f->num)
				l = &live[k];
		r->num = f->num;
		if (f->has_identity || l == NULL) {
			r->name = dup_or(f->name, "?");
			r->contact = dup_or(f->contact, "");
			r->kind = f->kind;
			r->channel = f->channel;
		} else {
			r->name = dup_or(l->name, "?");
			r->contact = dup_or(l->contact, "");
			r->kind = l->kind;
			r->channel = l->channel;
		}
		r->state = f->state;
		r->created_at = f->created_at;
		r->created_by = dup_or(f->created_by, "");
		r->has_drafted = f->has[RSTATE_DRAFTED];
		r->drafted_at = f->at[RSTATE_DRAFTED];
		r->drafted_by = dup_null(f->by[RSTATE_DRAFTED]);
		r->has_sent = f->has[RSTATE_SENT];
		r->sent_at = f->at[RSTATE_SENT];
		r->sent_by = dup_null(f->by[RSTATE_SENT]);
		r->has_acked = f->has[RSTATE_ACKNOWLEDGED];
		r->acked_at = f->at[RSTATE_ACKNOWLEDGED];
		r->acked_by = dup_null(f->by[RSTATE_ACKNOWLEDGED]);
		r->has_waived = f->has[RSTATE_WAIVED];
		r->waived_at = f->at[RSTATE_WAIVED];
		r->waived_by = dup_null(f->by[RSTATE_WAIVED]);
		r->waive_reason = dup_null(f->waive_reason);
	}
	recipient_list_free(&live, nlive);
	return 0;
}

static int
ms_cmp(const void *a, const void *b)
{
	const struct milestone	*x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folded state's clocks, evaluated at v->t. */
static void
rewind_clocks(struct vigil_ctx *ctx, struct rewind_view *v)
{
	struct rewind_state	*st = &v->st;
	struct hold_rec		*h;
	size_t			 i;

	h = xcalloc(st->nholds + 1, sizeof *h);
	for (i = 0; i < st->nholds; i++) {
		h[i].id = (int64_t)i + 1;
		h[i].rule = st->holds[i].rule;
		h[i].basis = st->holds[i].basis;
		h[i].from = st->holds[i].from;
		h[i].has_until = st->holds[i].has_until;
		h[i].until = st->holds[i].until;
	}
	if (st->nms > 1)
		qsort(st->ms, st->nms, sizeof *st->ms, ms_cmp);
	if (st->nclocks > 1)
		qsort(st->clocks, st->nclocks, sizeof *st->clocks, str_cmp);
	ops_clocks_eval_from(ctx, &st->inc, st->ms, st->nms, st->clocks,
	    st->nclocks, h, st->nholds, v->t, &v->cv, &v->ncv);
	free(h);
}

int
ops_rewind(struct vigil_ctx *ctx, int64_t id, int64_t t, int64_t upto_seq,
    struct rewind_view *out, struct verr *e)
{
	struct journal_entry	*je = NULL;
	struct payload		*pl = NULL;
	const char		**acts = NULL;
	char			**cur = NULL, **init = NULL;
	char			 when[TIMEFMT_MAX];
	size_t			 n = 0, ncur = 0, ninit = 0, i;
	int			 rc = -1;

	memset(out, 0, sizeof *out);
	out->t = t;
	if (db_begin_read(ctx->db, e) != 0)
		return -1;
	if (incidents_exists(ctx->db, id, e) != 0 ||
	    history_incident(ctx->db, id, INT64_MAX, 0, &je, &n, e) != 0 ||
	    clocks_enabled(ctx->db, id, &cur, &ncur, e) != 0)
		goto out;
	pl = xcalloc(n + 1, sizeof *pl);
	acts = xcalloc(n + 1, sizeof *acts);
	for (i = 0; i < n; i++) {
		if (payload_parse(je[i].payload, &pl[i]) != 0)
			payload_clear(&pl[i]);	/* unreadable: no fields */
		acts[i] = je[i].action;
	}
	rewind_initial_clocks(acts, pl, n, cur, ncur, &init, &ninit);
	rewind_init(&out->st, id, init, ninit);
	out->total = n;
	for (i = 0; i < n; i++) {
		if (je[i].at > t || (upto_seq > 0 && je[i].seq > upto_seq)) {
			out->has_next = true;
			out->next_seq = je[i].seq;
			out->next_at = je[i].at;
			break;
		}
		if (i > 0) {
			out->has_prev = true;
			out->prev_seq = je[i - 1].seq;
			out->prev_at = je[i - 1].at;
		}
		rewind_apply(&out->st, je[i].seq, je[i].at, je[i].login,
		    je[i].action, &pl[i]);
	}
	if (!out->st.exists) {
		timefmt_utc_short(n > 0 ? je[0].at : 0, when);
		verr_set(e, VERR_DATA, "%s did not exist yet at that time (it "
		    "was opened %s)", out->st.inc.key, when);
		goto out;
	}
	rewind_clocks(ctx, out);
	if (rewind_recipients(ctx, out, e) != 0)
		goto out;
	rc = 0;
out:
	db_end_read(ctx->db);
	for (i = 0; pl != NULL && i < n; i++)
		payload_clear(&pl[i]);
	free(pl);
	free(acts);
	journal_list_free(&je, n);
	clocks_ids_free(&cur, ncur);
	for (i = 0; i < ninit; i++)
		free(init[i]);
	free(init);
	if (rc != 0)
		rewind_view_clear(out);
	return rc;
}
