/*
 * cmd-evidence.c: vigil evidence add | transfer | check | note | void |
 * list | show | report — evidence and its chain of custody. A file is
 * hashed here, before the act's transaction begins (so no lock is held
 * for the minutes a disk image takes), with a progress bar on standard
 * error when it is a terminal; Ctrl-C while hashing stops with nothing
 * recorded.
 */
#include <libgen.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli-private.h"
#include "vigil/filehash.h"
#include "vigil/ops-evidence.h"
#include "vigil/sanitize.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"

/* Set by SIGINT while a file is being hashed. */
static volatile sig_atomic_t evidence_stop;

static void
evidence_on_sigint(int sig)
{
	(void)sig;
	evidence_stop = 1;
}

static const struct option evidence_opts[] = {
	{ "describe", required_argument, NULL, 'd' },
	{ "file", required_argument, NULL, 'f' },
	{ "hash", required_argument, NULL, 'H' },
	{ "size", required_argument, NULL, 's' },
	{ "location", required_argument, NULL, 'l' },
	{ "source-host", required_argument, NULL, 'S' },
	{ "clock-offset", required_argument, NULL, 'O' },
	{ "collected-at", required_argument, NULL, 'c' },
	{ "parent", required_argument, NULL, 'p' },
	{ "sha1", no_argument, NULL, '1' },
	{ "md5", no_argument, NULL, '5' },
	{ "to", required_argument, NULL, 't' },
	{ "reason", required_argument, NULL, 'r' },
	{ "change", no_argument, NULL, 'C' },
	{ "format", required_argument, NULL, 'F' },
	{ "output", required_argument, NULL, 'o' },
	{ "json", no_argument, NULL, 'j' },
	{ 0 }
};

struct evidence_args {
	const char	*describe, *file, *hash, *size, *location, *host;
	const char	*offset, *collected, *parent, *to, *reason, *format;
	const char	*output;
	bool		 sha1, md5, change, json;
	char		 given[32];	/* the option letters given */
};

/* Only the options in allowed may be given to subcommand sub. */
static int
evidence_only(struct cli *cli, const struct evidence_args *a, const char *sub,
    const char *allowed, struct verr *e)
{
	const struct option	*o;
	const char		*p;

	for (p = a->given; *p != '\0'; p++) {
		if (strchr(allowed, *p) != NULL)
			continue;
		for (o = evidence_opts; o->name != NULL; o++)
			if (o->val == *p)
				break;
		return cli_usage(cli, e, "evidence %s does not take --%s", sub,
		    o->name != NULL ? o->name : "?");
	}
	return 0;
}

struct evidence_bar {
	struct cli	*cli;
	char		*name;		/* sanitized, fitted */
	bool		 shown;
};

/* The progress bar on standard error: percentage, throughput, time left. */
static void
evidence_progress(void *arg, const struct filehash *fh)
{
	struct evidence_bar	*bar = arg;
	struct winsize		 ws;
	char			 cells[64], text[160];
	int64_t			 done, total, ns;
	int			 width = 20, fill, i;

	filehash_progress(fh, &done, &total, &ns);
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col < 80)
		width = ws.ws_col > 60 ? ws.ws_col - 60 : 1;
	fill = total > 0 ? (int)((double)done * width / (double)total) : width;
	for (i = 0; i < width && i < (int)sizeof cells - 1; i++)
		cells[i] = i < fill ? '#' : '.';
	cells[i] = '\0';
	custody_progress(done, total, ns, text, sizeof text);
	fprintf(stderr, "\rhashing %s [%s] %s\033[K", bar->name, cells, text);
	fflush(stderr);
	bar->shown = true;
}

/*
 * Hash path (SHA-256, and what algos asks) into *out, with the progress
 * bar when standard error is a terminal and Ctrl-C stopping it.
 */
static int
evidence_hash(struct cli *cli, const char *path, unsigned algos,
    struct filehash_result *out, struct verr *e)
{
	struct sigaction	 sa, old;
	struct evidence_bar	 bar;
	char			*copy;
	int			 rc;

