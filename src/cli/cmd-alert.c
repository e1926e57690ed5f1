/*
 * cmd-alert.c: vigil alert show ID [--raw] [--json] — one stored alert:
 * its entry, times, fingerprint, and with --raw the JSON exactly as it
 * arrived, passed through the sanitizer (escape sequences, bidirectional
 * overrides and invalid UTF-8 shown as placeholders, never sent to the
 * terminal). --json gives it as a JSON document, ASCII-escaped.
 */
#include <string.h>

#include "cli-private.h"
#include "vigil/store-alert.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

static const struct option alert_opts[] = {
	{ "raw", no_argument, NULL, 'r' },
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

static int
cmd_alert(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct alert_row	 a;
	struct buf		 b;
	struct json		 j;
	char			 t[TIMEFMT_MAX];
	long long		 id;
	bool			 raw = false, json = false;
	int			 c, found;

	while ((c = cli_getopt(cli, argc, argv, "", alert_opts, e)) != -1) {
		switch (c) {
		case 'r':
			raw = true;
			break;
		case 'j':
			json = true;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 2, 2, e) != 0)
		return -1;
	if (strcmp(argv[optind], "show") != 0)
		return cli_usage(cli, e, "unknown alert command '%s' (show)",
		    argv[optind]);
	if (util_parse_int(argv[optind + 1], 1, INT64_MAX, &id) != 0)
		return cli_usage(cli, e, "'%s' is not an alert number",
		    argv[optind + 1]);
	memset(&a, 0, sizeof a);
	if ((found = alerts_get(cli->ctx.db, id, &a, e)) < 0)
		return -1;
	if (found == 0)
		return verr_set(e, VERR_NOINPUT, "there is no alert %lld", id);
	if (json) {
		buf_init(&b);
		json_init(&j, &b, true);
		json_obj_open(&j);
		json_kint(&j, "id", a.id);
		if (a.entry_id > 0)
			json_kint(&j, "entry", a.entry_id);
		if (a.suppression_id > 0)
			json_kint(&j, "suppressed_by", a.suppression_id);
		json_kstr(&j, "format", a.format);
		json_ktime(&j, "at", a.at, true);
		json_ktime(&j, "received_at", a.received_at, true);
		json_kstr(&j, "fingerprint", a.fingerprint);
		json_kstr(&j, "raw", a.raw);
		json_obj_close(&j);
		cli_print_json_ascii(&b);
		buf_clear(&b);
	} else if (raw)
		cli_puts_clean(cli, stdout, a.raw);
	else {
		printf("alert %lld  %s", (long long)a.id, a.format);
		if (a.entry_id > 0)
			printf("  entry %lld", (long long)a.entry_id);
		if (a.suppression_id > 0)
			printf("  suppressed by %lld",
			    (long long)a.suppression_id);
		putchar('\n');
		timefmt_utc(a.at, t);
		printf("%-12s %s\n", "at", t);
		timefmt_utc(a.received_at, t);
		printf("%-12s %s\n", "received", t);
		printf("%-12s ", "fingerprint");
		cli_puts_clean(cli, stdout, a.fingerprint);
		printf("%-12s %zu bytes (--raw to see it)\n", "raw",
		    strlen(a.raw));
	}
	alert_row_clear(&a);
	return 0;
}

const struct cmd_entry cmd_alert_entry = {
	"alert",
	"show ID [--raw] [--json]",
	"one stored alert, and its raw JSON on demand",
	"--raw prints the alert exactly as it arrived, through the sanitizer:\n"
	"control characters, escape sequences, bidirectional overrides and\n"
	"invalid UTF-8 appear as visible placeholders. --json prints it as a\n"
	"JSON document with every non-ASCII character escaped.\n",
	CMD_DB, cmd_alert
};
