/*
 * cmd-plan.c: vigil plan list | show TYPE | KEY apply TYPE — the response
 * plans on offer (and the errors of those left out), and applying one to
 * a running incident.
 */
#include <string.h>

#include "cli-private.h"
#include "vigil/ops-task.h"

/* Print the errors of the plans left out; returns how many. */
static size_t
plan_print_errors(struct cli *cli, const struct planset *ps, const char *only)
{
	size_t	i, n = 0;

	for (i = 0; i < ps->nerrors; i++) {
		if (only != NULL && strstr(ps->errors[i], only) == NULL)
			continue;
		fputs("error: ", stdout);
		cli_puts_clean(cli, stdout, ps->errors[i]);
		n++;
	}
	if (n > 0)
		printf("(a plan with an error is not offered until it is "
		    "fixed)\n");
	return n;
}

static int
plan_list_cmd(struct cli *cli)
{
	struct planset	*ps;
	size_t		 i;

	ops_plans_load(&cli->ctx, &ps);
	if (ps->nplans > 0)
		printf("%-28s %5s  %s\n", "TYPE", "TASKS", "TITLE");
	for (i = 0; i < ps->nplans; i++) {
		cli_put_cell(cli, stdout, ps->plans[i].type, 28, true);
		printf(" %5zu  ", ps->plans[i].ntasks);
		cli_puts_clean(cli, stdout, ps->plans[i].title);
	}
	if (ps->nplans == 0)
		printf("no plans found\n");
	plan_print_errors(cli, ps, NULL);
	planset_free(&ps);
	return 0;
}

static int
plan_show_cmd(struct cli *cli, const char *type, struct verr *e)
{
	struct planset		*ps;
	const struct plan	*p;
	const struct plan_task	*t;
	char			 due[TASK_DUE_MAX];
	size_t			 i;

	ops_plans_load(&cli->ctx, &ps);
	if ((p = planset_find(ps, type)) == NULL) {
		plan_print_errors(cli, ps, NULL);
		planset_free(&ps);
		return verr_set(e, VERR_DATA, "no plan '%s' is offered (see "
		    "'vigil plan list')", type);
	}
	printf("type       %s\ntitle      ", p->type);
	cli_puts_clean(cli, stdout, p->title);
	if (p->summary != NULL) {
		printf("summary    ");
		cli_puts_clean(cli, stdout, p->summary);
	}
	if (p->source != NULL) {
		printf("source     ");
		cli_puts_clean(cli, stdout, p->source);
	}
	printf("file       ");
	cli_puts_clean(cli, stdout, p->file);
	printf("clocks    ");
	for (i = 0; i < p->nclocks; i++)
		printf(" %s", p->clocks[i]);
	printf("%s\ntemplates ", p->nclocks == 0 ? " (none)" : "");
	for (i = 0; i < p->ntemplates; i++)
		printf(" %s", p->templates[i]);
	printf("%s\n", p->ntemplates == 0 ? " (none)" : "");
	for (i = 0; i < p->nrecipients; i++) {
		printf("recipient  %-13s %-7s ",
		    recipient_kind_name(p->recipients[i].kind),
		    recipient_channel_name(p->recipients[i].channel));
		cli_puts_clean(cli, stdout, p->recipients[i].name);
	}
	printf("\n%-16s %-9s %-9s %-4s %-18s %s\n", "TASK", "STAGE", "ROLE",
	    "REQ", "DUE", "TITLE");
	for (i = 0; i < p->ntasks; i++) {
		t = &p->tasks[i];
		task_due_format(&t->due, due, sizeof due);
		cli_put_cell(cli, stdout, t->key, 16, true);
		printf(" %-9s %-9s %-4s %-18s ", stage_name(t->stage),
		    role_name(t->role), t->required ? "yes" : "no",
		    due[0] != '\0' ? due : "-");
		cli_puts_clean(cli, stdout, t->title);
	}
	planset_free(&ps);
	return 0;
}

static int
cmd_plan(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct plan_applied	r;
	const char		*key, *type;

	if (cli_simple(cli, argc, argv, 1, 3, NULL, 0, e) != 0)
		return -1;
	if (strcmp(argv[optind], "list") == 0) {
		if (argc - optind != 1)
			return cli_usage(cli, e, "plan list takes no argument");
		return plan_list_cmd(cli);
	}
	if (strcmp(argv[optind], "show") == 0) {
		if (argc - optind != 2)
			return cli_usage(cli, e, "plan show needs a TYPE");
		return plan_show_cmd(cli, argv[optind + 1], e);
	}
	if (argc - optind != 3 || strcmp(argv[optind + 1], "apply") != 0)
		return cli_usage(cli, e, "expected 'plan list', 'plan show "
		    "TYPE' or 'plan KEY apply TYPE'");
	key = argv[optind];
	type = argv[optind + 2];
	if (ops_plan_apply(&cli->ctx, key, type, &r, e) != 0)
		return -1;
	if (!r.first && r.tasks == 0 && r.clocks == 0 && r.recipients == 0)
		printf("%s: plan %s is already applied; nothing to add\n",
		    key, type);
	else
		printf("%s: plan %s applied: %d task%s, %d clock%s, %d "
		    "recipient%s added\n", key, type, r.tasks,
		    r.tasks == 1 ? "" : "s", r.clocks, r.clocks == 1 ? "" : "s",
		    r.recipients, r.recipients == 1 ? "" : "s");
	return 0;
}

const struct cmd_entry cmd_plan_entry = {
	"plan",
	"list | show TYPE | KEY apply TYPE",
	"the response plans on offer, and applying one to an incident",
	"Plans are read from the shipped data directory, then /etc/vigil/plans,\n"
	"then $XDG_CONFIG_HOME/vigil/plans (a later plan of the same type\n"
	"replaces an earlier one; format: vigil-plans(5)). list and show print\n"
	"the errors of plans left out, as FILE:LINE: message. apply adds the\n"
	"plan's tasks, clocks and recipients the incident has not got yet:\n"
	"applying it again adds nothing. The incident's sim or an\n"
	"administrator applies a plan; 'vigil new --plan TYPE' applies one\n"
	"while opening the incident.\n",
	CMD_DB, cmd_plan
};