	memset(&bar, 0, sizeof bar);
	bar.cli = cli;
	copy = xstrdup(path);
	bar.name = sanitize_fit(basename(copy), 24, cli->ascii ? SAN_ASCII :
	    0, NULL);
	free(copy);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = evidence_on_sigint;
	sigemptyset(&sa.sa_mask);
	evidence_stop = 0;
	sigaction(SIGINT, &sa, &old);
	rc = filehash_file(path, algos, isatty(STDERR_FILENO) ?
	    evidence_progress : NULL, &bar, &evidence_stop, out, e);
	sigaction(SIGINT, &old, NULL);
	if (bar.shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	free(bar.name);
	return rc;
}

/* Parse the --hash/--size pair. */
static int
evidence_size(struct cli *cli, const char *s, int64_t *size, struct verr *e)
{
	long long	n;

	if (util_parse_int(s, 0, INT64_MAX, &n) != 0)
		return cli_usage(cli, e, "--size must be a number of bytes");
	*size = (int64_t)n;
	return 0;
}

static int
evidence_add(struct cli *cli, const char *key, struct evidence_args *a,
    struct verr *e)
{
	struct evidence_new	 in;
	struct filehash_result	 fr;
	char			 id[CUSTODY_ID_MAX];

	if (evidence_only(cli, a, "add", "dfHslSOcp15", e) != 0)
		return -1;
	memset(&in, 0, sizeof in);
	if (a->describe == NULL)
		return cli_usage(cli, e, "evidence add needs --describe TEXT");
	in.description = a->describe;
	in.location = a->location;
	in.source_host = a->host;
	if (a->file != NULL && (a->hash != NULL || a->size != NULL))
		return cli_usage(cli, e, "give --file, or --hash with --size, "
		    "not both");
	if (a->file == NULL && (a->hash == NULL || a->size == NULL))
		return cli_usage(cli, e, "evidence add needs --file PATH, or "
		    "--hash sha256:HEX with --size N");
	if (a->file == NULL && (a->sha1 || a->md5))
		return cli_usage(cli, e, "--sha1 and --md5 need --file");
	if (a->size != NULL && evidence_size(cli, a->size, &in.size, e) != 0)
		return -1;
	in.has_size = a->size != NULL;
	in.sha256 = a->hash;
	if (a->offset != NULL) {
		if (custody_offset_parse(a->offset, &in.clock_offset) != 0)
			return cli_usage(cli, e, "--clock-offset: '%s' is not "
			    "a number of seconds (the source's clock minus "
			    "UTC, e.g. +37 or -3600)", a->offset);
		in.has_clock_offset = true;
	}
	if (a->collected != NULL) {
		if (cli_time(cli, "--collected-at", a->collected,
		    &in.collected_at, &in.collected_offset, e) != 0)
			return -1;
		in.has_collected = true;
	}
	if (a->parent != NULL) {
		if (custody_id_parse(a->parent, &in.parent_num) != 0)
			return cli_usage(cli, e, "--parent: '%s' is not an "
			    "evidence id (E1)", a->parent);
		in.has_parent = true;
	}
	/* hash only what the user may register: a refusal costs no minutes */
	if (a->file != NULL && ops_evidence_may(&cli->ctx, key,
	    ACTION_EVIDENCE_ADD)) {
		if (evidence_hash(cli, a->file, (a->sha1 ? FILEHASH_SHA1 : 0) |
		    (a->md5 ? FILEHASH_MD5 : 0), &fr, e) != 0)
			return -1;
		in.file = &fr;
	}
	if (ops_evidence_add(&cli->ctx, key, &in, id, e) != 0)
		return -1;
	printf("%s\n", id);
	return 0;
}

/*
 * The file to hash for eid: --file, else the item's intake path when it
 * is still readable; NULL when there is none. *path is owned.
 */
static int
evidence_reach(struct cli *cli, const char *key, const char *eid,
    const char *file, char **path, struct verr *e)
{
	struct evidence_doc	d;

	*path = NULL;
	if (file != NULL) {
		*path = xstrdup(file);
		return 0;
	}
	if (ops_evidence_load(&cli->ctx, key, eid, &d, e) != 0)
		return -1;
	if (d.items[0].path[0] != '\0' && access(d.items[0].path, R_OK) == 0)
		*path = xstrdup(d.items[0].path);
	evidence_doc_clear(&d);
	return 0;
}

static void
evidence_put_party(struct cli *cli, const char *who, bool external)
{
	cli_put_cell(cli, stdout, who, 60, false);
	if (external)
		fputs(" (external party)", stdout);
}

static int
evidence_transfer(struct cli *cli, const char *key, const char *eid,
    struct evidence_args *a, struct verr *e)
{
	struct filehash_result	 fr;
	struct evidence_outcome	 out;
	char			*path = NULL;
	int			 rc;

