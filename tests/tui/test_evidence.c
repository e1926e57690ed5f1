/*
 * test_evidence.c: the console's evidence, in process (tuitest.h): the
 * evidence pane of the incident view; a file registered by keys (path,
 * description), hashed a slice at a time between two ticks with the
 * progress in the status line, then checked (H) and transferred (t) to
 * an external party, the hash rechecked; a modified file found at a
 * ':evidence check' (MISMATCH in the pane and its title); the console
 * alive during a slow hash (help opens and closes) and ':evidence cancel'
 * leaving nothing; a comms holder refused at once; a hostile description
 * and custodian drawn inert.
 */
#include <sys/stat.h>

#include "tuitest.h"
#include "vigil/ops-evidence.h"

/* A file of n bytes in the test's directory; its path into path. */
static void
te_file(struct tt *f, const char *name, size_t n, char fill, char *path,
    size_t len)
{
	FILE	*fp;
	size_t	 i;

	snprintf(path, len, "%s/%s", f->dir, name);
	assert_non_null(fp = fopen(path, "w"));
	for (i = 0; i < n; i++)
		fputc(i % 61 == 0 ? '\n' : fill, fp);
	assert_int_equal(fclose(fp), 0);
}

/* Tick until the hash in progress is done (at most n ticks). */
static void
te_finish(struct tt *f, int n)
{
	while (pane_evidence_busy(f->t) && n-- > 0)
		tui_session_tick(f->t);
	assert_false(pane_evidence_busy(f->t));
}

/* IR-1 full screen with the evidence pane focused. */
static void
te_evidence_pane(struct tt *f)
{
	int	i;

	tt_keycode(f, KEY_DOWN);			/* IR-1 */
	tt_keycode(f, KEY_ENTER);
	for (i = 0; i < 10 && !tt_shows(f, "> Evidence"); i++)
		tt_key(f, '\t');
	tt_assert_shows(f, "> Evidence");
}

static void
test_register_check_transfer(void **state)
{
	struct tt	*f = tt_open();
	char		 path[256], *line;

	(void)state;
	te_file(f, "disk.img", 3 * 1024 * 1024, 'a', path, sizeof path);
	tt_start(f, 80, 24);
	te_evidence_pane(f);
	tt_assert_shows(f, "(none yet: I registers a file)");
	tt_key(f, 'I');
	tt_assert_shows(f, "Evidence file to register (path):");
	tt_type(f, path);
	tt_key(f, '\r');
	tt_assert_shows(f, "Describe the evidence");
	tt_type(f, "NVMe image of file-srv-3");
	tt_key(f, '\r');
	tt_assert_shows(f, "Hashing");
	te_finish(f, 1000);
	tt_assert_shows(f, "IR-1 E1 registered: SHA-256");
	line = tt_line(f, "E1   NVMe");
	assert_non_null(strstr(line, "alice"));
	assert_non_null(strstr(line, "unchecked"));
	free(line);
	/* H: hashed again, recorded OK */
	tt_key(f, 'H');
	te_finish(f, 1000);
	tt_assert_shows(f, "E1: OK, the hash matches.");
	line = tt_line(f, "E1   NVMe");
	assert_non_null(strstr(line, " OK"));
	free(line);
	/* t: to an external party, why; the file is hashed again */
	tt_key(f, 't');
	tt_assert_shows(f, "Transfer E1 to (a login, or an external party):");
	tt_type(f, "FBI field office");
	tt_key(f, '\r');
	tt_assert_shows(f, "Why is E1 handed over?");
	tt_type(f, "grand jury subpoena");
	tt_key(f, '\r');
	te_finish(f, 1000);
	tt_assert_shows(f, "E1: in the custody of FBI field office "
	    "(external party); hash rechecked: OK.");
	tt_assert_shows(f, "FBI field");
	tt_golden(f, "evidence_80x24");
	/* a changed file: the check records and shows the mismatch */
	te_file(f, "disk.img", 3 * 1024 * 1024, 'b', path, sizeof path);
	tt_key(f, ':');
	tt_type(f, "evidence check E1");
	tt_key(f, '\r');
	te_finish(f, 1000);
	tt_assert_shows(f, "HASH MISMATCH: IR-1 E1");
	tt_assert_shows(f, "Evidence 1, 1 MISMATCH");
	line = tt_line(f, "E1   NVMe");
	assert_non_null(strstr(line, "MISMATCH"));
	free(line);
	tt_close(&f);
}

