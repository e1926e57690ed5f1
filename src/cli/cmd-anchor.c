/*
 * cmd-anchor.c: vigil anchor — print the journal's head as SEQ:HASH, to be
 * kept somewhere the responders cannot rewrite (a ticket, a chat, an
 * e-mail); `vigil verify --anchor SEQ:HASH` later checks the journal
 * still has it.
 */
#include "cli-private.h"
#include "vigil/store-record.h"

static int
cmd_anchor(struct cli *cli, int argc, char **argv, struct verr *e)
{
	char	hash[JOURNAL_HASH_HEX], uuid[40];
	int64_t	seq;

	if (cli_getopt(cli, argc, argv, "", (const struct option[]){ { 0 } },
	    e) == -2 || cli_positional(cli, argc, argv, 0, 0, e) != 0)
		return -1;
	if (journal_head_info(cli->ctx.db, &seq, hash, uuid, e) != 0)
		return -1;
	if (seq == 0)
		return verr_set(e, VERR_DATA, "%s has no journal entries to "
		    "anchor", cli->db_path);
	if (hash[0] == '\0')
		return verr_set(e, VERR_DATA, "the newest journal entry of %s "
		    "has a malformed hash; run 'vigil verify'", cli->db_path);
	printf("%lld:%s\n", (long long)seq, hash);
	return 0;
}

const struct cmd_entry cmd_anchor_entry = {
	"anchor", "", "print the journal's head (SEQ:HASH) to keep elsewhere",
	"Prints the newest journal entry's sequence number and hash as\n"
	"SEQ:HASH. Paste it where the responders cannot rewrite it (a ticket,\n"
	"a chat, an e-mail): 'vigil verify --anchor SEQ:HASH' then tells\n"
	"whether the journal still holds that entry unchanged, which shows a\n"
	"journal cut short or recomputed after an edit.\n",
	CMD_DB | CMD_READ, cmd_anchor
};
