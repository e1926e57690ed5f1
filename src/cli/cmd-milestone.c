/*
 * cmd-milestone.c: vigil milestone KEY NAME — record a step of the
 * notification ladder or a clock trigger.
 */
#include "cli-private.h"

static int
cmd_milestone(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct text_opt	o[] = { { "at", NULL }, { "note", NULL } };
	int64_t		at = 0;
	int		off = 0;

	if (cli_simple(cli, argc, argv, 2, 2, o, 2, e) != 0)
		return -1;
	if (o[0].value != NULL && cli_time(cli, "--at", o[0].value, &at, &off,
	    e) != 0)
		return -1;
	return ops_milestone(&cli->ctx, argv[optind], argv[optind + 1],
	    o[0].value != NULL, at, off, o[1].value, e);
}

const struct cmd_entry cmd_milestone_entry = {
	"milestone", "KEY NAME [--at TIME] [--note TEXT]",
	"record when a milestone happened",
	"NAME is a ladder step (event_started detected oncall_engaged\n"
	"response_engaged incident_confirmed impact_determined\n"
	"customers_determined customers_notified), a clock trigger (aware\n"
	"classified_major materiality_determined discovered ransom_paid\n"
	"assessed_notifiable handled) or sent:RULE. --at is when it happened\n"
	"(default now); ladder steps are recorded once each, in order.\n"
	"Holders of a role on the incident, or an administrator, may record.\n",
	CMD_DB, cmd_milestone
};
