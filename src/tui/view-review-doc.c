/*
 * view-review-doc.c: one incident's after-action review (Enter in the
 * review list), a scrollable document built from ops_review_load():
 * the customer deadline's outcome and margin, the ladder with the time
 * between steps, the time in each stage, the role tenures, the
 * recipients, the tasks (when done, by whom, how late), the root cause
 * and lessons learned, and the repair items.
 * c and l edit the root cause and the lessons, f adds a repair item, x
 * marks one done (actions-notify.c). It computes lines and draws them;
 * the document itself never reads the clock.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tui-private.h"
#include "vigil/milestone.h"
#include "vigil/ops-notify.h"
#include "vigil/role.h"
#include "vigil/countdown.h"
#include "vigil/sanitize.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

struct doc_line {
	char	*text;		/* raw: sanitized when drawn */
	attr_t	 attr;
};

struct doc {
	struct doc_line	*v;
	size_t		 n, cap;
};

static void
doc_add(struct doc *d, attr_t a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
doc_add(struct doc *d, attr_t a, const char *fmt, ...)
{
	va_list	ap;

	if (d->n == d->cap) {
		d->cap = d->cap == 0 ? 64 : d->cap * 2;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	va_start(ap, fmt);
	xvasprintf(&d->v[d->n].text, fmt, ap);
	va_end(ap);
	d->v[d->n++].attr = a;
}

static void
doc_free(struct doc *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	memset(d, 0, sizeof *d);
}

/*
 * Free text (root cause, lessons) wrapped at w cells, each line indented
 * by two. Sanitized here, so that the wrap measures what is shown.
 */
static void
doc_text(struct doc *d, struct tui *t, const char *raw, int w)
{
	char	*clean, *p, *word, *line;
	size_t	 len;

	if (raw == NULL || *raw == '\0') {
		doc_add(d, draw_attr(t, SLOT_MUTED), "  (not written yet)");
		return;
	}
	clean = sanitize(raw, t->san);
	line = xstrdup("");
	for (p = clean; *p != '\0';) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, " ");
		word = xstrndup(p, len);
		p += len;
		if (*line != '\0') {
			char	*try;

			xasprintf(&try, "%s %s", line, word);
			if (sanitize_width(try) > w) {
				doc_add(d, A_NORMAL, "  %s", line);
				free(try);
				free(line);
				line = word;
				continue;
			}
			free(line);
			line = try;
			free(word);
		} else {
			free(line);
			line = word;
		}
	}
	if (*line != '\0')
		doc_add(d, A_NORMAL, "  %s", line);
	free(line);
	free(clean);
}

/*
 * The incident as it stood (time travel): what the journal says it was
 * at that instant. The clocks are evaluated at that instant too, so a
 * clock that had not started shows as pending, whatever it is now.
 */
