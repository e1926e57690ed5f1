/*
 * pane-evidence.c: the evidence of the selected incident in the console
 * (tui-evidence.h): the pane of the incident view, and the hash that runs
 * a slice at a time between two keys while the console stays alive. The
 * acts go through the same src/ops functions as the command line, called
 * only once the hash is done, so no lock is held while a file is read.
 */
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui-private.h"
#include "vigil/ops-evidence.h"
#include "vigil/sanitize.h"
#include "vigil/util.h"

/* A slice of hashing: this long at most between two looks at the keys. */
#define EVIDENCE_SLICE_MS 40
#define EVIDENCE_READ (4 * 1024 * 1024)

static int
imax_evidence(int a, int b)
{
	return a > b ? a : b;
}

void
pane_evidence_rows_clear(struct evidence_rows *r)
{
	evidence_items_free(&r->v, r->n);
	memset(r, 0, sizeof *r);
}

void
pane_evidence_job_clear(struct evidence_job *j)
{
	filehash_free(&j->fh);
	free(j->s1);
	free(j->s2);
	free(j->name);
	memset(j, 0, sizeof *j);
}

int
pane_evidence_load(struct tui *t, int64_t id, struct evidence_rows *r,
    struct verr *e)
{
	int	sel = r->sel, top = r->top;

	evidence_items_free(&r->v, r->n);
	r->n = 0;
	if (evidence_list(t->ctx->db, id, &r->v, &r->n, e) != 0)
		return -1;
	r->sel = sel < (int)r->n ? sel : (int)r->n - 1;
	if (r->sel < 0)
		r->sel = 0;
	r->top = top;
	return 0;
}

/* "OK", "MISMATCH", "unchecked", "VOID" and the colour that says it. */
static const char *
pane_evidence_state(const struct tui *t, const struct evidence_item *it,
    attr_t *a)
{
	if (it->voided) {
		*a = draw_attr(t, SLOT_MUTED);
		return "VOID";
	}
	if (!it->has_check) {
		*a = draw_attr(t, SLOT_MUTED);
		return "unchecked";
	}
	*a = draw_attr(t, it->check_ok ? SLOT_OK : SLOT_SEV1);
	return it->check_ok ? "OK" : "MISMATCH";
}

void
pane_evidence_draw(struct tui *t, const struct rect *r)
{
	const struct evidence_rows	*ev = &t->d.ev;
	const struct evidence_item	*it;
	bool				 focus = t->focus == PANE_EVIDENCE;
	char				 id[CUSTODY_ID_MAX], when[32], *title;
	int				 x = r->x + 1, w = r->w - 2, h = r->h - 2;
	int				 i, top, cw, dw, tx, sx;
	size_t				 k, bad = 0;
	attr_t				 a, sa;

	for (k = 0; k < ev->n; k++)
		if (!ev->v[k].voided && ev->v[k].has_check &&
		    !ev->v[k].check_ok)
			bad++;
	if (bad > 0)
		xasprintf(&title, "Evidence %zu, %zu MISMATCH", ev->n, bad);
	else
		xasprintf(&title, "Evidence %zu", t->d.has ? ev->n : 0);
	draw_box(t, r, title, focus);
	free(title);
	if (!t->d.has || h <= 0 || w < 20)
		return;
	if (ev->n == 0) {
		draw_text(t, r->y + 1, x + 1, w - 1, t->ctx->read_only ?
		    "(none)" : "(none yet: I registers a file)",
		    draw_attr(t, SLOT_MUTED), 0);
		return;
	}
	/* "> E1  description  custodian  11-22 08:50Z  MISMATCH" from the
	 * right; the time of the last check only where there is room */
	sx = w - 9;			/* "MISMATCH" */
	tx = w >= 56 ? sx - 13 : sx;	/* "11-22 08:50Z" */
	cw = imax_evidence(6, (tx - 6) * 2 / 5);
	if (cw > 20)
		cw = 20;
	dw = tx - 6 - cw - 1;
	top = layout_scroll(ev->top, ev->sel, (int)ev->n, h);
	t->d.ev.top = top;
	for (i = 0; i < h && top + i < (int)ev->n; i++) {
		bool	sel = focus && top + i == ev->sel;
		int	y = r->y + 1 + i;

		it = &ev->v[top + i];
		a = sel ? draw_attr(t, SLOT_SELECTED) : it->voided ?
		    draw_attr(t, SLOT_MUTED) : A_NORMAL;
		custody_id(it->num, id);
		draw_text(t, y, x, w, sel ? ">" : " ", a, DRAW_PAD);
		draw_text(t, y, x + 1, 4, id, a, 0);
		if (dw > 0)
			draw_text(t, y, x + 6, dw, it->description, a, 0);
		draw_text(t, y, x + 6 + dw + 1, cw - 1, it->custodian, a, 0);
		when[0] = '\0';
		if (it->has_check)
			panes_time(t, it->check_at, when, sizeof when);
		if (tx < sx)
			draw_text(t, y, x + tx, 12, when, a, 0);
		{
			const char *st = pane_evidence_state(t, it, &sa);

			draw_text(t, y, x + sx, w - sx, st, sel ? a : sa, 0);
		}
		if (sel) {
			t->cursor_y = y;
			t->cursor_x = x;
		}
	}
}

