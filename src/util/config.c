/*
 * config.c: reading the configuration file and resolving XDG paths. Paths
 * expand a leading "~/" to the home directory. Unknown keys are errors
 * with the file and line, so a typo is never silently ignored.
 */
#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vigil/buf.h"
#include "vigil/config.h"
#include "vigil/priv.h"
#include "vigil/util.h"

void
config_clear(struct config *cfg)
{
	free(cfg->path);
	free(cfg->db);
	free(cfg->clocks);
	free(cfg->share);
	free(cfg->state_zone);
	memset(cfg, 0, sizeof *cfg);
}

char *
config_home(void)
{
	const char	*h = getenv("HOME");
	struct passwd	*pw;

	if (h != NULL && *h == '/')
		return xstrdup(h);
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir != NULL)
		return xstrdup(pw->pw_dir);
	return xstrdup("/");
}

static char *
xdg_dir(const char *var, const char *fallback)
{
	const char	*x = getenv(var);
	char		*home, *out;

	if (x != NULL && *x == '/') {
		xasprintf(&out, "%s/vigil", x);
		return out;
	}
	home = config_home();
	xasprintf(&out, "%s/%s/vigil", home, fallback);
	free(home);
	return out;
}

char *
config_data_dir(void)
{
	return xdg_dir("XDG_DATA_HOME", ".local/share");
}

char *
config_state_dir(void)
{
	return xdg_dir("XDG_STATE_HOME", ".local/state");
}

int
config_make_private_dir(const char *dir)
{
	char	*p = xstrdup(dir), *s;
	int	 rc = 0;

	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

char *
config_config_dir(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

static char *
expand(const char *v)
{
	char	*home, *out;

	if (strncmp(v, "~/", 2) != 0)
		return xstrdup(v);
	home = config_home();
	xasprintf(&out, "%s/%s", home, v + 2);
	free(home);
	return out;
}

static char *
trim(char *s)
{
	char	*end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

int
config_parse(struct config *cfg, const char *name, const char *text,
    struct verr *e)
{
	char	*copy = xstrdup(text), *line, *next, *eq, *k, *v, *hash;
	int	 lineno = 0;

	for (line = copy; line != NULL; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((hash = strchr(line, '#')) != NULL)
			*hash = '\0';
		k = trim(line);
		if (*k == '\0')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			verr_set(e, VERR_DATA, "%s:%d: expected 'key = value'",
			    name, lineno);
			goto fail;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		if (strcmp(k, "db") == 0) {
			free(cfg->db);
			cfg->db = expand(v);
		} else if (strcmp(k, "clocks") == 0) {
			free(cfg->clocks);
			cfg->clocks = xstrdup(v);
		} else if (strcmp(k, "share") == 0) {
			free(cfg->share);
			cfg->share = expand(v);
		} else if (strcmp(k, "state_zone") == 0) {
			free(cfg->state_zone);
			cfg->state_zone = xstrdup(v);
		} else {
			verr_set(e, VERR_DATA, "%s:%d: unknown setting '%s' "
			    "(known: db, clocks, share, state_zone)", name,
			    lineno, k);
			goto fail;
		}
	}
	free(copy);
	return 0;
fail:
	free(copy);
	return -1;
}

int
config_load(struct config *cfg, struct verr *e)
{
	const char	*env = getenv("VIGIL_CONFIG");
	char		*path, *dir, chunk[4096];
	struct buf	 b;
	FILE		*f;
	size_t		 n;
	int		 rc;

	memset(cfg, 0, sizeof *cfg);
	if (env != NULL && *env != '\0')
		path = xstrdup(env);
	else {
		dir = config_config_dir();
		xasprintf(&path, "%s/config", dir);
		free(dir);
		if (access(path, F_OK) != 0) {
			free(path);
			path = xstrdup("/etc/vigil/config");
		}
	}
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT && (env == NULL || *env == '\0')) {
			free(path);
			return 0;
		}
		verr_set(e, VERR_NOINPUT, "cannot read config %s: %s", path,
		    strerror(errno));
		free(path);
		return -1;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < 1 << 20)
		buf_add(&b, chunk, n);
	fclose(f);
	rc = config_parse(cfg, path, buf_str(&b), e);
	buf_clear(&b);
	if (rc != 0) {
		free(path);
		config_clear(cfg);
		return -1;
	}
	cfg->path = path;
	return 0;
}

char *
config_share_dir(const struct config *cfg)
{
	const char	*env = getenv("VIGIL_SHARE");
	struct stat	 sb;

	/* setgid: the user's config does not choose the rules */
	if (cfg != NULL && cfg->share != NULL && !priv_setgid_mode())
		return xstrdup(cfg->share);
	char		 exe[4096];
	ssize_t		 n;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	/* Installed binary: installed data. Run from a build tree: the
	 * source tree's data, so an old installation never shadows it. */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if (strncmp(exe, VIGIL_INSTALL_BIN "/", strlen(VIGIL_INSTALL_BIN)
		    + 1) != 0 && stat(VIGIL_SOURCE_SHARE "/rules", &sb) == 0)
			return xstrdup(VIGIL_SOURCE_SHARE);
	}
	if (stat(VIGIL_INSTALL_SHARE "/rules", &sb) == 0)
		return xstrdup(VIGIL_INSTALL_SHARE);
	return xstrdup(VIGIL_SOURCE_SHARE);
}
