/*
 * ops-load.h: reading rule, calendar and time zone files from disk for the
 * pure parsers of the model (rules.h, tz.h), and the context's ruleset,
 * loaded on first use. src/ops/ruleset-load.c and src/ops/tz-load.c.
 */
#ifndef VIGIL_OPS_LOAD_H
#define VIGIL_OPS_LOAD_H

#include <stddef.h>

#include "vigil/rules.h"
#include "vigil/tz.h"
#include "vigil/verr.h"

struct vigil_ctx;

/*
 * Load rules and calendars from a list of base directories (borrowed),
 * each holding a rules directory (*.rules files) and a calendars
 * directory (*.cal files), in order: the shipped
 * directory first, then e.g. $XDG_CONFIG_HOME/vigil. A file in a later
 * directory replaces the file of the same name in an earlier one. Files are
 * read in name order; a missing directory is skipped; a broken file does
 * not stop the others. Then loads zones (ruleset_load_zones) and checks
 * references (ruleset_check). Always stores a ruleset in *out (owned by the
 * caller); returns 0, or -1 when errors were recorded in (*out)->errors.
 */
int		 ruleset_load_dirs(const char *const *dirs, size_t n,
		     const char *zoneinfo_dir, struct ruleset **out);

/*
 * Load the zone of every rule that names one from zoneinfo_dir (NULL:
 * TZ_ZONEINFO_DIR), once each. A zone that cannot be loaded is an error
 * at the rule's file and line; its clocks then evaluate to CLOCK_ERROR.
 * Returns the number of errors added.
 */
int		 ruleset_load_zones(struct ruleset *rs,
		     const char *zoneinfo_dir);

/*
 * Read and parse dir/name (dir NULL: TZ_ZONEINFO_DIR). Returns 0 and a new
 * zone in *out, or -1 with a message in e when the name is unsafe, the file
 * cannot be read, or it is not TZif.
 */
int		 tz_load(const char *dir, const char *name, struct tz **out,
		     struct verr *e);

/* The context's ruleset (loaded on first use; errors are inside it). */
const struct ruleset *ops_rules(struct vigil_ctx *);

#endif
