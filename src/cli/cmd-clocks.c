/*
 * cmd-clocks.c: vigil clocks KEY — the incident's clocks side by side, and
 * the acts on them: enable, disable, sent, hold, release.
 */
#include <string.h>

#include "cli-private.h"
#include "vigil/buf.h"
#include "vigil/ops-clocks.h"
#include "vigil/countdown.h"
#include "vigil/ops-present.h"
#include "vigil/timefmt.h"

enum { O_JSON = 1, O_ENABLE, O_DISABLE, O_SENT, O_AT, O_HOLD, O_BASIS,
    O_FROM, O_UNTIL, O_RELEASE, O_ZONE };

static const struct option clocks_opts[] = {
	{ "json", no_argument, NULL, O_JSON },
	{ "enable", required_argument, NULL, O_ENABLE },
	{ "disable", required_argument, NULL, O_DISABLE },
	{ "sent", required_argument, NULL, O_SENT },
	{ "at", required_argument, NULL, O_AT },
	{ "hold", required_argument, NULL, O_HOLD },
	{ "basis", required_argument, NULL, O_BASIS },
	{ "from", required_argument, NULL, O_FROM },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "release", required_argument, NULL, O_RELEASE },
	{ "zone", required_argument, NULL, O_ZONE },
	{ 0 }
};

static void
clocks_text(struct cli *cli, const struct clock_view *v, size_t n)
{
	struct deadline	d;
	char		due[TIMEFMT_MAX], local[TIMEFMT_MAX], label[32];
	size_t		i;

	printf("%-23s %-16s %-18s %-25s %s\n", "CLOCK", "STATE", "DUE (UTC)",
	    "DUE (RULE'S ZONE)", "NAME");
	for (i = 0; i < n; i++) {
		const struct clock_result *r = &v[i].r;

		clock_view_deadline(&v[i], &d);
		countdown_label(&d, label, sizeof label);
		if (r->has_due) {
			timefmt_utc_short(r->due, due);
			timefmt_offset(r->due, r->due_offset_s, local);
		} else {
			snprintf(due, sizeof due, "%s", r->state ==
			    CLOCK_PENDING ? "(not started)" : "-");
			local[0] = '\0';
		}
		printf("%-23s %-16s %-18s %-25s ", v[i].id, label, due, local);
		if (v[i].rule != NULL && rule_not_law(v[i].rule))
			printf("[%s, not law] ",
			    rule_status_name(v[i].rule->status));
		cli_puts_clean(cli, stdout, v[i].rule != NULL ? v[i].rule->name
		    : v[i].id);
		if (r->held || r->held_s > 0 || r->extended) {
			timefmt_utc_short(r->original_due, due);
			printf("%-23s %s; originally due %s\n", "", r->extended ?
			    "delayed by a hold" : "held", due);
		}
		if (v[i].zone[0] != '\0')
			printf("%-23s counted in %s (the incident's member "
			    "state)\n", "", v[i].zone);
		if (r->message[0] != '\0') {
			printf("%-23s ", "");
			cli_puts_clean(cli, stdout, r->message);
		}
	}
}

static int
clocks_show(struct cli *cli, const char *key, bool json, struct verr *e)
{
	struct incident		 inc;
	struct clock_view	*v = NULL;
	struct buf		 b;
	struct json		 j;
	size_t			 n = 0;
	int64_t			 id;

	if (ops_key(key, &id, e) != 0 ||
	    incidents_get(cli->ctx.db, id, &inc, e) != 0)
		return -1;
	if (ops_clocks_eval(&cli->ctx, &inc, NULL, 0, ops_now(&cli->ctx), &v,
	    &n, e) != 0) {
		incident_clear(&inc);
		return -1;
	}
	if (json) {
		buf_init(&b);
		json_init(&j, &b, true);
		present_clocks_json(&j, v, n);
		cli_print_json(&b);
		buf_clear(&b);
	} else
		clocks_text(cli, v, n);
	clock_views_free(&v, n);
	incident_clear(&inc);
	return 0;
}

