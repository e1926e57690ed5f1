/*
 * test_concurrency.c: eight processes, each with its own connection to
 * the same file, add 100 notes each through ops_note(), all released at
 * the same moment by closing a pipe they block on. Every call must
 * succeed (BEGIN IMMEDIATE and the busy timeout serialise the writers;
 * nobody sees "busy"), the 800 notes must all be there with one journal
 * entry each, and the chain must verify: no two writers ever chained to
 * the same predecessor.
 */
#include <sys/wait.h>

#include "storetest.h"

#define WRITERS 8
#define NOTES 100

static int
writer(const char *path, int id, int go, int ready)
{
	struct vigil_ctx	ctx;
	struct verr		e;
	char			text[64], c = 'r';
	int			i, failures = 0;

	memset(&ctx, 0, sizeof ctx);
	ctx.me = st_actor(id % 2 ? "boss" : "tri1", id % 2 ? 6004 : 5000 + id);
	ctx.clock_now = ops_system_clock;
	if (ops_open(&ctx, path, false, NULL, &e) != 0) {
		fprintf(stderr, "writer %d: %s\n", id, e.msg);
		return 100;
	}
	if (write(ready, &c, 1) != 1)
		return 100;
	if (read(go, &c, 1) != 0)	/* blocks until the parent closes */
		return 100;
	for (i = 0; i < NOTES; i++) {
		snprintf(text, sizeof text, "writer %d note %d", id, i);
		if (ops_note(&ctx, i % 3 ? "IR-1" : "IR-2", text, &e) != 0) {
			fprintf(stderr, "writer %d note %d: %s (%d)\n", id, i,
			    e.msg, e.code);
			failures++;
		}
	}
	ops_close(&ctx);
	return failures > 99 ? 99 : failures;
}

static void
test_eight_writers(void **state)
{
	struct st_fixture	*f = st_open("boss");
	struct incident_new	 in = { .title = "busy", .severity = 2 };
	struct verr		 e;
	char			 key[INCIDENT_KEY_MAX], c;
	pid_t			 pids[WRITERS];
	int			 go[2], ready[2], i, status, failed = 0;
	int64_t			 entries;

	(void)state;
	st_person(f, "tri1", "triage", false);
	assert_int_equal(ops_incident_new(&f->ctx, &in, key, &e), 0);
	assert_int_equal(ops_incident_new(&f->ctx, &in, key, &e), 0);
	entries = st_journal_count(f->path);
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(ready), 0);
	for (i = 0; i < WRITERS; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			close(go[1]);
			close(ready[0]);
			_exit(writer(f->path, i, go[0], ready[1]));
		}
	}
	close(go[0]);
	close(ready[1]);
	for (i = 0; i < WRITERS; i++)		/* all connected */
		assert_int_equal(read(ready[0], &c, 1), 1);
	close(go[1]);				/* go */
	for (i = 0; i < WRITERS; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		if (WEXITSTATUS(status) != 0) {
			fprintf(stderr, "writer %d: exit %d\n", i,
			    WEXITSTATUS(status));
			failed++;
		}
	}
	close(ready[0]);
	assert_int_equal(failed, 0);
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM note"),
	    WRITERS * NOTES);
	assert_int_equal(st_int(f->path, "SELECT count(DISTINCT text) FROM "
	    "note"), WRITERS * NOTES);
	assert_int_equal(st_journal_count(f->path),
	    entries + WRITERS * NOTES);
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM journal WHERE "
	    "action = 'note.add'"), WRITERS * NOTES);
	/* every writer's notes, in its own order */
	for (i = 0; i < WRITERS; i++)
		assert_int_equal(st_int(f->path, "SELECT count(*) FROM note "
		    "WHERE text LIKE 'writer %d note %%'", i), NOTES);
	st_verify_ok(f);
	st_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eight_writers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