	if (evidence_only(cli, a, "transfer", "ftr", e) != 0)
		return -1;
	if (a->to == NULL || a->reason == NULL)
		return cli_usage(cli, e, "evidence transfer needs --to WHO and "
		    "--reason TEXT");
	if (ops_evidence_may(&cli->ctx, key, ACTION_EVIDENCE_TRANSFER) &&
	    evidence_reach(cli, key, eid, a->file, &path, e) != 0)
		return -1;
	if (path != NULL && evidence_hash(cli, path, 0, &fr, e) != 0) {
		free(path);
		return -1;
	}
	rc = ops_evidence_transfer(&cli->ctx, key, eid, a->to, a->reason,
	    path != NULL ? &fr : NULL, &out, e);
	free(path);
	if (rc != 0)
		return -1;
	printf("%s %s: in the custody of ", key, eid);
	evidence_put_party(cli, a->to, out.external);
	if (out.checked)
		printf("; hash rechecked: OK\n");
	else
		printf("; hash NOT rechecked: no copy reachable (give "
		    "--file)\n");
	return 0;
}

/* Check one item; *bad is set on a mismatch (then e holds the message). */
static int
evidence_check_one(struct cli *cli, const char *key, const char *eid,
    const char *file, bool quiet_unreachable, struct verr *e)
{
	struct filehash_result	 fr;
	char			*path = NULL;

	if (evidence_reach(cli, key, eid, file, &path, e) != 0)
		return -1;
	if (path == NULL) {
		if (quiet_unreachable) {
			printf("%s %s: not checked: its file is not reachable "
			    "(check it alone with --file)\n", key, eid);
			return 0;
		}
		return verr_set(e, VERR_NOINPUT, "%s %s: its file is not "
		    "reachable here; give the copy with --file PATH", key,
		    eid);
	}
	if (evidence_hash(cli, path, 0, &fr, e) != 0) {
		free(path);
		return -1;
	}
	free(path);
	if (ops_evidence_check(&cli->ctx, key, eid, &fr, e) != 0)
		return -1;
	printf("%s %s: OK, SHA-256 %s (%lld bytes)\n", key, eid, fr.sha256,
	    (long long)fr.size);
	return 0;
}

static int
evidence_check(struct cli *cli, const char *key, const char *eid,
    struct evidence_args *a, struct verr *e)
{
	struct evidence_doc	 d;
	struct verr		 e1;
	char			 id[CUSTODY_ID_MAX];
	size_t			 i;
	int			 rc = 0;

