/*
 * cmd-task.c: vigil task list | mine | add | done | skip | assign — an
 * incident's tasks, their due times on the clocks, and who does them.
 */
#include <string.h>

#include "cli-private.h"
#include "vigil/countdown.h"
#include "vigil/ops-task.h"
#include "vigil/timefmt.h"

static const struct option task_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "role", required_argument, NULL, 'r' },
	{ "due", required_argument, NULL, 'd' },
	{ "stage", required_argument, NULL, 's' },
	{ "required", no_argument, NULL, 'R' },
	{ "note", required_argument, NULL, 'n' },
	{ "reason", required_argument, NULL, 'x' },
	{ 0 }
};

struct task_args {
	const char	*role, *due, *stage, *note, *reason;
	bool		 json, required;
};

/* "OK  T-05:12:29", "OVERDUE +2h", "MET", "MISSED by 1h", "SKIPPED" */
static void
task_label(const struct task_view *v, char *out, size_t len)
{
	struct deadline	d;

	if (v->t.state == TASK_SKIPPED) {
		snprintf(out, len, "SKIPPED");
		return;
	}
	if (v->t.due[0] == '\0') {
		snprintf(out, len, v->t.state == TASK_DONE ? "DONE" : "-");
		return;
	}
	task_eval_deadline(&v->ev, v->t.closed_at, &d);
	countdown_label(&d, out, len);
}

static void
task_print(struct cli *cli, const struct task_view *v, size_t n, bool keys)
{
	char	id[TASK_ID_MAX], label[40], due[MILESTONE_NAME_MAX + 32];
	char	who[80];
	size_t	i;

	if (n == 0) {
		printf("no tasks\n");
		return;
	}
	printf("  %s%-4s %-7s %-16s %-17s %-9s %-10s %-3s %s\n",
	    keys ? "KEY     " : "", "ID", "STATE", "DUE", "DUE (UTC)",
	    "ROLE", "OWNER", "REQ", "TITLE");
	for (i = 0; i < n; i++) {
		task_id_format(v[i].t.num, id);
		task_label(&v[i], label, sizeof label);
		if (v[i].ev.has_due)
			timefmt_utc_short(v[i].ev.due, due);
		else if (v[i].ev.state == CLOCK_PENDING)
			snprintf(due, sizeof due, "(on %s)", v[i].ev.waiting);
		else
			snprintf(due, sizeof due, "-");
		if (v[i].t.owner != NULL)
			snprintf(who, sizeof who, "%s", v[i].t.owner);
		else if (v[i].holder[0] != '\0')
			snprintf(who, sizeof who, "(%s)", v[i].holder);
		else
			snprintf(who, sizeof who, "(vacant)");
		printf("%s ", v[i].mine && v[i].t.state == TASK_OPEN ? "*" :
		    " ");
		if (keys)
			printf("%-7s ", v[i].key);
		printf("%-4s %-7s %-16s ", id, task_state_name(v[i].t.state),
		    label);
		cli_put_cell(cli, stdout, due, 17, true);
		printf(" %-9s ", role_name(v[i].t.role));
		cli_put_cell(cli, stdout, who, 10, true);
		printf(" %-3s ", v[i].t.required ? "yes" : "no");
		cli_puts_clean(cli, stdout, v[i].t.title);
		if (v[i].t.state != TASK_OPEN && v[i].t.note[0] != '\0') {
			printf("        %s: ", v[i].t.state == TASK_DONE ?
			    "note" : "reason");
			cli_puts_clean(cli, stdout, v[i].t.note);
		}
	}
}

static int
task_list_cmd(struct cli *cli, const char *key, bool mine, bool json,
    struct verr *e)
{
	struct task_view	*v = NULL;
	struct buf		 b;
	struct json		 j;
	size_t			 n = 0;
	int64_t			 now = ops_now(&cli->ctx);
	int			 rc;

	rc = mine ? ops_tasks_mine(&cli->ctx, cli->ctx.me.login, now, &v, &n,
	    e) : ops_tasks_list(&cli->ctx, key, now, &v, &n, e);
	if (rc != 0)
		return -1;
	if (json) {
		buf_init(&b);
		json_init(&j, &b, true);
		task_views_json(&j, v, n);
		cli_print_json(&b);
		buf_clear(&b);
	} else
		task_print(cli, v, n, mine);
	task_views_free(&v, n);
	return 0;
}