static void
doc_past(struct tui *t, struct doc *d)
{
	const struct rewind_view	*rw = &t->r.rw;
	const struct incident		*inc = &rw->st.inc;
	struct deadline			 dl;
	char				 a[TIMEFMT_MAX], label[32];
	size_t				 i;
	int				 r;

	timefmt_utc_short(rw->t, a);
	doc_add(d, A_REVERSE | A_BOLD, " THE PAST: %s as it stood at %s ",
	    inc->key, a);
	doc_add(d, A_NORMAL, "from the journal: %zu of %zu entries.  [ ] step"
	    "  @ time  Esc now", rw->st.applied, rw->total);
	doc_add(d, A_NORMAL, "%s", "");
	doc_add(d, A_BOLD, "%s  SEV%d  %s", inc->key, inc->severity,
	    inc->closed ? "closed" : stage_name(inc->stage));
	doc_add(d, A_NORMAL, "title      %s", inc->title != NULL ?
	    inc->title : "");
	clock_views_customer(rw->cv, rw->ncv, &dl);
	if (inc->declared) {
		timefmt_utc_short(inc->declared_at, a);
		countdown_label(&dl, label, sizeof label);
		doc_add(d, A_NORMAL, "declared   %s by %s", a,
		    inc->declared_by != NULL ? inc->declared_by : "?");
		doc_add(d, A_NORMAL, "deadline   %s", label);
	} else
		doc_add(d, A_NORMAL, "deadline   none (no breach declared)");
	for (i = 1; i < rw->ncv; i++) {
		clock_view_deadline(&rw->cv[i], &dl);
		countdown_label(&dl, label, sizeof label);
		doc_add(d, A_NORMAL, "clock      %-22s %s", rw->cv[i].id,
		    label);
	}
	doc_add(d, A_NORMAL, "%s", "");
	doc_add(d, A_BOLD, "Role holders then");
	for (r = 0; r < ROLE__COUNT; r++) {
		if (inc->holder[r] == NULL) {
			doc_add(d, A_NORMAL, "  %-10s (vacant)",
			    role_label((enum role)r));
			continue;
		}
		timefmt_utc_short(inc->held_since[r], a);
		doc_add(d, A_NORMAL, "  %-10s %s since %s",
		    role_label((enum role)r), inc->holder[r], a);
	}
	doc_add(d, A_NORMAL, "%s", "");
	doc_add(d, A_BOLD, "Milestones recorded by then");
	if (rw->st.nms == 0)
		doc_add(d, A_NORMAL, "  (none)");
	for (i = 0; i < rw->st.nms; i++) {
		timefmt_utc_short(rw->st.ms[i].at, a);
		doc_add(d, A_NORMAL, "  %-22s %s", rw->st.ms[i].name, a);
	}
	doc_add(d, A_NORMAL, "%s", "");
	doc_add(d, A_BOLD, "Recipients then");
	if (rw->nrcp == 0)
		doc_add(d, A_NORMAL, "  (none)");
	for (i = 0; i < rw->nrcp; i++) {
		const struct recipient	*rc = &rw->rcp[i];
		char			 rid[RECIPIENT_ID_MAX];

		ops_recipient_id(rc->num, rid);
		a[0] = '\0';
		if (rc->has_sent && recipient_state_notified(rc->state))
			timefmt_utc_short(rc->sent_at, a);
		doc_add(d, recipient_state_notified(rc->state) ? A_NORMAL :
		    draw_attr(t, SLOT_MUTED), "  %-4s %-13s %-17s %s", rid,
		    recipient_state_name(rc->state), a, rc->name);
	}
	if (rw->st.tasks > 0 || rw->st.evidence > 0) {
		doc_add(d, A_NORMAL, "%s", "");
		doc_add(d, A_NORMAL, "By then: %d tasks (%d done or skipped), "
		    "%d evidence items", rw->st.tasks, rw->st.tasks_closed,
		    rw->st.evidence);
	}
}

/* The whole document as lines for a box w cells wide inside. */
/* Tasks: when each was done and by whom, how late; late ones per plan. */
static void
doc_tasks(struct tui *t, struct doc *d, const struct review_doc *r, attr_t h)
{
	const struct task_view	*v;
	char			 id[TASK_ID_MAX], span[TIMEFMT_MAX], when[TIMEFMT_MAX];
	char			 late[48];
	size_t			 i;

	doc_add(d, A_NORMAL, "%s", "");
	doc_add(d, h, "Tasks");
	for (i = 0; i < r->ntasks; i++) {
		v = &r->tasks[i];
		task_id_format(v->t.num, id);
		late[0] = when[0] = '\0';
		if (v->t.state != TASK_OPEN)
			timefmt_utc_short(v->t.closed_at, when);
		if (v->t.state == TASK_DONE && v->ev.has_due) {
			timefmt_span(v->t.closed_at - v->ev.due, span);
			snprintf(late, sizeof late, "%s%s", v->t.closed_at >
			    v->ev.due ? "late " : "on time", v->t.closed_at >
			    v->ev.due ? span : "");
		}
		doc_add(d, v->t.state == TASK_OPEN ? A_NORMAL :
		    draw_attr(t, SLOT_MUTED), "  %-4s %-7s %-17s %-10.10s "
		    "%-12s %s", id, task_state_name(v->t.state), when,
		    v->t.closed_by != NULL ? v->t.closed_by : "", late,
		    v->t.title);
	}
	for (i = 0; i < r->nlate; i++) {
		timefmt_span(r->late[i].late_s, span);
		doc_add(d, A_NORMAL, "  %s: %d of %d done late (%s in all)",
		    r->late[i].plan[0] != '\0' ? r->late[i].plan :
		    "(by hand)", r->late[i].late, r->late[i].done, span);
	}
}

