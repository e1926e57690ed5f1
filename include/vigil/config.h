/*
 * config.h: the configuration file ("key = value" lines, "#" comments) and
 * where files live (XDG base directories). Looked for in $VIGIL_CONFIG,
 * else $XDG_CONFIG_HOME/vigil/config, else /etc/vigil/config; a missing file
 * means built-in defaults.
 */
#ifndef VIGIL_CONFIG_H
#define VIGIL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "vigil/verr.h"

struct config {
	char	*path;		/* the file read, or NULL */
	char	*db;		/* db = PATH */
	char	*clocks;	/* clocks = customer,gdpr-33 */
	char	*share;		/* share = DIR (shipped data) */
	char	*state_zone;	/* state_zone = Europe/Helsinki: the member
				   state's zone for NIS2, DORA and CRA clocks */
};

void	config_clear(struct config *);
/* Parse text (from file name `name`, for messages) into cfg. */
int	config_parse(struct config *, const char *name, const char *text,
	    struct verr *);
/* Find and read the config file; no file is not an error. */
int	config_load(struct config *, struct verr *);

/* $HOME, else the password database's home; owned. */
char	*config_home(void);
/* $XDG_DATA_HOME/vigil or ~/.local/share/vigil; owned. */
char	*config_data_dir(void);
/* $XDG_STATE_HOME/vigil (default ~/.local/state/vigil); malloc'd. */
char	*config_state_dir(void);
/* mkdir -p dir, each new level mode 0700 (the user's own state); -1 with
 * errno when a level cannot be made. */
int	 config_make_private_dir(const char *dir);
/* $XDG_CONFIG_HOME/vigil or ~/.config/vigil; owned. */
char	*config_config_dir(void);
/*
 * The directory of shipped data (rules, calendars, templates): the config's
 * share, else $VIGIL_SHARE, else the source tree when run from a build tree,
 * else the installed one. Owned.
 */
char	*config_share_dir(const struct config *);

#endif
