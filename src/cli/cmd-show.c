/*
 * cmd-show.c: vigil show KEY — one incident in full.
 */
#include <stdlib.h>

#include "cli-private.h"
#include "vigil/buf.h"
#include "vigil/ops-clock-eval.h"
#include "vigil/countdown.h"
#include "vigil/ops-notify.h"
#include "vigil/ops-present.h"
#include "vigil/ops-rewind.h"
#include "vigil/store-notify.h"
#include "vigil/store-alert.h"
#include "vigil/sanitize.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

static const struct option show_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "at", required_argument, NULL, 'a' },
	{ 0 }
};

static void
show_line(struct cli *cli, const char *label, const char *raw)
{
	printf("%-12s ", label);
	cli_puts_clean(cli, stdout, raw);
}

static void
show_clocks(struct cli *cli, const struct clock_view *v, size_t n)
{
	struct deadline	d;
	char		t[TIMEFMT_MAX], label[32];
	size_t		i;

	if (n == 0)
		return;
	printf("clocks\n");
	for (i = 0; i < n; i++) {
		clock_view_deadline(&v[i], &d);
		countdown_label(&d, label, sizeof label);
		printf("  %-23s %-16s ", v[i].id, label);
		if (v[i].r.has_due) {
			timefmt_utc_short(v[i].r.due, t);
			printf("due %s", t);
		}
		if (v[i].rule != NULL && rule_not_law(v[i].rule))
			printf("  [%s, not law]",
			    rule_status_name(v[i].rule->status));
		if (v[i].r.message[0] != '\0') {
			/* the message may quote a rule file: sanitized */
			fputs("  ", stdout);
			cli_puts_clean(cli, stdout, v[i].r.message);
		} else
			putchar('\n');
	}
}

/* The recipients: where each notification stands, and since when. */
static void
show_recipients(struct cli *cli, const struct recipient *v, size_t n)
{
	char	id[RECIPIENT_ID_MAX], t[TIMEFMT_MAX];
	size_t	i, done = 0;
	int64_t	at;
	bool	has;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		done += recipient_state_notified(v[i].state);
	printf("%-12s %zu of %zu notified\n", "recipients", done, n);
	for (i = 0; i < n; i++) {
		switch (v[i].state) {
		case RSTATE_DRAFTED:
			has = v[i].has_drafted, at = v[i].drafted_at;
			break;
		case RSTATE_SENT:
			has = v[i].has_sent, at = v[i].sent_at;
			break;
		case RSTATE_ACKNOWLEDGED:
			has = v[i].has_acked, at = v[i].acked_at;
			break;
		case RSTATE_WAIVED:
			has = v[i].has_waived, at = v[i].waived_at;
			break;
		default:
			has = false, at = 0;
			break;
		}
		ops_recipient_id(v[i].num, id);
		if (has)
			timefmt_utc_short(at, t);
		printf("  %-4s %-13s %-17s ", id,
		    recipient_state_name(v[i].state), has ? t : "");
		cli_put_cell(cli, stdout, v[i].name, 40, false);
		printf(" (%s, %s)\n", recipient_kind_name(v[i].kind),
		    recipient_channel_name(v[i].channel));
	}
}

static void
show_text(struct cli *cli, const struct incident *inc,
    const struct milestone *ms, size_t nms, const struct note *notes,
    size_t nn, const struct clock_view *cv, size_t ncv,
    const struct recipient *rcp, size_t nrcp, int64_t now)
{
	struct deadline	 d;
	char		 t[TIMEFMT_MAX], label[32], *s;
	size_t		 i;
	int		 r;

	printf("%s  SEV%d  %s  %s%s%s\n", inc->key, inc->severity,
	    kind_name(inc->kind), inc->closed ? "closed" : stage_name(
	    inc->stage), inc->closed ? " " : "", inc->closed ?
	    resolution_name(inc->resolution) : "");
	show_line(cli, "title", inc->title);
	if (inc->description[0] != '\0')
		show_line(cli, "description", inc->description);
	timefmt_utc_short(inc->created_at, t);
	printf("%-12s %s by ", "created", t);
	cli_puts_clean(cli, stdout, inc->created_by);
	(void)now;
	clock_views_customer(cv, ncv, &d);
	if (inc->declared) {
		timefmt_utc_short(inc->declared_at, t);
		printf("%-12s %s by ", "declared", t);
		cli_puts_clean(cli, stdout, inc->declared_by);
		timefmt_utc_short(d.due, t);
		countdown_label(&d, label, sizeof label);
		printf("%-12s %s  %s\n", "deadline", t, label);
	} else
		printf("%-12s none (no breach declared)\n", "deadline");
	show_clocks(cli, cv + (ncv > 0), ncv > 0 ? ncv - 1 : 0);
	printf("roles\n");
	for (r = 0; r < ROLE__COUNT; r++) {
		printf("  %-10s ", role_label((enum role)r));
		if (inc->holder[r] == NULL) {
			printf("(vacant)\n");
			continue;
		}
		s = sanitize(inc->holder[r], cli->ascii ? SAN_ASCII : 0);
		timefmt_utc_short(inc->held_since[r], t);
		printf("%-12s since %s\n", s, t);
		free(s);
	}
	if (nms > 0)
		printf("milestones\n");
	for (i = 0; i < nms; i++) {
		timefmt_utc_short(ms[i].at, t);
		printf("  %-22s %s  ", ms[i].name, t);
		cli_puts_clean(cli, stdout, ms[i].recorded_by);
	}
	show_recipients(cli, rcp, nrcp);
	if (nn > 0)
		printf("notes (newest first)\n");
	for (i = 0; i < nn; i++) {
		timefmt_utc_short(notes[i].at, t);
		printf("  %s ", t);
		cli_put_cell(cli, stdout, notes[i].author, 10, true);
		fputc(' ', stdout);
		cli_puts_clean(cli, stdout, notes[i].text);
	}
}

