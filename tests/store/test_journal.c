/*
 * test_journal.c: the hash-chained journal against someone editing the
 * file with another program. A journal of 24 entries is built through the
 * real actions; then, on a fresh copy each time, one entry is edited
 * (payload, time, login, action, hash), deleted, swapped with another,
 * moved, or a forged entry inserted, with the SQLite C API on the file.
 * journal_verify() must say ok=false and name the first entry that does
 * not match. What a chain cannot see alone -- its newest entries cut off
 * -- shows as a different head hash, which is what users keep elsewhere.
 */
#include "storetest.h"

#define ENTRIES 24

/* A database with ENTRIES journal entries; returns the fixture. */
static struct st_fixture *
journal_db(void)
{
	struct st_fixture	*f = st_open("boss");
	struct incident_new	 in = { .title = "t", .severity = 2 };
	struct verr		 e;
	char			 key[INCIDENT_KEY_MAX], text[32];
	int			 i;

	/* 1: database.create (ops_open) */
	st_person(f, "eim1", "eim", false);			/* 2 */
	for (i = 0; i < 3; i++) {				/* 3..5 */
		st_now += 60;
		assert_int_equal(ops_incident_new(&f->ctx, &in, key, &e), 0);
	}
	assert_int_equal(ops_assign(&f->ctx, "IR-1", ROLE_EIM, "eim1", NULL,
	    &e), 0);						/* 6 */
	st_as(f, "eim1");
	assert_int_equal(ops_declare(&f->ctx, "IR-1", "breach", false, 0, 0,
	    &e), 0);						/* 7 */
	/* a denied attempt is part of the chain too */
	assert_int_equal(ops_stage(&f->ctx, "IR-2", STAGE_ASSESS, NULL, &e),
	    -1);						/* 8 */
	st_as(f, "boss");
	for (i = 9; i <= ENTRIES; i++) {			/* 9..24 */
		st_now += 1;
		snprintf(text, sizeof text, "note %d", i);
		assert_int_equal(ops_note(&f->ctx, i % 2 ? "IR-2" : "IR-3",
		    text, &e), 0);
	}
	assert_int_equal(st_journal_count(f->path), ENTRIES);
	return f;
}

static void
expect_broken(struct st_fixture *f, int64_t bad_seq, const char *words)
{
	struct journal_check	jc;
	struct verr		e;

	if (journal_verify(f->ctx.db, true, &jc, &e) != 0)
		fail_msg("journal_verify: %s", e.msg);
	if (jc.ok)
		fail_msg("the tampering was not noticed");
	if (jc.bad_seq != bad_seq)
		fail_msg("broken at %lld, expected %lld: %s",
		    (long long)jc.bad_seq, (long long)bad_seq, jc.problem);
	assert_true(strlen(jc.problem) > 10);
	if (words != NULL && strstr(jc.problem, words) == NULL)
		fail_msg("'%s' does not say '%s'", jc.problem, words);
}

static void
test_intact(void **state)
{
	struct st_fixture	*f = journal_db();
	struct journal_check	 jc;
	struct journal_entry	*v;
	struct journal_query	 q = { 0 };
	struct verr		 e;
	size_t			 n, i;
	char			*head;

	(void)state;
	assert_int_equal(journal_verify(f->ctx.db, true, &jc, &e), 0);
	assert_true(jc.ok);
	assert_true(jc.db_ok);
	assert_int_equal(jc.entries, ENTRIES);
	head = st_text(f->path, "SELECT hash FROM journal WHERE seq = %d",
	    ENTRIES);
	assert_string_equal(jc.head, head);
	free(head);
	/* the chain: each entry carries its predecessor's hash */
	assert_int_equal(journal_list(f->ctx.db, &q, &v, &n, &e), 0);
	assert_int_equal(n, ENTRIES);
	assert_string_equal(v[0].prev_hash, "0000000000000000000000000000000"
	    "000000000000000000000000000000000");
	for (i = 0; i < n; i++) {
		assert_int_equal(v[i].seq, (int64_t)i + 1);
		assert_int_equal(strlen(v[i].hash), 64);
		assert_int_equal(strlen(v[i].uuid), 36);
		if (i > 0)
			assert_string_equal(v[i].prev_hash, v[i - 1].hash);
	}
	assert_string_equal(v[0].action, "database.create");
	assert_string_equal(v[7].action, "denied");
	assert_string_equal(v[7].login, "eim1");
	journal_list_free(&v, n);
	/* an incident's own entries, newest first */
	q.has_incident = true;
	q.incident = 1;
	q.newest_first = true;
	assert_int_equal(journal_list(f->ctx.db, &q, &v, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].action, "breach.declare");
	assert_string_equal(v[2].action, "incident.new");
	journal_list_free(&v, n);
	/* reopened, the chain still verifies */
	ops_close(&f->ctx);
	assert_int_equal(ops_open(&f->ctx, f->path, false, NULL, &e), 0);
	st_verify_ok(f);
	st_close(&f);
}

