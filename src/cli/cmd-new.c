/*
 * cmd-new.c: vigil new TITLE — open an incident; prints its key.
 */
#include "cli-private.h"
#include "vigil/util.h"

static const struct option new_opts[] = {
	{ "severity", required_argument, NULL, 's' },
	{ "kind", required_argument, NULL, 'k' },
	{ "detected", required_argument, NULL, 'd' },
	{ "description", required_argument, NULL, 'D' },
	{ "plan", required_argument, NULL, 'p' },
	{ 0 }
};

static int
cmd_new(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct incident_new	in = { .severity = 3, .kind = KIND_SECURITY };
	char			key[INCIDENT_KEY_MAX];
	long long		sev;
	int			c;

	while ((c = cli_getopt(cli, argc, argv, "s:k:d:D:p:", new_opts, e)) !=
	    -1) {
		switch (c) {
		case 's':
			if (util_parse_int(optarg, 1, 4, &sev) != 0)
				return cli_usage(cli, e, "--severity must be "
				    "1, 2, 3 or 4 (1 is the most severe)");
			in.severity = (int)sev;
			break;
		case 'k':
			if (kind_parse(optarg, &in.kind) != 0)
				return cli_usage(cli, e, "--kind must be "
				    "security or privacy");
			break;
		case 'd':
			if (cli_time(cli, "--detected", optarg, &in.detected_at,
			    &in.detected_offset, e) != 0)
				return -1;
			in.has_detected = true;
			break;
		case 'D':
			in.description = optarg;
			break;
		case 'p':
			in.plan = optarg;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 1, 1, e) != 0)
		return -1;
	in.title = argv[optind];
	if (ops_incident_new(&cli->ctx, &in, key, e) != 0)
		return -1;
	printf("%s\n", key);
	return 0;
}

const struct cmd_entry cmd_new_entry = {
	"new",
	"TITLE [--severity 1-4] [--kind security|privacy] [--detected TIME] "
	"[--description TEXT] [--plan TYPE]",
	"open an incident and print its key (e.g. IR-1)",
	"Severity 1 is the most severe (default 3). --detected records the\n"
	"detected milestone at TIME (ISO 8601 with Z or an offset, or now).\n"
	"Anyone on the roster may open an incident. --plan applies the\n"
	"response plan TYPE in the same act: its tasks, clocks and recipients\n"
	"(see 'vigil plan list').\n",
	CMD_DB, cmd_new
};
