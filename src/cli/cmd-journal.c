/*
 * cmd-journal.c: vigil journal [KEY] — the change history, oldest first.
 */
#include <stdlib.h>

#include "cli-private.h"
#include "vigil/buf.h"
#include "vigil/ops-identity.h"
#include "vigil/incident.h"
#include "vigil/sanitize.h"
#include "vigil/sentence.h"
#include "vigil/timefmt.h"

static const struct option journal_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

static int
cmd_journal(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct journal_query	 q = { 0 };
	struct journal_entry	*v;
	struct buf		 b;
	struct json		 j;
	char			*said, *clean;
	char			 t[TIMEFMT_MAX], key[INCIDENT_KEY_MAX];
	size_t			 n, i;
	bool			 json = false;
	int			 c, lw = 10;

	while ((c = cli_getopt(cli, argc, argv, "j", journal_opts, e)) != -1) {
		if (c != 'j')
			return -1;
		json = true;
	}
	if (cli_positional(cli, argc, argv, 0, 1, e) != 0)
		return -1;
	if (argc - optind == 1) {
		if (ops_key(argv[optind], &q.incident, e) != 0 ||
		    incidents_exists(cli->ctx.db, q.incident, e) != 0)
			return -1;
		q.has_incident = true;
	}
	if (journal_list(cli->ctx.db, &q, &v, &n, e) != 0)
		return -1;
	if (json) {
		buf_init(&b);
		json_init(&j, &b, true);
		json_arr_open(&j);
		for (i = 0; i < n; i++) {
			json_obj_open(&j);
			json_kint(&j, "seq", v[i].seq);
			json_kstr(&j, "uuid", v[i].uuid);
			incident_key_format(v[i].incident, key);
			json_kstr(&j, "incident", v[i].has_incident ? key :
			    NULL);
			json_ktime(&j, "at", v[i].at, true);
			json_kint(&j, "uid", v[i].uid);
			json_kstr(&j, "login", v[i].login);
			json_key(&j, "loginuid");
			if (v[i].has_loginuid)
				json_int(&j, v[i].loginuid);
			else
				json_null(&j);
			json_kstr(&j, "action", v[i].action);
			json_kstr(&j, "payload", v[i].payload);
			json_kstr(&j, "prev_hash", v[i].prev_hash);
			json_kstr(&j, "hash", v[i].hash);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		cli_print_json(&b);
		buf_clear(&b);
	} else {
		/* The login column fits the longest login: an audit trail
		 * that shows two people as "vigiltest..." names nobody. */
		for (i = 0; i < n; i++) {
			char	*s = sanitize(v[i].login, cli->ascii ?
				    SAN_ASCII : 0);
			int	 w = sanitize_width(s);

			free(s);
			if (w > lw)
				lw = w < LOGIN_MAX ? w : LOGIN_MAX;
		}
		for (i = 0; i < n; i++) {
			timefmt_utc(v[i].at, t);
			incident_key_format(v[i].incident, key);
			printf("%6lld %s %-8s ", (long long)v[i].seq, t,
			    v[i].has_incident ? key : "-");
			cli_put_cell(cli, stdout, v[i].login, lw, true);
			printf(" %-16s ", v[i].action);
			/* a sentence, not the payload: --json keeps the raw */
			said = sentence_raw(v[i].action, v[i].payload,
			    v[i].login);
			clean = sanitize(said, cli->ascii ? SAN_ASCII : 0);
			puts(clean);	/* one line per entry, for grep */
			free(clean);
			free(said);
		}
	}
	journal_list_free(&v, n);
	return 0;
}

const struct cmd_entry cmd_journal_entry = {
	"journal", "[KEY] [--json]", "show the journal of changes",
	"Every change to the database, and every refused attempt (action\n"
	"'denied'), oldest first; with KEY, only that incident's entries.\n"
	"Each entry reads as a sentence; --json gives the raw payloads.\n",
	CMD_DB | CMD_READ, cmd_journal
};