static void
test_edit_fields(void **state)
{
	static const struct {
		const char	*set;
		int		 seq;
	} edits[] = {
		{ "payload = '{\"text\":\"note 1O\"}'", 10 },
		{ "payload = payload || ' '", 24 },
		{ "at = at - 3600", 7 },
		{ "login = 'sim1'", 8 },
		{ "uid = 0", 5 },
		{ "action = 'note.add'", 8 },
		{ "incident_id = 3", 9 },
		{ "incident_id = NULL", 4 },
		{ "loginuid = 1000", 12 },
		{ "uuid = '00000000-0000-4000-8000-000000000000'", 1 },
		{ "hash = substr(hash, 2) || substr(hash, 1, 1)", 15 },
		{ "prev_hash = hash", 20 },
	};
	struct st_fixture	*f;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		f = journal_db();
		st_sql(f->path, "UPDATE journal SET %s WHERE seq = %d",
		    edits[i].set, edits[i].seq);
		expect_broken(f, edits[i].seq, NULL);
		st_close(&f);
	}
}

static void
test_payload_edit_says_changed(void **state)
{
	struct st_fixture	*f = journal_db();

	(void)state;
	/* the classic: quietly change what a note said */
	st_sql(f->path, "UPDATE journal SET payload = json_set(payload, "
	    "'$.text', 'nothing to see') WHERE seq = 13");
	expect_broken(f, 13, "changed");
	st_close(&f);
}

static void
test_delete(void **state)
{
	static const int	seqs[] = { 1, 2, 7, 8, 13 };
	struct st_fixture	*f;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
		f = journal_db();
		st_sql(f->path, "DELETE FROM journal WHERE seq = %d", seqs[i]);
		expect_broken(f, seqs[i], "missing");
		st_close(&f);
	}
	/* deleting and renumbering the rest to close the gap */
	f = journal_db();
	st_sql(f->path, "DELETE FROM journal WHERE seq = 7; "
	    "UPDATE journal SET seq = -(seq - 1) WHERE seq > 7; "
	    "UPDATE journal SET seq = -seq WHERE seq < 0");
	assert_int_equal(st_journal_count(f->path), ENTRIES - 1);
	expect_broken(f, 7, NULL);
	st_close(&f);
}

static void
test_swap_and_reorder(void **state)
{
	struct st_fixture	*f;

	(void)state;
	/* two entries exchange places */
	f = journal_db();
	st_sql(f->path, "UPDATE journal SET seq = -1 WHERE seq = 4; "
	    "UPDATE journal SET seq = 4 WHERE seq = 11; "
	    "UPDATE journal SET seq = 11 WHERE seq = -1");
	expect_broken(f, 4, NULL);
	st_close(&f);
	/* neighbours */
	f = journal_db();
	st_sql(f->path, "UPDATE journal SET seq = -1 WHERE seq = 17; "
	    "UPDATE journal SET seq = 17 WHERE seq = 18; "
	    "UPDATE journal SET seq = 18 WHERE seq = -1");
	expect_broken(f, 17, NULL);
	st_close(&f);
	/* contents swapped, sequence numbers kept */
	f = journal_db();
	st_sql(f->path, "CREATE TEMP TABLE a AS SELECT * FROM journal WHERE "
	    "seq = 9; CREATE TEMP TABLE b AS SELECT * FROM journal WHERE "
	    "seq = 10; DELETE FROM journal WHERE seq IN (9, 10); "
	    "INSERT INTO journal SELECT 9, uuid, incident_id, at, uid, login, "
	    "loginuid, action, payload, prev_hash, hash, changes FROM b; "
	    "INSERT INTO journal SELECT 10, uuid, incident_id, at, uid, login, "
	    "loginuid, action, payload, prev_hash, hash, changes FROM a");
	expect_broken(f, 9, NULL);
	st_close(&f);
}

