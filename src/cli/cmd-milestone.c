/*
 * cmd-milestone.c: vigil milestone KEY NAME — record a step of the
 * notification ladder or a clock trigger.
 */
#include "cli-private.h"
#include "vigil/ops-team.h"

static int
cmd_milestone(struct cli *cli, int argc, char **argv, struct verr *e)
{
	static const struct option lo[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "note", required_argument, NULL, 'n' },
		{ "correct", no_argument, NULL, 'c' },
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct text_opt	o[] = { { "at", NULL }, { "note", NULL } };
	const char	*reason = NULL;
	bool		 correct = false;
	int64_t		 at = 0;
	int		 off = 0, c;

	while ((c = cli_getopt(cli, argc, argv, "", lo, e)) != -1) {
		switch (c) {
		case 'a':
			o[0].value = optarg;
			break;
		case 'n':
			o[1].value = optarg;
			break;
		case 'c':
			correct = true;
			break;
		case 'r':
			reason = optarg;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 2, 2, e) != 0)
		return -1;
	if (o[0].value != NULL && cli_time(cli, "--at", o[0].value, &at, &off,
	    e) != 0)
		return -1;
	if (correct) {
		if (o[0].value == NULL || reason == NULL)
			return cli_usage(cli, e, "--correct needs --at TIME "
			    "and --reason TEXT");
		if (o[1].value != NULL)
			return cli_usage(cli, e, "--correct takes a --reason, "
			    "not a --note");
		return ops_milestone_correct(&cli->ctx, argv[optind],
		    argv[optind + 1], at, off, reason, e);
	}
	if (reason != NULL)
		return cli_usage(cli, e, "--reason goes with --correct");
	return ops_milestone(&cli->ctx, argv[optind], argv[optind + 1],
	    o[0].value != NULL, at, off, o[1].value, e);
}

const struct cmd_entry cmd_milestone_entry = {
	"milestone",
	"KEY NAME [--at TIME] [--note TEXT] | KEY NAME --at TIME --correct "
	"--reason TEXT",
	"record when a milestone happened",
	"NAME is a ladder step (event_started detected oncall_engaged\n"
	"response_engaged incident_confirmed impact_determined\n"
	"customers_determined customers_notified), a clock trigger (aware\n"
	"classified_major materiality_determined discovered ransom_paid\n"
	"assessed_notifiable handled exploited_vulnerability_aware\n"
	"severe_incident_aware fix_available high_risk_assessed) or\n"
	"sent:RULE. --at is when it happened\n"
	"(default now); ladder steps are recorded once each, in order.\n"
	"Holders of a role on the incident, or an administrator, may record.\n"
	"\n"
	"  --correct --at TIME --reason TEXT  replace the time of a milestone\n"
	"        already recorded (a mistake that would block the right one);\n"
	"        the journal keeps the old and the new time and the reason,\n"
	"        and the review lists the correction.\n",
	CMD_DB, cmd_milestone
};
