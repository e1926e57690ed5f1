/*
 * cmd-release.c: vigil release KEY ROLE — leave a role vacant.
 */
#include "cli-private.h"

static int
cmd_release(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct text_opt	o[] = { { "note", NULL } };
	enum role	r;

	if (cli_simple(cli, argc, argv, 2, 2, o, 1, e) != 0)
		return -1;
	if (role_parse(argv[optind + 1], &r) != 0)
		return cli_usage(cli, e, "unknown role '%s'", argv[optind + 1]);
	return ops_release(&cli->ctx, argv[optind], r, o[0].value, e);
}

const struct cmd_entry cmd_release_entry = {
	"release", "KEY ROLE [--note TEXT]", "end the current tenure of a role",
	"The holder's tenure ends now; the role is vacant until assigned.\n",
	CMD_DB, cmd_release
};
