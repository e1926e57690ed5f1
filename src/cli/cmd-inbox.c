/*
 * cmd-inbox.c: vigil inbox [--json] — the new entries of the triage inbox,
 * most severe first, then the most recently seen, each group's members
 * under the entry they joined with the reason; and what triage does with
 * an entry: inbox accept ID, inbox attach ID KEY, inbox dismiss ID
 * --reason R, inbox show ID. Every alert field is printed through the
 * sanitizer (text) or ASCII-escaped (JSON).
 */
#include <stdlib.h>
#include <string.h>

#include "cli-private.h"
#include "vigil/ops-inbox.h"
#include "vigil/sanitize.h"
#include "vigil/store-alert.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

#define INBOX_LIMIT_DEFAULT 50

static const struct option inbox_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "limit", required_argument, NULL, 'l' },
	{ "reason", required_argument, NULL, 'r' },
	{ "note", required_argument, NULL, 'n' },
	{ 0 }
};

static void
entry_json(struct json *j, const struct inbox_entry *x, bool member)
{
	char	k[INCIDENT_KEY_MAX];

	json_obj_open(j);
	json_kint(j, "id", x->id);
	json_kstr(j, "state", entry_state_name(x->state));
	json_kint(j, "severity", x->severity);
	json_kint(j, "count", x->count);
	json_ktime(j, "first_seen", x->first_seen, true);
	json_ktime(j, "last_seen", x->last_seen, true);
	json_ktime(j, "arrived_at", x->arrived_at, true);
	json_kstr(j, "format", x->format);
	json_kstr(j, "source", x->source);
	json_kstr(j, "rule", x->rule);
	json_kstr(j, "title", x->title);
	json_kstr(j, "host", x->host);
	json_kstr(j, "user", x->user);
	json_kstr(j, "src_ip", x->src_ip);
	json_kstr(j, "dst_ip", x->dst_ip);
	json_kstr(j, "fingerprint", x->fingerprint);
	if (member) {
		json_kint(j, "group", x->group_id);
		json_kstr(j, "grouped_because", x->group_why);
	}
	if (x->incident_id > 0) {
		incident_key_format(x->incident_id, k);
		json_kstr(j, "incident", k);
	}
	if (x->state == ENTRY_DISMISSED)
		json_kstr(j, "reason", x->reason);
	if (x->has_decided) {
		json_ktime(j, "decided_at", x->decided_at, true);
		json_kstr(j, "decided_by", x->decided_by);
	}
}

/* "host web-01  user alice  10.0.0.5 -> 10.0.0.9" from raw fields. */
static void
entry_entities(struct cli *cli, const struct inbox_entry *x, int indent)
{
	struct buf	b;

	buf_init(&b);
	if (x->host[0] != '\0')
		buf_printf(&b, "host %s  ", x->host);
	if (x->user[0] != '\0')
		buf_printf(&b, "user %s  ", x->user);
	if (x->src_ip[0] != '\0' || x->dst_ip[0] != '\0')
		buf_printf(&b, "%s -> %s  ", x->src_ip[0] != '\0' ? x->src_ip :
		    "?", x->dst_ip[0] != '\0' ? x->dst_ip : "?");
	buf_printf(&b, "rule %s", x->rule);
	printf("%*s", indent, "");
	cli_put_cell(cli, stdout, buf_str(&b), 79 - indent, false);
	putchar('\n');
	buf_clear(&b);
}

static void
entry_line(struct cli *cli, const struct inbox_entry *x, bool member)
{
	char	t[TIMEFMT_MAX];

	timefmt_utc_short(x->last_seen, t);
	printf("%s%-5lld SEV%d %6lld  %s  ", member ? "  + " : "",
	    (long long)x->id, x->severity, (long long)x->count, t);
	cli_put_cell(cli, stdout, x->source, 9, true);
	putchar(' ');
	cli_put_cell(cli, stdout, x->title, member ? 22 : 26, false);
	putchar('\n');
	if (member) {
		printf("%10s", "");
		cli_put_cell(cli, stdout, x->group_why, 60, false);
		fputs(" (why grouped)\n", stdout);
	}
	entry_entities(cli, x, member ? 10 : 6);
}