static int
cmd_clocks(struct cli *cli, int argc, char **argv, struct verr *e)
{
	const char	*val[O_ZONE + 1] = { 0 };
	const char	*key;
	bool		 json = false;
	int64_t		 at = 0, from = 0, until = 0;
	int		 c, off = 0, acts = 0, i;

	while ((c = cli_getopt(cli, argc, argv, "", clocks_opts, e)) != -1) {
		if (c < O_JSON || c > O_ZONE)
			return -1;
		if (c == O_JSON)
			json = true;
		else
			val[c] = optarg;
	}
	if (cli_positional(cli, argc, argv, 1, 1, e) != 0)
		return -1;
	key = argv[optind];
	for (i = O_ENABLE; i <= O_ZONE; i++)
		if (val[i] != NULL && (i == O_ENABLE || i == O_DISABLE ||
		    i == O_SENT || i == O_HOLD || i == O_RELEASE ||
		    i == O_ZONE))
			acts++;
	if (acts > 1)
		return cli_usage(cli, e, "one of --enable, --disable, --sent, "
		    "--hold, --release, --zone at a time");
	if ((val[O_AT] != NULL && val[O_SENT] == NULL) ||
	    ((val[O_BASIS] || val[O_FROM] || val[O_UNTIL]) &&
	    val[O_HOLD] == NULL))
		return cli_usage(cli, e, "--at goes with --sent; --basis, "
		    "--from and --until go with --hold");
	if (val[O_ENABLE] != NULL || val[O_DISABLE] != NULL)
		return ops_clocks_enable(&cli->ctx, key, val[O_ENABLE] != NULL ?
		    val[O_ENABLE] : val[O_DISABLE], val[O_ENABLE] != NULL, e);
	if (val[O_SENT] != NULL) {
		if (val[O_AT] != NULL && cli_time(cli, "--at", val[O_AT], &at,
		    &off, e) != 0)
			return -1;
		return ops_clock_sent(&cli->ctx, key, val[O_SENT],
		    val[O_AT] != NULL, at, off, e);
	}
	if (val[O_HOLD] != NULL) {
		if (val[O_BASIS] == NULL)
			return cli_usage(cli, e, "a hold needs --basis");
		if ((val[O_FROM] != NULL && cli_time(cli, "--from",
		    val[O_FROM], &from, &off, e) != 0) ||
		    (val[O_UNTIL] != NULL && cli_time(cli, "--until",
		    val[O_UNTIL], &until, &off, e) != 0))
			return -1;
		return ops_clock_hold(&cli->ctx, key, val[O_HOLD],
		    val[O_BASIS], val[O_FROM] != NULL, from,
		    val[O_UNTIL] != NULL, until, e);
	}
	if (val[O_RELEASE] != NULL)
		return ops_clock_release(&cli->ctx, key, val[O_RELEASE], e);
	if (val[O_ZONE] != NULL)
		return ops_clocks_zone(&cli->ctx, key, val[O_ZONE], e);
	return clocks_show(cli, key, json, e);
}

const struct cmd_entry cmd_clocks_entry = {
	"clocks",
	"KEY [--json] | KEY --enable RULE[,RULE...] | KEY --disable "
	"RULE[,RULE...] | KEY --sent RULE [--at TIME] | KEY --hold RULE "
	"--basis TEXT [--from TIME] [--until TIME] | KEY --release RULE | "
	"KEY --zone ZONE",
	"show or change an incident's notification clocks",
	"Without an action, shows every clock of the incident: the customer\n"
	"clock (72 hours from the declaration) and each regulator's rule\n"
	"enabled on it, with state, due time in UTC and in the rule's zone.\n"
	"--enable/--disable choose rules (see 'vigil rules'); the incident's\n"
	"sim or eim, or an administrator, may. --sent records that the report\n"
	"or notice was submitted (the milestone sent:RULE; for the customer\n"
	"clock, customers_notified). --hold suspends a clock on a legal basis\n"
	"the rule accepts (e.g. \"law-enforcement: FBI letter of 2026-11-20\"),\n"
	"open-ended unless --until; --release ends it. What a hold does is the\n"
	"rule's: a pause stops the clock, an extension (the SEC Attorney\n"
	"General delay) moves the due date from the original one. --zone sets\n"
	"the member state whose time zone counts the NIS2, DORA and CRA day\n"
	"and month clocks (default state_zone in the config, else Brussels).\n"
	"All are journaled.\n",
	CMD_DB, cmd_clocks
};