static void
test_insert(void **state)
{
	struct st_fixture	*f;
	char			*head;

	(void)state;
	/* a forged entry appended, chained to the real head */
	f = journal_db();
	head = st_text(f->path, "SELECT hash FROM journal WHERE seq = %d",
	    ENTRIES);
	st_sql(f->path, "INSERT INTO journal VALUES (%d, "
	    "'11111111-1111-4111-8111-111111111111', 1, %d, 5001, 'eim1', "
	    "NULL, 'breach.retract', '{\"reason\":\"forged\"}', %Q, %Q, NULL)",
	    ENTRIES + 1, ST_T0, head, head);
	expect_broken(f, ENTRIES + 1, "changed");
	free(head);
	st_close(&f);

	/* one slipped in the middle, the later ones renumbered */
	f = journal_db();
	head = st_text(f->path, "SELECT hash FROM journal WHERE seq = 10");
	st_sql(f->path, "UPDATE journal SET seq = -(seq + 1) WHERE seq > 10; "
	    "UPDATE journal SET seq = -seq WHERE seq < 0; "
	    "INSERT INTO journal VALUES (11, "
	    "'22222222-2222-4222-8222-222222222222', 2, %d, 5000, 'boss', "
	    "NULL, 'note.add', '{\"text\":\"inserted\"}', %Q, "
	    "'0000000000000000000000000000000000000000000000000000000000000001', "
	    "NULL)",
	    ST_T0, head);
	assert_int_equal(st_journal_count(f->path), ENTRIES + 1);
	expect_broken(f, 11, NULL);
	free(head);
	st_close(&f);

	/* a copy of a real entry replayed at the end */
	f = journal_db();
	st_sql(f->path, "INSERT INTO journal SELECT %d, uuid, incident_id, "
	    "at, uid, login, loginuid, action, payload, prev_hash, hash, changes "
	    "FROM "
	    "journal WHERE seq = 7", ENTRIES + 1);
	expect_broken(f, ENTRIES + 1, NULL);
	st_close(&f);
}

static void
test_truncation_changes_head(void **state)
{
	struct st_fixture	*f = journal_db();
	struct journal_check	 before, after;
	struct verr		 e;

	(void)state;
	assert_int_equal(journal_verify(f->ctx.db, true, &before, &e), 0);
	st_sql(f->path, "DELETE FROM journal WHERE seq > 20");
	assert_int_equal(journal_verify(f->ctx.db, true, &after, &e), 0);
	/* undetectable by the chain alone... */
	assert_true(after.ok);
	assert_int_equal(after.entries, 20);
	/* ...but the head kept elsewhere no longer matches */
	assert_string_not_equal(after.head, before.head);
	st_close(&f);
}

static void
test_file_problems_reported(void **state)
{
	struct st_fixture	*f = journal_db();
	struct journal_check	 jc;
	struct verr		 e;

	(void)state;
	/* a note about an incident that does not exist */
	st_sql(f->path, "PRAGMA foreign_keys = OFF; INSERT INTO note "
	    "(incident_id, at, author, text) VALUES (999, 0, 'x', 'orphan')");
	assert_int_equal(journal_verify(f->ctx.db, true, &jc, &e), 0);
	assert_true(jc.ok);
	assert_false(jc.db_ok);
	assert_non_null(strstr(jc.db_problem, "note"));
	st_close(&f);
}