	if (evidence_only(cli, a, "check", "f", e) != 0)
		return -1;
	if (eid != NULL || !ops_evidence_may(&cli->ctx, key,
	    ACTION_EVIDENCE_CHECK)) {
		if (eid == NULL && a->file != NULL)
			return cli_usage(cli, e, "--file goes with one EID");
		if (eid == NULL)	/* journal the refusal */
			return ops_evidence_check(&cli->ctx, key, "E1", NULL,
			    e);
		return evidence_check_one(cli, key, eid, a->file, false, e);
	}
	if (a->file != NULL)
		return cli_usage(cli, e, "--file goes with one EID");
	if (ops_evidence_load(&cli->ctx, key, NULL, &d, e) != 0)
		return -1;
	for (i = 0; i < d.nitems; i++) {
		if (d.items[i].voided)
			continue;
		custody_id(d.items[i].num, id);
		verr_clear(&e1);
		if (evidence_check_one(cli, key, id, NULL, true, &e1) != 0) {
			if (rc != 0) {
				char *m = sanitize(e->msg, cli->ascii ?
				    SAN_ASCII : 0);

				fprintf(stderr, "vigil: %s\n", m);
				free(m);
			}
			*e = e1;
			rc = -1;
			if (e1.code != VERR_DATA)
				break;
		}
	}
	if (d.nitems == 0)
		printf("%s has no evidence\n", key);
	evidence_doc_clear(&d);
	return rc;
}

static int
evidence_note(struct cli *cli, const char *key, const char *eid,
    const char *text, struct evidence_args *a, struct verr *e)
{
	struct filehash_result	 fr;
	int64_t			 size = 0;
	bool			 hashed = false;

	if (evidence_only(cli, a, "note", "CfHs", e) != 0)
		return -1;
	if (!a->change && (a->file != NULL || a->hash != NULL ||
	    a->size != NULL))
		return cli_usage(cli, e, "--file, --hash and --size go with "
		    "--change");
	if (a->change && a->file != NULL && (a->hash != NULL ||
	    a->size != NULL))
		return cli_usage(cli, e, "give --file, or --hash with --size, "
		    "not both");
	if (a->size != NULL && evidence_size(cli, a->size, &size, e) != 0)
		return -1;
	if (a->change && a->file != NULL && ops_evidence_may(&cli->ctx, key,
	    ACTION_EVIDENCE_NOTE)) {
		if (evidence_hash(cli, a->file, 0, &fr, e) != 0)
			return -1;
		hashed = true;
	}
	/* not hashed: refused (and journaled) before the hash is looked at */
	return ops_evidence_note(&cli->ctx, key, eid, text, a->change,
	    hashed ? &fr : NULL, a->hash, a->size != NULL, size, e);
}

static const char *
evidence_state(const struct evidence_item *it)
{
	if (it->voided)
		return "VOID";
	if (!it->has_check)
		return "unchecked";
	return it->check_ok ? "OK" : "MISMATCH";
}

static int
evidence_list_cmd(struct cli *cli, const char *key, bool json, struct verr *e)
{
	struct evidence_doc	 d;
	struct buf		 b;
	struct json		 j;
	char			 id[CUSTODY_ID_MAX], t[TIMEFMT_MAX];
	size_t			 i;

	if (ops_evidence_load(&cli->ctx, key, NULL, &d, e) != 0)
		return -1;
	if (json) {
		buf_init(&b);
		json_init(&j, &b, true);
		evidence_report_json_items(&j, d.inc.key, d.items, d.nitems,
		    d.events, d.nevents);
		cli_print_json(&b);
		buf_clear(&b);
		evidence_doc_clear(&d);
		return 0;
	}
	if (d.nitems > 0)
		printf("%-5s %-6s %-30s %-20s %-17s %s\n", "ID", "PARENT",
		    "DESCRIPTION", "CUSTODIAN", "LAST CHECK (UTC)", "STATE");
	for (i = 0; i < d.nitems; i++) {
		const struct evidence_item *it = &d.items[i];

		custody_id(it->num, id);
		printf("%-5s ", id);
		if (it->has_parent)
			custody_id(it->parent_num, t);
		else
			snprintf(t, sizeof t, "-");
		printf("%-6s ", t);
		cli_put_cell(cli, stdout, it->description, 30, true);
		fputc(' ', stdout);
		cli_put_cell(cli, stdout, it->custodian, 20, true);
		if (it->has_check)
			timefmt_utc_short(it->check_at, t);
		else
			snprintf(t, sizeof t, "-");
		printf(" %-17s %s\n", t, evidence_state(it));
	}
	evidence_doc_clear(&d);
	return 0;
}

static int
evidence_show(struct cli *cli, const char *key, const char *eid, bool json,
    struct verr *e)
{
	struct evidence_doc	 d;
	struct buf		 b;
	char			*s;

