/*
 * cmd-recipient.c: vigil recipient add | list | set | waive — who must be
 * notified of an incident, and how far each notification has got.
 */
#include <string.h>

#include "cli-private.h"
#include "vigil/ops-notify.h"
#include "vigil/ops-present-notify.h"
#include "vigil/timefmt.h"

static const struct option recipient_opts[] = {
	{ "kind", required_argument, NULL, 'k' },
	{ "channel", required_argument, NULL, 'c' },
	{ "contact", required_argument, NULL, 'C' },
	{ "json", no_argument, NULL, 'j' },
	{ "at", required_argument, NULL, 'a' },
	{ "reason", required_argument, NULL, 'r' },
	{ 0 }
};

struct recipient_args {
	const char	*kind, *channel, *contact, *at, *reason;
	bool		 json;
};

static int
recipient_list_cmd(struct cli *cli, const char *key, bool json,
    struct verr *e)
{
	struct recipient	*v = NULL;
	struct buf		 b;
	struct json		 j;
	char			 id[RECIPIENT_ID_MAX], t[TIMEFMT_MAX];
	int64_t			 inc;
	size_t			 n = 0, i;

	if (ops_key(key, &inc, e) != 0 ||
	    incidents_exists(cli->ctx.db, inc, e) != 0 ||
	    recipients_list(cli->ctx.db, inc, &v, &n, e) != 0)
		return -1;
	if (json) {
		buf_init(&b);
		json_init(&j, &b, true);
		present_recipients_json(&j, v, n, true);
		cli_print_json(&b);
		buf_clear(&b);
	} else {
		if (n > 0)
			printf("%-4s %-24s %-13s %-7s %-12s %-17s %s\n", "ID",
			    "NAME", "KIND", "CHANNEL", "STATE", "SENT (UTC)",
			    "CONTACT");
		for (i = 0; i < n; i++) {
			ops_recipient_id(v[i].num, id);
			printf("%-4s ", id);
			cli_put_cell(cli, stdout, v[i].name, 24, true);
			printf(" %-13s %-7s %-12s ",
			    recipient_kind_name(v[i].kind),
			    recipient_channel_name(v[i].channel),
			    recipient_state_name(v[i].state));
			if (v[i].has_sent)
				timefmt_utc_short(v[i].sent_at, t);
			else
				snprintf(t, sizeof t, "-");
			printf("%-17s ", t);
			cli_puts_clean(cli, stdout, v[i].contact);
		}
	}
	recipient_list_free(&v, n);
	return 0;
}

/* Tell what a change completed: customers_notified and the outcome. */
static void
recipient_report_notified(struct cli *cli, const char *key)
{
	struct incident	inc;
	int64_t		id;
	char		t[TIMEFMT_MAX];

	if (ops_key(key, &id, NULL) != 0 ||
	    incidents_get(cli->ctx.db, id, &inc, NULL) != 0)
		return;
	timefmt_utc(inc.notified_at, t);
	printf("%s: every recipient notified or waived; customers_notified "
	    "recorded at %s\n", inc.key, t);
	incident_clear(&inc);
}

