/*
 * export.c: the review document as JSON and as Markdown (ops-export.h). Pure
 * formatting of a struct review_doc: it reads no file, no database and no
 * clock, so two exports of the same database are the same bytes. Adding a
 * field means adding it at the same place in both formats.
 */
#include <stdlib.h>
#include <string.h>

#include "vigil/ops-evidence.h"
#include "vigil/ops-export.h"
#include "vigil/ops-notify.h"
#include "vigil/recipient.h"
#include "vigil/sanitize.h"
#include "vigil/sentence.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

/* ---- JSON -------------------------------------------------------------- */

static void
kint_or_null(struct json *j, const char *k, int64_t v, bool has)
{
	json_key(j, k);
	if (has)
		json_int(j, v);
	else
		json_null(j);
}

/* A string that is "" when unset in the store: null then. */
static void
kstr_or_null(struct json *j, const char *k, const char *s, bool has)
{
	json_kstr(j, k, has ? s : NULL);
}

static void
json_incident(struct json *j, const struct review_doc *d)
{
	const struct incident	*inc = &d->inc;

	json_key(j, "incident");
	json_obj_open(j);
	json_kstr(j, "key", inc->key);
	json_kstr(j, "uuid", inc->uuid);
	json_kstr(j, "title", inc->title);
	json_kstr(j, "description", inc->description);
	json_kint(j, "severity", inc->severity);
	json_kstr(j, "kind", kind_name(inc->kind));
	json_kstr(j, "status", inc->closed ? "closed" : "open");
	json_kstr(j, "stage", stage_name(inc->stage));
	json_kstr(j, "resolution", inc->resolution == RESOLUTION_NONE ? NULL :
	    resolution_name(inc->resolution));
	json_ktime(j, "created_at", inc->created_at, true);
	json_kstr(j, "created_by", inc->created_by);
	json_ktime(j, "closed_at", inc->closed_at, inc->closed);
	json_ktime(j, "declared_at", inc->declared_at, inc->declared);
	json_kstr(j, "declared_by", inc->declared ? inc->declared_by : NULL);
	json_ktime(j, "notified_at", inc->notified_at, inc->notified);
	json_obj_close(j);
}

static void
json_ladder(struct json *j, const struct review_doc *d)
{
	int	k;

	json_key(j, "ladder");
	json_arr_open(j);
	for (k = 0; k < LADDER_STEPS; k++) {
		json_obj_open(j);
		json_kstr(j, "step", milestone_ladder_name(k));
		json_ktime(j, "at", d->ladder[k].at, d->ladder[k].has);
		kint_or_null(j, "since_previous_s", d->ladder[k].gap_s,
		    d->ladder[k].has_gap);
		json_obj_close(j);
	}
	json_arr_close(j);
	json_key(j, "corrections");
	json_arr_open(j);
	for (size_t i = 0; i < d->ncorr; i++) {
		json_obj_open(j);
		json_kstr(j, "milestone", d->corr[i].milestone);
		json_kstr(j, "old", d->corr[i].old_at);
		json_kstr(j, "new", d->corr[i].new_at);
		json_kstr(j, "reason", d->corr[i].reason);
		json_ktime(j, "corrected_at", d->corr[i].at, true);
		json_kstr(j, "corrected_by", d->corr[i].by);
		json_obj_close(j);
	}
	json_arr_close(j);
	json_key(j, "milestones");
	json_arr_open(j);
	for (size_t i = 0; i < d->nms; i++) {
		json_obj_open(j);
		json_kstr(j, "name", d->ms[i].name);
		json_ktime(j, "at", d->ms[i].at, true);
		json_kint(j, "entered_offset_s", d->ms[i].offset_s);
		json_ktime(j, "recorded_at", d->ms[i].recorded_at, true);
		json_kstr(j, "recorded_by", d->ms[i].recorded_by);
		json_kstr(j, "note", d->ms[i].note != NULL ? d->ms[i].note :
		    "");
		json_obj_close(j);
	}
	json_arr_close(j);
}

