/*
 * cmd-assign.c: vigil assign KEY ROLE LOGIN — give a role to a person
 * (handing it over from its current holder, if any).
 */
#include "cli-private.h"

static int
cmd_assign(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct text_opt	o[] = { { "note", NULL } };
	enum role	r;

	if (cli_simple(cli, argc, argv, 3, 3, o, 1, e) != 0)
		return -1;
	if (role_parse(argv[optind + 1], &r) != 0)
		return cli_usage(cli, e, "unknown role '%s' (triage sim "
		    "forensics service eim comms support)", argv[optind + 1]);
	return ops_assign(&cli->ctx, argv[optind], r, argv[optind + 2],
	    o[0].value, e);
}

const struct cmd_entry cmd_assign_entry = {
	"assign", "KEY ROLE LOGIN [--note TEXT]",
	"give a role on an incident to a qualified person",
	"ROLE is one of triage sim forensics service eim comms support.\n"
	"If someone holds the role, it is handed over; --note is the hand-off\n"
	"note. The incident's sim or an administrator may assign; the triage\n"
	"holder may assign the sim. LOGIN must be on the roster and qualified\n"
	"for ROLE.\n",
	CMD_DB, cmd_assign
};
