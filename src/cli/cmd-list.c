/*
 * cmd-list.c: vigil list — the queue: open incidents, most urgent first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli-private.h"
#include "vigil/buf.h"
#include "vigil/ops-clock-eval.h"
#include "vigil/countdown.h"
#include "vigil/ops-present.h"
#include "vigil/util.h"

static const struct option list_opts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "closed", no_argument, NULL, 'c' },
	{ "limit", required_argument, NULL, 'n' },
	{ "json", no_argument, NULL, 'j' },
	{ "filter", required_argument, NULL, 'f' },
	{ 0 }
};

static int
term_cols(void)
{
	struct winsize	ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0
	    && ws.ws_col >= 40)
		return ws.ws_col;
	return 0;	/* not a terminal: do not cut titles */
}

/*
 * The most urgent running clock of an incident as "!! T-05:12:29", with
 * the rule's id when it is not the customer clock; a clock in error as
 * "ERROR id" unless a running one is already overdue (a clock that cannot
 * be computed may hide the nearest deadline); else a running clock of a
 * proposed rule, marked "(proposed)"; else the customer clock's outcome
 * (MET, MISSED, ERROR, RETRACTED) or "-".
 */
static void
list_deadline(struct cli *cli, const struct incident *inc, int64_t now,
    char *out, size_t len)
{
	const struct clock_view	*u, *bad = NULL;
	struct clock_view	*v = NULL;
	struct deadline		 d;
	size_t			 n = 0, i;
	char			 label[32];

	if (ops_clocks_eval(&cli->ctx, inc, NULL, 0, now, &v, &n, NULL) != 0) {
		snprintf(out, len, "?");
		return;
	}
	for (i = 0; i < n && bad == NULL; i++)
		if (v[i].r.state == CLOCK_ERROR)
			bad = &v[i];
	u = clock_views_urgent(v, n);
	if (bad != NULL && (u == NULL || u->r.state != CLOCK_OVERDUE))
		u = bad;
	/* nothing in force runs: a proposed rule's clock, marked so (it
	 * does not rank the incident: the queue order ignores it) */
	for (i = 0; u == NULL && i < n; i++)
		if (v[i].rule != NULL && rule_not_law(v[i].rule) &&
		    v[i].r.has_due && (v[i].r.state == CLOCK_OK ||
		    v[i].r.state == CLOCK_WARN || v[i].r.state ==
		    CLOCK_CRITICAL || v[i].r.state == CLOCK_OVERDUE))
			u = &v[i];
	if (u != NULL)
		clock_view_deadline(u, &d);
	else
		clock_views_customer(v, n, &d);
	countdown_label(&d, label, sizeof label);
	if (u != NULL && strcmp(u->id, CLOCK_CUSTOMER) != 0)
		snprintf(out, len, "%s %s%s", label, u->id, u->rule != NULL &&
		    rule_not_law(u->rule) ? " (proposed)" : "");
	else
		snprintf(out, len, "%s", label);
	clock_views_free(&v, n);
}

static void
list_text(struct cli *cli, const struct incident *v, size_t n, int64_t now)
{
	char		label[128];
	int		cols = term_cols(), tw;
	size_t		i;

	tw = cols > 0 ? cols - 70 : 1000000;
	if (tw < 10)
		tw = 10;
	printf("%-8s %-4s %-9s %-26s %-10s %s\n", "KEY", "SEV", "STAGE",
	    "DEADLINE", "SIM", "TITLE");
	for (i = 0; i < n; i++) {
		list_deadline(cli, &v[i], now, label, sizeof label);
		printf("%-8s SEV%d %-9s %-26s ", v[i].key, v[i].severity,
		    v[i].closed ? "closed" : stage_name(v[i].stage), label);
		cli_put_cell(cli, stdout, v[i].holder[ROLE_SIM] != NULL ?
		    v[i].holder[ROLE_SIM] : "-", 10, true);
		fputc(' ', stdout);
		cli_put_cell(cli, stdout, v[i].title, tw, false);
		fputc('\n', stdout);
	}
}

static int
cmd_list(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct incident_query	 q = { .set = INCIDENTS_OPEN, .limit = 100,
				     .with_roles = true };
	struct incident		*v;
	struct buf		 b;
	struct json		 j;
	size_t			 n, i;
	long long		 lim;
	bool			 json = false;
	int			 c;
	int64_t			 now = ops_now(&cli->ctx);

	while ((c = cli_getopt(cli, argc, argv, "acn:jf:", list_opts, e)) !=
	    -1) {
		switch (c) {
		case 'a':
			q.set = INCIDENTS_ALL;
			break;
		case 'c':
			q.set = INCIDENTS_CLOSED;
			break;
		case 'n':
			if (util_parse_int(optarg, 1, 1000000, &lim) != 0)
				return cli_usage(cli, e, "--limit must be a "
				    "number from 1 to 1000000");
			q.limit = (int)lim;
			break;
		case 'j':
			json = true;
			break;
		case 'f':
			q.filter = optarg;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 0, 0, e) != 0)
		return -1;
	if (incidents_list(cli->ctx.db, &q, &v, &n, e) != 0)
		return -1;
	if (json) {
		buf_init(&b);
		json_init(&j, &b, true);
		json_arr_open(&j);
		for (i = 0; i < n; i++) {
			struct clock_view	*cv = NULL;
			size_t			 ncv = 0;

			if (ops_clocks_eval(&cli->ctx, &v[i], NULL, 0, now,
			    &cv, &ncv, e) != 0) {
				buf_clear(&b);
				incident_list_free(&v, n);
				return -1;
			}
			present_incident_json(&j, &v[i], NULL, 0, cv, ncv,
			    NULL, 0, false);
			clock_views_free(&cv, ncv);
		}
		json_arr_close(&j);
		cli_print_json(&b);
		buf_clear(&b);
	} else if (n == 0)
		printf("no %s incidents\n", q.set == INCIDENTS_OPEN ? "open" :
		    q.set == INCIDENTS_CLOSED ? "closed" : "");
	else
		list_text(cli, v, n, now);
	incident_list_free(&v, n);
	return 0;
}

const struct cmd_entry cmd_list_entry = {
	"list", "[--all | --closed] [--limit N] [--filter TEXT] [--json]",
	"list incidents (open ones by default, most urgent first)",
	"Open incidents are ordered by the nearest running deadline, then\n"
	"severity, then age. --closed lists closed incidents, newest first;\n"
	"--all every incident, newest first. --limit defaults to 100.\n"
	"--filter keeps incidents whose title or key contains TEXT.\n",
	CMD_DB | CMD_READ, cmd_list
};
