/*
 * plan.c: response plans as data and the action that applies one. Reads
 * the *.plan files of the plan directories (the parser is the pure
 * src/model/plan.c) and checks them against the rules and templates this
 * context loads; applies a plan to an incident in one transaction with
 * one journal entry, adding only what the incident has not got yet.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plan-private.h"
#include "vigil/ops-clock-eval.h"
#include "vigil/store-notify.h"
#include "vigil/ops-task.h"
#include "vigil/util.h"

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The names in dir/sub ending in ext (without it), sorted, appended to
 * *v; a missing directory adds nothing.
 */
static void
dir_names(const char *dir, const char *sub, const char *ext, char ***v,
    size_t *n)
{
	DIR		*d;
	struct dirent	*de;
	char		*path;
	size_t		 len, elen = strlen(ext), first = *n;

	xasprintf(&path, "%s/%s", dir, sub);
	d = opendir(path);
	free(path);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= elen ||
		    strcmp(de->d_name + len - elen, ext) != 0)
			continue;
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[(*n)++] = xstrndup(de->d_name, len - elen);
	}
	closedir(d);
	if (*n - first > 1)
		qsort(*v + first, *n - first, sizeof **v, name_cmp);
}

/* Read one plan file into ps (errors, too, go to ps). */
static void
plan_read_file(struct planset *ps, const char *path)
{
	FILE	*f;
	char	*text;
	size_t	 len;

	if ((f = fopen(path, "r")) == NULL) {
		planset_error(ps, "%s: %s", path, strerror(errno));
		return;
	}
	text = xmalloc(PLAN_FILE_MAX + 1);
	len = fread(text, 1, PLAN_FILE_MAX + 1, f);
	if (ferror(f))
		planset_error(ps, "%s: %s", path, strerror(errno));
	else
		planset_parse(ps, path, text, len);
	fclose(f);
	free(text);
}

void
ops_plans_load(struct vigil_ctx *ctx, struct planset **out)
{
	const struct ruleset	*rs = ops_rules(ctx);
	const char		*dirs[3];
	char			**names = NULL, **tmpl = NULL, *path;
	const char		**ids;
	size_t			 nd = 0, nn = 0, nt = 0, i, k, nids = 0;

	*out = planset_new();
	if (ctx->share_dir != NULL)
		dirs[nd++] = ctx->share_dir;
	dirs[nd++] = PLAN_SYSCONF_DIR;
	if (ctx->user_dir != NULL)
		dirs[nd++] = ctx->user_dir;
	for (i = 0; i < nd; i++) {
		dir_names(dirs[i], "plans", ".plan", &names, &nn);
		for (k = 0; k < nn; k++) {
			xasprintf(&path, "%s/plans/%s.plan", dirs[i], names[k]);
			plan_read_file(*out, path);
			free(path);
			free(names[k]);
		}
		free(names);
		names = NULL;
		nn = 0;
	}
	/* bulletin templates are found where src/ops/notify.c looks */
	if (ctx->share_dir != NULL)
		dir_names(ctx->share_dir, "templates", ".md", &tmpl, &nt);
	if (ctx->user_dir != NULL)
		dir_names(ctx->user_dir, "templates", ".md", &tmpl, &nt);
	ids = xcalloc(rs->nrules + 1, sizeof *ids);
	ids[nids++] = CLOCK_CUSTOMER;
	for (i = 0; i < rs->nrules; i++)
		ids[nids++] = rs->rules[i].id;
	planset_check(*out, ids, nids, (const char *const *)tmpl, nt);
	free(ids);
	for (i = 0; i < nt; i++)
		free(tmpl[i]);
	free(tmpl);
}

/* Enable the plan's clocks the incident has not got; adds to payload. */
static int
apply_clocks(struct op *op, const struct plan *p, int *added,
    struct verr *e)
{
	char	**ids = NULL;
	size_t	  nids = 0, i, k;
	bool	  have;
	int	  rc = -1;

	if (clocks_enabled(op->ctx->db, op->inc.id, &ids, &nids, e) != 0)
		return -1;
	json_key(&op->j, "clocks");
	json_arr_open(&op->j);
	for (i = 0; i < p->nclocks; i++) {
		have = strcmp(p->clocks[i], CLOCK_CUSTOMER) == 0;
		for (k = 0; !have && k < nids; k++)
			have = strcmp(ids[k], p->clocks[i]) == 0;
		if (have)
			continue;
		if (clocks_set(op->ctx->db, op->inc.id, p->clocks[i], true,
		    op->now, op->ctx->me.login, e) != 0)
			goto out;
		json_str(&op->j, p->clocks[i]);
		(*added)++;
	}
	json_arr_close(&op->j);
	rc = 0;
out:
	clocks_ids_free(&ids, nids);
	return rc;
}

