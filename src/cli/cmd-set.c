/*
 * cmd-set.c: vigil set KEY — change an incident's severity, kind, title
 * or description after it was opened (the SIM's assessment), journaled
 * with the old and the new values.
 */
#include "cli-private.h"
#include "vigil/ops-team.h"
#include "vigil/util.h"

static const struct option set_opts[] = {
	{ "severity", required_argument, NULL, 's' },
	{ "kind", required_argument, NULL, 'k' },
	{ "title", required_argument, NULL, 't' },
	{ "description", required_argument, NULL, 'D' },
	{ 0 }
};

static int
cmd_set(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct incident_edit	ed = { 0 };
	long long		sev;
	int			c;

	while ((c = cli_getopt(cli, argc, argv, "", set_opts, e)) != -1) {
		switch (c) {
		case 's':
			if (util_parse_int(optarg, 1, 4, &sev) != 0)
				return cli_usage(cli, e, "--severity must be "
				    "1, 2, 3 or 4 (1 is the most severe)");
			ed.has_severity = true;
			ed.severity = (int)sev;
			break;
		case 'k':
			if (kind_parse(optarg, &ed.kind) != 0)
				return cli_usage(cli, e, "--kind must be "
				    "security or privacy");
			ed.has_kind = true;
			break;
		case 't':
			ed.title = optarg;
			break;
		case 'D':
			ed.description = optarg;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 1, 1, e) != 0)
		return -1;
	return ops_incident_set(&cli->ctx, argv[optind], &ed, e);
}

const struct cmd_entry cmd_set_entry = {
	"set",
	"KEY [--severity 1-4] [--kind security|privacy] [--title TEXT] "
	"[--description TEXT]",
	"change an incident's severity, kind, title or description",
	"Changes the fields given; the journal keeps each old and new value.\n"
	"The incident's sim or an administrator may, and the triage holder\n"
	"while no sim is assigned. A closed incident cannot be changed.\n",
	CMD_DB, cmd_set
};
