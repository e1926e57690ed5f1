/*
 * cli-private.h: what the command files of src/cli share: the command
 * table entry, the per-run state, and output helpers. Every command is one
 * file cmd-NAME.c defining one `struct cmd_entry`.
 */
#ifndef VIGIL_CLI_PRIVATE_H
#define VIGIL_CLI_PRIVATE_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "vigil/buf.h"
#include "vigil/config.h"
#include "vigil/ops.h"
#include "vigil/verr.h"

enum cmd_flags {
	CMD_DB = 1,		/* needs the database open */
	CMD_CREATE = 2,		/* may create the database */
	CMD_OPENS = 4,		/* opens it itself, with cli_open() */
	CMD_READ = 8,		/* only reads: opens the file read-only */
};

struct cli {
	struct vigil_ctx	 ctx;
	struct config		 cfg;
	char			*db_path;	/* resolved */
	bool			 db_explicit;	/* --db or $VIGIL_DB */
	char			*db_source;	/* where db_path came from */
	bool			 db_flag;	/* --db itself */
	char			*share_dir;	/* shipped data */
	char			*user_dir;	/* $XDG_CONFIG_HOME/vigil */
	bool			 created;	/* the database is new */
	bool			 ascii;		/* the locale is not UTF-8 */
	const struct cmd_entry	*cmd;
};

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* after "vigil NAME " */
	const char	*summary;	/* one line */
	const char	*help;		/* paragraphs after the usage */
	int		 flags;
	/* argv[0] is the command name; options not yet parsed. */
	int		(*run)(struct cli *, int argc, char **argv,
			    struct verr *);
};

/* The command table (cmd.c). */
const struct cmd_entry	*cmd_find(const char *name);
void			 cmd_print_list(FILE *);
void			 cmd_print_help(FILE *, const struct cmd_entry *);

/*
 * Parse the command's options with getopt_long. Returns the option char,
 * -1 at the end, or -2 after setting e for an unknown option or a missing
 * argument. Positional arguments are left in argv[optind..].
 */
int	cli_getopt(struct cli *, int argc, char **argv, const char *shortopts,
	    const struct option *longopts, struct verr *);
/* Exactly n positional arguments remain, else a usage error. */
int	cli_positional(struct cli *, int argc, char **argv, int min, int max,
	    struct verr *);
/*
 * The common shape of the small commands: positional arguments (min..max)
 * and at most two text options (--NAME TEXT), NULL when not given. Leaves
 * the positionals at argv[optind..].
 */
struct text_opt {
	const char	*name;	/* "note", "reason", "at", ... */
	const char	*value;	/* out */
};
int	cli_simple(struct cli *, int argc, char **argv, int min, int max,
	    struct text_opt *opts, size_t nopts, struct verr *);

/*
 * Open (create) the database at cli->db_path with the setgid group, if
 * installed so, then lower it; a CMD_OPENS command calls priv_drop()
 * before it does anything as the user.
 */
int	cli_open(struct cli *, bool create, struct verr *);

/* A usage error naming the command. */
int	cli_usage(struct cli *, struct verr *, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* Print text from the database or input, sanitized, then a newline. */
void	cli_puts_clean(struct cli *, FILE *, const char *raw);
/* Say on stderr that the journal differs from what this person saw. */
void	cli_warn_witness(struct cli *);
/* Print raw text sanitized and fitted to `cells` (padded when pad). */
void	cli_put_cell(struct cli *, FILE *, const char *raw, int cells,
	    bool pad);
/* Parse a TIME argument (ISO 8601 with zone, or "now"). */
int	cli_time(struct cli *, const char *what, const char *s, int64_t *t,
	    int *offset_s, struct verr *);
/* Print a JSON document built in b (pretty) and a newline. */
void	cli_print_json(struct buf *b);

extern const struct cmd_entry cmd_clocks_entry;
extern const struct cmd_entry cmd_demo_entry;
extern const struct cmd_entry cmd_digest_entry;
extern const struct cmd_entry cmd_rules_entry;
extern const struct cmd_entry cmd_init_entry;
extern const struct cmd_entry cmd_new_entry;
extern const struct cmd_entry cmd_list_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_assign_entry;
extern const struct cmd_entry cmd_release_entry;
extern const struct cmd_entry cmd_stage_entry;
extern const struct cmd_entry cmd_note_entry;
extern const struct cmd_entry cmd_milestone_entry;
extern const struct cmd_entry cmd_declare_entry;
extern const struct cmd_entry cmd_retract_entry;
extern const struct cmd_entry cmd_close_entry;
extern const struct cmd_entry cmd_roster_entry;
extern const struct cmd_entry cmd_journal_entry;
extern const struct cmd_entry cmd_verify_entry;
extern const struct cmd_entry cmd_anchor_entry;
extern const struct cmd_entry cmd_recipient_entry;
extern const struct cmd_entry cmd_bulletin_entry;
extern const struct cmd_entry cmd_review_entry;
extern const struct cmd_entry cmd_repair_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_set_entry;
extern const struct cmd_entry cmd_pickup_entry;
extern const struct cmd_entry cmd_evidence_entry;
extern const struct cmd_entry cmd_plan_entry;
extern const struct cmd_entry cmd_task_entry;

/* Write data to path atomically: a temporary file renamed (cmd-export.c). */
int	export_write(const char *path, const char *data, size_t len,
	    struct verr *);
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_inbox_entry;
extern const struct cmd_entry cmd_suppress_entry;
extern const struct cmd_entry cmd_alert_entry;

/* Print JSON with every non-ASCII character escaped (cli-json.c). */
void	cli_print_json_ascii(struct buf *b);

#endif