static void
test_after_tampering_new_entries_still_flagged(void **state)
{
	struct st_fixture	*f = journal_db();
	struct verr		 e;

	(void)state;
	st_sql(f->path, "UPDATE journal SET payload = '{}' WHERE seq = 3");
	/* vigil keeps working and appending... */
	assert_int_equal(ops_note(&f->ctx, "IR-2", "after", &e), 0);
	assert_int_equal(st_journal_count(f->path), ENTRIES + 1);
	/* ...and verify still names the first broken entry */
	expect_broken(f, 3, NULL);
	st_close(&f);
}

/* Reopen the fixture's database; 0 or -1 with e set. */
static int
reopen(struct st_fixture *f, struct verr *e)
{
	ops_close(&f->ctx);
	return ops_open(&f->ctx, f->path, false, NULL, e);
}

/* Put back the copy of the file saved as PATH.clean, and open it. */
static void
restore_clean(struct st_fixture *f)
{
	struct verr	e;
	char		cmd[600];

	ops_close(&f->ctx);
	snprintf(cmd, sizeof cmd, "rm -f '%s-wal' '%s-shm' && cp '%s.clean' "
	    "'%s'", f->path, f->path, f->path, f->path);
	assert_int_equal(system(cmd), 0);
	if (ops_open(&f->ctx, f->path, false, NULL, &e) != 0)
		fail_msg("reopen: %s", e.msg);
}

/*
 * One tampering of the clean keyed file: the SQL, then (with rechain)
 * every hash recomputed in plain SHA-256 by tests/campaign/rechain.c;
 * verify must fail at entry bad naming words.
 */
static void
keyed_case(struct st_fixture *f, const char *sql, bool rechain,
    int64_t bad, const char *words)
{
	const char	*tool = getenv("VIGIL_RECHAIN");
	char		 cmd[600];

	restore_clean(f);
	st_sql(f->path, "%s", sql);
	if (rechain) {
		if (tool == NULL)
			fail_msg("VIGIL_RECHAIN is not set");
		snprintf(cmd, sizeof cmd, "'%s' '%s' >/dev/null", tool,
		    f->path);
		assert_int_equal(system(cmd), 0);
	}
	expect_broken(f, bad, words);
}

/*
 * The keyed chain (the setgid installation's): keyed from the next entry
 * at a write open, with a key file beside the database; an edit with
 * every hash recomputed in plain SHA-256 fails; without its key file the
 * database is refused, and a key file is never overwritten.
 */
static void
test_keyed_chain(void **state)
{
	struct st_fixture	*f = journal_db();
	struct journal_check	 jc;
	struct verr		 e;
	char			 key[200], cmd[400], *s, *h1, *h2;

	(void)state;
	f->ctx.chain_keying = true;
	assert_int_equal(reopen(f, &e), 0);
	snprintf(key, sizeof key, "%s.key", f->path);
	assert_int_equal(access(key, R_OK), 0);
	s = st_text(f->path, "SELECT action FROM journal WHERE seq = %d",
	    ENTRIES + 1);
	assert_string_equal(s, "chain.keyed");
	free(s);
	assert_int_equal(ops_note(&f->ctx, "IR-2", "keyed note", &e), 0);
	assert_int_equal(journal_verify(f->ctx.db, false, &jc, &e), 0);
	assert_true(jc.ok);
	assert_true(jc.rec_ok);
	assert_int_equal(jc.keyed_from, ENTRIES + 1);
	/* reopened (keying again is a no-op), the same key checks it */
	h1 = st_text(f->path, "SELECT hash FROM journal ORDER BY seq DESC");
	assert_int_equal(reopen(f, &e), 0);
	assert_int_equal(st_journal_count(f->path), ENTRIES + 2);
	st_verify_ok(f);
	ops_close(&f->ctx);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s.clean'", f->path, f->path);
	assert_int_equal(system(cmd), 0);
	/* a keyed entry edited (its hash left as it was) */
	keyed_case(f, "UPDATE journal SET payload = '{\"text\":\"forged\"}' "
	    "WHERE seq = 26", false, ENTRIES + 2, "keyed hash");
	/* the same, every hash recomputed in plain SHA-256: the first
	 * keyed entry fails */
	keyed_case(f, "UPDATE journal SET payload = '{\"text\":\"forged\"}' "
	    "WHERE seq = 26", true, ENTRIES + 1, "recomputed without the key");
	/* an entry before the keyed ones edited and the chain recomputed:
	 * the first keyed entry fails */
	keyed_case(f, "UPDATE journal SET payload = '{\"text\":\"x\"}' WHERE "
	    "seq = 10", true, ENTRIES + 1, "recomputed without the key");
	/* the keying entry removed, the rest renumbered and recomputed: the
	 * key file still says where the keyed chain begins */
	keyed_case(f, "DELETE FROM journal WHERE seq = 25; UPDATE journal SET "
	    "seq = seq - 1 WHERE seq > 25", true, ENTRIES + 1,
	    "keyed the chain");
	restore_clean(f);
	h2 = st_text(f->path, "SELECT hash FROM journal ORDER BY seq DESC");
	assert_string_equal(h1, h2);
	free(h1);
	free(h2);
	f->ctx.chain_keying = false;
	st_close(&f);
}

