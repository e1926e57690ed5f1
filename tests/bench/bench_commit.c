/*
 * bench_commit.c: commit latency under concurrent writers. W processes
 * (default 8), each with its own connection, wait on a pipe, are released
 * together, and each makes K (default 200) ops_note() calls on one open
 * incident -- a full action: BEGIN IMMEDIATE, permission check, insert,
 * journal entry, COMMIT with synchronous=FULL -- timing every call with
 * clock_gettime(CLOCK_MONOTONIC). Prints p50, p90, p99 and max latency and
 * the throughput. A figure, never a pass/fail test.
 *
 * usage: bench-commit --db PATH [--writers W] [--ops K] [--key KEY]
 *            [--go FILE] [--samples FILE] [--raw]
 *
 * For writers as several Unix accounts on one shared file (bench_team.sh),
 * one bench-commit runs per account: --key writes to an existing incident,
 * --go waits (after every writer connected) until FILE exists, so separate
 * runs start together, and --samples appends each latency (ms, one a line)
 * to FILE for percentiles over all of them. --raw is the reference: the
 * same loop as bare SQLite (BEGIN IMMEDIATE, one INSERT, COMMIT, WAL,
 * synchronous=FULL) on its own table, without vigil's checks and journal.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "vigil/ops.h"
#include "vigil/util.h"

static bool	raw_mode;

/* The reference transaction: bare SQLite, one row per commit. */
static int
raw_open(const char *path, sqlite3 **h)
{
	if (sqlite3_open(path, h) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(*h, 5000);
	return sqlite3_exec(*h, "PRAGMA journal_mode=WAL; PRAGMA "
	    "synchronous=FULL; CREATE TABLE IF NOT EXISTS t (id INTEGER "
	    "PRIMARY KEY, writer INTEGER, body TEXT)", NULL, NULL, NULL) ==
	    SQLITE_OK ? 0 : -1;
}

static int
raw_commit(sqlite3 *h, int id, const char *text)
{
	char	sql[160];

	snprintf(sql, sizeof sql, "BEGIN IMMEDIATE; INSERT INTO t (writer, "
	    "body) VALUES (%d, '%s'); COMMIT", id, text);
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "raw commit: %s\n", sqlite3_errmsg(h));
		sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* One writer: connect, say ready, wait for go, time K notes. */
static int
writer(const char *path, const char *key, int id, int k, int go, int ready,
    int out)
{
	struct vigil_ctx	ctx;
	struct verr		e;
	sqlite3			*h = NULL;
	double			*lat = calloc((size_t)k, sizeof *lat), t;
	char			 text[64], c = 'r';
	int			 i, failures = 0;
	size_t			 len = (size_t)k * sizeof *lat;

	memset(&ctx, 0, sizeof ctx);
	ctx.clock_now = ops_system_clock;
	if (raw_mode) {
		if (lat == NULL || raw_open(path, &h) != 0) {
			fprintf(stderr, "writer %d: cannot open %s\n", id, path);
			return 1;
		}
	} else if (lat == NULL || identity_current(&ctx.me, &e) != 0 ||
	    ops_open(&ctx, path, false, NULL, &e) != 0) {
		fprintf(stderr, "writer %d: %s\n", id, e.msg);
		return 1;
	}
	if (write(ready, &c, 1) != 1 || read(go, &c, 1) != 0)
		return 1;
	for (i = 0; i < k; i++) {
		snprintf(text, sizeof text, "bench writer %d note %d", id, i);
		t = now_s();
		if (raw_mode) {
			if (raw_commit(h, id, text) != 0)
				failures++;
		} else if (ops_note(&ctx, key, text, &e) != 0) {
			fprintf(stderr, "writer %d: %s\n", id, e.msg);
			failures++;
		}
		lat[i] = now_s() - t;
	}
	if (raw_mode)
		sqlite3_close(h);
	else
		ops_close(&ctx);
	if (write(out, lat, len) != (ssize_t)len)
		return 1;
	free(lat);
	return failures > 0;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "writers", required_argument, NULL, 'w' },
		{ "ops", required_argument, NULL, 'k' },
		{ "key", required_argument, NULL, 'K' },
		{ "go", required_argument, NULL, 'g' },
		{ "samples", required_argument, NULL, 's' },
		{ "raw", no_argument, NULL, 'r' },
		{ 0 }
	};
	struct vigil_ctx	 ctx;
	struct incident_new	 in = { .title = "commit latency benchmark",
				     .severity = 4 };
	struct verr		 e;
	const char		*path = NULL, *given_key = NULL, *gofile = NULL,
				*samples = NULL;
	char			 key[INCIDENT_KEY_MAX], c;
	long long		 v;
	int			 w = 8, k = 200, i, status, failed = 0;
	int			 go[2], ready[2], (*outp)[2];
	pid_t			*pids;
	double			*all, t0, t1;
	size_t			 n = 0;

	while ((i = getopt_long(argc, argv, "d:w:k:", opts, NULL)) != -1) {
		switch (i) {
		case 'd':
			path = optarg;
			break;
		case 'w':
			if (util_parse_int(optarg, 1, 256, &v) != 0)
				goto usage;
			w = (int)v;
			break;
		case 'k':
			if (util_parse_int(optarg, 1, 1000000, &v) != 0)
				goto usage;
			k = (int)v;
			break;
		case 'K':
			given_key = optarg;
			break;
		case 'g':
			gofile = optarg;
			break;
		case 's':
			samples = optarg;
			break;
		case 'r':
			raw_mode = true;
			break;
		default:
			goto usage;
		}
	}
	if (path == NULL)
		goto usage;

	/* one open incident to write to */
	memset(&ctx, 0, sizeof ctx);
	ctx.clock_now = ops_system_clock;
	if (raw_mode || given_key != NULL)
		snprintf(key, sizeof key, "%s", given_key != NULL ? given_key :
		    "-");
	else if (identity_current(&ctx.me, &e) != 0 ||
	    ops_open(&ctx, path, true, NULL, &e) != 0 ||
	    ops_incident_new(&ctx, &in, key, &e) != 0) {
		fprintf(stderr, "bench-commit: %s\n", e.msg);
		return 1;
	} else
		ops_close(&ctx);

	pids = calloc((size_t)w, sizeof *pids);
	outp = calloc((size_t)w, sizeof *outp);
	all = calloc((size_t)w * (size_t)k, sizeof *all);
	if (pids == NULL || outp == NULL || all == NULL || pipe(go) != 0 ||
	    pipe(ready) != 0)
		return 1;
	for (i = 0; i < w; i++) {
		if (pipe(outp[i]) != 0)
			return 1;
		if ((pids[i] = fork()) < 0)
			return 1;
		if (pids[i] == 0) {
			close(go[1]);
			close(ready[0]);
			close(outp[i][0]);
			_exit(writer(path, key, i, k, go[0], ready[1],
			    outp[i][1]));
		}
		close(outp[i][1]);
	}
	close(go[0]);
	close(ready[1]);
	for (i = 0; i < w; i++)
		if (read(ready[0], &c, 1) != 1)
			return 1;
	while (gofile != NULL && access(gofile, F_OK) != 0)
		usleep(1000);
	t0 = now_s();
	close(go[1]);
	for (i = 0; i < w; i++) {
		size_t	want = (size_t)k * sizeof *all, got = 0;
		ssize_t	r;

		while (got < want && (r = read(outp[i][0],
		    (char *)(all + n) + got, want - got)) > 0)
			got += (size_t)r;
		close(outp[i][0]);
		if (got == want)
			n += (size_t)k;
	}
	for (i = 0; i < w; i++) {
		if (waitpid(pids[i], &status, 0) != pids[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed++;
	}
	t1 = now_s();
	if (n == 0) {
		fprintf(stderr, "bench-commit: no measurements\n");
		return 1;
	}
	if (samples != NULL) {
		FILE	*f = fopen(samples, "a");
		size_t	 j;

		if (f == NULL)
			return 1;
		for (j = 0; j < n; j++)
			fprintf(f, "%.3f\n", all[j] * 1e3);
		fclose(f);
	}
	qsort(all, n, sizeof *all, cmp_double);
	printf("commit latency, %d writers x %d %s: n=%zu  p50 %.2f ms  "
	    "p90 %.2f ms  p99 %.2f ms  max %.2f ms  (%.0f commits/s; %d "
	    "writers with errors)\n", w, k, raw_mode ? "raw sqlite3 commits" :
	    "ops_note", n, all[n / 2] * 1e3,
	    all[n * 90 / 100] * 1e3, all[n * 99 / 100] * 1e3,
	    all[n - 1] * 1e3, (double)n / (t1 - t0), failed);
	free(all);
	free(pids);
	free(outp);
	return failed > 0;
usage:
	fprintf(stderr, "usage: bench-commit --db PATH [--writers W] "
	    "[--ops K] [--key KEY] [--go FILE] [--samples FILE] [--raw]\n");
	return 64;
}
