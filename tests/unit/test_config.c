/*
 * test_config.c: the configuration file ("key = value", "#" comments) and
 * where vigil looks for files. A typo in a key is an error naming the file
 * and line, never silently ignored; "~/" expands to the home directory;
 * XDG variables are honoured only when absolute, as the specification
 * says. Environment variables are set per test and restored.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "vigil/config.h"

static char	tmpdir[] = "/tmp/vigil-test-config-XXXXXX";

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	setenv("HOME", "/home/tester", 1);
	unsetenv("VIGIL_CONFIG");
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
	return 0;
}

static int
teardown(void **state)
{
	char	cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
test_parse_keys_and_comments(void **state)
{
	struct config	cfg;
	struct verr	e;

	(void)state;
	memset(&cfg, 0, sizeof cfg);
	assert_int_equal(config_parse(&cfg, "cfg",
	    "# vigil settings\n"
	    "\n"
	    "   db = /srv/ir/vigil.db   # the team's file\n"
	    "clocks=customer,gdpr-33\n"
	    "\tshare\t=\t/opt/vigil/share\t\n"
	    "# db = /not/this\n"
	    "   \n", &e), 0);
	assert_string_equal(cfg.db, "/srv/ir/vigil.db");
	assert_string_equal(cfg.clocks, "customer,gdpr-33");
	assert_string_equal(cfg.share, "/opt/vigil/share");
	assert_null(cfg.path);
	config_clear(&cfg);
	assert_null(cfg.db);

	/* the last setting of a key wins; no final newline is fine */
	assert_int_equal(config_parse(&cfg, "cfg", "db = /a\ndb = /b", &e), 0);
	assert_string_equal(cfg.db, "/b");
	config_clear(&cfg);

	/* an empty text sets nothing */
	assert_int_equal(config_parse(&cfg, "cfg", "", &e), 0);
	assert_null(cfg.db);
	assert_null(cfg.clocks);
	config_clear(&cfg);
}

static void
test_parse_home_expansion(void **state)
{
	struct config	cfg;
	struct verr	e;

	(void)state;
	memset(&cfg, 0, sizeof cfg);
	assert_int_equal(config_parse(&cfg, "cfg", "db = ~/ir/v.db\n"
	    "share = ~/share\n", &e), 0);
	assert_string_equal(cfg.db, "/home/tester/ir/v.db");
	assert_string_equal(cfg.share, "/home/tester/share");
	config_clear(&cfg);
	/* only a leading "~/" */
	assert_int_equal(config_parse(&cfg, "cfg", "db = /x/~/v.db\n", &e), 0);
	assert_string_equal(cfg.db, "/x/~/v.db");
	config_clear(&cfg);
}

static void
test_parse_errors_name_file_and_line(void **state)
{
	struct config	cfg;
	struct verr	e;

	(void)state;
	memset(&cfg, 0, sizeof cfg);
	verr_clear(&e);
	assert_int_equal(config_parse(&cfg, "/etc/vigil/config",
	    "db = /a\n# fine\n\ndatabase = /b\n", &e), -1);
	assert_int_equal(e.code, VERR_DATA);
	assert_non_null(strstr(e.msg, "/etc/vigil/config:4:"));
	assert_non_null(strstr(e.msg, "database"));
	/* and it says what is known */
	assert_non_null(strstr(e.msg, "db"));
	assert_non_null(strstr(e.msg, "clocks"));
	config_clear(&cfg);

	verr_clear(&e);
	assert_int_equal(config_parse(&cfg, "my.conf", "db = /a\n"
	    "just some words\n", &e), -1);
	assert_int_equal(e.code, VERR_DATA);
	assert_non_null(strstr(e.msg, "my.conf:2:"));
	config_clear(&cfg);

	/* keys are case-sensitive: DB is a typo */
	verr_clear(&e);
	assert_int_equal(config_parse(&cfg, "c", "DB = /a\n", &e), -1);
	assert_non_null(strstr(e.msg, "c:1:"));
	config_clear(&cfg);

	/* a NULL error is allowed */
	assert_int_equal(config_parse(&cfg, "c", "nope = 1\n", NULL), -1);
	config_clear(&cfg);
}