static int
inbox_list_cmd(struct cli *cli, bool json, int limit, struct verr *e)
{
	struct inbox_entry	*v = NULL, *m = NULL;
	struct buf		 b;
	struct json		 j;
	int64_t			 entries, alerts;
	size_t			 n = 0, nm = 0, i, k;
	int			 rc = -1;

	if (db_begin_read(cli->ctx.db, e) != 0)
		return -1;
	if (inbox_counts(cli->ctx.db, &entries, &alerts, e) != 0 ||
	    inbox_list(cli->ctx.db, limit, &v, &n, e) != 0)
		goto out;
	buf_init(&b);
	json_init(&j, &b, true);
	if (json) {
		json_obj_open(&j);
		json_kint(&j, "new_entries", entries);
		json_kint(&j, "new_alerts", alerts);
		json_key(&j, "entries");
		json_arr_open(&j);
	} else {
		printf("inbox: %lld new entr%s, %lld alert%s\n",
		    (long long)entries, entries == 1 ? "y" : "ies",
		    (long long)alerts, alerts == 1 ? "" : "s");
		if (n > 0)
			printf("%-5s %-4s %6s  %-17s  %-9s %s\n", "ID", "SEV",
			    "COUNT", "LAST SEEN", "SOURCE", "TITLE");
	}
	for (i = 0; i < n; i++) {
		if (v[i].members > 0 && inbox_members(cli->ctx.db, v[i].id, &m,
		    &nm, e) != 0) {
			buf_clear(&b);
			goto out;
		}
		if (json) {
			entry_json(&j, &v[i], false);
			json_key(&j, "members");
			json_arr_open(&j);
			for (k = 0; k < nm; k++) {
				entry_json(&j, &m[k], true);
				json_obj_close(&j);
			}
			json_arr_close(&j);
			json_obj_close(&j);
		} else {
			entry_line(cli, &v[i], false);
			for (k = 0; k < nm; k++)
				entry_line(cli, &m[k], true);
		}
		inbox_entry_list_free(&m, nm);
		nm = 0;
	}
	if (json) {
		json_arr_close(&j);
		json_obj_close(&j);
		cli_print_json_ascii(&b);
	} else if ((int64_t)n < entries && n == (size_t)limit)
		printf("(the first %d; --limit N for more)\n", limit);
	buf_clear(&b);
	rc = 0;
out:
	db_end_read(cli->ctx.db);
	inbox_entry_list_free(&v, n);
	return rc;
}

static int
inbox_show_cmd(struct cli *cli, const char *arg, bool json, struct verr *e)
{
	struct inbox_entry	 x;
	struct buf		 b;
	struct json		 j;
	int64_t			 id, *ids = NULL;
	size_t			 n = 0, i;
	char			 t[TIMEFMT_MAX], k[INCIDENT_KEY_MAX];
	int			 found;

	if (ops_entry_id(arg, &id, e) != 0)
		return -1;
	if ((found = inbox_get(cli->ctx.db, id, &x, e)) < 0)
		return -1;
	if (found == 0)
		return verr_set(e, VERR_NOINPUT, "there is no inbox entry %lld",
		    (long long)id);
	if (alerts_of_entry(cli->ctx.db, id, 1000, &ids, &n, e) != 0) {
		inbox_entry_clear(&x);
		return -1;
	}
	if (json) {
		buf_init(&b);
		json_init(&j, &b, true);
		entry_json(&j, &x, x.group_id > 0);
		json_key(&j, "alerts");
		json_arr_open(&j);
		for (i = 0; i < n; i++)
			json_int(&j, ids[i]);
		json_arr_close(&j);
		json_obj_close(&j);
		cli_print_json_ascii(&b);
		buf_clear(&b);
	} else {
		printf("entry %lld  SEV%d  %s", (long long)x.id, x.severity,
		    entry_state_name(x.state));
		if (x.incident_id > 0) {
			incident_key_format(x.incident_id, k);
			printf(" %s", k);
		}
		if (x.state == ENTRY_DISMISSED)
			printf(" (%s)", x.reason);
		putchar('\n');
		printf("%-12s ", "title");
		cli_puts_clean(cli, stdout, x.title);
		printf("%-12s %s\n", "format", x.format);
		printf("%-12s ", "fingerprint");
		cli_puts_clean(cli, stdout, x.fingerprint);
		printf("%-12s %lld\n", "alerts", (long long)x.count);
		timefmt_utc_short(x.first_seen, t);
		printf("%-12s %s\n", "first seen", t);
		timefmt_utc_short(x.last_seen, t);
		printf("%-12s %s\n", "last seen", t);
		if (x.group_id > 0) {
			printf("%-12s entry %lld, ", "grouped", (long long)
			    x.group_id);
			cli_puts_clean(cli, stdout, x.group_why);
		}
		entry_entities(cli, &x, 0);
		printf("alert ids   ");
		for (i = 0; i < n && i < 20; i++)
			printf(" %lld", (long long)ids[i]);
		printf("%s  (vigil alert show ID --raw)\n", n > 20 ? " ..." :
		    "");
	}
	free(ids);
	inbox_entry_clear(&x);
	return 0;
}