static void
json_stages(struct json *j, const struct review_doc *d)
{
	const struct stage_period	*p;
	size_t				 i;
	int				 s;

	json_key(j, "stages");
	json_obj_open(j);
	json_key(j, "periods");
	json_arr_open(j);
	for (i = 0; i < d->nstages; i++) {
		p = &d->stages[i];
		json_obj_open(j);
		json_kstr(j, "stage", stage_name(p->stage));
		json_ktime(j, "from", p->from, true);
		json_ktime(j, "to", p->to, p->has_to);
		kint_or_null(j, "duration_s", p->to - p->from, p->has_to);
		json_obj_close(j);
	}
	json_arr_close(j);
	json_key(j, "totals_s");
	json_obj_open(j);
	for (s = 0; s < STAGE_CLOSE; s++)
		json_kint(j, stage_name((enum stage)s), d->stage_totals[s]);
	json_obj_close(j);
	json_obj_close(j);
}

/* Seconds a tenure lasted: until release, or until closing. */
static bool
tenure(const struct review_doc *d, const struct assignment *a, int64_t *s)
{
	if (a->released) {
		*s = a->released_at - a->assigned_at;
		return true;
	}
	if (d->inc.closed) {
		*s = d->inc.closed_at - a->assigned_at;
		return true;
	}
	return false;
}

static void
json_roles(struct json *j, const struct review_doc *d)
{
	const struct assignment	*a;
	int64_t			 s = 0;
	size_t			 i;
	bool			 has;

	json_key(j, "roles");
	json_arr_open(j);
	for (i = 0; i < d->nroles; i++) {
		a = &d->roles[i];
		has = tenure(d, a, &s);
		json_obj_open(j);
		json_kstr(j, "role", role_name(a->role));
		json_kstr(j, "login", a->login);
		json_ktime(j, "assigned_at", a->assigned_at, true);
		json_kstr(j, "assigned_by", a->assigned_by);
		json_kstr(j, "note", a->note);
		json_ktime(j, "released_at", a->released_at, a->released);
		kstr_or_null(j, "released_by", a->released_by, a->released);
		kstr_or_null(j, "release_note", a->release_note, a->released);
		kint_or_null(j, "tenure_s", s, has);
		json_obj_close(j);
	}
	json_arr_close(j);
}

static const char *declare_act(const struct review_doc *,
    const struct milestone *, bool *, bool *, bool *);

/* Every declaration and retraction, and which one the clock runs from. */
static void
json_declarations(struct json *j, const struct review_doc *d)
{
	size_t	i;
	bool	starts, in_force, renewed;

	json_ktime(j, "clock_started_at", d->clock_start, d->has_clock_start);
	json_key(j, "declarations");
	json_arr_open(j);
	for (i = 0; i < d->nms; i++) {
		const struct milestone	*m = &d->ms[i];

		if (strcmp(m->name, "declared") != 0 &&
		    strcmp(m->name, "retracted") != 0)
			continue;
		json_obj_open(j);
		json_ktime(j, "at", m->at, true);
		json_kstr(j, "act", m->name);
		json_kstr(j, "by", m->recorded_by);
		json_kstr(j, "reason", m->note);
		json_kstr(j, "clock", declare_act(d, m, &starts, &in_force,
		    &renewed));
		json_kbool(j, "starts_clock", starts);
		json_kbool(j, "clock_in_force", in_force);
		json_kbool(j, "new_clock", renewed);
		json_obj_close(j);
	}
	json_arr_close(j);
}

