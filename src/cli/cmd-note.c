/*
 * cmd-note.c: vigil note KEY TEXT — add a note to the timeline.
 */
#include "cli-private.h"

static int
cmd_note(struct cli *cli, int argc, char **argv, struct verr *e)
{
	if (cli_simple(cli, argc, argv, 2, 2, NULL, 0, e) != 0)
		return -1;
	return ops_note(&cli->ctx, argv[optind], argv[optind + 1], e);
}

const struct cmd_entry cmd_note_entry = {
	"note", "KEY TEXT", "add a note to an incident's timeline",
	"Anyone on the roster may add a note to an open incident.\n",
	CMD_DB, cmd_note
};
