/*
 * cmd-report.c: vigil report — a summary of the incidents created in a
 * period: how many, closed, declared, notified on time or late, open
 * repair items, and median times between the steps that matter.
 */
#include <stdlib.h>
#include <string.h>

#include "cli-private.h"
#include "vigil/ops-export.h"
#include "vigil/stats.h"
#include "vigil/store-notify.h"
#include "vigil/ops-task.h"
#include "vigil/store-alert.h"
#include "vigil/timefmt.h"

#define REPORT_PLANS_MAX 64

static const struct option report_opts[] = {
	{ "since", required_argument, NULL, 's' },
	{ "until", required_argument, NULL, 'u' },
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

/*
 * A bound: "YYYY-MM-DD" is that day at 00:00 UTC (for --until, the next
 * day's, so the day is included); a TIME is that instant.
 */
static int
report_bound(struct cli *cli, const char *what, const char *s, bool until,
    int64_t *t, struct verr *e)
{
	int64_t	days;
	int	off;

	if (strlen(s) == 10 && timefmt_parse_date(s, &days) == 0) {
		*t = (days + (until ? 1 : 0)) * 86400;
		return 0;
	}
	if (timefmt_parse(s, ops_now(&cli->ctx), t, &off) != 0)
		return verr_set(e, VERR_USAGE, "%s: '%s' is not a date "
		    "(YYYY-MM-DD) or a time (ISO 8601 with Z or an offset)",
		    what, s);
	return 0;
}

static void
report_text(const struct report *r, bool has_since, int64_t since,
    bool has_until, int64_t until)
{
	static const char *const labels[MEDIAN__COUNT] = {
		"event started -> detected", "detected -> declared",
		"declared -> notified",
	};
	struct buf	b;
	char		t[TIMEFMT_MAX];
	int		m;

	printf("incidents created");
	if (has_since) {
		timefmt_utc(since, t);
		printf(" from %s", t);
	}
	if (has_until) {
		timefmt_utc(until, t);
		printf(" until %s (exclusive)", t);
	}
	printf("\n  %-28s %lld\n", "incidents", (long long)r->incidents);
	printf("  %-28s %lld\n", "closed", (long long)r->closed);
	printf("  %-28s %lld\n", "declared", (long long)r->declared);
	printf("  %-28s %lld\n", "notified on time",
	    (long long)r->notified_on_time);
	printf("  %-28s %lld\n", "notified late",
	    (long long)r->notified_late);
	printf("  %-28s %lld\n", "declared, not notified",
	    (long long)r->not_notified);
	printf("  %-28s %lld\n", "  of which past due",
	    (long long)r->not_notified_past_due);
	printf("  %-28s %lld\n", "open with a clock overdue",
	    (long long)r->overdue);
	printf("  %-28s %lld\n", "open repair items",
	    (long long)r->open_repair_items);
	printf("median\n");
	buf_init(&b);
	for (m = 0; m < MEDIAN__COUNT; m++) {
		buf_reset(&b);
		if (r->has_median[m])
			export_span(&b, r->median_s[m]);
		else
			buf_puts(&b, "-");
		printf("  %-28s %s\n", labels[m], buf_str(&b));
	}
	buf_clear(&b);
}

/* Late tasks per plan (the incidents' plans and tasks added by hand). */
static void
report_tasks_text(const struct plan_lateness *l, size_t n)
{
	struct buf	b;
	size_t		i;

	if (n == 0)
		return;
	printf("tasks done with a due time, per plan\n  %-28s %6s %6s  %s\n",
	    "PLAN", "DONE", "LATE", "TOTAL LATENESS");
	buf_init(&b);
	for (i = 0; i < n; i++) {
		buf_reset(&b);
		export_span(&b, l[i].late_s);
		printf("  %-28s %6d %6d  %s\n", l[i].plan[0] != '\0' ?
		    l[i].plan : "(by hand)", l[i].done, l[i].late,
		    buf_str(&b));
	}
	buf_clear(&b);
}

/* Alert intake of the period: received, deduplicated, ... (text). */
static void
report_alerts_text(const struct alert_report *a)
{
	struct buf	b;

	printf("alerts received in the period\n");
	printf("  %-28s %lld\n", "received", (long long)a->received);
	printf("  %-28s %lld\n", "deduplicated (repeats)",
	    (long long)a->deduplicated);
	printf("  %-28s %lld\n", "suppressed", (long long)a->suppressed);
	printf("  %-28s %lld\n", "inbox entries", (long long)a->entries);
	printf("  %-28s %lld\n", "accepted", (long long)a->accepted);
	printf("  %-28s %lld\n", "attached", (long long)a->attached);
	printf("  %-28s %lld\n", "dismissed", (long long)a->dismissed);
	buf_init(&b);
	if (a->has_median)
		export_span(&b, a->median_accept);
	else
		buf_puts(&b, "-");
	printf("  %-28s %s\n", "median arrival -> accepted", buf_str(&b));
	buf_clear(&b);
}

static int
cmd_report(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct report_input	*rows = NULL;
	struct report		 r;
	struct plan_lateness	 late[REPORT_PLANS_MAX];
	struct alert_report	 ar;
	struct buf		 b;
	struct json		 j;
	int64_t			 since = 0, until = 0;
	size_t			 n = 0, nlate = 0, i;
	bool			 has_since = false, has_until = false;
	bool			 json = false;
	int			 c, m;

	while ((c = cli_getopt(cli, argc, argv, "", report_opts, e)) != -1) {
		switch (c) {
		case 's':
			if (report_bound(cli, "--since", optarg, false, &since,
			    e) != 0)
				return -1;
			has_since = true;
			break;
		case 'u':
			if (report_bound(cli, "--until", optarg, true, &until,
			    e) != 0)
				return -1;
			has_until = true;
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
	if (has_since && has_until && since >= until)
		return cli_usage(cli, e, "--since must come before --until");
	if (reviews_report_rows(cli->ctx.db, has_since, since, has_until,
	    until, &rows, &n, e) != 0)
		return -1;
	stats_report(rows, n, &r);
	stats_report_due(rows, n, ops_now(&cli->ctx), &r);
	free(rows);
	if (ops_tasks_report(&cli->ctx, has_since, since, has_until, until,
	    late, REPORT_PLANS_MAX, &nlate, e) != 0)
		return -1;
	if (alerts_report(cli->ctx.db, has_since, since, has_until, until,
	    &ar, e) != 0)
		return -1;
	if (!json) {
		report_text(&r, has_since, since, has_until, until);
		report_tasks_text(late, nlate);
		report_alerts_text(&ar);
		return 0;
	}
	buf_init(&b);
	json_init(&j, &b, true);
	json_obj_open(&j);
	json_ktime(&j, "since", since, has_since);
	json_ktime(&j, "until", until, has_until);
	json_kint(&j, "incidents", r.incidents);
	json_kint(&j, "closed", r.closed);
	json_kint(&j, "declared", r.declared);
	json_kint(&j, "notified_on_time", r.notified_on_time);
	json_kint(&j, "notified_late", r.notified_late);
	json_kint(&j, "not_notified", r.not_notified);
	json_kint(&j, "not_notified_past_due", r.not_notified_past_due);
	json_kint(&j, "overdue", r.overdue);
	json_kint(&j, "open_repair_items", r.open_repair_items);
	json_key(&j, "median_s");
	json_obj_open(&j);
	for (m = 0; m < MEDIAN__COUNT; m++) {
		json_key(&j, stats_median_name((enum report_median)m));
		if (r.has_median[m])
			json_int(&j, r.median_s[m]);
		else
			json_null(&j);
	}
	json_obj_close(&j);
	json_key(&j, "tasks_late_per_plan");
	json_arr_open(&j);
	for (i = 0; i < nlate; i++) {
		json_obj_open(&j);
		json_kstr(&j, "plan", late[i].plan[0] != '\0' ? late[i].plan :
		    NULL);
		json_kint(&j, "done", late[i].done);
		json_kint(&j, "late", late[i].late);
		json_kint(&j, "late_s", late[i].late_s);
		json_obj_close(&j);
	}
	json_arr_close(&j);
	json_key(&j, "alerts");
	json_obj_open(&j);
	json_kint(&j, "received", ar.received);
	json_kint(&j, "deduplicated", ar.deduplicated);
	json_kint(&j, "suppressed", ar.suppressed);
	json_kint(&j, "entries", ar.entries);
	json_kint(&j, "accepted", ar.accepted);
	json_kint(&j, "attached", ar.attached);
	json_kint(&j, "dismissed", ar.dismissed);
	json_key(&j, "median_accept_s");
	if (ar.has_median)
		json_int(&j, ar.median_accept);
	else
		json_null(&j);
	json_obj_close(&j);
	json_obj_close(&j);
	cli_print_json(&b);
	buf_clear(&b);
	return 0;
}

const struct cmd_entry cmd_report_entry = {
	"report", "[--since DATE] [--until DATE] [--json]",
	"summarise the incidents created in a period",
	"Counts the incidents created from --since (a date: that day 00:00\n"
	"UTC; or a TIME) until --until (a date: through the end of that day;\n"
	"a TIME: up to it, excluded): incidents, closed, declared (a\n"
	"declaration in force), notified_on_time / notified_late (customers\n"
	"notified within / after the 72 hours), not_notified (and of those\n"
	"not_notified_past_due: the 72 hours gone), overdue (open incidents\n"
	"with a clock past due now), open repair items, and the medians in\n"
	"seconds of event_started -> detected, detected -> declared and\n"
	"declared -> customers_notified over the incidents that have both\n"
	"ends (null when none). For an even count the median is the mean of\n"
	"the two middle values, rounded down.\n"
	"Then, per response plan, the tasks done that had a due time, how\n"
	"many of them were done after it, and by how long in total\n"
	"(tasks_late_per_plan; \"(by hand)\" for tasks added one by one).\n",
	CMD_DB | CMD_READ, cmd_report
};