/* The alerts of entries v[0..n): their count, first and last seen. */
static void
alerts_span(const struct inbox_entry *v, size_t n, int64_t *count,
    int64_t *first, int64_t *last)
{
	size_t	i;

	*count = *first = *last = 0;
	for (i = 0; i < n; i++) {
		*count += v[i].count;
		if (i == 0 || v[i].first_seen < *first)
			*first = v[i].first_seen;
		if (i == 0 || v[i].last_seen > *last)
			*last = v[i].last_seen;
	}
}

/* The same as members "alerts" of an open JSON object. */
static int
show_alerts_json(struct cli *cli, struct json *j, int64_t id, struct verr *e)
{
	struct inbox_entry	*v = NULL;
	int64_t			 count, first, last;
	size_t			 n = 0, i;

	if (inbox_of_incident(cli->ctx.db, id, &v, &n, e) != 0)
		return -1;
	alerts_span(v, n, &count, &first, &last);
	json_key(j, "alerts");
	json_obj_open(j);
	json_kint(j, "count", count);
	json_ktime(j, "first_seen", first, n > 0);
	json_ktime(j, "last_seen", last, n > 0);
	json_key(j, "entries");
	json_arr_open(j);
	for (i = 0; i < n; i++) {
		json_obj_open(j);
		json_kint(j, "entry", v[i].id);
		json_kstr(j, "state", entry_state_name(v[i].state));
		json_kint(j, "count", v[i].count);
		json_kstr(j, "title", v[i].title);
		json_ktime(j, "first_seen", v[i].first_seen, true);
		json_ktime(j, "last_seen", v[i].last_seen, true);
		json_obj_close(j);
	}
	json_arr_close(j);
	json_obj_close(j);
	inbox_entry_list_free(&v, n);
	return 0;
}

/* The inbox entries accepted into or attached to the incident. */
static int
show_alerts(struct cli *cli, int64_t id, struct verr *e)
{
	struct inbox_entry	*v = NULL;
	char			 t1[TIMEFMT_MAX], t2[TIMEFMT_MAX];
	int64_t			 count, first, last;
	size_t			 n = 0, i;

	if (inbox_of_incident(cli->ctx.db, id, &v, &n, e) != 0)
		return -1;
	alerts_span(v, n, &count, &first, &last);
	if (n > 0) {
		timefmt_utc_short(first, t1);
		timefmt_utc_short(last, t2);
		printf("alerts       %lld in %zu inbox entr%s, first seen %s, "
		    "last seen %s\n", (long long)count, n, n == 1 ? "y" : "ies",
		    t1, t2);
	}
	for (i = 0; i < n; i++) {
		printf("  entry %-5lld %-8s %5lld  ", (long long)v[i].id,
		    entry_state_name(v[i].state), (long long)v[i].count);
		cli_put_cell(cli, stdout, v[i].title, 48, false);
		putchar('\n');
	}
	if (n > 0)
		printf("  (vigil inbox show ENTRY lists the alerts; vigil alert "
		    "show ID --raw)\n");
	inbox_entry_list_free(&v, n);
	return 0;
}