static void
test_alive_while_hashing_and_cancel(void **state)
{
	struct tt	*f = tt_open();
	char		 path[256], cmd[400];

	(void)state;
	snprintf(path, sizeof path, "%s/big.img", f->dir);
	snprintf(cmd, sizeof cmd, "truncate -s 64M '%s'", path);
	assert_int_equal(system(cmd), 0);
	setenv("VIGIL_HASH_LIMIT", "8388608", 1);	/* 8 s for 64 MiB */
	tt_start(f, 132, 43);
	te_evidence_pane(f);
	snprintf(cmd, sizeof cmd, "evidence add %s slow disk image", path);
	tt_key(f, ':');
	tt_type(f, cmd);
	tt_key(f, '\r');
	assert_true(pane_evidence_busy(f->t));
	tui_session_tick(f->t);
	tui_session_tick(f->t);
	tt_assert_shows(f, "hashing big.img");
	tt_assert_shows(f, "of 64.0 MiB,");
	tt_assert_shows(f, "left");
	/* the console answers keys meanwhile */
	tt_key(f, '?');
	tt_assert_shows(f, "Keys in the evidence pane");
	tt_key(f, 27);
	tt_assert_shows(f, "> Evidence 0");
	/* a second hash is refused while one runs */
	tt_key(f, 'I');
	tt_type(f, path);
	tt_key(f, '\r');
	tt_type(f, "again");
	tt_key(f, '\r');
	tt_assert_shows(f, "A file is already being hashed");
	tt_key(f, ':');
	tt_type(f, "evidence cancel");
	tt_key(f, '\r');
	tt_assert_shows(f, "Hashing stopped; nothing recorded.");
	assert_false(pane_evidence_busy(f->t));
	tui_session_tick(f->t);
	tt_assert_shows(f, "Evidence 0");
	tt_assert_hides(f, "hashing big.img");
	unsetenv("VIGIL_HASH_LIMIT");
	tt_close(&f);
}

static void
test_comms_refused_and_hostile_inert(void **state)
{
	struct tt		*f = tt_open();
	struct evidence_new	 in;
	struct evidence_outcome	 out;
	struct verr		 e;
	char			 id[CUSTODY_ID_MAX];

	(void)state;
	memset(&in, 0, sizeof in);
	in.description = "Evil \033[2J\033]0;pwned\007 desc \xe2\x80\xae";
	in.sha256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934c"
	    "a495991b7852b855";
	in.has_size = true;
	if (ops_evidence_add(&f->ctx, "IR-1", &in, id, &e) != 0)
		fail_msg("add: %s", e.msg);
	if (ops_evidence_transfer(&f->ctx, "IR-1", "E1",
	    "Mallory \033[31mLtd\033[0m", "x", NULL, &out, &e) != 0)
		fail_msg("transfer: %s", e.msg);
	/* carol holds comms on IR-1: refused before any prompt */
	f->ctx.me = tt_actor("carol", 5002);
	tt_start(f, 132, 43);
	te_evidence_pane(f);
	tt_assert_shows(f, "E1   Evil ");
	tt_assert_hides(f, "\033");
	tt_assert_hides(f, "\xe2\x80\xae");
	tt_assert_shows(f, "Mallory \xe2\x90\x9b[31m");	/* ␛ shown */
	tt_key(f, 'I');
	tt_assert_shows(f, "Not permitted: to register evidence on IR-1 is "
	    "for the incident's forensics or sim, or an administrator.");
	tt_key(f, 't');
	tt_assert_shows(f, "Not permitted: to transfer custody of evidence");
	tt_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register_check_transfer),
		cmocka_unit_test(test_alive_while_hashing_and_cancel),
		cmocka_unit_test(test_comms_refused_and_hostile_inert),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