	if (ops_evidence_load(&cli->ctx, key, eid, &d, e) != 0)
		return -1;
	buf_init(&b);
	if (json) {
		struct json	j;

		json_init(&j, &b, true);
		evidence_report_json_items(&j, d.inc.key, d.items, d.nitems,
		    d.events, d.nevents);
		cli_print_json(&b);
	} else {
		evidence_report_markdown(&d, &b);
		s = sanitize(buf_str(&b), SAN_MULTILINE | (cli->ascii ?
		    SAN_ASCII : 0));
		fputs(s, stdout);
		free(s);
	}
	buf_clear(&b);
	evidence_doc_clear(&d);
	return 0;
}

static int
evidence_report(struct cli *cli, const char *key, struct evidence_args *a,
    struct verr *e)
{
	struct evidence_doc	 d;
	struct buf		 b;
	const char		*fmt = a->format != NULL ? a->format : "md";
	char			*s;
	int			 rc = 0;

	if (evidence_only(cli, a, "report", "Fo", e) != 0)
		return -1;
	if (strcmp(fmt, "md") != 0 && strcmp(fmt, "json") != 0)
		return cli_usage(cli, e, "--format must be md or json");
	if (a->output != NULL && *a->output == '\0')
		return cli_usage(cli, e, "-o needs a file name");
	if (ops_evidence_load(&cli->ctx, key, NULL, &d, e) != 0)
		return -1;
	buf_init(&b);
	if (strcmp(fmt, "md") == 0)
		evidence_report_markdown(&d, &b);
	else
		evidence_report_json(&d, &b);
	evidence_doc_clear(&d);
	if (a->output != NULL && strcmp(a->output, "-") != 0)
		rc = export_write(a->output, buf_str(&b), b.len, e);
	else if (isatty(STDOUT_FILENO)) {
		s = sanitize(buf_str(&b), SAN_MULTILINE | (cli->ascii ?
		    SAN_ASCII : 0));
		fputs(s, stdout);
		free(s);
	} else
		fwrite(buf_str(&b), 1, b.len, stdout);
	buf_clear(&b);
	return rc;
}

static int
cmd_evidence(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct evidence_args	 a;
	const char		*sub;
	size_t			 ng = 0;
	int			 c, npos;

	memset(&a, 0, sizeof a);
	while ((c = cli_getopt(cli, argc, argv, "o:", evidence_opts, e)) !=
	    -1) {
		if (c < 0)
			return -1;
		if (ng < sizeof a.given - 1 && strchr(a.given, c) == NULL)
			a.given[ng++] = (char)c;
		switch (c) {
		case 'd': a.describe = optarg; break;
		case 'f': a.file = optarg; break;
		case 'H': a.hash = optarg; break;
		case 's': a.size = optarg; break;
		case 'l': a.location = optarg; break;
		case 'S': a.host = optarg; break;
		case 'O': a.offset = optarg; break;
		case 'c': a.collected = optarg; break;
		case 'p': a.parent = optarg; break;
		case '1': a.sha1 = true; break;
		case '5': a.md5 = true; break;
		case 't': a.to = optarg; break;
		case 'r': a.reason = optarg; break;
		case 'C': a.change = true; break;
		case 'F': a.format = optarg; break;
		case 'o': a.output = optarg; break;
		case 'j': a.json = true; break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 2, 4, e) != 0)
		return -1;
	sub = argv[optind];
	npos = argc - optind - 1;
#define ARG(i) argv[optind + 1 + (i)]
	if (strcmp(sub, "add") == 0) {
		if (npos != 1)
			return cli_usage(cli, e, "evidence add needs a KEY");
		return evidence_add(cli, ARG(0), &a, e);
	}
	if (strcmp(sub, "transfer") == 0) {
		if (npos != 2)
			return cli_usage(cli, e, "evidence transfer needs KEY "
			    "and EID");
		return evidence_transfer(cli, ARG(0), ARG(1), &a, e);
	}
	if (strcmp(sub, "check") == 0) {
		if (npos < 1 || npos > 2)
			return cli_usage(cli, e, "evidence check needs a KEY "
			    "(and an EID)");
		return evidence_check(cli, ARG(0), npos == 2 ? ARG(1) : NULL,
		    &a, e);
	}
	if (strcmp(sub, "note") == 0) {
		if (npos != 3)
			return cli_usage(cli, e, "evidence note needs KEY, EID "
			    "and the TEXT");
		return evidence_note(cli, ARG(0), ARG(1), ARG(2), &a, e);
	}
	if (strcmp(sub, "void") == 0) {
		if (npos != 2)
			return cli_usage(cli, e, "evidence void needs KEY and "
			    "EID");
		if (evidence_only(cli, &a, sub, "r", e) != 0)
			return -1;
		if (a.reason == NULL)
			return cli_usage(cli, e, "voiding needs --reason");
		return ops_evidence_void(&cli->ctx, ARG(0), ARG(1), a.reason,
		    e);
	}
	if (strcmp(sub, "list") == 0) {
		if (npos != 1)
			return cli_usage(cli, e, "evidence list needs a KEY");
		if (evidence_only(cli, &a, sub, "j", e) != 0)
			return -1;
		return evidence_list_cmd(cli, ARG(0), a.json, e);
	}
	if (strcmp(sub, "show") == 0) {
		if (npos != 2)
			return cli_usage(cli, e, "evidence show needs KEY and "
			    "EID");
		if (evidence_only(cli, &a, sub, "j", e) != 0)
			return -1;
		return evidence_show(cli, ARG(0), ARG(1), a.json, e);
	}
	if (strcmp(sub, "report") == 0) {
		if (npos != 1)
			return cli_usage(cli, e, "evidence report needs a KEY");
		return evidence_report(cli, ARG(0), &a, e);
	}
#undef ARG
	return cli_usage(cli, e, "unknown evidence command '%s' (add, "
	    "transfer, check, note, void, list, show, report)", sub);
}

const struct cmd_entry cmd_evidence_entry = {
	"evidence",
	"add KEY --describe TEXT [--file PATH [--sha1] [--md5] | --hash "
	"sha256:HEX --size N] [--location TEXT] [--source-host H] "
	"[--clock-offset +-SECONDS] [--collected-at TIME] [--parent EID] | "
	"transfer KEY EID --to WHO --reason TEXT [--file PATH] | "
	"check KEY [EID [--file PATH]] | "
	"note KEY EID TEXT [--change [--file PATH | --hash sha256:HEX --size "
	"N]] | void KEY EID --reason TEXT | list KEY [--json] | "
	"show KEY EID [--json] | report KEY [--format md|json] [-o FILE]",
	"evidence and its chain of custody",
	"add registers an item and prints its id (E1, E2, ...). With --file\n"
	"vigil streams the file (or block device) through SHA-256 (and SHA-1,\n"
	"MD5 with --sha1, --md5) and records its size and times; a progress\n"
	"bar shows on standard error when it is a terminal, and Ctrl-C stops\n"
	"with nothing recorded. --hash and --size record a hash computed\n"
	"elsewhere. --clock-offset is the source's clock minus UTC in seconds\n"
	"(+37: the source ran 37 s fast). --parent makes the item part of\n"
	"another (laptop > disk > image > extracted file). The one who\n"
	"registers an item is its first custodian.\n"
	"transfer hands an item to WHO: a login on the roster, else the name\n"
	"of an external party (\"FBI field office\"). The hash is computed\n"
	"again from --file, or from the item's file if still reachable; a\n"
	"different hash refuses the transfer and is journaled as\n"
	"evidence.mismatch. check re-hashes one item, or every reachable\n"
	"item, and records the result. note records a handling (imaged,\n"
	"sealed in bag #1234); with --change, an unavoidable change to the\n"
	"item, TEXT its justification, and the new hash later checks compare\n"
	"with. void marks a mistaken record; nothing is ever deleted.\n"
	"report writes the custody report: per item the hashes, the whole\n"
	"chain of custody in UTC with the source's clock offset, every check\n"
	"and a certification in the form of FRE 902(14). Two reports of the\n"
	"same database are the same bytes. The incident's forensics or sim,\n"
	"or an administrator, handle evidence; anyone on the roster reads it.\n"
	"Evidence stays in custody after the incident closes: only add needs\n"
	"an open incident. $VIGIL_HASH_LIMIT (bytes per second) slows the\n"
	"hashing down to spare a busy disk.\n",
	CMD_DB, cmd_evidence
};