static void
doc_build(struct tui *t, struct doc *d, int w)
{
	const struct review_doc	*r = &t->r.doc;
	const struct incident	*inc = &r->inc;
	char			 a[TIMEFMT_MAX], b[TIMEFMT_MAX], s[TIMEFMT_MAX];
	char			 id[REPAIR_ID_MAX];
	const char		*name;
	size_t			 i, open = 0;
	int			 k;
	attr_t			 h = A_BOLD;

	if (inc->closed) {
		timefmt_utc_short(inc->closed_at, a);
		doc_add(d, A_NORMAL, "Closed %s as %s.", a,
		    resolution_name(inc->resolution));
	} else
		doc_add(d, A_NORMAL, "Open, in stage %s.",
		    stage_name(inc->stage));
	switch (r->outcome) {
	case OUTCOME_NONE:
		doc_add(d, A_NORMAL, "Customer deadline: - (no breach "
		    "declared).");
		break;
	case OUTCOME_NOT_NOTIFIED:
		timefmt_utc_short(r->due_at, a);
		doc_add(d, draw_attr(t, SLOT_SEV1), "Customer deadline: NOT "
		    "NOTIFIED (due %s).", a);
		break;
	case OUTCOME_MET:
		timefmt_utc_short(r->due_at, a);
		timefmt_span(r->margin_s, s);
		doc_add(d, draw_attr(t, SLOT_OK), "Customer deadline: MET, "
		    "%s before the due time (%s).", s, a);
		break;
	case OUTCOME_MISSED:
		timefmt_utc_short(r->due_at, a);
		timefmt_span(-r->margin_s, s);
		doc_add(d, draw_attr(t, SLOT_SEV1), "Customer deadline: "
		    "MISSED by %s (due %s).", s, a);
		break;
	}
	/* declared, retracted, declared again: which one the clock runs
	 * from (the export lists every act) */
	if (r->ndeclare_acts > 1 && r->has_clock_start) {
		timefmt_utc_short(r->clock_start, a);
		doc_add(d, A_NORMAL, "%zu declarations and retractions; the "
		    "customer clock runs from the declaration of %s.",
		    r->ndeclare_acts, a);
	}
	doc_add(d, A_NORMAL, "%s", "");
	doc_add(d, h, "Ladder                        at                 "
	    "since previous");
	for (k = 0; k < LADDER_STEPS; k++) {
		const struct ladder_step	*l = &r->ladder[k];

		name = milestone_ladder_name(k);
		if (!l->has) {
			doc_add(d, draw_attr(t, SLOT_MUTED), "  . %s", name);
			continue;
		}
		timefmt_utc_short(l->at, a);
		s[0] = '\0';
		if (l->has_gap)
			timefmt_span(l->gap_s, s);
		doc_add(d, A_NORMAL, "  x %-25s %-18s %s%s", name, a,
		    l->has_gap ? (l->gap_s < 0 ? "-" : "+") : "", s);
	}
	doc_add(d, A_NORMAL, "%s", "");
	doc_add(d, h, "Time in each stage");
	for (k = 0; k < STAGE__COUNT; k++) {
		if (r->stage_totals[k] <= 0)
			continue;
		timefmt_span(r->stage_totals[k], s);
		doc_add(d, A_NORMAL, "  %-12s %s", stage_name((enum stage)k),
		    s);
	}
	doc_add(d, A_NORMAL, "%s", "");
	doc_add(d, h, "Role tenures");
	if (r->nroles == 0)
		doc_add(d, draw_attr(t, SLOT_MUTED), "  (nobody held a role)");
	for (i = 0; i < r->nroles; i++) {
		const struct assignment	*as = &r->roles[i];

		bool	ended = as->released || inc->closed;
		int64_t	end = as->released ? as->released_at : inc->closed_at;

		/* a role held at closing ends with the incident */
		timefmt_utc_short(as->assigned_at, a);
		if (ended) {
			timefmt_utc_short(end, b);
			timefmt_span(end - as->assigned_at, s);
		} else
			snprintf(b, sizeof b, "%s", "(still held)");
		doc_add(d, A_NORMAL, "  %-10s %-10s %.12s - %.12s%s%s%s",
		    role_label(as->role), as->login, a + 5, ended ? b + 5 : b,
		    ended ? "  " : "", ended ? s : "", "");
	}
	if (r->nrec > 0) {
		doc_add(d, A_NORMAL, "%s", "");
		doc_add(d, h, "Recipients");
		for (i = 0; i < r->nrec; i++) {
			char	rid[RECIPIENT_ID_MAX];

			ops_recipient_id(r->rec[i].num, rid);
			a[0] = '\0';
			if (r->rec[i].has_sent)
				timefmt_utc_short(r->rec[i].sent_at, a);
			doc_add(d, A_NORMAL, "  %-4s %-28.28s %-13s %s", rid,
			    r->rec[i].name,
			    recipient_state_name(r->rec[i].state), a);
		}
	}
	if (r->nevidence > 0) {
		doc_add(d, A_NORMAL, "%s", "");
		doc_add(d, h, "Evidence");
		for (i = 0; i < r->nevidence; i++) {
			const struct evidence_item *ev = &r->evidence[i];
			char	eid[CUSTODY_ID_MAX];

			custody_id(ev->num, eid);
			doc_add(d, ev->voided || (ev->has_check &&
			    !ev->check_ok) ? draw_attr(t, ev->voided ?
			    SLOT_MUTED : SLOT_SEV1) : A_NORMAL,
			    "  %-4s %-28.28s %-16.16s %s", eid,
			    ev->description, ev->custodian, ev->voided ?
			    "VOID" : !ev->has_check ? "unchecked" :
			    ev->check_ok ? "OK" : "MISMATCH");
		}
	}
	if (r->ntasks > 0)
		doc_tasks(t, d, r, h);
	doc_add(d, A_NORMAL, "%s", "");
	doc_add(d, h, "Root cause");
	doc_text(d, t, r->text.root_cause, w - 2);
	doc_add(d, A_NORMAL, "%s", "");
	doc_add(d, h, "Lessons learned");
	doc_text(d, t, r->text.lessons, w - 2);
	doc_add(d, A_NORMAL, "%s", "");
	for (i = 0; i < r->nrep; i++)
		if (!r->rep[i].done)
			open++;
	doc_add(d, h, "Repair items (%zu open of %zu)", open, r->nrep);
	if (r->nrep == 0)
		doc_add(d, draw_attr(t, SLOT_MUTED), "  (none yet: f adds "
		    "one)");
	for (i = 0; i < r->nrep; i++) {
		const struct repair	*rp = &r->rep[i];

		ops_repair_id(rp->num, id);
		doc_add(d, rp->done ? draw_attr(t, SLOT_MUTED) : A_NORMAL,
		    "  %-4s %-5s %s  (owner %s%s%s)", id, rp->done ? "done" :
		    "open", rp->text, rp->owner, rp->has_due ? ", due " : "",
		    rp->has_due ? rp->due : "");
	}
}

