/*
 * tuitest.h: what the in-process console tests share. A fresh database in
 * its own directory, filled through the real ops functions with a pinned
 * clock (2026-11-22T08:50:00Z) so countdowns are exact; the console on a
 * headless ncurses screen (newterm on xterm-256color, output to a file
 * the test may read back); golden screens under tests/tui/golden/, which
 * VIGIL_UPDATE_GOLDEN=1 rewrites. Header-only: each test is its own
 * executable.
 */
#ifndef VIGIL_TUITEST_H
#define VIGIL_TUITEST_H

#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../src/tui/tui-private.h"
#include "vigil/ops.h"
#include "vigil/store.h"
#include "vigil/util.h"

/* 2026-11-22T08:50:00Z */
#define TT_T0 1795337400
#define TT_HOUR 3600

static int64_t	tt_now = TT_T0;

static inline int64_t
tt_clock(void)
{
	return tt_now;
}

struct tt {
	char		 dir[64];
	char		 path[128];
	char		 out_path[160];
	struct vigil_ctx ctx;
	FILE		*out;
	FILE		*in;
	struct tui	*t;
};

static inline struct actor
tt_actor(const char *login, int64_t uid)
{
	struct actor	a;

	memset(&a, 0, sizeof a);
	a.uid = uid;
	snprintf(a.login, sizeof a.login, "%s", login);
	return a;
}

/* A fresh, empty database created by alice (its administrator). */
static inline struct tt *
tt_open_empty(void)
{
	struct tt	*f = calloc(1, sizeof *f);
	struct verr	 e;
	bool		 created = false;

	assert_non_null(f);
	setenv("TZ", "UTC", 1);
	tzset();
	unsetenv("NO_COLOR");
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "C.utf8");
	tt_now = TT_T0;
	snprintf(f->dir, sizeof f->dir, "/tmp/vigil-tui-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/vigil.db", f->dir);
	snprintf(f->out_path, sizeof f->out_path, "%s/pty.out", f->dir);
	f->ctx.me = tt_actor("alice", 5000);
	f->ctx.clock_now = tt_clock;
	f->ctx.default_clocks = "customer";
	if (ops_open(&f->ctx, f->path, true, &created, &e) != 0)
		fail_msg("ops_open: %s", e.msg);
	return f;
}

static inline void
tt_person(struct tt *f, const char *login, unsigned roles)
{
	struct roster_entry	re;
	struct verr		e;

	memset(&re, 0, sizeof re);
	re.login = login;
	re.has_roles = true;
	re.roles = roles;
	if (ops_roster_add(&f->ctx, &re, &e) != 0)
		fail_msg("roster add %s: %s", login, e.msg);
}

static inline void
tt_new(struct tt *f, const char *title, int sev)
{
	struct incident_new	in;
	struct verr		e;
	char			key[INCIDENT_KEY_MAX];

	memset(&in, 0, sizeof in);
	in.title = title;
	in.severity = sev;
	in.kind = KIND_SECURITY;
	if (ops_incident_new(&f->ctx, &in, key, &e) != 0)
		fail_msg("new %s: %s", title, e.msg);
}

static inline void
tt_assign(struct tt *f, const char *key, enum role r, const char *login)
{
	struct verr	e;

	if (ops_assign(&f->ctx, key, r, login, NULL, &e) != 0)
		fail_msg("assign %s %s: %s", key, login, e.msg);
}

/* Declare `hours_ago` hours before now (alice must be the EIM). */
static inline void
tt_declare(struct tt *f, const char *key, int hours_ago)
{
	struct verr	e;

	if (ops_declare(&f->ctx, key, "customer data accessed", true,
	    tt_now - (int64_t)hours_ago * TT_HOUR, 0, &e) != 0)
		fail_msg("declare %s: %s", key, e.msg);
}

/*
 * The standard scene: four open incidents, two declared (IR-2 with 2 h
 * left: critical; IR-1 with 12 h left: warn), roles on IR-1.
 */
static inline struct tt *
tt_open(void)
{
	struct tt	*f = tt_open_empty();

	tt_person(f, "bob", ROLE_BIT(ROLE_SIM) | ROLE_BIT(ROLE_FORENSICS));
	tt_person(f, "carol", ROLE_BIT(ROLE_EIM) | ROLE_BIT(ROLE_COMMS));
	tt_person(f, "dave", ROLE_BIT(ROLE_FORENSICS) |
	    ROLE_BIT(ROLE_SUPPORT));
	tt_new(f, "Ransomware on file-srv-3", 1);
	tt_new(f, "Okta admin token misuse", 1);
	tt_new(f, "Phishing wave, finance", 2);
	tt_new(f, "Exposed storage bucket", 3);
	tt_assign(f, "IR-1", ROLE_SIM, "bob");
	tt_assign(f, "IR-1", ROLE_FORENSICS, "dave");
	tt_assign(f, "IR-1", ROLE_EIM, "alice");
	tt_assign(f, "IR-1", ROLE_COMMS, "carol");
	tt_assign(f, "IR-2", ROLE_EIM, "alice");
	tt_assign(f, "IR-2", ROLE_SIM, "alice");
	tt_declare(f, "IR-1", 60);
	tt_declare(f, "IR-2", 70);
	return f;
}

