/*
 * cmd-init.c: vigil init — create the database, making the caller its
 * administrator.
 */
#include "cli-private.h"

static int
cmd_init(struct cli *cli, int argc, char **argv, struct verr *e)
{
	int64_t	n = 0;

	if (cli_getopt(cli, argc, argv, "", (const struct option[]){ { 0 } },
	    e) == -2 || cli_positional(cli, argc, argv, 0, 0, e) != 0)
		return -1;
	if (!cli->created) {
		struct incident_query	q = { .set = INCIDENTS_ALL };

		if (incidents_count(cli->ctx.db, &q, &n, e) != 0)
			return -1;
		printf("%s already exists (%lld incidents); nothing changed\n",
		    cli->db_path, (long long)n);
		return 0;
	}
	printf("created %s; you (%s) are its administrator, qualified for "
	    "every role\nnext: add people with 'vigil roster add LOGIN "
	    "--roles ROLE,...', open an incident with 'vigil new TITLE'\n",
	    cli->db_path, cli->ctx.me.login);
	return 0;
}

const struct cmd_entry cmd_init_entry = {
	"init", "", "create the database (you become its administrator)",
	"Creates the database file (and its directory) if it does not exist.\n"
	"The person who creates it is its administrator, qualified for all\n"
	"seven roles. Running it again changes nothing.\n",
	CMD_DB | CMD_CREATE, cmd_init
};
