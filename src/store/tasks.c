/*
 * tasks.c: the task and incident_plan tables. Reads and writes rows only;
 * the rules (who may, what a due time means, what blocks closing) are in
 * src/ops/task.c and src/model/plan.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "vigil/store-task.h"
#include "vigil/util.h"

#define TASK_COLUMNS "t.id, t.incident_id, t.num, t.title, t.stage, " \
	"t.role, t.owner, t.required, t.due, t.state, t.plan, t.plan_key, " \
	"t.created_at, t.created_by, t.closed_at, t.closed_by, t.note"

void
task_clear(struct task *t)
{
	free(t->title);
	free(t->owner);
	free(t->due);
	free(t->plan);
	free(t->plan_key);
	free(t->created_by);
	free(t->closed_by);
	free(t->note);
	memset(t, 0, sizeof *t);
}

void
task_list_free(struct task **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++)
		task_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

/* NULL for a NULL column, else a copy. */
static char *
col_text_or_null(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	return db_col_text(st, i);
}

/* The row at st (TASK_COLUMNS) into t. */
static void
task_row(sqlite3_stmt *st, struct task *t)
{
	char	*s;

	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	t->incident_id = sqlite3_column_int64(st, 1);
	t->num = sqlite3_column_int64(st, 2);
	t->title = db_col_text(st, 3);
	s = db_col_text(st, 4);
	if (stage_parse(s, &t->stage) != 0)
		t->stage = STAGE_DETECT;
	free(s);
	s = db_col_text(st, 5);
	if (role_parse(s, &t->role) != 0)
		t->role = ROLE_SIM;
	free(s);
	t->owner = col_text_or_null(st, 6);
	t->required = sqlite3_column_int(st, 7) != 0;
	t->due = db_col_text(st, 8);
	s = db_col_text(st, 9);
	if (task_state_parse(s, &t->state) != 0)
		t->state = TASK_OPEN;
	free(s);
	t->plan = col_text_or_null(st, 10);
	t->plan_key = col_text_or_null(st, 11);
	t->created_at = sqlite3_column_int64(st, 12);
	t->created_by = db_col_text(st, 13);
	t->closed_at = sqlite3_column_int64(st, 14);
	t->closed_by = col_text_or_null(st, 15);
	t->note = db_col_text(st, 16);
}

/* Step st to the end, collecting tasks; finalizes st. */
static int
task_collect(struct db *db, sqlite3_stmt *st, struct task **out, size_t *n,
    struct verr *e)
{
	size_t	cap = 0;
	int	rc;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		task_row(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		task_list_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading tasks", e);
	}
	return 0;
}

int
tasks_insert(struct db *db, int64_t incident, const struct task_new *t,
    int64_t at, const char *by, int64_t *num, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT coalesce(max(num), 0) + 1 FROM task "
	    "WHERE incident_id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	rc = sqlite3_step(st);
	*num = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "numbering the task", e);
	st = db_prepare(db, "INSERT INTO task (incident_id, num, title, stage, "
	    "role, owner, required, due, plan, plan_key, created_at, "
	    "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, *num);
	db_bind_text(st, 3, t->title);
	db_bind_text(st, 4, stage_name(t->stage));
	db_bind_text(st, 5, role_name(t->role));
	db_bind_text(st, 6, t->owner);
	sqlite3_bind_int(st, 7, t->required ? 1 : 0);
	db_bind_text(st, 8, t->due != NULL ? t->due : "");
	db_bind_text(st, 9, t->plan);
	db_bind_text(st, 10, t->plan_key);
	sqlite3_bind_int64(st, 11, at);
	db_bind_text(st, 12, by);
	return db_exec_stmt(db, st, "adding the task", e);
}

int
tasks_list(struct db *db, int64_t incident, struct task **out, size_t *n,
    struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "SELECT " TASK_COLUMNS " FROM task t WHERE "
	    "t.incident_id = ? ORDER BY t.num", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	return task_collect(db, st, out, n, e);
}

int
tasks_get(struct db *db, int64_t incident, int64_t num, struct task *out,
    struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(out, 0, sizeof *out);
	st = db_prepare(db, "SELECT " TASK_COLUMNS " FROM task t WHERE "
	    "t.incident_id = ? AND t.num = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, num);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		task_row(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(db, rc, "reading the task", e);
}

int
tasks_has_plan_key(struct db *db, int64_t incident, const char *plan,
    const char *key, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT 1 FROM task WHERE incident_id = ? AND "
	    "plan = ? AND plan_key = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	db_bind_text(st, 2, plan);
	db_bind_text(st, 3, key);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_error(db, rc, "reading the tasks", e);
}

int
tasks_close(struct db *db, int64_t incident, int64_t num, enum task_state s,
    int64_t at, const char *by, const char *note, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE task SET state = ?, closed_at = ?, "
	    "closed_by = ?, note = coalesce(?, '') WHERE incident_id = ? AND "
	    "num = ?", e);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, task_state_name(s));
	sqlite3_bind_int64(st, 2, at);
	db_bind_text(st, 3, by);
	db_bind_text(st, 4, note);
	sqlite3_bind_int64(st, 5, incident);
	sqlite3_bind_int64(st, 6, num);
	return db_exec_stmt(db, st, "changing the task", e);
}

