/*
 * cmd-pickup.c: vigil pickup KEY ROLE — take the vacant triage or sim
 * role of an incident for oneself.
 */
#include "cli-private.h"
#include "vigil/ops-team.h"

static int
cmd_pickup(struct cli *cli, int argc, char **argv, struct verr *e)
{
	enum role	r;

	if (cli_simple(cli, argc, argv, 2, 2, NULL, 0, e) != 0)
		return -1;
	if (role_parse(argv[optind + 1], &r) != 0)
		return cli_usage(cli, e, "'%s' is not a role (triage or sim "
		    "can be picked up)", argv[optind + 1]);
	return ops_pickup(&cli->ctx, argv[optind], r, e);
}

const struct cmd_entry cmd_pickup_entry = {
	"pickup", "KEY triage|sim",
	"take an incident's vacant triage or sim role yourself",
	"Where nobody holds the incident's triage (or sim) role, someone the\n"
	"roster qualifies for it may take it. Journaled. To hand a held role\n"
	"to someone else, the holder or the sim uses 'vigil assign'.\n",
	CMD_DB, cmd_pickup
};