static void
doc_paint(struct tui *t)
{
	const struct rect	*r = &t->lay.body;
	const struct incident	*inc = &t->r.doc.inc;
	struct doc		 d;
	char			*title;
	int			 row, h = r->h - 2, top;
	size_t			 i;

	if (!t->r.has) {
		panes_header(t, "review  (not loaded)");
		return;
	}
	xasprintf(&title, "review  %s  SEV%d  %s", inc->key, inc->severity,
	    inc->title);
	panes_header(t, title);
	free(title);
	xasprintf(&title, "Review %s", inc->key);
	draw_box(t, r, title, true);
	free(title);
	memset(&d, 0, sizeof d);
	if (t->r.past)
		doc_past(t, &d);
	else
		doc_build(t, &d, r->w - 4);
	top = t->r.top;
	if (top > (int)d.n - h)
		top = (int)d.n - h;
	if (top < 0)
		top = 0;
	t->r.top = top;
	for (row = 0, i = (size_t)top; i < d.n && row < h; i++, row++)
		draw_text(t, r->y + 1 + row, r->x + 2, r->w - 4, d.v[i].text,
		    d.v[i].attr, 0);
	if (d.n > (size_t)h) {
		char	*pos;

		xasprintf(&pos, " lines %d-%d of %zu ", top + 1, top + row,
		    d.n);
		draw_text(t, r->y + r->h - 1, r->x + r->w - 3 -
		    (int)strlen(pos), (int)strlen(pos), pos, A_NORMAL, 0);
		free(pos);
	}
	doc_free(&d);
	t->cursor_y = r->y + 1;
	t->cursor_x = r->x + 1;
}

static void
doc_tick(struct tui *t)
{
	panes_header_clock(t);
}

static int
doc_key(struct tui *t, enum tui_action a, int key)
{
	int	h = t->lay.body.h - 2;

	(void)key;
	switch (a) {
	case ACT_BACK:
	case ACT_QUIT:
		if (t->r.past) {	/* out of the past first */
			rewind_view_clear(&t->r.rw);
			t->r.past = false;
			return RD_PAINT;
		}
		view_pop(t);
		data_review_clear(&t->r);
		return RD_LAYOUT | RD_QUEUE | RD_PAINT;
	case ACT_UP:	t->r.top--; break;
	case ACT_DOWN:	t->r.top++; break;
	case ACT_PGUP:	t->r.top -= h; break;
	case ACT_PGDN:	t->r.top += h; break;
	case ACT_HOME:	t->r.top = 0; break;
	case ACT_END:	t->r.top = 1 << 20; break;	/* clamped on paint */
	default:	return RD_NONE;
	}
	if (t->r.top < 0)
		t->r.top = 0;
	return RD_PAINT;
}

const struct view_ops view_review_doc = {
	"review", LAYOUT_REVIEW, PANE_BIT(PANE_REVIEW),
	doc_paint, doc_tick, doc_key,
};