/* Only the options in allowed (their short letters) may be given. */
static int
task_only(struct cli *cli, const struct task_args *a, const char *sub,
    const char *allowed, struct verr *e)
{
	const struct {
		char		 c;
		const char	*name;
		bool		 given;
	} opts[] = {
		{ 'j', "--json", a->json },
		{ 'r', "--role", a->role != NULL },
		{ 'd', "--due", a->due != NULL },
		{ 's', "--stage", a->stage != NULL },
		{ 'R', "--required", a->required },
		{ 'n', "--note", a->note != NULL },
		{ 'x', "--reason", a->reason != NULL },
	};
	size_t	i;

	for (i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (opts[i].given && strchr(allowed, opts[i].c) == NULL)
			return cli_usage(cli, e, "task %s does not take %s",
			    sub, opts[i].name);
	return 0;
}

static int
task_add_cmd(struct cli *cli, const char *key, const char *text,
    const struct task_args *a, struct verr *e)
{
	struct task_add	in;
	char		id[TASK_ID_MAX];

	memset(&in, 0, sizeof in);
	in.title = text;
	in.due = a->due;
	in.required = a->required;
	if (a->role != NULL) {
		if (role_parse(a->role, &in.role) != 0)
			return cli_usage(cli, e, "--role must be triage, sim, "
			    "forensics, service, eim, comms or support");
		in.has_role = true;
	}
	if (a->stage != NULL) {
		if (stage_parse(a->stage, &in.stage) != 0)
			return cli_usage(cli, e, "--stage must be detect, "
			    "assess, diagnose, stabilize or close");
		in.has_stage = true;
	}
	if (ops_task_add(&cli->ctx, key, &in, id, e) != 0)
		return -1;
	printf("%s\n", id);
	return 0;
}

static int
cmd_task(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct task_args	 a;
	const char		*sub;
	int			 c, npos;

	memset(&a, 0, sizeof a);
	while ((c = cli_getopt(cli, argc, argv, "", task_opts, e)) != -1) {
		switch (c) {
		case 'j':
			a.json = true;
			break;
		case 'r':
			a.role = optarg;
			break;
		case 'd':
			a.due = optarg;
			break;
		case 's':
			a.stage = optarg;
			break;
		case 'R':
			a.required = true;
			break;
		case 'n':
			a.note = optarg;
			break;
		case 'x':
			a.reason = optarg;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 1, 4, e) != 0)
		return -1;
	sub = argv[optind];
	npos = argc - optind - 1;
	if (strcmp(sub, "list") == 0 || strcmp(sub, "mine") == 0) {
		bool	mine = strcmp(sub, "mine") == 0;

		if (npos != (mine ? 0 : 1))
			return cli_usage(cli, e, mine ? "task mine takes no "
			    "argument" : "task list needs a KEY");
		if (task_only(cli, &a, sub, "j", e) != 0)
			return -1;
		return task_list_cmd(cli, mine ? NULL : argv[optind + 1], mine,
		    a.json, e);
	}
	if (strcmp(sub, "add") == 0) {
		if (npos != 2)
			return cli_usage(cli, e, "task add needs KEY and TEXT");
		if (task_only(cli, &a, sub, "rdsR", e) != 0)
			return -1;
		return task_add_cmd(cli, argv[optind + 1], argv[optind + 2],
		    &a, e);
	}
	if (strcmp(sub, "done") == 0) {
		if (npos != 2)
			return cli_usage(cli, e, "task done needs KEY and TID");
		if (task_only(cli, &a, sub, "n", e) != 0)
			return -1;
		return ops_task_done(&cli->ctx, argv[optind + 1],
		    argv[optind + 2], a.note, e);
	}
	if (strcmp(sub, "skip") == 0) {
		if (npos != 2)
			return cli_usage(cli, e, "task skip needs KEY and TID");
		if (task_only(cli, &a, sub, "x", e) != 0)
			return -1;
		if (a.reason == NULL)
			return cli_usage(cli, e, "skipping a task needs "
			    "--reason");
		return ops_task_skip(&cli->ctx, argv[optind + 1],
		    argv[optind + 2], a.reason, e);
	}
	if (strcmp(sub, "assign") == 0) {
		if (npos != 3)
			return cli_usage(cli, e, "task assign needs KEY, TID and "
			    "LOGIN (- to give it back to the role)");
		if (task_only(cli, &a, sub, "", e) != 0)
			return -1;
		return ops_task_assign(&cli->ctx, argv[optind + 1],
		    argv[optind + 2], argv[optind + 3], e);
	}
	return cli_usage(cli, e, "unknown task command '%s' (list, mine, add, "
	    "done, skip, assign)", sub);
}

const struct cmd_entry cmd_task_entry = {
	"task",
	"list KEY [--json] | mine [--json] | add KEY TEXT [--role ROLE] "
	"[--due SPEC] [--stage STAGE] [--required] | done KEY TID [--note TEXT] "
	"| skip KEY TID --reason TEXT | assign KEY TID LOGIN|-",
	"an incident's tasks, due on its clocks",
	"list shows the tasks of an incident, open ones first and yours\n"
	"(marked *) first among them, overdue first; mine lists your open\n"
	"tasks on every open incident. A task is yours when you are its owner,\n"
	"or it has no owner and you hold its role. SPEC is a due time such as\n"
	"'gdpr-33 - 12h' (12 hours before the GDPR clock's due time),\n"
	"'declared + 24h' or 'stage:stabilize + 2d' (vigil-plans(5)); it is\n"
	"computed when shown, so it moves when its clock moves (a hold, an\n"
	"earlier milestone). STATE shows OK / ! / !! / OVERDUE like the clocks,\n"
	"and MET or MISSED once done. add prints the new task's id (T1, ...);\n"
	"the role defaults to sim and the stage to the incident's. Who may\n"
	"change a task: the holder of its role or its owner, the incident's\n"
	"sim, an administrator. Skipping needs a reason. An incident cannot\n"
	"be closed while a required task is neither done nor skipped.\n",
	CMD_DB, cmd_task
};