static void
json_deadline(struct json *j, const struct review_doc *d)
{
	size_t	i;

	json_key(j, "deadline");
	json_obj_open(j);
	json_kstr(j, "clock", "customer");
	json_ktime(j, "declared_at", d->inc.declared_at, d->inc.declared);
	json_ktime(j, "due_at", d->due_at, d->has_due);
	json_ktime(j, "notified_at", d->inc.notified_at, d->inc.notified);
	json_kstr(j, "outcome", review_outcome_name(d->outcome));
	kint_or_null(j, "margin_s", d->margin_s, d->outcome == OUTCOME_MET ||
	    d->outcome == OUTCOME_MISSED);
	if (d->ndeclare_acts > 1)
		json_declarations(j, d);
	json_obj_close(j);
	json_key(j, "clocks");
	json_obj_open(j);
	json_ktime(j, "as_of", d->as_of, true);
	json_key(j, "list");
	json_arr_open(j);
	for (i = 0; i < d->nclocks; i++) {
		const struct clock_result *r = &d->clocks[i].r;

		json_obj_open(j);
		json_kstr(j, "id", d->clocks[i].id);
		json_kstr(j, "state", clock_state_name(r->state));
		json_ktime(j, "due_at", r->due, r->has_due);
		json_ktime(j, "sent_at", r->sent_at, r->sent);
		json_obj_close(j);
	}
	json_arr_close(j);
	json_obj_close(j);
}

static void
json_recipients(struct json *j, const struct review_doc *d)
{
	const struct recipient	*r;
	char			 id[RECIPIENT_ID_MAX];
	size_t			 i;

	json_key(j, "recipients");
	json_arr_open(j);
	for (i = 0; i < d->nrec; i++) {
		r = &d->rec[i];
		ops_recipient_id(r->num, id);
		json_obj_open(j);
		json_kstr(j, "id", id);
		json_kstr(j, "name", r->name);
		json_kstr(j, "kind", recipient_kind_name(r->kind));
		json_kstr(j, "channel", recipient_channel_name(r->channel));
		json_kstr(j, "contact", r->contact);
		json_kstr(j, "state", recipient_state_name(r->state));
		json_ktime(j, "created_at", r->created_at, true);
		json_kstr(j, "created_by", r->created_by);
		json_ktime(j, "drafted_at", r->drafted_at, r->has_drafted);
		kstr_or_null(j, "drafted_by", r->drafted_by, r->has_drafted);
		json_ktime(j, "sent_at", r->sent_at, r->has_sent);
		kstr_or_null(j, "sent_by", r->sent_by, r->has_sent);
		json_ktime(j, "acknowledged_at", r->acked_at, r->has_acked);
		kstr_or_null(j, "acknowledged_by", r->acked_by, r->has_acked);
		json_ktime(j, "waived_at", r->waived_at, r->has_waived);
		kstr_or_null(j, "waived_by", r->waived_by, r->has_waived);
		kstr_or_null(j, "waive_reason", r->waive_reason,
		    r->has_waived);
		json_obj_close(j);
	}
	json_arr_close(j);
	json_key(j, "bulletins");
	json_arr_open(j);
	for (i = 0; i < d->nbul; i++) {
		json_obj_open(j);
		json_kint(j, "version", d->bul[i].version);
		json_kstr(j, "template", d->bul[i].template);
		json_ktime(j, "saved_at", d->bul[i].saved_at, true);
		json_kstr(j, "saved_by", d->bul[i].saved_by);
		json_kstr(j, "body", d->bul[i].body);
		json_obj_close(j);
	}
	json_arr_close(j);
}

static void
json_review(struct json *j, const struct review_doc *d)
{
	const struct repair	*r;
	char			 id[REPAIR_ID_MAX];
	size_t			 i;

	json_key(j, "review");
	json_obj_open(j);
	json_kstr(j, "root_cause", d->text.root_cause);
	json_kstr(j, "lessons", d->text.lessons);
	json_ktime(j, "updated_at", d->text.updated_at, d->text.has);
	kstr_or_null(j, "updated_by", d->text.updated_by, d->text.has);
	json_obj_close(j);
	json_key(j, "repairs");
	json_arr_open(j);
	for (i = 0; i < d->nrep; i++) {
		r = &d->rep[i];
		ops_repair_id(r->num, id);
		json_obj_open(j);
		json_kstr(j, "id", id);
		json_kstr(j, "text", r->text);
		json_kstr(j, "owner", r->owner);
		json_kstr(j, "due", r->has_due ? r->due : NULL);
		json_kstr(j, "state", r->done ? "done" : "open");
		json_ktime(j, "created_at", r->created_at, true);
		json_kstr(j, "created_by", r->created_by);
		json_ktime(j, "done_at", r->done_at, r->done);
		kstr_or_null(j, "done_by", r->done_by, r->done);
		json_obj_close(j);
	}
	json_arr_close(j);
}

