/*
 * cmd-demo.c: vigil demo — build a demo database (replacing an old one)
 * and open the console on it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli-private.h"
#include "vigil/ops-demo.h"
#include "vigil/tui.h"
#include "vigil/util.h"

static const struct option demo_opts[] = {
	{ "no-console", no_argument, NULL, 'n' },
	{ 0 }
};

/* Remove a database and its WAL companions. */
static int
demo_unlink(const char *path, struct verr *e)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	char			*p;
	size_t			 i;

	for (i = 0; i < nitems(sfx); i++) {
		xasprintf(&p, "%s%s", path, sfx[i]);
		if (unlink(p) != 0 && errno != ENOENT) {
			verr_set(e, VERR_CANTCREAT, "cannot replace %s: %s", p,
			    strerror(errno));
			free(p);
			return -1;
		}
		free(p);
	}
	return 0;
}

static int
cmd_demo(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct tui_options	 opt = { 0 };
	bool			 console = true;
	char			*dir;
	int			 c, n;

	while ((c = cli_getopt(cli, argc, argv, "", demo_opts, e)) != -1) {
		if (c != 'n')
			return -1;
		console = false;
	}
	if (cli_positional(cli, argc, argv, 0, 0, e) != 0)
		return -1;
	if (cli->ctx.read_only)
		return verr_set(e, VERR_USAGE, "demo writes a database; drop "
		    "--read-only");
	/*
	 * The demo has its own file unless --db names one; never the team's
	 * ($VIGIL_DB, the config's db). It replaces only a demo.
	 */
	if (!cli->db_flag) {
		free(cli->db_path);
		dir = config_data_dir();
		xasprintf(&cli->db_path, "%s/demo.db", dir);
		free(dir);
	}
	if (access(cli->db_path, F_OK) == 0) {
		struct verr	e2;

		verr_clear(&e2);
		if ((n = demo_is_demo(cli->db_path, cli->ctx.me.login,
		    &e2)) != 1)
			return verr_set(e, VERR_CANTCREAT, "%s is not a demo "
			    "database (%s); demo replaces only a demo of its "
			    "own; name a file that does not exist with --db",
			    cli->db_path, n < 0 ? e2.msg : "it has people or "
			    "incidents of its own");
	}
	if (demo_unlink(cli->db_path, e) != 0 ||
	    ops_open(&cli->ctx, cli->db_path, true, NULL, e) != 0)
		return -1;
	if ((n = demo_populate(&cli->ctx, e)) < 0)
		return -1;
	ops_witness_reset(&cli->ctx);	/* a new demo is not a forgery */
	if (!console || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		printf("demo database %s: %d incidents; open it with 'vigil "
		    "--db %s'\n", cli->db_path, n, cli->db_path);
		return 0;
	}
	return tui_run(&cli->ctx, &opt, e) == 0 ? 0 : -1;
}

const struct cmd_entry cmd_demo_entry = {
	"demo", "[--no-console]",
	"create a demo database and open the console on it",
	"Creates $XDG_DATA_HOME/vigil/demo.db (or the --db path), replacing\n"
	"it if it is a demo database (never $VIGIL_DB or the config's db,\n"
	"never a file with people or incidents of its own): a roster of people in all seven roles (you hold every\n"
	"role), incidents in every stage, declared breaches whose deadlines are\n"
	"ok, warn, critical, overdue, met and missed (computed from now), and\n"
	"closed incidents. Then opens the console unless --no-console.\n",
	0, cmd_demo
};
