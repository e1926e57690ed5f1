/*
 * test_migrate.c: opening files. A new file becomes a vigil database
 * (application_id "VGIL", user_version at the latest migration, WAL);
 * an older one is migrated forward; anything that is not ours -- another
 * program's SQLite file, garbage, a newer schema -- is refused with a
 * message and left byte-for-byte as it was. Opening is idempotent, also
 * when several processes create the same new file at once.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "storetest.h"

/* every migration the code has (1..4, then those added later) */
#define EXPECTED_SCHEMA db_schema_version()

static char *
read_all(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*data;
	long	 n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return data;
}

static void
rm_rf(const char *dir)
{
	char	cmd[160];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
test_new_file(void **state)
{
	struct st_fixture	f;
	struct db		*db = NULL;
	struct verr		 e;
	bool			 created = false;
	char			*mode;

	(void)state;
	st_mkdir(&f);
	/* the parent directories are created too */
	snprintf(f.path, sizeof f.path, "%s/a/b/vigil.db", f.dir);
	if (db_open(f.path, DB_CREATE, &db, &created, &e) != 0)
		fail_msg("%s", e.msg);
	assert_true(created);
	assert_string_equal(db_path(db), f.path);
	assert_false(db_readonly(db));
	db_close(&db);
	assert_null(db);

	assert_true(db_schema_version() >= 5);
	assert_int_equal(st_int(f.path, "PRAGMA user_version"),
	    EXPECTED_SCHEMA);
	assert_int_equal(st_int(f.path, "PRAGMA application_id"), 0x5647494c);
	assert_int_equal(VIGIL_APPLICATION_ID, 0x5647494c);
	mode = st_text(f.path, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	/* the tables of every migration are there */
	assert_int_equal(st_int(f.path, "SELECT count(*) FROM sqlite_schema "
	    "WHERE type = 'table' AND name IN ('roster', 'incident', "
	    "'assignment', 'milestone', 'note', 'journal', 'incident_clock', "
	    "'clock_hold', 'recipient', 'bulletin', 'review', 'repair')"), 12);
	assert_int_equal(st_int(f.path, "SELECT count(*) FROM journal"), 0);
	rm_rf(f.dir);
}

static void
test_missing_file_not_created(void **state)
{
	struct st_fixture	f;
	struct db		*db = NULL;
	struct verr		 e;

	(void)state;
	st_mkdir(&f);
	verr_clear(&e);
	assert_int_equal(db_open(f.path, 0, &db, NULL, &e), -1);
	assert_int_equal(e.code, VERR_NOINPUT);
	assert_non_null(strstr(e.msg, f.path));
	assert_null(db);
	assert_int_equal(access(f.path, F_OK), -1);
	verr_clear(&e);
	assert_int_equal(db_open(f.path, DB_READONLY | DB_CREATE, &db, NULL,
	    &e), -1);
	assert_int_equal(e.code, VERR_NOINPUT);
	assert_int_equal(access(f.path, F_OK), -1);
	/* a directory is not a database */
	verr_clear(&e);
	assert_int_equal(db_open(f.dir, DB_CREATE, &db, NULL, &e), -1);
	assert_int_equal(e.code, VERR_NOINPUT);
	rm_rf(f.dir);
}

static void
test_empty_file_becomes_database(void **state)
{
	struct st_fixture	f;
	struct db		*db = NULL;
	struct verr		 e;
	int			 fd;

	(void)state;
	st_mkdir(&f);
	fd = open(f.path, O_CREAT | O_WRONLY, 0600);
	assert_true(fd >= 0);
	close(fd);
	if (db_open(f.path, 0, &db, NULL, &e) != 0)
		fail_msg("%s", e.msg);
	db_close(&db);
	assert_int_equal(st_int(f.path, "PRAGMA application_id"), 0x5647494c);
	rm_rf(f.dir);
}

/* The file must be refused with code and left exactly as it was. */
static void
expect_refused(const char *path, int code, const char *words)
{
	struct db	*db = NULL;
	struct verr	 e;
	char		*before, *after;
	size_t		 n1, n2;

	before = read_all(path, &n1);
	verr_clear(&e);
	assert_int_equal(db_open(path, DB_CREATE, &db, NULL, &e), -1);
	assert_null(db);
	assert_int_equal(e.code, code);
	assert_non_null(strstr(e.msg, path));
	if (words != NULL && strstr(e.msg, words) == NULL)
		fail_msg("message '%s' does not say '%s'", e.msg, words);
	/* one line */
	assert_null(strchr(e.msg, '\n'));
	/* read-only refuses too */
	verr_clear(&e);
	assert_int_equal(db_open(path, DB_READONLY, &db, NULL, &e), -1);
	assert_int_equal(e.code, code);
	after = read_all(path, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	free(before);
	free(after);
}

static void
test_foreign_sqlite_file_refused(void **state)
{
	struct st_fixture	f;
	char			path2[160];

	(void)state;
	st_mkdir(&f);
	/* someone's own SQLite file: tables, no application id */
	{
		sqlite3	*h;

		assert_int_equal(sqlite3_open(f.path, &h), SQLITE_OK);
		assert_int_equal(sqlite3_exec(h, "CREATE TABLE accounts (id "
		    "INTEGER PRIMARY KEY, owner TEXT); INSERT INTO accounts "
		    "VALUES (1, 'x');", NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(h);
	}
	expect_refused(f.path, VERR_DATA, "not a vigil database");
	assert_int_equal(st_int(f.path, "SELECT count(*) FROM sqlite_schema"),
	    1);
	assert_int_equal(st_int(f.path, "PRAGMA user_version"), 0);

	/* an empty file of another application (its id set, no tables) */
	snprintf(path2, sizeof path2, "%s/other.db", f.dir);
	{
		sqlite3	*h;

		assert_int_equal(sqlite3_open(path2, &h), SQLITE_OK);
		assert_int_equal(sqlite3_exec(h, "PRAGMA application_id = "
		    "1179603277; CREATE TABLE t (x); DROP TABLE t;", NULL,
		    NULL, NULL), SQLITE_OK);
		sqlite3_close(h);
	}
	expect_refused(path2, VERR_DATA, "not a vigil database");
	rm_rf(f.dir);
}

static void
test_garbage_file_refused(void **state)
{
	struct st_fixture	f;
	FILE			*out;
	int			 i;
	unsigned		 x = 12345;

	(void)state;
	st_mkdir(&f);
	out = fopen(f.path, "wb");
	assert_non_null(out);
	for (i = 0; i < 8192; i++) {
		x = x * 1103515245u + 12345u;
		fputc((int)(x >> 16) & 0xff, out);
	}
	fclose(out);
	expect_refused(f.path, VERR_SOFTWARE, "not a database");

	/* a text file */
	out = fopen(f.path, "w");
	fputs("this is my shopping list\neggs\nmilk\n", out);
	fclose(out);
	expect_refused(f.path, VERR_SOFTWARE, NULL);
	rm_rf(f.dir);
}

static void
test_truncated_database_refused(void **state)
{
	struct st_fixture	*f = st_open("boss");
	char			*data, path2[160];
	size_t			 n;
	FILE			*out;
	struct db		*db = NULL;
	struct verr		 e;
	int			 i;

	(void)state;
	struct incident_new	 in = { .title = "an incident with a title "
				     "long enough to fill pages", .severity = 2 };
	char			 key[INCIDENT_KEY_MAX];

	for (i = 0; i < 200; i++)
		if (ops_incident_new(&f->ctx, &in, key, &e) != 0)
			fail_msg("%s", e.msg);
	ops_close(&f->ctx);
	/* checkpointed into the main file, then cut in the middle */
	st_sql(f->path, "PRAGMA wal_checkpoint(TRUNCATE)");
	data = read_all(f->path, &n);
	assert_true(n >= 4096 * 4);
	snprintf(path2, sizeof path2, "%s/cut.db", f->dir);
	out = fopen(path2, "wb");
	fwrite(data, 1, 4096 + 100, out);
	fclose(out);
	free(data);
	/* either refused at open or the damage is found: never a crash */
	verr_clear(&e);
	if (db_open(path2, 0, &db, NULL, &e) == 0) {
		struct journal_check	jc;

		if (journal_verify(db, true, &jc, &e) == 0)
			assert_false(jc.db_ok && jc.ok && jc.entries > 0);
		db_close(&db);
	} else
		assert_true(e.code != 0 && strlen(e.msg) > 0);
	st_close(&f);
}

static void
test_newer_schema_refused(void **state)
{
	struct st_fixture	*f = st_open("boss");

	(void)state;
	ops_close(&f->ctx);
	st_sql(f->path, "PRAGMA user_version = %d", EXPECTED_SCHEMA + 1);
	expect_refused(f->path, VERR_DATA, "newer");
	assert_int_equal(st_int(f->path, "PRAGMA user_version"),
	    EXPECTED_SCHEMA + 1);
	st_close(&f);
}

static void
test_open_twice_idempotent(void **state)
{
	struct st_fixture	*f = st_open("boss");
	struct db		*db = NULL;
	struct verr		 e;
	char			*before, *after;
	bool			 created = true;
	int			 i;

	(void)state;
	ops_close(&f->ctx);
	before = st_snapshot(f->path, true);
	for (i = 0; i < 3; i++) {
		if (db_open(f->path, DB_CREATE, &db, &created, &e) != 0)
			fail_msg("%s", e.msg);
		assert_false(created);
		db_close(&db);
		/* ops_open too: the roster already has its administrator */
		if (ops_open(&f->ctx, f->path, true, &created, &e) != 0)
			fail_msg("%s", e.msg);
		assert_false(created);
		ops_close(&f->ctx);
	}
	after = st_snapshot(f->path, true);
	assert_string_equal(before, after);
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM roster"), 1);
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM journal"), 1);
	free(before);
	free(after);
	/* read-only opens an existing file and refuses to write */
	f->ctx.read_only = true;
	assert_int_equal(ops_open(&f->ctx, f->path, false, NULL, &e), 0);
	assert_true(db_readonly(f->ctx.db));
	verr_clear(&e);
	assert_int_equal(db_begin(f->ctx.db, &e), -1);
	assert_int_equal(e.code, VERR_NOPERM);
	ops_close(&f->ctx);
	f->ctx.read_only = false;
	st_close(&f);
}

static void
test_old_schema_migrated(void **state)
{
	struct st_fixture	*f = st_open("boss");
	struct verr		 e;
	char			 key[INCIDENT_KEY_MAX];
	struct incident_new	 in = { .title = "kept", .severity = 2 };

	(void)state;
	assert_int_equal(ops_incident_new(&f->ctx, &in, key, &e), 0);
	ops_close(&f->ctx);
	/* make it a version-1 file: the tables of migrations 2 and 3 gone */
	st_sql(f->path, "DROP TABLE incident_clock; DROP TABLE clock_hold; "
	    "DROP TABLE recipient; DROP TABLE bulletin; DROP TABLE review; "
	    "DROP TABLE repair; DROP INDEX incident_open_stats; "
	    "DROP TABLE evidence_event; DROP TABLE evidence; "
	    "DROP TABLE task; DROP TABLE incident_plan; "
	    "DROP TABLE alert; DROP TABLE inbox_entry; DROP TABLE suppression; "
	    "DROP TABLE import_cursor; DROP TABLE inbox_count; "
	    "DROP INDEX incident_queue_key; "
	    "ALTER TABLE incident DROP COLUMN queue_key; "
	    "PRAGMA user_version = 1");
	if (ops_open(&f->ctx, f->path, false, NULL, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(st_int(f->path, "PRAGMA user_version"),
	    EXPECTED_SCHEMA);
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM sqlite_schema "
	    "WHERE name IN ('incident_clock', 'repair')"), 2);
	/* the data of version 1 is untouched */
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM incident WHERE "
	    "title = 'kept'"), 1);
	/* the queue key estimated: an unowned SEV2 needs attention from its
	 * creation */
	assert_int_equal(st_int(f->path, "SELECT queue_key = created_at FROM "
	    "incident WHERE title = 'kept'"), 1);
	st_verify_ok(f);
	st_close(&f);
}

static void
test_many_processes_create_at_once(void **state)
{
	struct st_fixture	f;
	int			go[2], i, status, failures = 0;
	pid_t			pids[8];

	(void)state;
	st_mkdir(&f);
	assert_int_equal(pipe(go), 0);
	for (i = 0; i < 8; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			struct vigil_ctx	ctx;
			struct verr		e;
			char			c;

			close(go[1]);
			memset(&ctx, 0, sizeof ctx);
			ctx.me = st_actor("boss", 5000);
			ctx.clock_now = st_clock;
			if (read(go[0], &c, 1) != 0)
				_exit(3);
			if (ops_open(&ctx, f.path, true, NULL, &e) != 0) {
				fprintf(stderr, "child %d: %s\n", i, e.msg);
				_exit(1);
			}
			ops_close(&ctx);
			_exit(0);
		}
	}
	close(go[0]);
	usleep(100000);
	close(go[1]);		/* all start now */
	for (i = 0; i < 8; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failures++;
	}
	assert_int_equal(failures, 0);
	assert_int_equal(st_int(f.path, "PRAGMA application_id"), 0x5647494c);
	assert_int_equal(st_int(f.path, "PRAGMA user_version"),
	    EXPECTED_SCHEMA);
	/* one administrator, one creation entry */
	assert_int_equal(st_int(f.path, "SELECT count(*) FROM roster"), 1);
	assert_int_equal(st_int(f.path, "SELECT count(*) FROM journal"), 1);
	rm_rf(f.dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_file),
		cmocka_unit_test(test_missing_file_not_created),
		cmocka_unit_test(test_empty_file_becomes_database),
		cmocka_unit_test(test_foreign_sqlite_file_refused),
		cmocka_unit_test(test_garbage_file_refused),
		cmocka_unit_test(test_truncated_database_refused),
		cmocka_unit_test(test_newer_schema_refused),
		cmocka_unit_test(test_open_twice_idempotent),
		cmocka_unit_test(test_old_schema_migrated),
		cmocka_unit_test(test_many_processes_create_at_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