/*
 * Walk the timeline: notes and journal entries merged by time (a journal
 * entry before a note of the same second, each in its own order). Calls
 * fn with exactly one of note / entry set.
 */
static void
timeline_walk(const struct review_doc *d,
    void (*fn)(void *, const struct note *, const struct journal_entry *),
    void *arg)
{
	size_t	i = 0, k = 0;

	while (i < d->njournal || k < d->nnotes) {
		if (k >= d->nnotes || (i < d->njournal &&
		    d->journal[i].at <= d->notes[k].at))
			fn(arg, NULL, &d->journal[i++]);
		else
			fn(arg, &d->notes[k++], NULL);
	}
}

static void
json_timeline_item(void *arg, const struct note *n,
    const struct journal_entry *je)
{
	struct json	*j = arg;
	char		*said;

	json_obj_open(j);
	if (n != NULL) {
		json_ktime(j, "at", n->at, true);
		json_kstr(j, "source", "note");
		json_kstr(j, "author", n->author);
		json_kstr(j, "text", n->text);
	} else {
		json_ktime(j, "at", je->at, true);
		json_kstr(j, "source", "journal");
		json_kint(j, "seq", je->seq);
		json_kstr(j, "uuid", je->uuid);
		json_kstr(j, "login", je->login);
		json_kstr(j, "action", je->action);
		said = sentence_raw(je->action, je->payload, je->login);
		json_kstr(j, "text", said);
		free(said);
		json_kstr(j, "payload", je->payload);
		json_kstr(j, "hash", je->hash);
	}
	json_obj_close(j);
}

void
export_json(const struct review_doc *d, const struct export_opts *o,
    struct buf *out)
{
	struct json	j;

	json_init(&j, out, true);
	json_obj_open(&j);
	json_kstr(&j, "format", EXPORT_FORMAT);
	if (o->stamp) {
		json_ktime(&j, "generated_at", o->now, true);
		json_kstr(&j, "generated_by", o->by);
	}
	json_incident(&j, d);
	json_ladder(&j, d);
	json_stages(&j, d);
	json_roles(&j, d);
	json_deadline(&j, d);
	json_recipients(&j, d);
	json_review(&j, d);
	json_key(&j, "evidence");
	evidence_report_json_items(&j, d->inc.key, d->evidence, d->nevidence,
	    d->custody, d->ncustody);
	export_tasks_json(d, &j);
	if (d->has_timeline) {
		json_key(&j, "timeline");
		json_arr_open(&j);
		timeline_walk(d, json_timeline_item, &j);
		json_arr_close(&j);
	}
	json_kstr(&j, "journal_last_hash", d->last_hash);
	json_obj_close(&j);
	buf_putc(out, '\n');
}

/* ---- Markdown ---------------------------------------------------------- */

/* export_span() and export_md_text() are in export-text.c. */

/* A paragraph of text, or a marker when empty. */
static void
md_block(struct buf *out, const char *raw)
{
	if (raw == NULL || raw[strspn(raw, " \t\r\n")] == '\0')
		buf_puts(out, "_(none)_\n");
	else {
		export_md_text(out, raw, false);
		buf_putc(out, '\n');
	}
}

static void
md_cell(struct buf *out, const char *raw)
{
	buf_puts(out, " ");
	export_md_text(out, raw != NULL ? raw : "", true);
	buf_puts(out, " |");
}

static void
md_time(struct buf *out, int64_t t, bool has)
{
	char	s[TIMEFMT_MAX];

	if (!has)
		return;
	timefmt_utc(t, s);
	buf_puts(out, s);
}

static void
md_time_cell(struct buf *out, int64_t t, bool has)
{
	buf_puts(out, " ");
	md_time(out, t, has);
	buf_puts(out, " |");
}

static void
md_span_cell(struct buf *out, int64_t s, bool has)
{
	buf_puts(out, " ");
	if (has)
		export_span(out, s);
	buf_puts(out, " |");
}

