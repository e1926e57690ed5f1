/*
 * ruleset-load.c: the rules, calendars and zones read from disk into the
 * model's parsers (src/model/rules.c, calendar.c, tz.c), which are pure.
 * Also the context's ruleset, loaded on first use (ops_rules).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/ops-load.h"
#include "vigil/ops.h"
#include "vigil/tz.h"
#include "vigil/util.h"
#include "vigil/verr.h"

int
ruleset_load_zones(struct ruleset *rs, const char *zoneinfo_dir)
{
	struct verr	 e;
	struct tz	*z;
	size_t		 i;
	int		 nerr = 0;

	for (i = 0; i < rs->nrules; i++) {
		const struct rule	*r = &rs->rules[i];

		if (r->error != NULL || r->tz == NULL ||
		    ruleset_zone(rs, r->tz) != NULL)
			continue;
		if (tz_load(zoneinfo_dir, r->tz, &z, &e) == -1) {
			/* its clocks stop with this, never run in UTC */
			ruleset_rule_error(rs, i, "%s", e.msg);
			nerr++;
			continue;
		}
		ruleset_add_zone(rs, z);
	}
	return nerr;
}

/* One file to load: its base name decides overrides. */
struct rules_file {
	char	*base;
	char	*path;
};

static int
rules_file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct rules_file *)a)->base,
	    ((const struct rules_file *)b)->base);
}

/* Collect dir/sub/NAME.ext from every dir, later dirs replacing earlier. */
static struct rules_file *
rules_list(const char *const *dirs, size_t n, const char *sub,
    const char *ext, size_t *count)
{
	struct rules_file	*files = NULL;
	struct dirent		*de;
	DIR			*d;
	char			*path;
	size_t			 i, j, nf = 0, len, elen = strlen(ext);

	for (i = 0; i < n; i++) {
		xasprintf(&path, "%s/%s", dirs[i], sub);
		d = opendir(path);
		free(path);
		if (d == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			len = strlen(de->d_name);
			if (de->d_name[0] == '.' || len <= elen ||
			    strcmp(de->d_name + len - elen, ext) != 0)
				continue;
			for (j = 0; j < nf; j++)
				if (strcmp(files[j].base, de->d_name) == 0)
					break;
			if (j == nf) {
				files = xreallocarray(files, nf + 1,
				    sizeof *files);
				files[nf++].base = xstrdup(de->d_name);
			} else
				free(files[j].path);
			xasprintf(&files[j].path, "%s/%s/%s", dirs[i], sub,
			    de->d_name);
		}
		closedir(d);
	}
	if (nf > 1)
		qsort(files, nf, sizeof *files, rules_file_cmp);
	*count = nf;
	return files;
}

/* Read a whole file (at most RULE_FILE_MAX bytes); NULL and an error. */
static char *
rules_read(struct ruleset *rs, const char *path, size_t *len)
{
	FILE	*f;
	char	*data;

	if ((f = fopen(path, "rb")) == NULL) {
		ruleset_error(rs, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	data = xmalloc(RULE_FILE_MAX + 1);
	*len = fread(data, 1, RULE_FILE_MAX + 1, f);
	if (ferror(f) || *len > RULE_FILE_MAX) {
		ruleset_error(rs, path, 0, ferror(f) ? "read error" :
		    "larger than %d bytes", RULE_FILE_MAX);
		fclose(f);
		free(data);
		return NULL;
	}
	fclose(f);
	return data;
}

int
ruleset_load_dirs(const char *const *dirs, size_t n, const char *zoneinfo_dir,
    struct ruleset **out)
{
	struct ruleset		*rs = ruleset_new();
	struct rules_file	*files;
	size_t			 nf, i, len, pass;
	char			*data;

	/* calendars first, so rules can be checked against them */
	for (pass = 0; pass < 2; pass++) {
		files = rules_list(dirs, n, pass == 0 ? "calendars" : "rules",
		    pass == 0 ? ".cal" : ".rules", &nf);
		for (i = 0; i < nf; i++) {
			if ((data = rules_read(rs, files[i].path, &len)) !=
			    NULL) {
				if (pass == 0)
					ruleset_parse_calendar(rs,
					    files[i].path, data, len);
				else
					ruleset_parse_rules(rs, files[i].path,
					    data, len);
				free(data);
			}
			free(files[i].base);
			free(files[i].path);
		}
		free(files);
	}
	ruleset_load_zones(rs, zoneinfo_dir);
	ruleset_check(rs);
	*out = rs;
	return rs->nerrors > 0 ? -1 : 0;
}

const struct ruleset *
ops_rules(struct vigil_ctx *ctx)
{
	const char	*dirs[2];
	size_t		 n = 0;

	if (ctx->rules != NULL)
		return ctx->rules;
	if (ctx->share_dir != NULL)
		dirs[n++] = ctx->share_dir;
	if (ctx->user_dir != NULL)
		dirs[n++] = ctx->user_dir;
	ruleset_load_dirs(dirs, n, NULL, &ctx->rules);
	return ctx->rules;
}
