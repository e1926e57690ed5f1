/*
 * cmd-declare.c: vigil declare KEY --reason TEXT — the executive incident
 * manager declares a customer data breach; the 72-hour clock starts.
 */
#include <stdio.h>

#include "cli-private.h"
#include "vigil/deadline.h"
#include "vigil/timefmt.h"

static int
cmd_declare(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct text_opt	o[] = { { "reason", NULL }, { "at", NULL } };
	int64_t		at = 0;
	int		off = 0;
	char		due[TIMEFMT_MAX];

	if (cli_simple(cli, argc, argv, 1, 1, o, 2, e) != 0)
		return -1;
	if (o[0].value == NULL)
		return cli_usage(cli, e, "a declaration needs --reason");
	if (o[1].value != NULL && cli_time(cli, "--at", o[1].value, &at, &off,
	    e) != 0)
		return -1;
	if (o[1].value == NULL)
		at = ops_now(&cli->ctx);
	if (ops_declare(&cli->ctx, argv[optind], o[0].value, true, at, off,
	    e) != 0)
		return -1;
	timefmt_utc(at + DEADLINE_CUSTOMER_S, due);
	printf("breach declared on %s; customers must be notified by %s\n",
	    argv[optind], due);
	return 0;
}

const struct cmd_entry cmd_declare_entry = {
	"declare", "KEY --reason TEXT [--at TIME]",
	"declare a customer data breach (starts the 72-hour clock)",
	"Only the incident's current eim may declare, not even an\n"
	"administrator. The declaration records the declared milestone and\n"
	"starts the customer-notification deadline: 72 hours from TIME\n"
	"(default now). Refused on a closed or already declared incident.\n",
	CMD_DB, cmd_declare
};