const struct evidence_item *
pane_evidence_at(const struct tui *t)
{
	if (!t->d.has || t->d.ev.sel < 0 || (size_t)t->d.ev.sel >= t->d.ev.n)
		return NULL;
	return &t->d.ev.v[t->d.ev.sel];
}

int
pane_evidence_key(struct tui *t, int action, int height)
{
	int	n = (int)t->d.ev.n, sel = t->d.ev.sel;

	switch (action) {
	case ACT_UP:	sel--; break;
	case ACT_DOWN:	sel++; break;
	case ACT_PGUP:	sel -= height; break;
	case ACT_PGDN:	sel += height; break;
	case ACT_HOME:	sel = 0; break;
	case ACT_END:	sel = n - 1; break;
	default:	return RD_NONE;
	}
	if (sel >= n)
		sel = n - 1;
	if (sel < 0)
		sel = 0;
	t->d.ev.sel = sel;
	return RD_PAINT;
}

bool
pane_evidence_busy(const struct tui *t)
{
	return t->evjob.kind != EVJOB_NONE;
}

/* After an ops call: the message, and what to reload. */
static int
pane_evidence_result(struct tui *t, int rc, const struct verr *e,
    const char *done)
{
	if (rc != 0)
		action_message(t, true, "%s", e->msg);
	else
		action_message(t, false, "%s", done);
	t->q.stale = true;
	t->q.count_stale = true;
	return RD_RELOAD;
}

/* Open path for the job (kind, key, eid set by the caller). */
static int
pane_evidence_open(struct tui *t, const char *path)
{
	struct evidence_job	*j = &t->evjob;
	struct verr		 e;
	char			*copy;

	verr_clear(&e);
	if ((j->fh = filehash_open(path, 0, &e)) == NULL) {
		action_message(t, true, "%s", e.msg);
		pane_evidence_job_clear(j);
		return RD_PAINT;
	}
	copy = xstrdup(path);
	j->name = xstrdup(basename(copy));
	free(copy);
	action_message(t, false, "Hashing %s; the console stays usable "
	    "(':evidence cancel' stops it, recording nothing).", path);
	return RD_PAINT;
}

/* Only one hash at a time, and an incident to act on. */
static const char *
pane_evidence_ready(struct tui *t)
{
	if (pane_evidence_busy(t)) {
		action_message(t, true, "A file is already being hashed; wait "
		    "for it or ':evidence cancel'.");
		return NULL;
	}
	return action_key(t);
}