int
tasks_set_owner(struct db *db, int64_t incident, int64_t num,
    const char *owner, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE task SET owner = ? WHERE incident_id = ? "
	    "AND num = ?", e);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, owner);
	sqlite3_bind_int64(st, 2, incident);
	sqlite3_bind_int64(st, 3, num);
	return db_exec_stmt(db, st, "assigning the task", e);
}

int
tasks_open_required(struct db *db, int64_t incident, struct task **out,
    size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "SELECT " TASK_COLUMNS " FROM task t WHERE "
	    "t.incident_id = ? AND t.required = 1 AND t.state = 'open' "
	    "ORDER BY t.num", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	return task_collect(db, st, out, n, e);
}

int
tasks_open_for(struct db *db, const char *login, struct task **out,
    size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;

	/* two index walks, never every open task: the tasks owned by login
	 * (task_owner_open), and the unowned ones of the roles login holds
	 * now (assignment_login, then task_role_open) */
	st = db_prepare(db, "SELECT " TASK_COLUMNS " FROM task t JOIN "
	    "incident i ON i.id = t.incident_id WHERE t.owner = ?1 AND "
	    "t.state = 'open' AND i.status = 'open' "
	    "UNION ALL SELECT " TASK_COLUMNS " FROM assignment a JOIN task t "
	    "ON t.incident_id = a.incident_id AND t.role = a.role AND "
	    "t.state = 'open' AND t.owner IS NULL JOIN incident i ON i.id = "
	    "t.incident_id WHERE a.login = ?1 AND a.released_at IS NULL AND "
	    "i.status = 'open' ORDER BY 2, 3", e);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, login);
	return task_collect(db, st, out, n, e);
}

void
incident_plan_list_free(struct incident_plan **list, size_t n)
{
	size_t	i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((*list)[i].plan);
		free((*list)[i].title);
		free((*list)[i].applied_by);
	}
	free(*list);
	*list = NULL;
}

int
plans_record(struct db *db, int64_t incident, const char *plan,
    const char *title, int64_t at, const char *by, int *added,
    struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*added = 0;
	st = db_prepare(db, "INSERT INTO incident_plan (incident_id, plan, "
	    "title, applied_at, applied_by) VALUES (?, ?, ?, ?, ?) ON "
	    "CONFLICT DO NOTHING", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	db_bind_text(st, 2, plan);
	db_bind_text(st, 3, title);
	sqlite3_bind_int64(st, 4, at);
	db_bind_text(st, 5, by);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, rc, "recording the plan", e);
	*added = sqlite3_changes(db->h) > 0 ? 1 : 0;
	return 0;
}

int
plans_list(struct db *db, int64_t incident, struct incident_plan **out,
    size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT plan, title, applied_at, applied_by FROM "
	    "incident_plan WHERE incident_id = ? ORDER BY applied_at, plan", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, incident);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct incident_plan	*p;

		if (*n == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		p = &(*out)[(*n)++];
		p->plan = db_col_text(st, 0);
		p->title = db_col_text(st, 1);
		p->applied_at = sqlite3_column_int64(st, 2);
		p->applied_by = db_col_text(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		incident_plan_list_free(out, *n);
		*n = 0;
		return db_error(db, rc, "reading the plans", e);
	}
	return 0;
}

int
tasks_report_incidents(struct db *db, bool has_since, int64_t since,
    bool has_until, int64_t until, int64_t **ids, size_t *n, struct verr *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*ids = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT i.id FROM incident i WHERE (?1 IS NULL OR "
	    "i.created_at >= ?1) AND (?2 IS NULL OR i.created_at < ?2) AND "
	    "EXISTS (SELECT 1 FROM task t WHERE t.incident_id = i.id AND "
	    "t.state = 'done' AND t.due != '') ORDER BY i.id", e);
	if (st == NULL)
		return -1;
	if (has_since)
		sqlite3_bind_int64(st, 1, since);
	if (has_until)
		sqlite3_bind_int64(st, 2, until);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return db_error(db, rc, "reading the incidents' tasks", e);
	}
	return 0;
}
