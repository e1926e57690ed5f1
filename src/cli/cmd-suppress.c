/*
 * cmd-suppress.c: vigil suppress add --match PATTERN --reason TEXT --until
 * TIME, vigil suppress end ID --reason TEXT, and vigil suppress list — alerts matching an active suppression
 * are stored but kept out of the inbox, and counted on the suppression.
 * Every suppression has an owner (who added it) and an end.
 */
#include <string.h>

#include "cli-private.h"
#include "vigil/ops-inbox.h"
#include "vigil/store-alert.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

static const struct option suppress_opts[] = {
	{ "match", required_argument, NULL, 'm' },
	{ "reason", required_argument, NULL, 'r' },
	{ "until", required_argument, NULL, 'u' },
	{ "all", no_argument, NULL, 'a' },
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

static int
suppress_list(struct cli *cli, bool all, bool json, struct verr *e)
{
	struct suppression	*v = NULL;
	struct buf		 b;
	struct json		 j;
	char			 t[TIMEFMT_MAX];
	int64_t			 now = ops_now(&cli->ctx);
	size_t			 n = 0, i;

	if (suppressions_list(cli->ctx.db, !all, now, &v, &n, e) != 0)
		return -1;
	if (json) {
		buf_init(&b);
		json_init(&j, &b, true);
		json_arr_open(&j);
		for (i = 0; i < n; i++) {
			json_obj_open(&j);
			json_kint(&j, "id", v[i].id);
			json_kstr(&j, "match", v[i].pattern);
			json_kstr(&j, "reason", v[i].reason);
			json_kstr(&j, "owner", v[i].owner);
			json_ktime(&j, "created_at", v[i].created_at, true);
			json_ktime(&j, "until", v[i].until, true);
			json_kbool(&j, "active", v[i].until > now);
			json_kint(&j, "hidden", v[i].hits);
			json_ktime(&j, "last_hit", v[i].last_hit,
			    v[i].has_last_hit);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		cli_print_json_ascii(&b);
		buf_clear(&b);
	} else {
		if (n > 0)
			printf("%-4s %-7s %7s  %-17s  %-10s %s\n", "ID", "STATE",
			    "HIDDEN", "UNTIL", "OWNER", "MATCH / REASON");
		for (i = 0; i < n; i++) {
			timefmt_utc_short(v[i].until, t);
			printf("%-4lld %-7s %7lld  %s  ", (long long)v[i].id,
			    v[i].until > now ? "active" : "expired",
			    (long long)v[i].hits, t);
			cli_put_cell(cli, stdout, v[i].owner, 10, true);
			putchar(' ');
			cli_puts_clean(cli, stdout, v[i].pattern);
			printf("%54s", "");
			cli_puts_clean(cli, stdout, v[i].reason);
		}
		if (n == 0)
			printf("no %ssuppressions\n", all ? "" : "active ");
	}
	suppression_list_free(&v, n);
	return 0;
}

static int
cmd_suppress(struct cli *cli, int argc, char **argv, struct verr *e)
{
	const char	*match = NULL, *reason = NULL, *until = NULL, *sub;
	int64_t		 t, id;
	long long	 n;
	bool		 all = false, json = false;
	int		 c, off;

	while ((c = cli_getopt(cli, argc, argv, "", suppress_opts, e)) != -1) {
		switch (c) {
		case 'm':
			match = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'u':
			until = optarg;
			break;
		case 'a':
			all = true;
			break;
		case 'j':
			json = true;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 1, 2, e) != 0)
		return -1;
	sub = argv[optind];
	if (strcmp(sub, "end") == 0) {
		if (match != NULL || until != NULL || all || json)
			return cli_usage(cli, e, "suppress end takes an ID and "
			    "--reason only");
		if (argc - optind != 2 || util_parse_int(argv[optind + 1], 1,
		    INT64_MAX, &n) != 0)
			return cli_usage(cli, e, "suppress end needs the "
			    "suppression's number (see suppress list)");
		if (reason == NULL)
			return cli_usage(cli, e, "suppress end needs --reason");
		if (ops_suppress_end(&cli->ctx, (int64_t)n, reason, e) != 0)
			return -1;
		printf("suppression %lld ended\n", n);
		return 0;
	}
	if (argc - optind != 1)
		return cli_usage(cli, e, "unexpected argument '%s'",
		    argv[optind + 1]);
	if (strcmp(sub, "list") == 0) {
		if (match != NULL || reason != NULL || until != NULL)
			return cli_usage(cli, e, "--match, --reason and --until "
			    "are for suppress add");
		return suppress_list(cli, all, json, e);
	}
	if (strcmp(sub, "add") != 0)
		return cli_usage(cli, e, "unknown suppress command '%s' (add, "
		    "end, list)", sub);
	if (all || json)
		return cli_usage(cli, e, "--all and --json are for suppress "
		    "list");
	if (match == NULL || reason == NULL || until == NULL)
		return cli_usage(cli, e, "suppress add needs --match, --reason "
		    "and --until");
	if (cli_time(cli, "--until", until, &t, &off, e) != 0)
		return -1;
	if (ops_suppress_add(&cli->ctx, match, reason, t, &id, e) != 0)
		return -1;
	printf("suppression %lld\n", (long long)id);
	return 0;
}

const struct cmd_entry cmd_suppress_entry = {
	"suppress",
	"add --match FIELD=GLOB[,FIELD=GLOB...] --reason TEXT --until TIME | "
	"end ID --reason TEXT | list [--all] [--json]",
	"hide alerts that match a pattern, for a while, and count them",
	"FIELD is title, source, rule, host, user, ip (either address) or\n"
	"severity; GLOB is a shell pattern (* and ?), case-insensitive; every\n"
	"term must match. Matching alerts are kept but never reach the inbox;\n"
	"suppress list shows how many each suppression hid. A suppression\n"
	"records who added it and ends at --until, or earlier with suppress\n"
	"end (a wrong pattern need not hide alerts for its whole term).\n"
	"People qualified for triage or sim, and administrators, may add or\n"
	"end one; each is journaled.\n",
	CMD_DB, cmd_suppress
};
