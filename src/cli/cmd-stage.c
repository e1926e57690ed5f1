/*
 * cmd-stage.c: vigil stage KEY STAGE — move an incident through
 * detect, assess, diagnose, stabilize.
 */
#include "cli-private.h"

static int
cmd_stage(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct text_opt	o[] = { { "reason", NULL } };
	enum stage	s;

	if (cli_simple(cli, argc, argv, 2, 2, o, 1, e) != 0)
		return -1;
	if (stage_parse(argv[optind + 1], &s) != 0 || s == STAGE_CLOSE)
		return cli_usage(cli, e, "unknown stage '%s' (detect assess "
		    "diagnose stabilize; use 'vigil close' to close)",
		    argv[optind + 1]);
	return ops_stage(&cli->ctx, argv[optind], s, o[0].value, e);
}

const struct cmd_entry cmd_stage_entry = {
	"stage", "KEY STAGE [--reason TEXT]", "change an incident's stage",
	"STAGE is detect, assess, diagnose or stabilize. Moving forward one\n"
	"stage is free; skipping ahead or moving back needs --reason.\n"
	"The incident's sim or an administrator may change the stage.\n",
	CMD_DB, cmd_stage
};
