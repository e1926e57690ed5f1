/*
 * cmd-verify.c: vigil verify — recompute the journal's hash chain and check
 * the file; exits 65 (EX_DATAERR) when anything does not match.
 */
#include "cli-private.h"

static const struct option verify_opts[] = {
	{ "full", no_argument, NULL, 'f' },
	{ "anchor", required_argument, NULL, 'a' },
	{ 0 }
};

static int
cmd_verify(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct journal_check	jc;
	const char		*anchor = NULL;
	char			 amsg[256];
	bool			 full = false;
	int			 c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", verify_opts, e)) != -1) {
		if (c == 'f')
			full = true;
		else if (c == 'a')
			anchor = optarg;
		else
			return -1;
	}
	if (cli_positional(cli, argc, argv, 0, 0, e) != 0)
		return -1;
	if (anchor != NULL) {
		if ((rc = ops_anchor_check(&cli->ctx, anchor, amsg, sizeof amsg,
		    e)) < 0)
			return -1;
		if (rc > 0)
			return verr_set(e, VERR_DATA, "%s", amsg);
	}
	if (journal_verify(cli->ctx.db, full, &jc, e) != 0)
		return -1;
	if (!jc.db_ok)
		return verr_set(e, VERR_DATA, "%s: %s", cli->db_path,
		    jc.db_problem);
	if (!jc.ok)
		return verr_set(e, VERR_DATA, "journal broken at entry %lld: "
		    "%s", (long long)jc.bad_seq, jc.problem);
	if (jc.rec_checked && !jc.rec_ok)
		return verr_set(e, VERR_DATA, "the record differs from what its "
		    "journal implies (changed behind vigil's back): %s",
		    jc.rec_problem);
	if (cli->ctx.witness_warning[0] != '\0')
		return verr_set(e, VERR_DATA, "%s", cli->ctx.witness_warning);
	ops_anchor(&cli->ctx, "verification");
	if (jc.keyed_from > 0 && jc.keyed_from <= jc.entries)
		printf("journal: %lld entries, chain intact (keyed: "
		    "HMAC-SHA-256 from entry %lld)\nhead:    %s\n",
		    (long long)jc.entries, (long long)jc.keyed_from, jc.head);
	else
		printf("journal: %lld entries, chain intact\nhead:    %s\n",
		    (long long)jc.entries, jc.head);
	if (jc.rec_checked)
		printf("record:  %lld rows in %lld tables match the journal "
		    "(replayed from entry %lld)\n", (long long)jc.rec_rows,
		    (long long)jc.rec_tables, (long long)jc.rec_from);
	if (jc.db_checked)
		printf("file:    ok (quick_check, foreign_key_check)\n");
	if (anchor != NULL)
		printf("anchor:  %s\n", amsg);
	return 0;
}

const struct cmd_entry cmd_verify_entry = {
	"verify", "[--full] [--anchor SEQ:HASH]",
	"check the journal's hash chain, and every table against it",
	"Recomputes the SHA-256 chain of every journal entry and names the\n"
	"first one that was edited, deleted, inserted or reordered by another\n"
	"program (in the setgid installation the chain is keyed: HMAC-SHA-256\n"
	"under a key only vigil's group can read, so a chain recomputed\n"
	"without it fails; verify then says \"chain intact (keyed: ...)\"). Then replays the row changes every entry carries and\n"
	"compares every row of every table with the file, naming the first\n"
	"difference (table, row, column, the file's value and the journal's).\n"
	"It also compares the journal with the newest entry you have seen of\n"
	"this database (your witness, in $XDG_STATE_HOME/vigil/witness): a\n"
	"journal shorter than that, or with another hash there, fails.\n"
	"--anchor SEQ:HASH (from 'vigil anchor') checks that entry too.\n"
	"--full also runs SQLite's quick_check and foreign_key_check\n"
	"over the whole file (minutes on a file of gigabytes).\n"
	"The head (sequence and hash) is also sent to syslog (authpriv) here\n"
	"and at every breach declaration: a chain cannot show on its own that\n"
	"its newest entries were removed, a copy of its head elsewhere can.\n",
	CMD_DB | CMD_READ, cmd_verify
};