static int
cmd_inbox(struct cli *cli, int argc, char **argv, struct verr *e)
{
	enum dismiss_reason	 r;
	const char		*reason = NULL, *note = NULL, *sub;
	char			 key[INCIDENT_KEY_MAX];
	long long		 limit = INBOX_LIMIT_DEFAULT;
	int64_t			 id;
	bool			 json = false;
	int			 c, npos;

	while ((c = cli_getopt(cli, argc, argv, "", inbox_opts, e)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'l':
			if (util_parse_int(optarg, 1, 100000, &limit) != 0)
				return cli_usage(cli, e, "--limit must be 1 to "
				    "100000");
			break;
		case 'r':
			reason = optarg;
			break;
		case 'n':
			note = optarg;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 0, 3, e) != 0)
		return -1;
	npos = argc - optind;
	if (npos == 0)
		return inbox_list_cmd(cli, json, (int)limit, e);
	sub = argv[optind];
	if ((reason != NULL || note != NULL) && strcmp(sub, "dismiss") != 0)
		return cli_usage(cli, e, "--reason and --note are for inbox "
		    "dismiss");
	if (strcmp(sub, "show") == 0) {
		if (npos != 2)
			return cli_usage(cli, e, "inbox show needs an entry ID");
		return inbox_show_cmd(cli, argv[optind + 1], json, e);
	}
	if (json)
		return cli_usage(cli, e, "--json is for the list and show");
	if (strcmp(sub, "accept") == 0) {
		if (npos != 2)
			return cli_usage(cli, e, "inbox accept needs an entry "
			    "ID");
		if (ops_entry_id(argv[optind + 1], &id, e) != 0 ||
		    ops_inbox_accept(&cli->ctx, id, key, e) != 0)
			return -1;
		printf("%s\n", key);
		return 0;
	}
	if (strcmp(sub, "attach") == 0) {
		if (npos != 3)
			return cli_usage(cli, e, "inbox attach needs an entry "
			    "ID and an incident KEY");
		if (ops_entry_id(argv[optind + 1], &id, e) != 0 ||
		    ops_inbox_attach(&cli->ctx, id, argv[optind + 2], e) != 0)
			return -1;
		printf("attached to %s\n", argv[optind + 2]);
		return 0;
	}
	if (strcmp(sub, "dismiss") == 0) {
		if (npos != 2)
			return cli_usage(cli, e, "inbox dismiss needs an entry "
			    "ID");
		if (reason == NULL || dismiss_reason_parse(reason, &r) != 0)
			return cli_usage(cli, e, "inbox dismiss needs --reason "
			    "false-positive, benign, duplicate or "
			    "out-of-scope");
		if (ops_entry_id(argv[optind + 1], &id, e) != 0 ||
		    ops_inbox_dismiss(&cli->ctx, id, r, note, e) != 0)
			return -1;
		printf("dismissed (%s)\n", dismiss_reason_name(r));
		return 0;
	}
	return cli_usage(cli, e, "unknown inbox command '%s' (accept, attach, "
	    "dismiss, show)", sub);
}

const struct cmd_entry cmd_inbox_entry = {
	"inbox",
	"[--json] [--limit N] | accept ID | attach ID KEY | dismiss ID "
	"--reason false-positive|benign|duplicate|out-of-scope [--note TEXT] | "
	"show ID [--json]",
	"the triage inbox: new alert entries, and accepting, attaching or "
	"dismissing them",
	"Lists the new entries most severe first, then the most recently seen;\n"
	"entries grouped with one (a shared host, user or address) are listed\n"
	"under it with the reason. accept opens an incident with the entry's\n"
	"title and severity, the detected milestone at its first alert and you\n"
	"as triage holder, and prints its key; attach adds the entry's alerts\n"
	"to an open incident; dismiss closes the entry with a reason. An entry\n"
	"that heads a group takes its new members along. People qualified for\n"
	"triage or sim, and administrators, may act; each act is journaled.\n",
	CMD_DB, cmd_inbox
};
