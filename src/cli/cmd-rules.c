/*
 * cmd-rules.c: vigil rules — the loaded notification rules and calendars,
 * and every error met while loading them. Every part of a rule that moves
 * a deadline is shown: the start and its modifier, the zone, calendar,
 * cutoff, backstop, holds and when the rule applies from. Any error makes
 * the command exit 65, so that a script or a shift check notices it.
 */
#include <stdlib.h>
#include <string.h>

#include "cli-private.h"
#include "vigil/buf.h"
#include "vigil/ops-clock-eval.h"
#include "vigil/timefmt.h"
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
	if (cli->ctx.state_zone != NULL &&
	    !timefmt_iana_zone(cli->ctx.state_zone)) {
		*out = xreallocarray(*out, n + 1, sizeof **out);
		xasprintf(&(*out)[n++], "%s: state_zone = \"%s\" is not an IANA "
		    "zone name such as Europe/Helsinki",
		    cli->cfg.path != NULL ? cli->cfg.path : "config",
		    cli->ctx.state_zone);
	}
	if (cli->ctx.default_clocks == NULL)
		return n;
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

/* The start as written: "last sent:x", "year-end discovered", "aware". */
static void
rules_start(const struct rule *r, char *out, size_t len)
{
	snprintf(out, len, "%s%s", r->anchor == RULE_ANCHOR_LAST ? "last " :
	    r->anchor == RULE_ANCHOR_YEAR_END ? "year-end " : "",
	    r->start != NULL ? r->start : "?");
}

/* One accepted hold as written: "ag-delay extend 30d". */
static void
rules_hold(const struct rule *r, size_t i, char *out, size_t len)
{
	const struct rule_hold	*k = r->hold_kinds != NULL ?
				    &r->hold_kinds[i] : NULL;
	char			 p[32];

	if (k == NULL || k->kind == RULE_HOLD_PAUSE) {
		snprintf(out, len, "%s pause", r->holds[i]);
		return;
	}
	period(&k->period, p, sizeof p);
	snprintf(out, len, "%s %s %s", r->holds[i],
	    k->kind == RULE_HOLD_EXTEND ? "extend" : "after", p);
}

/* The second line of a rule in the text listing: what else moves due. */
static void
rules_details(const struct rule *r, struct buf *b)
{
	char	t[96];
	size_t	i;

	if (r->tz != NULL)
		buf_printf(b, "tz %s%s", r->tz, r->state_zone ?
		    " (or the incident's member state)" : "");
	else
		buf_puts(b, "tz UTC");
	if (r->calendar != NULL)
		buf_printf(b, ", calendar %s", r->calendar);
	if (r->cutoff_min >= 0)
		buf_printf(b, ", cutoff %02d:%02d", r->cutoff_min / 60,
		    r->cutoff_min % 60);
	if (r->backstop != NULL) {
		period(&r->backstop_after, t, sizeof t);
		buf_printf(b, ", backstop %s + %s", r->backstop, t);
	}
	for (i = 0; i < r->nholds; i++) {
		rules_hold(r, i, t, sizeof t);
		buf_printf(b, "%s%s", i == 0 ? ", holds " : ", ", t);
	}
	if (r->hold_max_s > 0)
		buf_printf(b, ", hold_max %lldd", (long long)(r->hold_max_s /
		    86400));
	if (r->has_applies_from) {
		timefmt_date(r->applies_from, t);
		buf_printf(b, ", applies from %s", t);
	}
}

static int
cmd_rules(struct cli *cli, int argc, char **argv, struct verr *e)
{
	const struct ruleset	*rs;
	struct buf		 b;
	struct json		 j;
	char			 due[32], start[RULE_LINE_MAX], t[96], **cerr;
	size_t			 i, k, ncerr;
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
			json_kstr(&j, "error", r->error);
			json_kstr(&j, "status", rule_status_name(r->status));
			json_kstr(&j, "start", r->start);
			json_kstr(&j, "anchor", r->anchor == RULE_ANCHOR_LAST ?
			    "last" : r->anchor == RULE_ANCHOR_YEAR_END ?
			    "year-end" : "first");
			json_kstr(&j, "due", due);
			json_kstr(&j, "tz", r->tz);
			json_kbool(&j, "state_zone", r->state_zone);
			json_kstr(&j, "calendar", r->calendar);
			if (r->cutoff_min >= 0) {
				snprintf(t, sizeof t, "%02d:%02d",
				    r->cutoff_min / 60, r->cutoff_min % 60);
				json_kstr(&j, "cutoff", t);
			}
			if (r->backstop != NULL) {
				period(&r->backstop_after, t, sizeof t);
				json_kstr(&j, "backstop", r->backstop);
				json_kstr(&j, "backstop_after", t);
			}
			json_key(&j, "holds");
			json_arr_open(&j);
			for (k = 0; k < r->nholds; k++) {
				rules_hold(r, k, t, sizeof t);
				json_str(&j, t);
			}
			json_arr_close(&j);
			if (r->hold_max_s > 0)
				json_kint(&j, "hold_max_s", r->hold_max_s);
			if (r->has_applies_from) {
				timefmt_date(r->applies_from, t);
				json_kstr(&j, "applies_from", t);
			}
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
		printf("%-22s %-11s %-6s %-28s %s\n", "RULE", "STATUS", "DUE",
		    "STARTS AT", "NAME");
		for (i = 0; i < rs->nrules; i++) {
			const struct rule *r = &rs->rules[i];

			period(&r->due, due, sizeof due);
			rules_start(r, start, sizeof start);
			printf("%-22s %-11s %-6s ", r->id, r->error != NULL ?
			    "ERROR" : rule_status_name(r->status), due);
			cli_put_cell(cli, stdout, start, 28, true);
			fputc(' ', stdout);
			cli_puts_clean(cli, stdout, r->name);
			buf_init(&b);
			if (r->error != NULL)	/* its clocks show this too */
				buf_printf(&b, "error: %s", r->error);
			else
				rules_details(r, &b);
			printf("%-22s ", "");
			cli_puts_clean(cli, stdout, buf_str(&b));
			buf_clear(&b);
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
	if (rs->nerrors + ncerr > 0)
		return verr_set(e, VERR_DATA, "%zu error%s in the rules and "
		    "configuration: the clocks they define show ERROR",
		    rs->nerrors + ncerr, rs->nerrors + ncerr == 1 ? "" : "s");
	return 0;
}

const struct cmd_entry cmd_rules_entry = {
	"rules", "[--json]", "list the loaded notification rules and calendars",
	"Rules are read from the shipped rules directory, then from\n"
	"$XDG_CONFIG_HOME/vigil/rules/, where a file of the same name replaces\n"
	"the shipped one (calendars likewise). Errors name the file and line;\n"
	"the clocks a broken rule defines show ERROR, the others still run.\n"
	"Exits 65 when any file or the configuration has an error.\n"
	"See vigil-rules(5).\n",
	0, cmd_rules
};
