/*
 * cmd-retract.c: vigil retract KEY --reason TEXT — withdraw a breach
 * declaration (both acts stay in the record).
 */
#include "cli-private.h"

static int
cmd_retract(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct text_opt	o[] = { { "reason", NULL } };

	if (cli_simple(cli, argc, argv, 1, 1, o, 1, e) != 0)
		return -1;
	if (o[0].value == NULL)
		return cli_usage(cli, e, "a retraction needs --reason");
	return ops_retract(&cli->ctx, argv[optind], o[0].value, e);
}

const struct cmd_entry cmd_retract_entry = {
	"retract", "KEY --reason TEXT", "retract a breach declaration",
	"Only the incident's current eim may retract. The declaration and the\n"
	"retraction both stay in the milestones and the journal.\n",
	CMD_DB, cmd_retract
};