/* Add the plan's recipients not there yet (same kind and name). */
static int
apply_recipients(struct op *op, const struct plan *p, int *added,
    struct verr *e)
{
	struct recipient	*v = NULL;
	size_t			 nv = 0, i, k;
	int64_t			 num;
	bool			 have;
	char			 id[RECIPIENT_ID_MAX];

	if (recipients_list(op->ctx->db, op->inc.id, &v, &nv, e) != 0)
		return -1;
	json_key(&op->j, "recipients");
	json_arr_open(&op->j);
	for (i = 0; i < p->nrecipients; i++) {
		have = false;
		for (k = 0; !have && k < nv; k++)
			have = v[k].kind == p->recipients[i].kind &&
			    strcmp(v[k].name, p->recipients[i].name) == 0;
		if (have)
			continue;
		if (recipients_insert(op->ctx->db, op->inc.id,
		    p->recipients[i].name, p->recipients[i].kind,
		    p->recipients[i].channel, "", op->now, op->ctx->me.login,
		    &num, e) != 0) {
			recipient_list_free(&v, nv);
			return -1;
		}
		snprintf(id, sizeof id, "R%lld", (long long)num);
		json_str(&op->j, id);
		(*added)++;
	}
	json_arr_close(&op->j);
	recipient_list_free(&v, nv);
	return 0;
}

/* Add the plan's tasks not there yet (by task key). */
static int
apply_tasks(struct op *op, const struct plan *p, int *added, struct verr *e)
{
	struct task_new	 t;
	char		 due[TASK_DUE_MAX], id[TASK_ID_MAX];
	int64_t		 num;
	size_t		 i;
	int		 has;

	json_key(&op->j, "tasks");
	json_arr_open(&op->j);
	for (i = 0; i < p->ntasks; i++) {
		if ((has = tasks_has_plan_key(op->ctx->db, op->inc.id, p->type,
		    p->tasks[i].key, e)) < 0)
			return -1;
		if (has)
			continue;
		memset(&t, 0, sizeof t);
		task_due_format(&p->tasks[i].due, due, sizeof due);
		t.title = p->tasks[i].title;
		t.stage = p->tasks[i].stage;
		t.role = p->tasks[i].role;
		t.required = p->tasks[i].required;
		t.due = due;
		t.plan = p->type;
		t.plan_key = p->tasks[i].key;
		if (tasks_insert(op->ctx->db, op->inc.id, &t, op->now,
		    op->ctx->me.login, &num, e) != 0)
			return -1;
		task_id_format(num, id);
		json_str(&op->j, id);
		(*added)++;
	}
	json_arr_close(&op->j);
	return 0;
}

/* Shared with the creation of an incident (--plan): plan-private.h. */
int
op_plan_apply(struct op *op, const struct plan *p, struct plan_applied *r,
    struct verr *e)
{
	int	first;

	memset(r, 0, sizeof *r);
	if (plans_record(op->ctx->db, op->inc.id, p->type, p->title, op->now,
	    op->ctx->me.login, &first, e) != 0)
		return -1;
	r->first = first != 0;
	json_kstr(&op->j, "plan", p->type);
	if (apply_tasks(op, p, &r->tasks, e) != 0 ||
	    apply_clocks(op, p, &r->clocks, e) != 0 ||
	    apply_recipients(op, p, &r->recipients, e) != 0)
		return -1;
	return 0;
}

int
ops_plan_find(struct vigil_ctx *ctx, const char *type, struct planset **ps,
    const struct plan **p, struct verr *e)
{
	ops_plans_load(ctx, ps);
	if ((*p = planset_find(*ps, type)) != NULL)
		return 0;
	planset_free(ps);
	return verr_set(e, VERR_DATA, "no plan '%s' (see 'vigil plan list')",
	    type);
}

int
ops_plan_apply(struct vigil_ctx *ctx, const char *key, const char *type,
    struct plan_applied *r, struct verr *e)
{
	struct planset		*ps;
	const struct plan	*p;
	struct op		 op;

	memset(r, 0, sizeof *r);
	if (ops_plan_find(ctx, type, &ps, &p, e) != 0)
		return -1;
	if (op_begin(&op, ctx, ACTION_PLAN, key, ROLE_SIM, e) != 0 ||
	    op_plan_apply(&op, p, r, e) != 0)
		goto fail;
	planset_free(&ps);
	if (!r->first && r->tasks == 0 && r->clocks == 0 &&
	    r->recipients == 0) {
		/* nothing new: nothing written, nothing to journal */
		op_abort(&op);
		return 0;
	}
	return op_finish(&op, "plan.apply", e);
fail:
	planset_free(&ps);
	op_abort(&op);
	return -1;
}