int
pane_evidence_add(struct tui *t, const char *path, const char *describe)
{
	struct evidence_job	*j = &t->evjob;
	const char		*key;

	if ((key = pane_evidence_ready(t)) == NULL)
		return RD_PAINT;
	if (path == NULL || *path == '\0' || describe == NULL ||
	    *describe == '\0') {
		action_message(t, true, "Registering evidence needs a file and "
		    "a description.");
		return RD_PAINT;
	}
	/* a refusal costs no minutes of hashing: journal it now */
	if (!ops_evidence_may(t->ctx, key, ACTION_EVIDENCE_ADD)) {
		struct evidence_new	in;
		struct verr		e;
		char			id[CUSTODY_ID_MAX];

		memset(&in, 0, sizeof in);
		in.description = describe;
		verr_clear(&e);
		return pane_evidence_result(t, ops_evidence_add(t->ctx, key,
		    &in, id, &e), &e, "");
	}
	memset(j, 0, sizeof *j);
	j->kind = EVJOB_ADD;
	snprintf(j->key, sizeof j->key, "%s", key);
	j->s1 = xstrdup(describe);
	return pane_evidence_open(t, path);
}

int
pane_evidence_transfer(struct tui *t, const char *eid, const char *to,
    const char *reason)
{
	struct evidence_job		*j = &t->evjob;
	struct evidence_outcome		 out;
	const struct evidence_item	*it = NULL;
	struct verr			 e;
	const char			*key;
	char				 msg[300];
	int64_t				 num;
	size_t				 i;

	if ((key = pane_evidence_ready(t)) == NULL)
		return RD_PAINT;
	if (custody_id_parse(eid, &num) == 0)
		for (i = 0; i < t->d.ev.n; i++)
			if (t->d.ev.v[i].num == num)
				it = &t->d.ev.v[i];
	verr_clear(&e);
	/* no reachable copy, or not permitted: the act at once */
	if (it == NULL || it->path[0] == '\0' || access(it->path, R_OK) != 0 ||
	    !ops_evidence_may(t->ctx, key, ACTION_EVIDENCE_TRANSFER)) {
		char	*clean = sanitize_fit(to, 40, t->san, NULL);

		snprintf(msg, sizeof msg, "%s: in the custody of %s; hash NOT "
		    "rechecked (no copy reachable).", eid, clean);
		free(clean);
		return pane_evidence_result(t, ops_evidence_transfer(t->ctx,
		    key, eid, to, reason, NULL, &out, &e), &e, msg);
	}
	memset(j, 0, sizeof *j);
	j->kind = EVJOB_TRANSFER;
	snprintf(j->key, sizeof j->key, "%s", key);
	custody_id(num, j->eid);
	j->s1 = xstrdup(to);
	j->s2 = xstrdup(reason != NULL ? reason : "");
	return pane_evidence_open(t, it->path);
}

int
pane_evidence_check(struct tui *t, const char *eid, const char *path)
{
	struct evidence_job		*j = &t->evjob;
	const struct evidence_item	*it = NULL;
	struct verr			 e;
	const char			*key;
	int64_t				 num;
	size_t				 i;

	if ((key = pane_evidence_ready(t)) == NULL)
		return RD_PAINT;
	if (custody_id_parse(eid, &num) == 0)
		for (i = 0; i < t->d.ev.n; i++)
			if (t->d.ev.v[i].num == num)
				it = &t->d.ev.v[i];
	verr_clear(&e);
	if (!ops_evidence_may(t->ctx, key, ACTION_EVIDENCE_CHECK))
		return pane_evidence_result(t, ops_evidence_check(t->ctx, key,
		    eid, NULL, &e), &e, "");
	if (it == NULL) {
		action_message(t, true, "%s has no evidence %s.", key, eid);
		return RD_PAINT;
	}
	if (path == NULL || *path == '\0')
		path = it->path;
	if (*path == '\0' || access(path, R_OK) != 0) {
		action_message(t, true, "%s: its file is not reachable here; "
		    "give the copy: ':evidence check %s PATH'.", eid, eid);
		return RD_PAINT;
	}
	memset(j, 0, sizeof *j);
	j->kind = EVJOB_CHECK;
	snprintf(j->key, sizeof j->key, "%s", key);
	custody_id(num, j->eid);
	return pane_evidence_open(t, path);
}

