/*
 * cmd-repair.c: vigil repair add | done | list — the repair items an
 * after-action review assigns (what must be fixed, by whom, by when).
 */
#include <string.h>

#include "cli-private.h"
#include "vigil/ops-review.h"
#include "vigil/timefmt.h"

static const struct option repair_opts[] = {
	{ "owner", required_argument, NULL, 'o' },
	{ "due", required_argument, NULL, 'd' },
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

static int
repair_list_cmd(struct cli *cli, const char *key, bool json, struct verr *e)
{
	struct repair	*v = NULL;
	struct buf	 b;
	struct json	 j;
	char		 id[REPAIR_ID_MAX];
	int64_t		 inc;
	size_t		 n = 0, i;

	if (ops_key(key, &inc, e) != 0 ||
	    incidents_exists(cli->ctx.db, inc, e) != 0 ||
	    repairs_list(cli->ctx.db, inc, &v, &n, e) != 0)
		return -1;
	if (json) {
		buf_init(&b);
		json_init(&j, &b, true);
		json_arr_open(&j);
		for (i = 0; i < n; i++) {
			ops_repair_id(v[i].num, id);
			json_obj_open(&j);
			json_kstr(&j, "id", id);
			json_kstr(&j, "text", v[i].text);
			json_kstr(&j, "owner", v[i].owner);
			json_kstr(&j, "due", v[i].has_due ? v[i].due : NULL);
			json_kstr(&j, "state", v[i].done ? "done" : "open");
			json_ktime(&j, "created_at", v[i].created_at, true);
			json_kstr(&j, "created_by", v[i].created_by);
			json_ktime(&j, "done_at", v[i].done_at, v[i].done);
			json_kstr(&j, "done_by", v[i].done ? v[i].done_by :
			    NULL);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		cli_print_json(&b);
		buf_clear(&b);
	} else {
		if (n > 0)
			printf("%-4s %-5s %-10s %-12s %s\n", "ID", "STATE",
			    "DUE", "OWNER", "ITEM");
		for (i = 0; i < n; i++) {
			ops_repair_id(v[i].num, id);
			printf("%-4s %-5s %-10s ", id, v[i].done ? "done" :
			    "open", v[i].has_due ? v[i].due : "-");
			cli_put_cell(cli, stdout, v[i].owner, 12, true);
			fputc(' ', stdout);
			cli_puts_clean(cli, stdout, v[i].text);
		}
	}
	repair_list_free(&v, n);
	return 0;
}

static int
cmd_repair(struct cli *cli, int argc, char **argv, struct verr *e)
{
	const char	*owner = NULL, *due = NULL, *sub;
	char		 id[REPAIR_ID_MAX];
	bool		 json = false;
	int		 c, npos;

	while ((c = cli_getopt(cli, argc, argv, "", repair_opts, e)) != -1) {
		switch (c) {
		case 'o':
			owner = optarg;
			break;
		case 'd':
			due = optarg;
			break;
		case 'j':
			json = true;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 2, 3, e) != 0)
		return -1;
	sub = argv[optind];
	npos = argc - optind - 1;
	if (strcmp(sub, "add") == 0) {
		if (npos != 2)
			return cli_usage(cli, e, "repair add needs KEY and TEXT");
		if (json)
			return cli_usage(cli, e, "repair add does not take "
			    "--json");
		if (owner == NULL)
			return cli_usage(cli, e, "a repair item needs --owner "
			    "LOGIN");
		if (ops_repair_add(&cli->ctx, argv[optind + 1],
		    argv[optind + 2], owner, due, id, e) != 0)
			return -1;
		printf("%s\n", id);
		return 0;
	}
	if (owner != NULL || due != NULL)
		return cli_usage(cli, e, "--owner and --due are for repair add");
	if (strcmp(sub, "done") == 0) {
		if (npos != 2)
			return cli_usage(cli, e, "repair done needs KEY and ID");
		if (json)
			return cli_usage(cli, e, "repair done does not take "
			    "--json");
		return ops_repair_done(&cli->ctx, argv[optind + 1],
		    argv[optind + 2], e);
	}
	if (strcmp(sub, "list") == 0) {
		if (npos != 1)
			return cli_usage(cli, e, "repair list needs a KEY");
		return repair_list_cmd(cli, argv[optind + 1], json, e);
	}
	return cli_usage(cli, e, "unknown repair command '%s' (add, done, "
	    "list)", sub);
}

const struct cmd_entry cmd_repair_entry = {
	"repair",
	"add KEY TEXT --owner LOGIN [--due YYYY-MM-DD] | done KEY ID | "
	"list KEY [--json]",
	"the repair items of an incident's after-action review",
	"add prints the new item's id (F1, F2, ...); the owner must be on the\n"
	"roster. done marks an open item done. Allowed on open and closed\n"
	"incidents to holders of a role on the incident, or an administrator;\n"
	"each change is journaled.\n",
	CMD_DB, cmd_repair
};
