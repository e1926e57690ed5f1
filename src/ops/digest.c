/*
 * digest.c: gathering the hand-off digest (see digest.h): the journal
 * entries after the user's last-seen point, sorted into sections by
 * digest_classify(), the clocks whose state worsened between then
 * and now, and the user's open tasks whose due time fell between then and
 * now (evaluated now, as the tasks pane shows them). The last-seen point lives in the user's own state file, not in
 * the shared database: opening the console must not write the team's file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vigil/ops-clock-eval.h"
#include "vigil/config.h"
#include "vigil/countdown.h"
#include "vigil/ops-digest.h"
#include "vigil/ops-task.h"
#include "vigil/payload.h"
#include "vigil/sentence.h"
#include "vigil/store-history.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

#define DIGEST_DEFAULT_S	(24 * 3600)
#define DIGEST_CLOCKS_MAX	200	/* incidents whose clocks are looked at */
#define SEEN_FILE		"digest-seen"

/* The stored point for database id: 0 and found false when none. */
static void
seen_read(const char *id, int64_t *seq, int64_t *at, bool *found)
{
	char		*dir = config_state_dir(), *path, line[256], uid[64];
	long long	 s, t;
	FILE		*f;

	*seq = 0;
	*at = 0;
	*found = false;
	xasprintf(&path, "%s/%s", dir, SEEN_FILE);
	free(dir);
	f = fopen(path, "r");
	free(path);
	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "%63s %lld %lld", uid, &s, &t) == 3 &&
		    strcmp(uid, id) == 0) {
			*seq = s;
			*at = t;
			*found = true;
		}
	fclose(f);
}