int
pane_evidence_cancel(struct tui *t)
{
	if (!pane_evidence_busy(t)) {
		action_message(t, true, "No file is being hashed.");
		return RD_PAINT;
	}
	pane_evidence_job_clear(&t->evjob);
	action_message(t, false, "Hashing stopped; nothing recorded.");
	return RD_PAINT;
}

static int64_t
pane_evidence_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The hash is done: write the act it was for. */
static int
pane_evidence_done(struct tui *t, const struct filehash_result *fr)
{
	struct evidence_job	*j = &t->evjob;
	struct evidence_new	 in;
	struct evidence_outcome	 out;
	struct verr		 e;
	char			 id[CUSTODY_ID_MAX], msg[300], *clean;
	int			 rc = -1;

	verr_clear(&e);
	switch (j->kind) {
	case EVJOB_ADD:
		memset(&in, 0, sizeof in);
		in.description = j->s1;
		in.file = fr;
		rc = ops_evidence_add(t->ctx, j->key, &in, id, &e);
		snprintf(msg, sizeof msg, "%s %s registered: SHA-256 %.16s...",
		    j->key, id, fr->sha256);
		break;
	case EVJOB_TRANSFER:
		rc = ops_evidence_transfer(t->ctx, j->key, j->eid, j->s1,
		    j->s2, fr, &out, &e);
		clean = sanitize_fit(j->s1, 40, t->san, NULL);
		snprintf(msg, sizeof msg, "%s: in the custody of %s%s; hash "
		    "rechecked: OK.", j->eid, clean, out.external ?
		    " (external party)" : "");
		free(clean);
		break;
	case EVJOB_CHECK:
		rc = ops_evidence_check(t->ctx, j->key, j->eid, fr, &e);
		snprintf(msg, sizeof msg, "%s: OK, the hash matches.", j->eid);
		break;
	case EVJOB_NONE:
		break;
	}
	pane_evidence_job_clear(j);
	return pane_evidence_result(t, rc, &e, msg);
}

int
pane_evidence_step(struct tui *t)
{
	struct evidence_job	*j = &t->evjob;
	struct filehash_result	 fr;
	struct verr		 e;
	int64_t			 until = pane_evidence_ms() + EVIDENCE_SLICE_MS;
	int			 rc;

	if (!pane_evidence_busy(t))
		return RD_NONE;
	verr_clear(&e);
	do {
		rc = filehash_step(j->fh, EVIDENCE_READ, &e);
	} while (rc == 0 && pane_evidence_ms() < until);
	if (rc == 0) {
		/* the status line moves five times a second */
		if (pane_evidence_ms() - j->shown_ms < 200)
			return RD_NONE;
		j->shown_ms = pane_evidence_ms();
		return RD_PAINT;
	}
	if (rc == 1 && filehash_finish(j->fh, &fr, &e) == 0)
		return pane_evidence_done(t, &fr);
	action_message(t, true, "%s", e.msg);
	pane_evidence_job_clear(j);
	return RD_PAINT;
}

void
pane_evidence_status(const struct tui *t, struct buf *b)
{
	const struct evidence_job	*j = &t->evjob;
	int64_t				 done, total, ns;
	char				 text[160];

	if (!pane_evidence_busy(t))
		return;
	filehash_progress(j->fh, &done, &total, &ns);
	custody_progress(done, total, ns, text, sizeof text);
	buf_printf(b, "  hashing %s %s", j->name, text);
}