/* Only the options of the subcommand sub may be given. */
static int
recipient_only(struct cli *cli, const struct recipient_args *a,
    const char *sub, const char *allowed, struct verr *e)
{
	const struct {
		char		 c;
		const char	*name;
		bool		 given;
	} opts[] = {
		{ 'k', "--kind", a->kind != NULL },
		{ 'c', "--channel", a->channel != NULL },
		{ 'C', "--contact", a->contact != NULL },
		{ 'j', "--json", a->json },
		{ 'a', "--at", a->at != NULL },
		{ 'r', "--reason", a->reason != NULL },
	};
	size_t	i;

	for (i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (opts[i].given && strchr(allowed, opts[i].c) == NULL)
			return cli_usage(cli, e, "recipient %s does not take %s",
			    sub, opts[i].name);
	return 0;
}

static int
cmd_recipient(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct recipient_args	 a;
	struct recipient_new	 in;
	enum recipient_state	 st;
	const char		*sub;
	char			 id[RECIPIENT_ID_MAX];
	int64_t			 at = 0;
	int			 c, off = 0, npos;
	bool			 notified = false;

	memset(&a, 0, sizeof a);
	while ((c = cli_getopt(cli, argc, argv, "", recipient_opts, e)) !=
	    -1) {
		switch (c) {
		case 'k':
			a.kind = optarg;
			break;
		case 'c':
			a.channel = optarg;
			break;
		case 'C':
			a.contact = optarg;
			break;
		case 'j':
			a.json = true;
			break;
		case 'a':
			a.at = optarg;
			break;
		case 'r':
			a.reason = optarg;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 2, 4, e) != 0)
		return -1;
	sub = argv[optind];
	npos = argc - optind - 1;
	if (strcmp(sub, "list") == 0) {
		if (npos != 1)
			return cli_usage(cli, e, "recipient list needs a KEY");
		if (recipient_only(cli, &a, sub, "j", e) != 0)
			return -1;
		return recipient_list_cmd(cli, argv[optind + 1], a.json, e);
	}
	if (strcmp(sub, "add") == 0) {
		if (npos != 2)
			return cli_usage(cli, e, "recipient add needs KEY and "
			    "NAME");
		if (recipient_only(cli, &a, sub, "kcC", e) != 0)
			return -1;
		memset(&in, 0, sizeof in);
		in.name = argv[optind + 2];
		in.contact = a.contact;
		in.kind = RKIND_CUSTOMER;
		in.channel = RCHAN_EMAIL;
		if (a.kind != NULL && recipient_kind_parse(a.kind,
		    &in.kind) != 0)
			return cli_usage(cli, e, "--kind must be customer, "
			    "regulator, support-org, service-org or "
			    "data-subjects");
		if (a.channel != NULL && recipient_channel_parse(a.channel,
		    &in.channel) != 0)
			return cli_usage(cli, e, "--channel must be email, "
			    "portal, phone, letter or other");
		if (ops_recipient_add(&cli->ctx, argv[optind + 1], &in, id,
		    e) != 0)
			return -1;
		printf("%s\n", id);
		return 0;
	}
	if (strcmp(sub, "set") == 0) {
		if (npos != 3)
			return cli_usage(cli, e, "recipient set needs KEY, RID "
			    "and a state");
		if (recipient_only(cli, &a, sub, "a", e) != 0)
			return -1;
		if (recipient_state_parse(argv[optind + 3], &st) != 0 ||
		    (st != RSTATE_DRAFTED && st != RSTATE_SENT &&
		    st != RSTATE_ACKNOWLEDGED))
			return cli_usage(cli, e, "the state must be drafted, "
			    "sent or acknowledged (the eim waives with "
			    "'recipient waive')");
		if (a.at != NULL && cli_time(cli, "--at", a.at, &at, &off,
		    e) != 0)
			return -1;
		if (ops_recipient_set(&cli->ctx, argv[optind + 1],
		    argv[optind + 2], st, a.at != NULL, at, &notified, e) != 0)
			return -1;
	} else if (strcmp(sub, "waive") == 0) {
		if (npos != 2)
			return cli_usage(cli, e, "recipient waive needs KEY and "
			    "RID");
		if (recipient_only(cli, &a, sub, "r", e) != 0)
			return -1;
		if (a.reason == NULL)
			return cli_usage(cli, e, "waiving needs --reason");
		if (ops_recipient_waive(&cli->ctx, argv[optind + 1],
		    argv[optind + 2], a.reason, &notified, e) != 0)
			return -1;
	} else
		return cli_usage(cli, e, "unknown recipient command '%s' (add, "
		    "list, set, waive)", sub);
	if (notified)
		recipient_report_notified(cli, argv[optind + 1]);
	return 0;
}

const struct cmd_entry cmd_recipient_entry = {
	"recipient",
	"add KEY NAME [--kind KIND] [--channel CHANNEL] [--contact TEXT] | "
	"list KEY [--json] | set KEY RID drafted|sent|acknowledged "
	"[--at TIME] | waive KEY RID --reason TEXT",
	"the people and bodies to notify, and where each notification stands",
	"add prints the new recipient's id (R1, R2, ...). KIND: customer\n"
	"(default), regulator, support-org, service-org, data-subjects.\n"
	"CHANNEL: email (default), portal, phone, letter, other.\n"
	"A recipient moves pending -> drafted -> sent -> acknowledged, only\n"
	"forward (drafted may be skipped; acknowledged needs sent). --at is\n"
	"when it happened (default now). The incident's sim, comms or support\n"
	"add recipients and mark them; only its eim waives one (pending or\n"
	"drafted), with a reason. When every recipient is sent, acknowledged\n"
	"or waived, and at least one was sent, customers_notified is recorded\n"
	"at the latest send time: the customer deadline is then met or\n"
	"missed. A declared breach cannot be closed while a recipient is\n"
	"pending or drafted.\n",
	CMD_DB, cmd_recipient
};
