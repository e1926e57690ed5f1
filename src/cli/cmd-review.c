/*
 * cmd-review.c: vigil review KEY — print the after-action review of an
 * incident, or set its root cause and lessons learned.
 */
#include <stdlib.h>

#include "cli-private.h"
#include "vigil/ops-export.h"
#include "vigil/ops-review.h"
#include "vigil/sanitize.h"

static int
cmd_review(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct text_opt		o[] = { { "root-cause", NULL },
				    { "lessons", NULL } };
	struct review_doc	d;
	struct export_opts	eo = { 0 };
	struct buf		b;
	char			*text;

	if (cli_simple(cli, argc, argv, 1, 1, o, 2, e) != 0)
		return -1;
	if (o[0].value != NULL || o[1].value != NULL)
		return ops_review_set(&cli->ctx, argv[optind], o[0].value,
		    o[1].value, e);
	if (ops_review_load(&cli->ctx, argv[optind], false, &d, e) != 0)
		return -1;
	eo.brief = true;
	buf_init(&b);
	export_markdown(&d, &eo, &b);
	/* escaped for Markdown; sanitized once more for the terminal */
	text = sanitize(buf_str(&b), SAN_MULTILINE | (cli->ascii ? SAN_ASCII :
	    0));
	fputs(text, stdout);
	free(text);
	buf_clear(&b);
	review_doc_clear(&d);
	return 0;
}

const struct cmd_entry cmd_review_entry = {
	"review", "KEY [--root-cause TEXT] [--lessons TEXT]",
	"show the after-action review, or set its root cause and lessons",
	"Without options, prints the review (Markdown): the ladder with the\n"
	"time between steps, time in each stage, role tenures, the customer\n"
	"deadline's outcome and margin, recipients, root cause, lessons\n"
	"learned and repair items. --root-cause and --lessons set the text\n"
	"(each replaces what was there). Allowed on open and closed incidents\n"
	"to holders of a role on the incident, or an administrator; after\n"
	"closing, the review text and repair items are all that can change.\n"
	"'vigil export' writes the full document with its timeline.\n",
	CMD_DB, cmd_review
};