/* Start the console on a headless cols x rows screen. */
static inline void
tt_start(struct tt *f, int cols, int rows)
{
	struct tui_options	opt;
	struct verr		e;

	memset(&opt, 0, sizeof opt);
	f->out = fopen(f->out_path, "w+");
	f->in = fopen("/dev/null", "r");
	assert_non_null(f->out);
	assert_non_null(f->in);
	f->t = tui_session_open(&f->ctx, &opt, "xterm-256color", f->out,
	    f->in, cols, rows, &e);
	if (f->t == NULL)
		fail_msg("session: %s", e.msg);
}

static inline void
tt_close(struct tt **fp)
{
	struct tt	*f = *fp;
	char		 cmd[160];

	if (f == NULL)
		return;
	tui_session_close(&f->t);
	if (f->out != NULL)
		fclose(f->out);
	if (f->in != NULL)
		fclose(f->in);
	ops_close(&f->ctx);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(f);
	*fp = NULL;
}

static inline void
tt_key(struct tt *f, int key)
{
	tui_session_key(f->t, key, false);
}

static inline void
tt_keycode(struct tt *f, int key)
{
	tui_session_key(f->t, key, true);
}

static inline void
tt_type(struct tt *f, const char *s)
{
	tui_session_type(f->t, s);
}

/* Does the screen contain s? On failure, print the screen. */
static inline bool
tt_shows(struct tt *f, const char *s)
{
	char	*scr = tui_session_screen(f->t);
	bool	 ok = strstr(scr, s) != NULL;

	free(scr);
	return ok;
}

static inline void
tt_assert_shows(struct tt *f, const char *s)
{
	char	*scr = tui_session_screen(f->t);
	bool	 shown = strstr(scr, s) != NULL;

	if (!shown)
		printf("---- screen ----\n%s---- expected to contain: %s\n",
		    scr, s);
	free(scr);	/* once: cmocka's fail_msg is not marked noreturn */
	if (!shown)
		fail_msg("screen does not show \"%s\"", s);
}

static inline void
tt_assert_hides(struct tt *f, const char *s)
{
	char	*scr = tui_session_screen(f->t);
	bool	 shown = strstr(scr, s) != NULL;

	if (shown)
		printf("---- screen ----\n%s---- expected not to contain: %s\n",
		    scr, s);
	free(scr);
	if (shown)
		fail_msg("screen shows \"%s\"", s);
}

/* The line of the screen that contains s, or "" (owned). */
static inline char *
tt_line(struct tt *f, const char *s)
{
	char	*scr = tui_session_screen(f->t), *p, *e, *line;

	if ((p = strstr(scr, s)) == NULL) {
		free(scr);
		return strdup("");
	}
	while (p > scr && p[-1] != '\n')
		p--;
	e = strchr(p, '\n');
	line = strndup(p, e != NULL ? (size_t)(e - p) : strlen(p));
	free(scr);
	return line;
}

/* Compare the screen with tests/tui/golden/<name>.txt. */
static inline void
tt_golden(struct tt *f, const char *name)
{
	char		 path[512], *scr, *want;
	const char	*src = __FILE__, *slash = strrchr(src, '/');
	const char	*up = getenv("VIGIL_UPDATE_GOLDEN");
	FILE		*fp;
	long		 len;

	snprintf(path, sizeof path, "%.*s/golden/%s.txt",
	    slash != NULL ? (int)(slash - src) : 1,
	    slash != NULL ? src : ".", name);
	scr = tui_session_screen(f->t);
	if (up != NULL && strcmp(up, "1") == 0) {
		assert_non_null(fp = fopen(path, "w"));
		fputs(scr, fp);
		fclose(fp);
		free(scr);
		return;
	}
	if ((fp = fopen(path, "r")) == NULL) {
		printf("---- screen ----\n%s", scr);
		free(scr);
		fail_msg("no golden %s (VIGIL_UPDATE_GOLDEN=1 writes it)",
		    path);
	}
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	want = calloc(1, (size_t)len + 1);
	assert_non_null(want);
	assert_int_equal(fread(want, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	if (strcmp(want, scr) != 0) {
		printf("---- screen ----\n%s---- golden %s ----\n%s", scr,
		    path, want);
		free(want);
		free(scr);
		fail_msg("screen differs from golden %s", name);
	}
	free(want);
	free(scr);
}

#endif
