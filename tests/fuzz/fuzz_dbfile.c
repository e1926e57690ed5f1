/*
 * fuzz_dbfile.c: libFuzzer harness for hostile database files. The input
 * is a whole database file (the seeds in corpus/dbfile/ are real vigil
 * databases, vacuumed to 512-byte pages to keep them small; libFuzzer
 * mutates their bytes). It is written to a scratch file and put through
 * what a reader does: open, list the incidents (as `list --json` does,
 * clocks evaluated), show each (its milestones, notes, recipients,
 * journal), verify the chain and the record. An input whose last byte is
 * odd is opened read-only, any other for writing (which may upgrade its
 * schema): one open an input, because an open costs about as much as all
 * the rest, and mutations flip that bit often enough to explore both.
 * Properties beyond "no crash, no sanitizer report": every refusal comes
 * with a message, and the JSON written is valid UTF-8 that the sanitizer
 * leaves unchanged (nothing for a terminal to interpret).
 *
 * Built with -DVIGIL_LIBFUZZER for libFuzzer; otherwise main() replays the
 * files named on the command line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fuzzcheck.h"
#include "vigil/buf.h"
#include "vigil/ops-clock-eval.h"
#include "vigil/ops-present.h"
#include "vigil/ops.h"
#include "vigil/sanitize.h"
#include "vigil/store-notify.h"
#include "vigil/store.h"

static char	 dbpath[64];

static int64_t
fuzz_clock(void)
{
	return 1795337400;	/* 2026-11-22T08:50:00Z */
}

/* Remove the scratch file and its companions. */
static void
scratch_clear(void)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	char	p[80];
	size_t	i;

	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		snprintf(p, sizeof p, "%s%s", dbpath, sfx[i]);
		(void)unlink(p);
	}
}

static void
check_json(struct buf *b)
{
	char	*clean;

	clean = sanitize(buf_str(b), SAN_MULTILINE);
	CHECK(strcmp(clean, buf_str(b)) == 0);
	free(clean);
}

/* What `list --json` and `show --json` read, for every incident. */
static void
read_all(struct vigil_ctx *ctx)
{
	struct incident_query	 q = { .set = INCIDENTS_ALL, .limit = 50 };
	struct journal_query	 jq = { .limit = 50 };
	struct journal_check	 jc;
	struct incident		*v = NULL, inc;
	struct milestone	*ms = NULL;
	struct note		*notes = NULL;
	struct recipient	*rcp = NULL;
	struct journal_entry	*je = NULL;
	struct clock_view	*cv = NULL;
	struct verr		 e;
	struct buf		 b;
	struct json		 j;
	size_t			 n = 0, i, nms, nn, nrcp, ncv, nje;

	verr_clear(&e);
	if (incidents_list(ctx->db, &q, &v, &n, &e) != 0)
		CHECK(e.msg[0] != '\0');
	buf_init(&b);
	for (i = 0; i < n; i++) {
		nms = nn = nrcp = ncv = 0;
		if (incidents_get(ctx->db, v[i].id, &inc, &e) != 0)
			continue;
		if (milestones_list(ctx->db, inc.id, &ms, &nms, &e) == 0 &&
		    notes_list(ctx->db, inc.id, 20, &notes, &nn, &e) == 0 &&
		    recipients_list(ctx->db, inc.id, &rcp, &nrcp, &e) == 0 &&
		    ops_clocks_eval(ctx, &inc, ms, nms, fuzz_clock(), &cv, &ncv,
		    &e) == 0) {
			buf_reset(&b);
			json_init(&j, &b, true);
			present_incident_json(&j, &inc, ms, nms, cv, ncv, rcp,
			    nrcp, true);
			check_json(&b);
		}
		clock_views_free(&cv, ncv);
		milestone_list_free(&ms, nms);
		note_list_free(&notes, nn);
		recipient_list_free(&rcp, nrcp);
		incident_clear(&inc);
		jq.has_incident = true;
		jq.incident = v[i].id;
		nje = 0;
		if (journal_list(ctx->db, &jq, &je, &nje, &e) == 0)
			journal_list_free(&je, nje);
	}
	buf_clear(&b);
	incident_list_free(&v, n);
	verr_clear(&e);
	if (journal_verify(ctx->db, false, &jc, &e) != 0)
		CHECK(e.msg[0] != '\0');
}

static void
one_open(bool read_only)
{
	struct vigil_ctx	 ctx;
	struct verr		 e;

	memset(&ctx, 0, sizeof ctx);
	snprintf(ctx.me.login, sizeof ctx.me.login, "fuzz");
	ctx.me.uid = 4242;
	ctx.clock_now = fuzz_clock;
	ctx.default_clocks = "customer";
	ctx.read_only = read_only;
	verr_clear(&e);
	if (ops_open(&ctx, dbpath, false, NULL, &e) != 0) {
		/* (bytes from the file in it are the front end's to clean) */
		CHECK(e.msg[0] != '\0');
		ops_close(&ctx);
		return;
	}
	read_all(&ctx);
	ops_close(&ctx);
}

int	LLVMFuzzerInitialize(int *, char ***);

/* vigil is one thread; so is the harness (as db.c sets it for vigil). */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	(void)sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE	*f;

	if (dbpath[0] == '\0')
		snprintf(dbpath, sizeof dbpath, "%s/vigil-fuzz-%ld.db",
		    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp",
		    (long)getpid());
	scratch_clear();
	if ((f = fopen(dbpath, "wb")) == NULL)
		return 0;
	if (size > 0 && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return 0;
	}
	fclose(f);
	/* one open an input (each costs about as much as everything else) */
	one_open(size > 0 && (data[size - 1] & 1) != 0);
	scratch_clear();
	return 0;
}

#ifndef VIGIL_LIBFUZZER
int
main(int argc, char **argv)
{
	LLVMFuzzerInitialize(&argc, &argv);
	return fuzz_replay(argc, argv, 4 << 20);
}
#endif