static int
seen_write(const char *id, int64_t seq, int64_t now, struct verr *e)
{
	char		*dir = config_state_dir(), *path, *tmp, line[256], uid[64];
	FILE		*in, *out;
	int		 fd, rc = -1;

	xasprintf(&path, "%s/%s", dir, SEEN_FILE);
	xasprintf(&tmp, "%s/.%s.%ld", dir, SEEN_FILE, (long)getpid());
	if (config_make_private_dir(dir) != 0) {
		verr_set(e, VERR_CANTCREAT, "cannot create %s: %s", dir,
		    strerror(errno));
		goto out;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 ||
	    (out = fdopen(fd, "w")) == NULL) {
		if (fd >= 0)
			close(fd);
		verr_set(e, VERR_CANTCREAT, "cannot write %s: %s", tmp,
		    strerror(errno));
		goto out;
	}
	/* keep the other databases' lines */
	if ((in = fopen(path, "r")) != NULL) {
		while (fgets(line, sizeof line, in) != NULL)
			if (sscanf(line, "%63s", uid) == 1 &&
			    strcmp(uid, id) != 0 && strchr(line, '\n') != NULL)
				fputs(line, out);
		fclose(in);
	}
	fprintf(out, "%s %lld %lld\n", id, (long long)seq, (long long)now);
	if (fflush(out) != 0 || fsync(fileno(out)) != 0) {
		fclose(out);
		unlink(tmp);
		verr_set(e, VERR_IOERR, "cannot write %s", tmp);
		goto out;
	}
	fclose(out);
	if (rename(tmp, path) != 0) {
		unlink(tmp);
		verr_set(e, VERR_IOERR, "cannot replace %s: %s", path,
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(dir);
	free(path);
	free(tmp);
	return rc;
}

int
ops_digest_mark(struct vigil_ctx *ctx, struct verr *e)
{
	char	id[40];
	int64_t	head;

	if (db_begin_read(ctx->db, e) != 0)
		return -1;
	if (history_identity(ctx->db, id, e) != 0 ||
	    history_head(ctx->db, &head, e) != 0) {
		db_end_read(ctx->db);
		return -1;
	}
	db_end_read(ctx->db);
	if (id[0] == '\0')
		return 0;
	return seen_write(id, head, ops_now(ctx), e);
}

static void
digest_add(struct digest *d, enum digest_kind k, int64_t incident,
    int64_t at, char *text)
{
	d->count[k]++;
	if (d->count[k] > DIGEST_SECTION_MAX) {
		free(text);
		return;
	}
	d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
	d->v[d->n].kind = k;
	d->v[d->n].incident = incident;
	d->v[d->n].at = at;
	d->v[d->n].text = text;
	d->n++;
}

/* A task given to me: its sentence names the task by id only; add the
 * title (the task is in the same database, read in the same transaction). */
static void
digest_task_title(struct vigil_ctx *ctx, const struct journal_entry *je,
    const struct payload *p, char **s)
{
	struct task	 t;
	struct verr	 e;
	const char	*id = payload_get(p, "task");
	long long	 num;
	char		*with;

	if (!je->has_incident || id == NULL || task_id_parse(id, &num) != 0)
		return;
	memset(&t, 0, sizeof t);
	if (tasks_get(ctx->db, je->incident, num, &t, &e) == 1 &&
	    t.title != NULL) {
		xasprintf(&with, "%s: %s", *s, t.title);
		free(*s);
		*s = with;
	}
	task_clear(&t);
}

static int
digest_entries(struct vigil_ctx *ctx, struct digest *d, struct verr *e)
{
	static const char *const acts[] = {
		"incident.new", "breach.declare", "breach.retract",
		"role.assign", "role.release", "recipient.sent",
		"recipient.acknowledged", "recipient.waive", "clock.sent",
		"incident.close", "task.assign",
	};
	struct journal_entry	*v = NULL;
	struct payload		 p;
	size_t			 n = 0, i;
	int			 k;
	char			 key[INCIDENT_KEY_MAX], *s, *t;
	bool			 task;

	if (history_since(ctx->db, d->from_seq, d->to_seq, acts,
	    sizeof acts / sizeof acts[0], 0, &v, &n, e) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (payload_parse(v[i].payload, &p) != 0) {
			payload_clear(&p);
			continue;
		}
		task = strcmp(v[i].action, "task.assign") == 0;
		k = digest_classify(v[i].action, v[i].login, ctx->me.login,
		    payload_get(&p, task ? "owner" : "login"),
		    payload_get(&p, "previous"));
		if (k >= 0) {
			s = sentence(v[i].action, &p, v[i].login);
			if (task)
				digest_task_title(ctx, &v[i], &p, &s);
			incident_key_format(v[i].incident, key);
			xasprintf(&t, "%s: %s", v[i].has_incident ? key : "-",
			    s);
			free(s);
			digest_add(d, (enum digest_kind)k, v[i].has_incident ?
			    v[i].incident : 0, v[i].at, t);
		}
		payload_clear(&p);
	}
	journal_list_free(&v, n);
	return 0;
}

/* How bad a state is, for "turned worse": 0 for the calm ones. */
static int
badness(enum clock_state s)
{
	switch (s) {
	case CLOCK_WARN:	return 1;
	case CLOCK_CRITICAL:	return 2;
	case CLOCK_OVERDUE:	return 3;
	default:		return 0;
	}
}

/* When the clock crossed into its state (the thresholds of the period). */
static int64_t
turned_at(const struct clock_result *r, int64_t since, int64_t now)
{
	int64_t	period = r->has_start ? r->due - r->start : 0, at = now;

	if (r->state == CLOCK_OVERDUE)
		at = r->due;
	else if (r->state == CLOCK_CRITICAL && period > 0)
		at = r->due - period / 10;
	else if (r->state == CLOCK_WARN && period > 0)
		at = r->due - period / 4;
	if (at < since)
		at = since;
	return at > now ? now : at;
}

static int
digest_clocks(struct vigil_ctx *ctx, struct digest *d, int64_t now,
    struct verr *e)
{
	struct clock_view	*was = NULL, *is = NULL;
	struct incident		 inc;
	int64_t			*ids = NULL;
	size_t			 n = 0, i, j, nw, ni;
	char			 due[TIMEFMT_MAX], *t;
	int			 rc = 0;

	if (history_clock_candidates(ctx->db, d->since, DIGEST_CLOCKS_MAX,
	    &ids, &n, e) != 0)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		memset(&inc, 0, sizeof inc);
		if (incidents_get(ctx->db, ids[i], &inc, e) != 0 ||
		    ops_clocks_eval(ctx, &inc, NULL, 0, d->since, &was, &nw,
		    e) != 0 ||
		    ops_clocks_eval(ctx, &inc, NULL, 0, now, &is, &ni, e) != 0) {
			rc = -1;
		} else {
			for (j = 0; j < ni && j < nw; j++) {
				if (badness(is[j].r.state) <=
				    badness(was[j].r.state))
					continue;
				timefmt_utc_short(is[j].r.due, due);
				xasprintf(&t, "%s: the %s clock turned %s "
				    "(due %s)", inc.key, is[j].id,
				    countdown_glyph(is[j].r.state), due);
				digest_add(d, DIGEST_CLOCK, inc.id,
				    turned_at(&is[j].r, d->since, now), t);
			}
		}
		clock_views_free(&was, nw);
		clock_views_free(&is, ni);
		incident_clear(&inc);
	}
	free(ids);
	return rc;
}

/*
 * My open tasks (mine: given to me, or unowned on a role I hold) whose
 * due time, evaluated now, fell after the look and by now.
 */
static int
digest_tasks(struct vigil_ctx *ctx, struct digest *d, int64_t now,
    struct verr *e)
{
	struct task_view	*v = NULL;
	size_t			 n = 0, i;
	char			 id[TASK_ID_MAX], due[TIMEFMT_MAX];
	char			 late[TIMEFMT_MAX], *t;

	if (ops_tasks_mine_read(ctx, ctx->me.login, now, &v, &n, e) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (v[i].t.state != TASK_OPEN || !v[i].ev.has_due ||
		    v[i].ev.due <= d->since || v[i].ev.due > now)
			continue;
		task_id_format(v[i].t.num, id);
		timefmt_utc_short(v[i].ev.due, due);
		timefmt_span(now - v[i].ev.due, late);
		xasprintf(&t, "%s: %s %s (%s) was due %s: OVERDUE +%s",
		    v[i].key, id, v[i].t.title, v[i].t.owner != NULL ?
		    v[i].t.owner : role_name(v[i].t.role), due, late);
		digest_add(d, DIGEST_TASK_DUE, v[i].t.incident_id,
		    v[i].ev.due, t);
	}
	task_views_free(&v, n);
	return 0;
}

static int
item_cmp(const void *a, const void *b)
{
	const struct digest_item	*x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->incident < y->incident ? -1 : x->incident > y->incident;
}

int
ops_digest(struct vigil_ctx *ctx, bool has_since, int64_t since,
    struct digest *out, struct verr *e)
{
	int64_t	now = ops_now(ctx), seq, at;
	char	id[40];
	bool	found = false;
	int	rc = -1;

	memset(out, 0, sizeof *out);
	if (db_begin_read(ctx->db, e) != 0)
		return -1;
	if (history_identity(ctx->db, id, e) != 0 ||
	    history_head(ctx->db, &out->to_seq, e) != 0)
		goto out;
	if (!has_since && id[0] != '\0')
		seen_read(id, &seq, &at, &found);
	if (found && seq <= out->to_seq && at <= now) {
		/* entries after the one last seen; clocks since the look */
		out->has_point = true;
		out->from_seq = seq;
		out->since = at;
	} else {
		out->asked = has_since;
		out->since = has_since ? since : now - DIGEST_DEFAULT_S;
		if (history_seq_at(ctx->db, out->since, &out->from_seq, e) != 0)
			goto out;
	}
	if (digest_entries(ctx, out, e) != 0 ||
	    digest_clocks(ctx, out, now, e) != 0 ||
	    digest_tasks(ctx, out, now, e) != 0)
		goto out;
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, item_cmp);
	rc = 0;
out:
	db_end_read(ctx->db);
	if (rc != 0)
		digest_clear(out);
	return rc;
}
