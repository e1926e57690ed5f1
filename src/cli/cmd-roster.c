/*
 * cmd-roster.c: vigil roster list | add — the people of a database.
 */
#include <stdlib.h>
#include <string.h>

#include "cli-private.h"
#include "vigil/buf.h"
#include "vigil/actor.h"
#include "vigil/sanitize.h"
#include "vigil/timefmt.h"

static const struct option roster_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "name", required_argument, NULL, 'n' },
	{ "contact", required_argument, NULL, 'c' },
	{ "roles", required_argument, NULL, 'r' },
	{ "admin", no_argument, NULL, 'a' },
	{ "no-admin", no_argument, NULL, 'A' },
	{ "rebind-uid", no_argument, NULL, 'U' },
	{ 0 }
};

static int
roster_list_cmd(struct cli *cli, bool json, struct verr *e)
{
	struct person	*p;
	struct buf	 b;
	struct json	 j;
	char		 roles[128];
	size_t		 n, i;
	int		 lw = 5, rw = 5;

	if (roster_list(cli->ctx.db, &p, &n, e) != 0)
		return -1;
	if (json) {
		buf_init(&b);
		json_init(&j, &b, true);
		json_arr_open(&j);
		for (i = 0; i < n; i++) {
			role_format_list(p[i].roles, roles, sizeof roles);
			json_obj_open(&j);
			json_kstr(&j, "login", p[i].login);
			json_kstr(&j, "name", p[i].name);
			json_kstr(&j, "contact", p[i].contact);
			json_key(&j, "roles");
			json_arr_open(&j);
			for (int r = 0; r < ROLE__COUNT; r++)
				if (p[i].roles & ROLE_BIT(r))
					json_str(&j, role_name((enum role)r));
			json_arr_close(&j);
			json_kbool(&j, "admin", p[i].admin);
			json_ktime(&j, "added_at", p[i].added_at, true);
			json_kstr(&j, "added_by", p[i].added_by);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		cli_print_json(&b);
		buf_clear(&b);
	} else {
		/* columns as wide as their widest entry, whatever the role
		 * list's length (all seven roles are 45 characters) */
		for (i = 0; i < n; i++) {
			char	*s = sanitize(p[i].login, cli->ascii ?
				    SAN_ASCII : 0);
			int	 w = sanitize_width(s);

			free(s);
			if (w > lw)
				lw = w < 32 ? w : 32;
			role_format_list(p[i].roles, roles, sizeof roles);
			if ((int)strlen(roles) > rw)
				rw = (int)strlen(roles);
		}
		printf("%-*s %-5s %-*s %s\n", lw, "LOGIN", "ADMIN", rw,
		    "ROLES", "NAME / CONTACT");
		for (i = 0; i < n; i++) {
			role_format_list(p[i].roles, roles, sizeof roles);
			cli_put_cell(cli, stdout, p[i].login, lw, true);
			printf(" %-5s %-*s ", p[i].admin ? "yes" : "", rw,
			    roles);
			cli_put_cell(cli, stdout, p[i].name, 30, false);
			if (p[i].contact[0] != '\0') {
				fputs(" / ", stdout);
				cli_put_cell(cli, stdout, p[i].contact, 40,
				    false);
			}
			fputc('\n', stdout);
		}
	}
	person_list_free(&p, n);
	return 0;
}

/* Add or update, then say what was done (the entry as it now is). */
static int
roster_add_cmd(struct cli *cli, const struct roster_entry *re,
    struct verr *e)
{
	struct person	 p;
	char		 roles[128];
	int		 had;

	if ((had = roster_get(cli->ctx.db, re->login, &p, e)) < 0)
		return -1;
	if (had == 1)
		person_clear(&p);
	if (ops_roster_add(&cli->ctx, re, e) != 0)
		return -1;
	if (roster_get(cli->ctx.db, re->login, &p, e) != 1)
		return 0;	/* written; only the echo is missing */
	role_format_list(p.roles, roles, sizeof roles);
	printf("%s ", had == 1 ? "updated" : "added");
	cli_put_cell(cli, stdout, p.login, LOGIN_MAX, false);
	printf(": roles %s%s; name ", roles[0] != '\0' ? roles : "(none)",
	    p.admin ? ", administrator" : "");
	cli_put_cell(cli, stdout, p.name, 60, false);
	if (p.contact[0] != '\0') {
		fputs("; contact ", stdout);
		cli_put_cell(cli, stdout, p.contact, 60, false);
	}
	fputc('\n', stdout);
	person_clear(&p);
	return 0;
}

static int
cmd_roster(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct roster_entry	 re;
	const char		*sub;
	char			 bad[32];
	bool			 json = false;
	int			 c;

	memset(&re, 0, sizeof re);
	while ((c = cli_getopt(cli, argc, argv, "", roster_opts, e)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'n':
			re.name = optarg;
			break;
		case 'c':
			re.contact = optarg;
			break;
		case 'r':
			if (role_parse_list(optarg, &re.roles, bad,
			    sizeof bad) != 0)
				return cli_usage(cli, e, "unknown role '%s' in "
				    "--roles (triage sim forensics service eim "
				    "comms support, or all)", bad);
			re.has_roles = true;
			break;
		case 'a':
		case 'A':
			re.has_admin = true;
			re.admin = c == 'a';
			break;
		case 'U':
			re.rebind_uid = true;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 1, 2, e) != 0)
		return -1;
	sub = argv[optind];
	if (strcmp(sub, "list") == 0) {
		if (argc - optind != 1)
			return cli_usage(cli, e, "roster list takes no "
			    "argument");
		return roster_list_cmd(cli, json, e);
	}
	if (strcmp(sub, "add") == 0) {
		if (argc - optind != 2)
			return cli_usage(cli, e, "roster add needs a LOGIN");
		re.login = argv[optind + 1];
		return roster_add_cmd(cli, &re, e);
	}
	return cli_usage(cli, e, "unknown roster command '%s' (list, add)",
	    sub);
}

const struct cmd_entry cmd_roster_entry = {
	"roster",
	"list [--json] | add LOGIN [--name NAME] [--contact TEXT] "
	"[--roles ROLE,...] [--admin|--no-admin] [--rebind-uid]",
	"list the people of the database, or add or update one",
	"LOGIN is the person's Unix login. --roles lists the roles the person\n"
	"is qualified to hold (or 'all'). Adding an existing login updates the\n"
	"fields given. Only an administrator may change the roster.\n"
	"The roster binds each login to its uid when it is added: an account\n"
	"deleted and re-created under the same name (another uid) is refused\n"
	"until an administrator confirms it with --rebind-uid, which takes\n"
	"the login's current uid from the password database.\n",
	CMD_DB, cmd_roster
};
