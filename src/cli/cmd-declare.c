/*
 * cmd-declare.c: vigil declare KEY --reason TEXT — the executive incident
 * manager declares a customer data breach; the 72-hour clock starts.
 */
#include <stdio.h>

#include "cli-private.h"
#include "vigil/ops-clock-eval.h"
#include "vigil/deadline.h"
#include "vigil/timefmt.h"

/*
 * After a declaration: the customer clock as the rules evaluate it (a
 * re-declaration resumes the first clock; a user's override may change
 * the 72 hours), and a warning for every clock of the incident in error,
 * now, when it matters, rather than in 'vigil rules' later.
 */
static void
declare_report(struct cli *cli, const char *key)
{
	struct incident		 inc;
	struct clock_view	*v = NULL;
	struct verr		 e;
	char			 due[TIMEFMT_MAX];
	size_t			 n = 0, i;
	int64_t			 id;

	if (ops_key(key, &id, &e) != 0 ||
	    incidents_get(cli->ctx.db, id, &inc, &e) != 0)
		return;
	if (ops_clocks_eval(&cli->ctx, &inc, NULL, 0, ops_now(&cli->ctx), &v,
	    &n, &e) == 0) {
		if (n > 0 && v[0].r.has_due) {
			timefmt_utc(v[0].r.due, due);
			printf("breach declared on %s; customers must be "
			    "notified by %s\n", inc.key, due);
		} else
			printf("breach declared on %s\n", inc.key);
		for (i = 0; i < n; i++) {
			if (v[i].r.state != CLOCK_ERROR)
				continue;
			fprintf(stderr, "vigil: warning: clock %s is in "
			    "ERROR: ", v[i].id);
			cli_puts_clean(cli, stderr, v[i].r.message);
		}
		clock_views_free(&v, n);
	}
	incident_clear(&inc);
}

static const struct option declare_opts[] = {
	{ "reason", required_argument, NULL, 'r' },
	{ "at", required_argument, NULL, 'a' },
	{ "new-clock", no_argument, NULL, 'n' },
	{ 0 }
};

static int
cmd_declare(struct cli *cli, int argc, char **argv, struct verr *e)
{
	const char	*reason = NULL, *when = NULL;
	bool		 new_clock = false;
	int64_t		 at = 0;
	int		 off = 0, c;

	while ((c = cli_getopt(cli, argc, argv, "", declare_opts, e)) != -1) {
		if (c == 'r')
			reason = optarg;
		else if (c == 'a')
			when = optarg;
		else if (c == 'n')
			new_clock = true;
		else
			return -1;
	}
	if (cli_positional(cli, argc, argv, 1, 1, e) != 0)
		return -1;
	if (reason == NULL)
		return cli_usage(cli, e, "a declaration needs --reason");
	if (when != NULL && cli_time(cli, "--at", when, &at, &off, e) != 0)
		return -1;
	if (when == NULL)
		at = ops_now(&cli->ctx);
	if (ops_declare_clock(&cli->ctx, argv[optind], reason, true, at, off,
	    new_clock, e) != 0)
		return -1;
	declare_report(cli, argv[optind]);
	return 0;
}

const struct cmd_entry cmd_declare_entry = {
	"declare", "KEY --reason TEXT [--at TIME] [--new-clock]",
	"declare a customer data breach (starts the 72-hour clock)",
	"Only the incident's current eim may declare, not even an\n"
	"administrator. The declaration records the declared milestone and\n"
	"starts the customer-notification deadline: 72 hours from TIME\n"
	"(default now). Refused on a closed or already declared incident.\n"
	"After a retraction, declaring again resumes the first clock with its\n"
	"first due time; --new-clock states that this is a new breach with a\n"
	"clock of its own, from this declaration (the reason says why; both\n"
	"declarations stay in the record). A clock in error is reported on\n"
	"stderr as a warning.\n",
	CMD_DB, cmd_declare
};
