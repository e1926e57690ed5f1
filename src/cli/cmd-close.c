/*
 * cmd-close.c: vigil close KEY --resolution R — close an incident.
 */
#include "cli-private.h"

static int
cmd_close(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct text_opt	o[] = { { "resolution", NULL }, { "note", NULL } };
	enum resolution	r;

	if (cli_simple(cli, argc, argv, 1, 1, o, 2, e) != 0)
		return -1;
	if (o[0].value == NULL || resolution_parse(o[0].value, &r) != 0)
		return cli_usage(cli, e, "--resolution must be confirmed, "
		    "false-positive, benign or duplicate");
	return ops_incident_close(&cli->ctx, argv[optind], r, o[1].value, e);
}

const struct cmd_entry cmd_close_entry = {
	"close",
	"KEY --resolution confirmed|false-positive|benign|duplicate "
	"[--note TEXT]",
	"close an incident",
	"The incident's sim or an administrator may close it. A declared\n"
	"breach closes only once its customers are notified. A closed incident\n"
	"is a read-only record for the after-action review.\n",
	CMD_DB, cmd_close
};