/* A keyed database whose key file is missing, unreadable or another's. */
static void
test_keyed_needs_its_key(void **state)
{
	struct st_fixture	*f = journal_db(), *g = journal_db();
	struct verr		 e;
	char			 key[200], gkey[200], moved[210];

	(void)state;
	f->ctx.chain_keying = g->ctx.chain_keying = true;
	assert_int_equal(reopen(f, &e), 0);
	assert_int_equal(reopen(g, &e), 0);
	f->ctx.chain_keying = g->ctx.chain_keying = false;
	snprintf(key, sizeof key, "%s.key", f->path);
	snprintf(gkey, sizeof gkey, "%s.key", g->path);
	snprintf(moved, sizeof moved, "%s.away", key);
	ops_close(&f->ctx);
	assert_int_equal(rename(key, moved), 0);
	assert_int_equal(ops_open(&f->ctx, f->path, false, NULL, &e), -1);
	assert_int_equal(e.code, VERR_NOPERM);
	if (strstr(e.msg, "key file") == NULL || strstr(e.msg, "missing") ==
	    NULL)
		fail_msg("not loud enough: %s", e.msg);
	/* another database's key in its place */
	assert_int_equal(link(gkey, key), 0);
	assert_int_equal(ops_open(&f->ctx, f->path, false, NULL, &e), -1);
	if (strstr(e.msg, "another database") == NULL)
		fail_msg("another's key accepted: %s", e.msg);
	/* its own key back: open and intact */
	assert_int_equal(unlink(key), 0);
	assert_int_equal(rename(moved, key), 0);
	assert_int_equal(ops_open(&f->ctx, f->path, false, NULL, &e), 0);
	st_verify_ok(f);
	st_close(&f);
	st_close(&g);
}

/* A session that opened the file before it was keyed cannot add a plain
 * entry to the keyed chain. */
static void
test_keyed_meanwhile(void **state)
{
	struct st_fixture	*f = journal_db();
	struct vigil_ctx	 other;
	struct verr		 e;

	(void)state;
	other = f->ctx;
	other.db = NULL;
	other.rules = NULL;
	assert_int_equal(ops_open(&other, f->path, false, NULL, &e), 0);
	f->ctx.chain_keying = true;
	assert_int_equal(reopen(f, &e), 0);
	assert_int_equal(ops_note(&other, "IR-2", "too late", &e), -1);
	if (strstr(e.msg, "keyed") == NULL || strstr(e.msg, "start vigil "
	    "again") == NULL)
		fail_msg("a plain entry in a keyed chain: %s", e.msg);
	ops_close(&other);
	assert_int_equal(ops_note(&f->ctx, "IR-2", "in time", &e), 0);
	st_verify_ok(f);
	st_close(&f);
}

/* Put back the copy at PATH.pre (made before keying) over the file. */
static void
restore_pre(struct st_fixture *f)
{
	char	cmd[600];

	ops_close(&f->ctx);
	snprintf(cmd, sizeof cmd, "rm -f '%s-wal' '%s-shm' && cp '%s.pre' "
	    "'%s'", f->path, f->path, f->path, f->path);
	assert_int_equal(system(cmd), 0);
}

