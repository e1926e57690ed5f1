/*
 * cmd-rules.c: vigil rules — the loaded notification rules and calendars,
 * and every error met while loading them.
 */
#include <stdlib.h>
#include <string.h>

#include "cli-private.h"
#include "vigil/buf.h"
#include "vigil/ops-clock-eval.h"
#include "vigil/util.h"

static const struct option rules_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

/* Errors of the configured default clocks, appended to b as lines. */
static size_t
rules_config_errors(struct cli *cli, const struct ruleset *rs,
    char ***out)
{
	char	*list, *id, *save = NULL;
	size_t	 n = 0;

	*out = NULL;
	if (cli->ctx.default_clocks == NULL)
		return 0;
	list = xstrdup(cli->ctx.default_clocks);
	for (id = strtok_r(list, ", ", &save); id != NULL;
	    id = strtok_r(NULL, ", ", &save)) {
		if (ruleset_find(rs, id) != NULL)
			continue;
		*out = xreallocarray(*out, n + 1, sizeof **out);
		xasprintf(&(*out)[n++], "%s: clocks = names unknown rule '%s'",
		    cli->cfg.path != NULL ? cli->cfg.path : "config", id);
	}
	free(list);
	return n;
}

static void
period(const struct rule_period *p, char *out, size_t len)
{
	if (p->unit == RULE_UNIT_ASAP)
		snprintf(out, len, "asap");
	else
		snprintf(out, len, "%d%s", p->amount, rule_unit_name(p->unit));
}

static int
cmd_rules(struct cli *cli, int argc, char **argv, struct verr *e)
{
	const struct ruleset	*rs;
	struct buf		 b;
	struct json		 j;
	char			 due[32], **cerr;
	size_t			 i, ncerr;
	bool			 json = false;
	int			 c;

	while ((c = cli_getopt(cli, argc, argv, "j", rules_opts, e)) != -1) {
		if (c != 'j')
			return -1;
		json = true;
	}
	if (cli_positional(cli, argc, argv, 0, 0, e) != 0)
		return -1;
	if ((rs = ops_rules(&cli->ctx)) == NULL)
		return verr_set(e, VERR_SOFTWARE, "no rules loaded");
	ncerr = rules_config_errors(cli, rs, &cerr);
	if (json) {
		buf_init(&b);
		json_init(&j, &b, true);
		json_obj_open(&j);
		json_key(&j, "rules");
		json_arr_open(&j);
		for (i = 0; i < rs->nrules; i++) {
			const struct rule *r = &rs->rules[i];

			period(&r->due, due, sizeof due);
			json_obj_open(&j);
			json_kstr(&j, "id", r->id);
			json_kstr(&j, "name", r->name);
			json_kstr(&j, "status", rule_status_name(r->status));
			json_kstr(&j, "start", r->start);
			json_kstr(&j, "due", due);
			json_kstr(&j, "tz", r->tz);
			json_kstr(&j, "calendar", r->calendar);
			json_kstr(&j, "notify", r->notify);
			json_kstr(&j, "source", r->source);
			json_kstr(&j, "reviewed", r->reviewed);
			json_kstr(&j, "file", r->file);
			json_kint(&j, "line", r->line);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		json_key(&j, "calendars");
		json_arr_open(&j);
		for (i = 0; i < rs->ncals; i++) {
			json_obj_open(&j);
			json_kstr(&j, "id", rs->cals[i].id);
			json_kint(&j, "from", rs->cals[i].year_from);
			json_kint(&j, "to", rs->cals[i].year_to);
			json_kint(&j, "holidays", (int64_t)rs->cals[i].ndays);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		json_key(&j, "errors");
		json_arr_open(&j);
		for (i = 0; i < rs->nerrors; i++)
			json_str(&j, rs->errors[i]);
		for (i = 0; i < ncerr; i++)
			json_str(&j, cerr[i]);
		json_arr_close(&j);
		json_obj_close(&j);
		cli_print_json(&b);
		buf_clear(&b);
	} else {
		printf("%-22s %-11s %-6s %-24s %s\n", "RULE", "STATUS", "DUE",
		    "STARTS AT", "NAME");
		for (i = 0; i < rs->nrules; i++) {
			const struct rule *r = &rs->rules[i];

			period(&r->due, due, sizeof due);
			printf("%-22s %-11s %-6s ", r->id,
			    rule_status_name(r->status), due);
			cli_put_cell(cli, stdout, r->start, 24, true);
			fputc(' ', stdout);
			cli_puts_clean(cli, stdout, r->name);
		}
		for (i = 0; i < rs->ncals; i++)
			printf("calendar %s: %lld-%lld, %zu holidays\n",
			    rs->cals[i].id, (long long)rs->cals[i].year_from,
			    (long long)rs->cals[i].year_to, rs->cals[i].ndays);
		for (i = 0; i < rs->nerrors; i++) {
			fputs("error: ", stdout);
			cli_puts_clean(cli, stdout, rs->errors[i]);
		}
		for (i = 0; i < ncerr; i++) {
			fputs("error: ", stdout);
			cli_puts_clean(cli, stdout, cerr[i]);
		}
	}
	for (i = 0; i < ncerr; i++)
		free(cerr[i]);
	free(cerr);
	return 0;
}

const struct cmd_entry cmd_rules_entry = {
	"rules", "[--json]", "list the loaded notification rules and calendars",
	"Rules are read from the shipped rules directory, then from\n"
	"$XDG_CONFIG_HOME/vigil/rules/, where a file of the same name replaces\n"
	"the shipped one (calendars likewise). Errors name the file and line;\n"
	"a broken rule is left out, the others still load. See vigil-rules(5).\n",
	0, cmd_rules
};