/* Code fence for text: longer than any run of backticks in it. */
static void
md_fenced(struct buf *out, const char *raw)
{
	char	*s = sanitize(raw, SAN_MULTILINE);
	size_t	 run = 0, best = 0, i, n;

	for (i = 0; s[i] != '\0'; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	n = best < 3 ? 3 : best + 1;
	for (i = 0; i < n; i++)
		buf_putc(out, '`');
	buf_puts(out, "text\n");
	buf_puts(out, s);
	if (s[0] != '\0' && s[strlen(s) - 1] != '\n')
		buf_putc(out, '\n');
	for (i = 0; i < n; i++)
		buf_putc(out, '`');
	buf_putc(out, '\n');
	free(s);
}

static void
md_head(struct buf *out, const struct review_doc *d,
    const struct export_opts *o)
{
	const struct incident	*inc = &d->inc;

	buf_printf(out, "# %s: ", inc->key);
	export_md_text(out, inc->title, true);
	buf_puts(out, "\n\n| Field | Value |\n|---|---|\n");
	buf_printf(out, "| Key | %s |\n| UUID | %s |\n", inc->key, inc->uuid);
	buf_printf(out, "| Severity | SEV%d |\n| Kind | %s |\n", inc->severity,
	    kind_name(inc->kind));
	buf_printf(out, "| Status | %s%s%s |\n", inc->closed ? "closed" :
	    stage_name(inc->stage), inc->resolution != RESOLUTION_NONE ?
	    ", " : "", inc->resolution != RESOLUTION_NONE ?
	    resolution_name(inc->resolution) : "");
	buf_puts(out, "| Created |");
	md_time_cell(out, inc->created_at, true);
	buf_puts(out, "\n| Created by |");
	md_cell(out, inc->created_by);
	buf_puts(out, "\n| Declared |");
	if (inc->declared) {
		md_time_cell(out, inc->declared_at, true);
		buf_puts(out, "\n| Declared by |");
		md_cell(out, inc->declared_by);
	} else
		buf_puts(out, " no breach declared |");
	buf_puts(out, "\n| Closed |");
	if (inc->closed)
		md_time_cell(out, inc->closed_at, true);
	else
		buf_puts(out, " open |");
	buf_putc(out, '\n');
	if (o->stamp) {
		buf_puts(out, "| Generated |");
		md_time_cell(out, o->now, true);
		buf_puts(out, "\n| Generated by |");
		md_cell(out, o->by);
		buf_putc(out, '\n');
	}
	buf_puts(out, "\n## Summary\n\n");
	md_block(out, inc->description);
}

/*
 * What a declaration or retraction m did to the customer clock. The
 * declaration that starts a new clock is followed at once by its new_clock
 * milestone (the next id: both are written in one transaction); the first
 * declaration of all starts the first clock; the others resume one. The
 * clock in force runs from the last that started one.
 */
static const char *
declare_act(const struct review_doc *d, const struct milestone *m,
    bool *starts, bool *in_force, bool *renewed)
{
	int64_t	first = -1, last_start = -1;
	size_t	k;

	*starts = *in_force = *renewed = false;
	if (strcmp(m->name, "retracted") == 0)
		return "stopped";
	for (k = 0; k < d->nms; k++) {
		if (strcmp(d->ms[k].name, "declared") == 0 &&
		    (first == -1 || d->ms[k].id < first))
			first = d->ms[k].id;
		if (strcmp(d->ms[k].name, "new_clock") == 0) {
			if (d->ms[k].id == m->id + 1)
				*renewed = true;
			if (d->ms[k].id - 1 > last_start)
				last_start = d->ms[k].id - 1;
		}
	}
	if (last_start == -1)
		last_start = first;
	*starts = *renewed || m->id == first;
	*in_force = m->id == last_start;
	if (*in_force)
		return *renewed ? "new clock, runs from here" :
		    "runs from here";
	if (*starts)
		return "started an earlier clock";
	return "resumed";
}

/*
 * Every declaration and retraction, when there was more than one act:
 * which declaration the customer clock runs from, and which the EIM said
 * started a new clock.
 */
static void
md_declarations(struct buf *out, const struct review_doc *d)
{
	size_t	i;
	bool	starts, in_force, renewed;

	if (d->ndeclare_acts <= 1)
		return;
	buf_puts(out, "\nDeclarations (a retraction stops the clock, a new "
	    "declaration resumes it unless it starts a new clock):\n\n"
	    "| When (UTC) | Act | By | Reason | Customer clock |\n"
	    "|---|---|---|---|---|\n");
	for (i = 0; i < d->nms; i++) {
		const struct milestone	*m = &d->ms[i];

		if (strcmp(m->name, "declared") != 0 &&
		    strcmp(m->name, "retracted") != 0)
			continue;
		buf_putc(out, '|');
		md_time_cell(out, m->at, true);
		buf_printf(out, " %s |", m->name);
		md_cell(out, m->recorded_by);
		md_cell(out, m->note);
		buf_printf(out, " %s |\n", declare_act(d, m, &starts,
		    &in_force, &renewed));
	}
}

static void
md_deadline(struct buf *out, const struct review_doc *d)
{
	size_t	i;

	buf_puts(out, "\n## Customer deadline\n\n");
	switch (d->outcome) {
	case OUTCOME_NONE:
		buf_puts(out, "No breach declared: no customer deadline.\n");
		break;
	case OUTCOME_NOT_NOTIFIED:
		buf_puts(out, "- Declared: ");
		md_time(out, d->has_clock_start ? d->clock_start :
		    d->inc.declared_at, true);
		buf_puts(out, "\n- Due: ");
		md_time(out, d->due_at, true);
		buf_puts(out, "\n- Customers notified: not yet\n- Outcome: "
		    "**not notified**\n");
		break;
	case OUTCOME_MET:
	case OUTCOME_MISSED:
		buf_puts(out, "- Declared: ");
		md_time(out, d->has_clock_start ? d->clock_start :
		    d->inc.declared_at, true);
		buf_puts(out, "\n- Due: ");
		md_time(out, d->due_at, true);
		buf_puts(out, "\n- Customers notified: ");
		md_time(out, d->inc.notified_at, true);
		if (d->outcome == OUTCOME_MET) {
			buf_puts(out, "\n- Outcome: **MET**, ");
			export_span(out, d->margin_s);
			buf_puts(out, " before the deadline\n");
		} else {
			buf_puts(out, "\n- Outcome: **MISSED**, by ");
			export_span(out, -d->margin_s);
			buf_putc(out, '\n');
		}
		break;
	}
	md_declarations(out, d);
	if (d->nclocks <= 1)
		return;
	buf_puts(out, "\nClocks as of ");
	md_time(out, d->as_of, true);
	buf_puts(out, ":\n\n| Clock | State | Due (UTC) | Sent (UTC) |\n"
	    "|---|---|---|---|\n");
	for (i = 0; i < d->nclocks; i++) {
		const struct clock_result *r = &d->clocks[i].r;

		buf_putc(out, '|');
		md_cell(out, d->clocks[i].id);
		buf_printf(out, " %s |", clock_state_name(r->state));
		md_time_cell(out, r->due, r->has_due);
		md_time_cell(out, r->sent_at, r->sent);
		buf_putc(out, '\n');
	}
}

static void
md_ladder(struct buf *out, const struct review_doc *d)
{
	const struct stage_period	*p;
	size_t				 i;
	int				 k;

	buf_puts(out, "\n## Notification ladder\n\n| Step | Happened (UTC) "
	    "| Since previous step |\n|---|---|---|\n");
	for (k = 0; k < LADDER_STEPS; k++) {
		buf_printf(out, "| %s |", milestone_ladder_name(k));
		if (d->ladder[k].has)
			md_time_cell(out, d->ladder[k].at, true);
		else
			buf_puts(out, " not recorded |");
		md_span_cell(out, d->ladder[k].gap_s, d->ladder[k].has_gap);
		buf_putc(out, '\n');
	}
	if (d->ncorr > 0) {
		buf_puts(out, "\nMilestones corrected after they were recorded:"
		    "\n\n| Milestone | Was | Corrected to | By | When (UTC) | "
		    "Reason |\n|---|---|---|---|---|---|\n");
		for (i = 0; i < d->ncorr; i++) {
			buf_puts(out, "|");
			md_cell(out, d->corr[i].milestone);
			md_cell(out, d->corr[i].old_at);
			md_cell(out, d->corr[i].new_at);
			md_cell(out, d->corr[i].by);
			md_time_cell(out, d->corr[i].at, true);
			md_cell(out, d->corr[i].reason);
			buf_putc(out, '\n');
		}
	}
	buf_puts(out, "\n## Time in each stage\n\n| Stage | Entered (UTC) | "
	    "Left (UTC) | Duration |\n|---|---|---|---|\n");
	for (i = 0; i < d->nstages; i++) {
		p = &d->stages[i];
		buf_printf(out, "| %s |", stage_name(p->stage));
		md_time_cell(out, p->from, true);
		if (p->has_to)
			md_time_cell(out, p->to, true);
		else
			buf_puts(out, " (current) |");
		md_span_cell(out, p->to - p->from, p->has_to);
		buf_putc(out, '\n');
	}
	buf_puts(out, "\nTotals:");
	for (k = 0; k < STAGE_CLOSE; k++) {
		buf_printf(out, "%s %s ", k > 0 ? "," : "",
		    stage_name((enum stage)k));
		export_span(out, d->stage_totals[k]);
	}
	buf_puts(out, ".\n");
}

/*
 * The notes of one tenure: the one given when it began (the hand-off to
 * this holder) and the one given when it ended, when that says more.
 */
static void
md_handoff_cell(struct buf *out, const struct assignment *a)
{
	const char	*in = a->note != NULL ? a->note : "";
	const char	*off = a->released && a->release_note != NULL ?
			    a->release_note : "";
	char		*both;

	if (*off == '\0' || strcmp(in, off) == 0) {
		md_cell(out, in);
		return;
	}
	if (*in == '\0') {
		md_cell(out, off);
		return;
	}
	xasprintf(&both, "%s; on release: %s", in, off);
	md_cell(out, both);
	free(both);
}

static void
md_roles(struct buf *out, const struct review_doc *d)
{
	const struct assignment	*a;
	int64_t			 s = 0;
	size_t			 i;
	bool			 has;

	buf_puts(out, "\n## Roles\n\n");
	if (d->nroles == 0) {
		buf_puts(out, "No role was assigned.\n");
		return;
	}
	buf_puts(out, "| Role | Holder | Assigned (UTC) | Released (UTC) | "
	    "Tenure | Hand-off note |\n|---|---|---|---|---|---|\n");
	for (i = 0; i < d->nroles; i++) {
		a = &d->roles[i];
		has = tenure(d, a, &s);
		buf_printf(out, "| %s |", role_name(a->role));
		md_cell(out, a->login);
		md_time_cell(out, a->assigned_at, true);
		if (a->released)
			md_time_cell(out, a->released_at, true);
		else
			buf_puts(out, d->inc.closed ? " held at closing |" :
			    " holds it |");
		md_span_cell(out, s, has);
		md_handoff_cell(out, a);
		buf_putc(out, '\n');
	}
}

static void
md_recipients(struct buf *out, const struct review_doc *d,
    const struct export_opts *o)
{
	const struct recipient	*r;
	char			 id[RECIPIENT_ID_MAX];
	size_t			 i;

	buf_puts(out, "\n## Recipients\n\n");
	if (d->nrec == 0)
		buf_puts(out, "No recipients.\n");
	else
		buf_puts(out, "| Id | Name | Kind | Channel | Contact | State "
		    "| Sent (UTC) | Sent by | Note |\n"
		    "|---|---|---|---|---|---|---|---|---|\n");
	for (i = 0; i < d->nrec; i++) {
		r = &d->rec[i];
		ops_recipient_id(r->num, id);
		buf_printf(out, "| %s |", id);
		md_cell(out, r->name);
		buf_printf(out, " %s | %s |", recipient_kind_name(r->kind),
		    recipient_channel_name(r->channel));
		md_cell(out, r->contact);
		buf_printf(out, " %s |", recipient_state_name(r->state));
		md_time_cell(out, r->sent_at, r->has_sent);
		md_cell(out, r->has_sent ? r->sent_by : "");
		if (r->has_waived) {
			buf_puts(out, " waived by ");
			export_md_text(out, r->waived_by, true);
			buf_puts(out, ": ");
			export_md_text(out, r->waive_reason, true);
			buf_puts(out, " |");
		} else if (r->has_acked) {
			buf_puts(out, " acknowledged ");
			md_time(out, r->acked_at, true);
			buf_puts(out, " |");
		} else
			buf_puts(out, "  |");
		buf_putc(out, '\n');
	}
	buf_puts(out, "\n## Bulletins\n\n");
	if (d->nbul == 0)
		buf_puts(out, "No bulletin saved.\n");
	for (i = 0; i < d->nbul; i++) {
		buf_printf(out, "%s### Version %lld (template ", i > 0 ? "\n" :
		    "", (long long)d->bul[i].version);
		export_md_text(out, d->bul[i].template, true);
		buf_puts(out, ", saved ");
		md_time(out, d->bul[i].saved_at, true);
		buf_puts(out, " by ");
		export_md_text(out, d->bul[i].saved_by, true);
		buf_puts(out, ")\n");
		if (!o->brief) {
			buf_putc(out, '\n');
			md_fenced(out, d->bul[i].body);
		}
	}
}

static void
md_review(struct buf *out, const struct review_doc *d)
{
	const struct repair	*r;
	char			 id[REPAIR_ID_MAX];
	size_t			 i;

	buf_puts(out, "\n## Root cause\n\n");
	md_block(out, d->text.root_cause);
	buf_puts(out, "\n## Lessons learned\n\n");
	md_block(out, d->text.lessons);
	buf_puts(out, "\n## Repair items\n\n");
	if (d->nrep == 0) {
		buf_puts(out, "No repair items.\n");
		return;
	}
	buf_puts(out, "| Id | Item | Owner | Due | State |\n"
	    "|---|---|---|---|---|\n");
	for (i = 0; i < d->nrep; i++) {
		r = &d->rep[i];
		ops_repair_id(r->num, id);
		buf_printf(out, "| %s |", id);
		md_cell(out, r->text);
		md_cell(out, r->owner);
		buf_printf(out, " %s |", r->has_due ? r->due : "");
		if (r->done) {
			buf_puts(out, " done ");
			md_time(out, r->done_at, true);
			buf_puts(out, " |\n");
		} else
			buf_puts(out, " open |\n");
	}
}

static void
md_timeline_item(void *arg, const struct note *n,
    const struct journal_entry *je)
{
	struct buf	*out = arg;
	char		*said;

	buf_putc(out, '|');
	if (n != NULL) {
		md_time_cell(out, n->at, true);
		md_cell(out, n->author);
		buf_puts(out, " note |");
		md_cell(out, n->text);
	} else {
		md_time_cell(out, je->at, true);
		md_cell(out, je->login);
		md_cell(out, je->action);
		said = sentence_raw(je->action, je->payload, je->login);
		md_cell(out, said);
		free(said);
	}
	buf_putc(out, '\n');
}

void
export_markdown(const struct review_doc *d, const struct export_opts *o,
    struct buf *out)
{
	md_head(out, d, o);
	md_deadline(out, d);
	md_ladder(out, d);
	md_roles(out, d);
	md_recipients(out, d, o);
	md_review(out, d);
	evidence_report_md_summary(out, d->evidence, d->nevidence);
	export_tasks_markdown(d, out);
	if (d->has_timeline && !o->brief) {
		buf_puts(out, "\n## Timeline\n\n| Time (UTC) | Who | What | "
		    "Details |\n|---|---|---|---|\n");
		timeline_walk(d, md_timeline_item, out);
	}
	buf_printf(out, "\n## Integrity\n\nHash of %s's last journal entry: "
	    "`%s`.\nCheck the whole chain with `vigil verify`.\n", d->inc.key,
	    d->last_hash[0] != '\0' ? d->last_hash : "none");
}
