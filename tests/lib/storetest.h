/*
 * storetest.h: what the store tests (tests/store/test_*.c) share: a fresh
 * database in its own mkdtemp directory, a pinned clock, made-up actors,
 * and a second, raw SQLite connection to the same file for looking behind
 * vigil's back (snapshots of every row, counts, direct edits). Header-only
 * (static functions), because each test is its own executable.
 */
#ifndef VIGIL_STORETEST_H
#define VIGIL_STORETEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "vigil/buf.h"
#include "vigil/ops.h"
#include "vigil/store.h"

/* 2026-11-22T08:50:00Z: the pinned "now" of every store test. */
#define ST_T0 1795337400
#define ST_HOUR 3600

static int64_t	st_now = ST_T0;

static inline int64_t
st_clock(void)
{
	return st_now;
}

struct st_fixture {
	char		 dir[64];
	char		 path[128];
	struct vigil_ctx ctx;
};

/* A made-up person acting (no passwd entry needed: ops trust ctx.me). */
static inline struct actor
st_actor(const char *login, int64_t uid)
{
	struct actor	a;

	memset(&a, 0, sizeof a);
	a.uid = uid;
	snprintf(a.login, sizeof a.login, "%s", login);
	return a;
}

/* A new directory for one test's files. */
static inline void
st_mkdir(struct st_fixture *f)
{
	snprintf(f->dir, sizeof f->dir, "/tmp/vigil-store-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/vigil.db", f->dir);
}

/* A fresh database created by `admin`, the pinned clock reset to T0. */
static inline struct st_fixture *
st_open(const char *admin)
{
	struct st_fixture	*f = calloc(1, sizeof *f);
	struct verr		 e;
	bool			 created = false;

	assert_non_null(f);
	st_now = ST_T0;
	st_mkdir(f);
	f->ctx.me = st_actor(admin, 6000 + (int64_t)strlen(admin)); /* as st_as */
	f->ctx.clock_now = st_clock;
	f->ctx.default_clocks = "customer";
	if (ops_open(&f->ctx, f->path, true, &created, &e) != 0)
		fail_msg("ops_open: %s", e.msg);
	assert_true(created);
	return f;
}

static inline void
st_close(struct st_fixture **fp)
{
	struct st_fixture	*f = *fp;
	char			 cmd[160];

	if (f == NULL)
		return;
	ops_close(&f->ctx);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(f);
	*fp = NULL;
}

/* Act as someone else from now on. */
static inline void
st_as(struct st_fixture *f, const char *login)
{
	f->ctx.me = st_actor(login, 6000 + (int64_t)strlen(login));
}

/* Add a person (the current actor must be an administrator). */
static inline void
st_person(struct st_fixture *f, const char *login, const char *roles,
    bool admin)
{
	struct roster_entry	re;
	struct verr		e;
	char			bad[32];

	memset(&re, 0, sizeof re);
	re.login = login;
	re.has_roles = true;
	assert_int_equal(role_parse_list(roles, &re.roles, bad, sizeof bad),
	    0);
	re.has_admin = true;
	re.admin = admin;
	if (ops_roster_add(&f->ctx, &re, &e) != 0)
		fail_msg("roster add %s: %s", login, e.msg);
}

/* ---- the raw connection ------------------------------------------- */

static inline sqlite3 *
st_raw(const char *path)
{
	sqlite3	*h = NULL;

	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE,
	    NULL), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	return h;
}

/* Run SQL on the file behind vigil's back; fails the test on error. */
static inline void
st_sql(const char *path, const char *fmt, ...)
{
	sqlite3	*h = st_raw(path);
	char	*sql, *err = NULL;
	va_list	 ap;

	va_start(ap, fmt);
	sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_free(sql);
	sqlite3_close(h);
}

/* One integer from a query (fails the test when there is no row). */
static inline int64_t
st_int(const char *path, const char *fmt, ...)
{
	sqlite3		*h = st_raw(path);
	sqlite3_stmt	*st;
	char		*sql;
	int64_t		 v;
	va_list		 ap;

	va_start(ap, fmt);
	sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: no row", sql);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_free(sql);
	sqlite3_close(h);
	return v;
}

/* One text value (owned), or NULL for SQL NULL. */
static inline char *
st_text(const char *path, const char *fmt, ...)
{
	sqlite3		*h = st_raw(path);
	sqlite3_stmt	*st;
	char		*sql, *v;
	va_list		 ap;

	va_start(ap, fmt);
	sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: no row", sql);
	v = sqlite3_column_type(st, 0) == SQLITE_NULL ? NULL :
	    strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_free(sql);
	sqlite3_close(h);
	return v;
}

/*
 * Every row of every table (and the schema) as text, optionally leaving
 * out the journal: two snapshots are equal iff nothing changed.
 */
static inline char *
st_snapshot(const char *path, bool with_journal)
{
	sqlite3		*h = st_raw(path);
	sqlite3_stmt	*tables, *st;
	struct buf	 b;
	int		 i;

	buf_init(&b);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT name, sql FROM "
	    "sqlite_schema ORDER BY type, name", -1, &tables, NULL),
	    SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char	*name = (const char *)sqlite3_column_text(
				    tables, 0);
		const char	*sql = (const char *)sqlite3_column_text(
				    tables, 1);
		char		*q;

		buf_printf(&b, "## %s\n%s\n", name, sql != NULL ? sql : "");
		if (sql == NULL || strncmp(sql, "CREATE TABLE", 12) != 0)
			continue;
		/* the journal, and its counters of refusal bursts */
		if (!with_journal && (strcmp(name, "journal") == 0 ||
		    strcmp(name, "denial_burst") == 0))
			continue;
		q = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY rowid",
		    name);
		assert_int_equal(sqlite3_prepare_v2(h, q, -1, &st, NULL),
		    SQLITE_OK);
		sqlite3_free(q);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (i = 0; i < sqlite3_column_count(st); i++) {
				const unsigned char *v = sqlite3_column_text(
				    st, i);

				buf_printf(&b, "%s%s", i ? "|" : "",
				    v != NULL ? (const char *)v : "<null>");
			}
			buf_putc(&b, '\n');
		}
		sqlite3_finalize(st);
	}
	sqlite3_finalize(tables);
	sqlite3_close(h);
	return buf_steal(&b);
}

static inline int64_t
st_journal_count(const char *path)
{
	return st_int(path, "SELECT count(*) FROM journal");
}

/* The chain verifies and the file checks are clean. */
static inline void
st_verify_ok(struct st_fixture *f)
{
	struct journal_check	jc;
	struct verr		e;

	if (journal_verify(f->ctx.db, true, &jc, &e) != 0)
		fail_msg("journal_verify: %s", e.msg);
	if (!jc.ok)
		fail_msg("chain broken at %lld: %s", (long long)jc.bad_seq,
		    jc.problem);
	if (!jc.db_ok)
		fail_msg("file check: %s", jc.db_problem);
}

#endif
