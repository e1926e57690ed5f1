/*
 * cmd-bulletin.c: vigil bulletin KEY — render the notification bulletin
 * of an incident from a template, save an edited version, list and show
 * the saved versions.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli-private.h"
#include "vigil/ops-notify.h"
#include "vigil/sanitize.h"
#include "vigil/template.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

static const struct option bulletin_opts[] = {
	{ "template", required_argument, NULL, 't' },
	{ "recipient", required_argument, NULL, 'r' },
	{ "save", required_argument, NULL, 's' },
	{ "list", no_argument, NULL, 'l' },
	{ "show", required_argument, NULL, 'S' },
	{ "summary", required_argument, NULL, 'm' },
	{ 0 }
};

/*
 * Text for stdout: raw when it goes to a file or a pipe (an edited draft
 * keeps its bytes), sanitized on a terminal.
 */
static void
bulletin_print(struct cli *cli, const char *text)
{
	char	*s;

	if (!isatty(STDOUT_FILENO)) {
		fputs(text, stdout);
		return;
	}
	s = sanitize(text, SAN_MULTILINE | (cli->ascii ? SAN_ASCII : 0));
	fputs(s, stdout);
	free(s);
}

/* Read a whole file ("-": standard input), at most BULLETIN_MAX bytes. */
static int
bulletin_read(const char *path, char **out, struct verr *e)
{
	struct buf	 b;
	char		 chunk[4096];
	size_t		 n;
	FILE		*f;
	bool		 std = strcmp(path, "-") == 0;
	int		 err;

	if ((f = std ? stdin : fopen(path, "r")) == NULL)
		return verr_set(e, errno == ENOENT ? VERR_NOINPUT : VERR_IOERR,
		    "cannot read %s: %s", path, strerror(errno));
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > BULLETIN_MAX)
			break;
	}
	err = ferror(f);
	if (!std)
		fclose(f);
	if (err) {
		buf_clear(&b);
		return verr_set(e, VERR_IOERR, "cannot read %s", path);
	}
	if (b.len > BULLETIN_MAX) {
		buf_clear(&b);
		return verr_set(e, VERR_DATA, "%s: a bulletin is at most %d "
		    "bytes", path, BULLETIN_MAX);
	}
	if (memchr(buf_str(&b), '\0', b.len) != NULL) {
		buf_clear(&b);
		return verr_set(e, VERR_DATA, "%s: a bulletin is text; this "
		    "file has NUL bytes", path);
	}
	*out = buf_steal(&b);
	return 0;
}

static int
bulletin_versions(struct cli *cli, const char *key, const char *show,
    struct verr *e)
{
	struct bulletin	*v = NULL;
	char		 t[TIMEFMT_MAX];
	long long	 want = 0;
	int64_t		 id;
	size_t		 n = 0, i;
	int		 rc = 0;

	if (show != NULL && util_parse_int(show, 1, 1000000000LL, &want) != 0)
		return cli_usage(cli, e, "--show needs a version number");
	if (ops_key(key, &id, e) != 0 ||
	    incidents_exists(cli->ctx.db, id, e) != 0 ||
	    bulletins_list(cli->ctx.db, id, show != NULL, &v, &n, e) != 0)
		return -1;
	if (show == NULL) {
		if (n > 0)
			printf("%-7s %-16s %-5s %-17s %s\n", "VERSION",
			    "TEMPLATE", "FOR", "SAVED (UTC)", "BY");
		for (i = 0; i < n; i++) {
			char	rid[24] = "-";

			if (v[i].recipient > 0)
				snprintf(rid, sizeof rid, "R%lld",
				    (long long)v[i].recipient);
			timefmt_utc_short(v[i].saved_at, t);
			printf("%-7lld ", (long long)v[i].version);
			cli_put_cell(cli, stdout, v[i].template, 16, true);
			printf(" %-5s %-17s ", rid, t);
			cli_puts_clean(cli, stdout, v[i].saved_by);
		}
	} else {
		for (i = 0; i < n && v[i].version != want; i++)
			;
		if (i == n)
			rc = verr_set(e, VERR_NOINPUT, "%s has no bulletin "
			    "version %lld", key, want);
		else
			bulletin_print(cli, v[i].body);
	}
	bulletin_list_free(&v, n);
	return rc;
}