/* vigil show KEY --at TIME: the incident as it stood, from the journal. */
static int
show_at(struct cli *cli, int64_t id, int64_t t, bool json, struct verr *e)
{
	struct rewind_view	 v;
	struct note		*notes = NULL, *past;
	size_t			 nn = 0, np = 0, i;
	struct buf		 b;
	struct json		 j;
	char			 when[TIMEFMT_MAX];

	if (ops_rewind(&cli->ctx, id, t, 0, &v, e) != 0)
		return -1;
	if (json) {
		buf_init(&b);
		json_init(&j, &b, true);
		present_incident_json(&j, &v.st.inc, v.st.ms, v.st.nms, v.cv,
		    v.ncv, v.rcp, v.nrcp, true);
		cli_print_json(&b);
		buf_clear(&b);
		rewind_view_clear(&v);
		return 0;
	}
	if (db_begin_read(cli->ctx.db, e) != 0 ||
	    notes_list(cli->ctx.db, id, 0, &notes, &nn, e) != 0) {
		db_end_read(cli->ctx.db);
		rewind_view_clear(&v);
		return -1;
	}
	db_end_read(cli->ctx.db);
	past = xcalloc(nn + 1, sizeof *past);
	for (i = 0; i < nn && np < 20; i++)	/* newest first */
		if (notes[i].at <= t)
			past[np++] = notes[i];
	timefmt_utc(t, when);
	printf("THE PAST: %s as it stood at %s, rebuilt from the journal "
	    "(%zu of its %zu entries)\n", v.st.inc.key, when, v.st.applied,
	    v.total);
	show_text(cli, &v.st.inc, v.st.ms, v.st.nms, past, np, v.cv, v.ncv,
	    v.rcp, v.nrcp, t);
	if (v.st.tasks > 0 || v.st.evidence > 0)
		printf("by then      %d task%s (%d done or skipped), %d "
		    "evidence item%s\n", v.st.tasks, v.st.tasks == 1 ? "" :
		    "s", v.st.tasks_closed, v.st.evidence, v.st.evidence == 1 ?
		    "" : "s");
	free(past);
	note_list_free(&notes, nn);
	rewind_view_clear(&v);
	return 0;
}

static int
cmd_show(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct incident		 inc;
	struct milestone	*ms = NULL;
	struct note		*notes = NULL;
	struct clock_view	*cv = NULL;
	struct recipient	*rcp = NULL;
	size_t			 nms = 0, nn = 0, ncv = 0, nrcp = 0;
	struct buf		 b;
	struct json		 j;
	int64_t			 id, now = ops_now(&cli->ctx), at = 0;
	bool			 json = false, has_at = false;
	int			 c, rc = -1, off;

	while ((c = cli_getopt(cli, argc, argv, "ja:", show_opts, e)) != -1) {
		if (c == 'j')
			json = true;
		else if (c == 'a') {
			if (cli_time(cli, "--at", optarg, &at, &off, e) != 0)
				return -1;
			has_at = true;
		} else
			return -1;
	}
	if (cli_positional(cli, argc, argv, 1, 1, e) != 0 ||
	    ops_key(argv[optind], &id, e) != 0)
		return -1;
	if (has_at)
		return show_at(cli, id, at, json, e);
	if (db_begin_read(cli->ctx.db, e) != 0)
		return -1;
	if (incidents_get(cli->ctx.db, id, &inc, e) != 0)
		goto out;
	if (milestones_list(cli->ctx.db, id, &ms, &nms, e) != 0 ||
	    (!json && notes_list(cli->ctx.db, id, 20, &notes, &nn, e) != 0) ||
	    ops_clocks_eval(&cli->ctx, &inc, ms, nms, now, &cv, &ncv, e) != 0 ||
	    recipients_list(cli->ctx.db, id, &rcp, &nrcp, e) != 0)
		goto out_inc;
	if (json) {
		buf_init(&b);
		json_init(&j, &b, true);
		present_incident_json_open(&j, &inc, ms, nms, cv, ncv, rcp,
		    nrcp, true);
		if (show_alerts_json(cli, &j, id, e) != 0) {
			buf_clear(&b);
			goto out_inc;
		}
		json_obj_close(&j);
		cli_print_json(&b);
		buf_clear(&b);
	} else {
		show_text(cli, &inc, ms, nms, notes, nn, cv, ncv, rcp, nrcp,
		    now);
		if (show_alerts(cli, id, e) != 0)
			goto out_inc;
	}
	rc = 0;
out_inc:
	incident_clear(&inc);
	milestone_list_free(&ms, nms);
	note_list_free(&notes, nn);
	clock_views_free(&cv, ncv);
	recipient_list_free(&rcp, nrcp);
out:
	db_end_read(cli->ctx.db);
	return rc;
}

const struct cmd_entry cmd_show_entry = {
	"show", "KEY [--json] [--at TIME]", "show one incident",
	"Shows the incident's state, its role holders, milestones, deadline\n"
	"and latest notes. --json prints one object (see the manual).\n"
	"--at TIME shows it as it stood then, rebuilt from the journal:\n"
	"stage, role holders, declaration, milestones, clocks as they then\n"
	"stood, the recipients and where each notification stood, notes\n"
	"written by then, how many tasks and evidence items it had.\n",
	CMD_DB | CMD_READ, cmd_show
};
