/*
 * cmd-digest.c: vigil digest [--since TIME] — what changed since you last
 * looked: the shift hand-off digest (see include/vigil/digest.h).
 */
#include <stdlib.h>

#include "cli-private.h"
#include "vigil/buf.h"
#include "vigil/ops-digest.h"
#include "vigil/incident.h"
#include "vigil/sanitize.h"
#include "vigil/timefmt.h"

static const struct option digest_opts[] = {
	{ "since", required_argument, NULL, 's' },
	{ "no-mark", no_argument, NULL, 'n' },
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

static void
digest_json(const struct digest *d)
{
	struct buf	b;
	struct json	j;
	char		key[INCIDENT_KEY_MAX];
	size_t		i;
	int		k;

	buf_init(&b);
	json_init(&j, &b, true);
	json_obj_open(&j);
	json_ktime(&j, "since", d->since, true);
	json_kstr(&j, "from", d->asked ? "since" : d->has_point ?
	    "last_look" : "last_24h");
	json_kint(&j, "from_seq", d->from_seq);
	json_kint(&j, "to_seq", d->to_seq);
	json_key(&j, "sections");
	json_arr_open(&j);
	for (k = 0; k < DIGEST__COUNT; k++) {
		json_obj_open(&j);
		json_kstr(&j, "title", digest_kind_title((enum digest_kind)k));
		json_kint(&j, "count", (int64_t)d->count[k]);
		json_key(&j, "items");
		json_arr_open(&j);
		for (i = 0; i < d->n; i++) {
			if (d->v[i].kind != (enum digest_kind)k)
				continue;
			json_obj_open(&j);
			incident_key_format(d->v[i].incident, key);
			json_kstr(&j, "incident", d->v[i].incident > 0 ? key :
			    NULL);
			json_ktime(&j, "at", d->v[i].at, true);
			json_kstr(&j, "text", d->v[i].text);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		json_obj_close(&j);
	}
	json_arr_close(&j);
	json_obj_close(&j);
	cli_print_json(&b);
	buf_clear(&b);
}

static void
digest_text(struct cli *cli, const struct digest *d)
{
	const struct digest_item	*it;
	char				 t[TIMEFMT_MAX], *s;
	size_t				 n, i, total = 0;
	int				 k;

	for (k = 0; k < DIGEST__COUNT; k++)
		total += d->count[k];
	timefmt_utc_short(d->since, t);
	printf("Since %s (%s): %zu change%s\n", t, d->asked ? "--since" :
	    d->has_point ? "your last look" : "the last 24 hours; no earlier "
	    "look on this database", total, total == 1 ? "" : "s");
	for (k = 0; k < DIGEST__COUNT; k++) {
		printf("\n%s: %zu\n", digest_kind_title((enum digest_kind)k),
		    d->count[k]);
		it = digest_section(d, (enum digest_kind)k, &n);
		for (i = 0; i < n; i++) {
			timefmt_utc_short(it[i].at, t);
			s = sanitize(it[i].text, cli->ascii ? SAN_ASCII : 0);
			printf("  %s  %s\n", t, s);
			free(s);
		}
		if (d->count[k] > n)
			printf("  ... and %zu more (vigil journal)\n",
			    d->count[k] - n);
	}
}

static int
cmd_digest(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct digest	 d;
	struct verr	 me = { 0 };
	int64_t		 since = 0;
	int		 c, off;
	bool		 has_since = false, json = false, mark = true;

	while ((c = cli_getopt(cli, argc, argv, "s:nj", digest_opts, e)) !=
	    -1) {
		switch (c) {
		case 's':
			if (cli_time(cli, "--since", optarg, &since, &off,
			    e) != 0)
				return -1;
			has_since = true;
			mark = false;	/* a look back, not a new look */
			break;
		case 'n':
			mark = false;
			break;
		case 'j':
			json = true;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 0, 0, e) != 0)
		return -1;
	if (ops_digest(&cli->ctx, has_since, since, &d, e) != 0)
		return -1;
	if (json)
		digest_json(&d);
	else
		digest_text(cli, &d);
	digest_clear(&d);
	/* the digest is printed: a look that cannot be recorded is a
	 * warning (the next digest covers more), not a failure */
	if (mark && ops_digest_mark(&cli->ctx, &me) != 0) {
		fprintf(stderr, "vigil: warning: this look is not recorded: "
		    "%s\n", me.msg);
	}
	return 0;
}

const struct cmd_entry cmd_digest_entry = {
	"digest", "[--since TIME] [--no-mark] [--json]",
	"what changed since you last looked",
	"The shift hand-off digest: incidents opened, declarations and\n"
	"retractions, roles given to or taken from you, clocks that turned\n"
	"!, !! or OVERDUE, recipients notified, incidents closed; others'\n"
	"acts only (you know your own). Then your open tasks whose due\n"
	"time fell since (yours: given to you, or unowned on a role you\n"
	"hold), and the tasks given to or taken from you. --json has the\n"
	"same sections, in that order. Without --since it covers what\n"
	"happened after your last look at this database (the last 24 hours\n"
	"the first time) and then records this look; the point is kept per\n"
	"user in $XDG_STATE_HOME/vigil/digest-seen, never in the shared\n"
	"database. Opening the console shows the same digest and records\n"
	"the look too. --no-mark prints without recording.\n",
	CMD_DB, cmd_digest
};