static void
write_file(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_load(void **state)
{
	struct config	cfg;
	struct verr	e;
	char		path[512], dir[256];

	(void)state;
	/* $VIGIL_CONFIG first */
	snprintf(path, sizeof path, "%s/explicit.conf", tmpdir);
	write_file(path, "db = /from/env\n");
	setenv("VIGIL_CONFIG", path, 1);
	assert_int_equal(config_load(&cfg, &e), 0);
	assert_string_equal(cfg.db, "/from/env");
	assert_string_equal(cfg.path, path);
	config_clear(&cfg);

	/* a named file that is missing is an error, not defaults */
	snprintf(path, sizeof path, "%s/missing.conf", tmpdir);
	setenv("VIGIL_CONFIG", path, 1);
	verr_clear(&e);
	assert_int_equal(config_load(&cfg, &e), -1);
	assert_int_equal(e.code, VERR_NOINPUT);
	assert_non_null(strstr(e.msg, "missing.conf"));
	config_clear(&cfg);

	/* a bad file: the error names it, nothing half-loaded */
	snprintf(path, sizeof path, "%s/bad.conf", tmpdir);
	write_file(path, "db = /x\ncolour = red\n");
	setenv("VIGIL_CONFIG", path, 1);
	verr_clear(&e);
	assert_int_equal(config_load(&cfg, &e), -1);
	assert_non_null(strstr(e.msg, "bad.conf:2:"));
	assert_null(cfg.db);
	config_clear(&cfg);

	/* then $XDG_CONFIG_HOME/vigil/config */
	unsetenv("VIGIL_CONFIG");
	snprintf(dir, sizeof dir, "%s/vigil", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof path, "%s/config", dir);
	write_file(path, "clocks = customer\n");
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	assert_int_equal(config_load(&cfg, &e), 0);
	assert_string_equal(cfg.clocks, "customer");
	assert_string_equal(cfg.path, path);
	config_clear(&cfg);
	unlink(path);
	rmdir(dir);

	/* no file anywhere (unless this host has /etc/vigil/config) */
	if (access("/etc/vigil/config", F_OK) != 0) {
		assert_int_equal(config_load(&cfg, &e), 0);
		assert_null(cfg.path);
		assert_null(cfg.db);
		config_clear(&cfg);
	}
	unsetenv("XDG_CONFIG_HOME");
}

static void
test_xdg_dirs(void **state)
{
	char	*s;

	(void)state;
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_CONFIG_HOME");
	s = config_data_dir();
	assert_string_equal(s, "/home/tester/.local/share/vigil");
	free(s);
	s = config_config_dir();
	assert_string_equal(s, "/home/tester/.config/vigil");
	free(s);
	setenv("XDG_DATA_HOME", "/data", 1);
	setenv("XDG_CONFIG_HOME", "/conf", 1);
	s = config_data_dir();
	assert_string_equal(s, "/data/vigil");
	free(s);
	s = config_config_dir();
	assert_string_equal(s, "/conf/vigil");
	free(s);
	/* relative XDG paths are invalid and ignored (XDG spec) */
	setenv("XDG_DATA_HOME", "relative/dir", 1);
	s = config_data_dir();
	assert_string_equal(s, "/home/tester/.local/share/vigil");
	free(s);
	setenv("XDG_DATA_HOME", "", 1);
	s = config_data_dir();
	assert_string_equal(s, "/home/tester/.local/share/vigil");
	free(s);
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_CONFIG_HOME");

	/* a relative or missing $HOME falls back to the password entry */
	setenv("HOME", "not/absolute", 1);
	s = config_home();
	assert_true(s[0] == '/');
	free(s);
	unsetenv("HOME");
	s = config_home();
	assert_true(s[0] == '/');
	free(s);
	setenv("HOME", "/home/tester", 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_keys_and_comments),
		cmocka_unit_test(test_parse_home_expansion),
		cmocka_unit_test(test_parse_errors_name_file_and_line),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_xdg_dirs),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
