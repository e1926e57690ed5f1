/*
 * cmd.c: the command table, and help generated from it. Adding a command is
 * adding its file and one line here.
 */
#include <string.h>

#include "cli-private.h"
#include "vigil/util.h"

static const struct cmd_entry *const commands[] = {
	&cmd_init_entry,
	&cmd_new_entry,
	&cmd_list_entry,
	&cmd_show_entry,
	&cmd_assign_entry,
	&cmd_release_entry,
	&cmd_stage_entry,
	&cmd_note_entry,
	&cmd_milestone_entry,
	&cmd_declare_entry,
	&cmd_retract_entry,
	&cmd_close_entry,
	&cmd_clocks_entry,
	&cmd_rules_entry,
	&cmd_recipient_entry,
	&cmd_bulletin_entry,
	&cmd_review_entry,
	&cmd_repair_entry,
	&cmd_export_entry,
	&cmd_report_entry,
	&cmd_evidence_entry,
	&cmd_roster_entry,
	&cmd_journal_entry,
	&cmd_verify_entry,
	&cmd_demo_entry,
	&cmd_set_entry,
	&cmd_pickup_entry,
	&cmd_plan_entry,
	&cmd_task_entry,
	&cmd_import_entry,
	&cmd_inbox_entry,
	&cmd_suppress_entry,
	&cmd_alert_entry,
	&cmd_anchor_entry,
	&cmd_digest_entry,
};

const struct cmd_entry *
cmd_find(const char *name)
{
	size_t	i;

	for (i = 0; i < nitems(commands); i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

void
cmd_print_list(FILE *f)
{
	size_t	i;

	for (i = 0; i < nitems(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i]->name,
		    commands[i]->summary);
}

void
cmd_print_help(FILE *f, const struct cmd_entry *c)
{
	fprintf(f, "usage: vigil [--db PATH] %s %s\n\n%s\n", c->name, c->usage,
	    c->summary);
	if (c->help != NULL && *c->help != '\0')
		fprintf(f, "\n%s", c->help);
	fputs("\nGlobal options: --db PATH, --read-only, --help, --version\n",
	    f);
}