static int
cmd_bulletin(struct cli *cli, int argc, char **argv, struct verr *e)
{
	const char	*tmpl = NULL, *rid = NULL, *save = NULL, *show = NULL;
	const char	*summary = NULL;
	char		*text = NULL, first[TEMPLATE_NAME_MAX];
	int64_t		 version;
	bool		 list = false;
	int		 c, unknown = 0, rc;

	while ((c = cli_getopt(cli, argc, argv, "", bulletin_opts, e)) != -1) {
		switch (c) {
		case 't':
			tmpl = optarg;
			break;
		case 'r':
			rid = optarg;
			break;
		case 's':
			save = optarg;
			break;
		case 'l':
			list = true;
			break;
		case 'S':
			show = optarg;
			break;
		case 'm':
			summary = optarg;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 1, 1, e) != 0)
		return -1;
	if ((save != NULL) + list + (show != NULL) > 1)
		return cli_usage(cli, e, "--save, --list and --show exclude "
		    "each other");
	if ((list || show != NULL) && (tmpl != NULL || rid != NULL))
		return cli_usage(cli, e, "--template and --recipient are for "
		    "rendering or saving a draft");
	if (list || show != NULL)
		return bulletin_versions(cli, argv[optind], show, e);
	if (save != NULL) {
		if (summary != NULL)
			return cli_usage(cli, e, "--summary is for rendering a "
			    "draft");
		if (bulletin_read(save, &text, e) != 0)
			return -1;
		rc = ops_bulletin_save_for(&cli->ctx, argv[optind], tmpl, rid,
		    text, &version, e);
		free(text);
		if (rc != 0)
			return -1;
		printf("version %lld\n", (long long)version);
		return 0;
	}
	if (ops_bulletin_render_for(&cli->ctx, argv[optind], tmpl, rid,
	    summary, &text, &unknown, first, sizeof first, e) != 0)
		return -1;
	bulletin_print(cli, text);
	if (strstr(text, BULLETIN_NO_SUMMARY_TAG) != NULL)
		fprintf(stderr, "vigil: note: %s has no customer-facing "
		    "summary; give one with --summary TEXT (the internal title "
		    "is never used)\n", argv[optind]);
	free(text);
	if (unknown > 0)
		fprintf(stderr, "vigil: note: the template has %d placeholder%s "
		    "vigil does not know (the first is {{%s}}), left as "
		    "written\n", unknown, unknown == 1 ? "" : "s", first);
	return 0;
}

const struct cmd_entry cmd_bulletin_entry = {
	"bulletin",
	"KEY [--template NAME] [--recipient RID] [--summary TEXT] | "
	"KEY --save FILE|- [--template NAME] [--recipient RID] | KEY --list | "
	"KEY --show VERSION",
	"render a notification bulletin, or save and list its versions",
	"Without --save, prints the draft rendered from the template NAME\n"
	"(default customer): templates/NAME.md in $XDG_CONFIG_HOME/vigil, else\n"
	"in the shipped data (share/vigil/templates). Placeholders: {{key}}\n"
	"{{title}} {{severity}} {{declared_at}} {{due_at}} (UTC) {{summary}}\n"
	"(--summary TEXT, else the description; never the internal title:\n"
	"without either a visible marker is left and a note printed)\n"
	"{{recipient}} or {{recipient_name}}, {{recipient_kind}},\n"
	"{{recipient_contact}} (with --recipient RID) {{comms_name}}\n"
	"{{comms_contact}} (the incident's comms holder). An unknown\n"
	"placeholder is left as written, with a note on stderr. Lines that\n"
	"substituted text makes too long are re-wrapped at the template's\n"
	"width (its widest line without a placeholder).\n"
	"--save saves FILE (or standard input for -) as the next version; the\n"
	"incident's sim, comms or support may, and each version is journaled\n"
	"with its SHA-256; with --recipient it is the version meant for that\n"
	"recipient, and marking the recipient sent records the version sent\n"
	"(theirs, else the latest for anyone). --list lists the versions and\n"
	"whom each is for; --show prints one.\n",
	CMD_DB, cmd_bulletin
};