/*
 * A keying that did not commit (its key file made, its entry not): a
 * plain append is refused, the next keying open takes the key file up;
 * a schema upgrade at that open journals the keying entry before its
 * baseline.
 */
static void
test_keyed_interrupted(void **state)
{
	struct st_fixture	*f = journal_db();
	struct journal_check	 jc;
	struct verr		 e;
	char			 cmd[600], *s;
	int64_t			 v;

	(void)state;
	ops_close(&f->ctx);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s.pre'", f->path, f->path);
	assert_int_equal(system(cmd), 0);
	f->ctx.chain_keying = true;
	assert_int_equal(ops_open(&f->ctx, f->path, false, NULL, &e), 0);
	/* the file as it was before that keying's commit */
	restore_pre(f);
	f->ctx.chain_keying = false;
	assert_int_equal(ops_open(&f->ctx, f->path, false, NULL, &e), 0);
	assert_int_equal(ops_note(&f->ctx, "IR-2", "plain", &e), -1);
	if (strstr(e.msg, "interrupted") == NULL)
		fail_msg("a plain entry where the key file waits: %s", e.msg);
	f->ctx.chain_keying = true;
	assert_int_equal(reopen(f, &e), 0);
	assert_int_equal(ops_note(&f->ctx, "IR-2", "keyed", &e), 0);
	assert_int_equal(journal_verify(f->ctx.db, false, &jc, &e), 0);
	assert_true(jc.ok && jc.rec_ok);
	assert_int_equal(jc.keyed_from, ENTRIES + 1);
	/* again, with a schema upgrade due at the next open */
	restore_pre(f);
	v = st_int(f->path, "PRAGMA user_version");
	st_sql(f->path, "PRAGMA user_version = %lld", (long long)v - 1);
	f->ctx.chain_keying = false;
	assert_int_equal(ops_open(&f->ctx, f->path, false, NULL, &e), 0);
	s = st_text(f->path, "SELECT group_concat(action, ' ') FROM journal "
	    "WHERE seq > %d", ENTRIES);
	assert_string_equal(s, "chain.keyed record.baseline");
	free(s);
	assert_int_equal(journal_verify(f->ctx.db, false, &jc, &e), 0);
	assert_true(jc.ok && jc.rec_ok);
	assert_int_equal(jc.keyed_from, ENTRIES + 1);
	st_close(&f);
}

/* A write transaction without its journal entry is refused at COMMIT,
 * and nothing of it is written; with its entry it commits. */
static void
test_write_needs_entry(void **state)
{
	struct st_fixture	*f = journal_db();
	struct verr		 e;
	int64_t			 notes;

	(void)state;
	notes = st_int(f->path, "SELECT count(*) FROM note");
	assert_int_equal(db_begin(f->ctx.db, &e), 0);
	assert_int_equal(notes_insert(f->ctx.db, 2, st_now, "boss",
	    "no entry", &e), 0);
	assert_int_equal(db_commit(f->ctx.db, &e), -1);
	assert_int_equal(e.code, VERR_SOFTWARE);
	assert_non_null(strstr(e.msg, "without its journal entry"));
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM note"), notes);
	assert_int_equal(st_journal_count(f->path), ENTRIES);
	/* the same write as an action, with its entry, commits */
	assert_int_equal(ops_note(&f->ctx, "IR-2", "with entry", &e), 0);
	assert_int_equal(st_int(f->path, "SELECT count(*) FROM note"),
	    notes + 1);
	st_verify_ok(f);
	st_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intact),
		cmocka_unit_test(test_edit_fields),
		cmocka_unit_test(test_payload_edit_says_changed),
		cmocka_unit_test(test_delete),
		cmocka_unit_test(test_swap_and_reorder),
		cmocka_unit_test(test_insert),
		cmocka_unit_test(test_truncation_changes_head),
		cmocka_unit_test(test_file_problems_reported),
		cmocka_unit_test(test_after_tampering_new_entries_still_flagged),
		cmocka_unit_test(test_keyed_chain),
		cmocka_unit_test(test_keyed_needs_its_key),
		cmocka_unit_test(test_keyed_meanwhile),
		cmocka_unit_test(test_write_needs_entry),
		cmocka_unit_test(test_keyed_interrupted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
