/*
 * cli.c: the command line's front door. Global options may stand before or
 * after the command; they are taken out of argv first, then the command's
 * own options are parsed by the command. Every failure prints exactly one
 * line "vigil: <what and why>" on stderr and exits with a sysexits(3) code.
 */
#include <assert.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli-private.h"
#include "vigil/buf.h"
#include "vigil/priv.h"
#include "vigil/sanitize.h"
#include "vigil/store-dbfile.h"
#include "vigil/timefmt.h"
#include "vigil/tui.h"
#include "vigil/util.h"

static void
cli_global_usage(FILE *f)
{
	fputs("usage: vigil [--db PATH] [--read-only] [COMMAND [ARGS...]]\n"
	    "\n"
	    "With no command, vigil opens the console on the database.\n"
	    "\n"
	    "Commands:\n", f);
	cmd_print_list(f);
	fputs("\n"
	    "Global options (before or after the command):\n"
	    "  --db PATH     the database (else $VIGIL_DB, else db = in the\n"
	    "                config, else $XDG_DATA_HOME/vigil/vigil.db)\n"
	    "  --read-only   open the database read-only; change nothing\n"
	    "  --help, -h    this help; 'vigil COMMAND --help' for a command\n"
	    "  --version     print the version\n", f);
}

int
cli_usage(struct cli *cli, struct verr *e, const char *fmt, ...)
{
	char	msg[400];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (cli->cmd != NULL)
		return verr_set(e, VERR_USAGE, "%s: %s (usage: vigil %s %s)",
		    cli->cmd->name, msg, cli->cmd->name, cli->cmd->usage);
	return verr_set(e, VERR_USAGE, "%s", msg);
}

int
cli_getopt(struct cli *cli, int argc, char **argv, const char *shortopts,
    const struct option *longopts, struct verr *e)
{
	char	opts[64];
	int	c;

	snprintf(opts, sizeof opts, ":%s", shortopts);
	opterr = 0;
	c = getopt_long(argc, argv, opts, longopts, NULL);
	if (c == '?') {
		if (optopt != 0)
			return cli_usage(cli, e, "unknown option -%c", optopt),
			    -2;
		return cli_usage(cli, e, "unknown option %s",
		    argv[optind - 1]), -2;
	}
	if (c == ':')
		return cli_usage(cli, e, "option %s needs a value",
		    argv[optind - 1]), -2;
	return c;
}

int
cli_positional(struct cli *cli, int argc, char **argv, int min, int max,
    struct verr *e)
{
	int	n = argc - optind;

	(void)argv;
	if (n < min)
		return cli_usage(cli, e, "missing argument");
	if (n > max)
		return cli_usage(cli, e, "unexpected argument '%s'",
		    argv[optind + max]);
	return 0;
}

int
cli_simple(struct cli *cli, int argc, char **argv, int min, int max,
    struct text_opt *opts, size_t nopts, struct verr *e)
{
	struct option	lo[5];
	size_t		i;
	int		c;

	assert(nopts < nitems(lo));
	memset(lo, 0, sizeof lo);
	for (i = 0; i < nopts; i++) {
		lo[i].name = opts[i].name;
		lo[i].has_arg = required_argument;
		lo[i].val = (int)i + 1;
		opts[i].value = NULL;
	}
	while ((c = cli_getopt(cli, argc, argv, "", lo, e)) != -1) {
		if (c < 1 || c > (int)nopts)
			return -1;
		opts[c - 1].value = optarg;
	}
	return cli_positional(cli, argc, argv, min, max, e);
}

void
cli_puts_clean(struct cli *cli, FILE *f, const char *raw)
{
	char	*s = sanitize(raw, SAN_MULTILINE | (cli->ascii ? SAN_ASCII : 0));

	fputs(s, f);
	fputc('\n', f);
	free(s);
}

void
cli_put_cell(struct cli *cli, FILE *f, const char *raw, int cells, bool pad)
{
	int	 w;
	char	*s = sanitize_fit(raw, cells, cli->ascii ? SAN_ASCII : 0, &w);

	fputs(s, f);
	if (pad)
		for (; w < cells; w++)
			fputc(' ', f);
	free(s);
}

void
cli_warn_witness(struct cli *cli)
{
	char	*s = sanitize(cli->ctx.witness_warning, cli->ascii ? SAN_ASCII :
	    0);

	fprintf(stderr, "vigil: WARNING: %s\n", s);
	free(s);
}

int
cli_time(struct cli *cli, const char *what, const char *s, int64_t *t,
    int *offset_s, struct verr *e)
{
	if (timefmt_parse(s, ops_now(&cli->ctx), t, offset_s) != 0)
		return verr_set(e, VERR_USAGE, "%s: '%s' is not a time; use "
		    "ISO 8601 with Z or an offset (2026-11-22T08:50:00Z, "
		    "2026-11-22T09:50+01:00) or 'now'", what, s);
	/* an incident's times are of this era: before 1970 is a typo */
	if (*t < 0)
		return verr_set(e, VERR_USAGE, "%s: '%s' is before 1970; give "
		    "the year in full (2026-11-22T08:50:00Z)", what, s);
	return 0;
}

void
cli_print_json(struct buf *b)
{
	fputs(buf_str(b), stdout);
	fputc('\n', stdout);
}

/* Take the global options out of argv; returns the new argc or -1. */
static int
cli_globals(int argc, char **argv, char **db, bool *ro, bool *help,
    bool *version, struct verr *e)
{
	int	i, out = 1;
	bool	rest = false;

	for (i = 1; i < argc; i++) {
		const char	*a = argv[i];

		if (rest) {
			argv[out++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			rest = true;
			argv[out++] = argv[i];
		} else if (strcmp(a, "--db") == 0) {
			if (i + 1 >= argc)
				return verr_set(e, VERR_USAGE, "--db needs a "
				    "path");
			*db = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0)
			*db = argv[i] + 5;
		else if (strcmp(a, "--read-only") == 0)
			*ro = true;
		else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			*help = true;
		else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0)
			*version = true;
		else
			argv[out++] = argv[i];
	}
	argv[out] = NULL;
	return out;
}

static int
cli_resolve_db(struct cli *cli, const char *flag, struct verr *e)
{
	const char	*env = getenv("VIGIL_DB");
	char		*dir;

	if (flag != NULL) {
		if (*flag == '\0')
			return verr_set(e, VERR_USAGE, "--db needs a path");
		cli->db_path = xstrdup(flag);
		cli->db_explicit = true;
		cli->db_source = xstrdup("from --db");
		cli->db_flag = true;
	} else if (env != NULL && *env != '\0') {
		cli->db_path = xstrdup(env);
		cli->db_explicit = true;
		cli->db_source = xstrdup("from $VIGIL_DB");
	}
	else if (cli->cfg.db != NULL) {
		cli->db_path = xstrdup(cli->cfg.db);
		xasprintf(&cli->db_source, "from 'db =' in %s", cli->cfg.path);
	} else {
		dir = config_data_dir();
		xasprintf(&cli->db_path, "%s/vigil.db", dir);
		free(dir);
		cli->db_source = xstrdup("the default: no --db, $VIGIL_DB or "
		    "'db =' in a config names one");
	}
	return 0;
}

/*
 * A typo in a path must never start a private database the team cannot
 * see: only init, demo and the console's first-run screen create one.
 */
static int
cli_missing_db(struct cli *cli, struct verr *e)
{
	return verr_set(e, VERR_NOINPUT, "no database at %s (%s); create one "
	    "with 'vigil init' (for a team 'vigil --db PATH init --group "
	    "GROUP'), or name the team's with --db PATH, $VIGIL_DB or 'db = "
	    "PATH' in /etc/vigil/config", cli->db_path, cli->db_source);
}

/* Does the database file exist? (unreachable counts: the open says why) */
static bool
cli_db_exists(const struct cli *cli)
{
	struct stat	sb;

	return stat(cli->db_path, &sb) == 0 || errno != ENOENT;
}

/*
 * Open the database with the setgid group (if installed so), then lower
 * it again; the caller drops it for good (priv_drop) before running
 * anything of the user's.
 */
int
cli_open(struct cli *cli, bool create, struct verr *e)
{
	int	rc;

	priv_raise();
	/* the setgid installation keys the chain where only its group
	 * reaches the database (see src/store/chainkey.c) */
	cli->ctx.chain_keying = priv_setgid_mode() &&
	    dbfile_group_only(cli->db_path, priv_group());
	rc = ops_open(&cli->ctx, cli->db_path, create, &cli->created, e);
	priv_lower();
	return rc;
}

/*
 * The command line's one gate to the terminal: whatever a command writes
 * on stdout passes the sanitizer (LF and TAB kept) on its way out, so a
 * field read from a file edited by another program cannot reach the
 * terminal raw even where a command forgot to clean it. Clean text and
 * vigil's JSON (which escapes what the sanitizer would replace) pass
 * unchanged. A UTF-8 sequence cut between two writes waits for its end.
 */
struct cli_gate {
	struct buf	 pending;
	int		 fd;
};

static ssize_t
cli_gate_write(void *cookie, const char *data, size_t n)
{
	struct cli_gate	*g = cookie;
	size_t		 keep = 0, i, need;
	char		*clean, save;
	const char	*p;

	buf_add(&g->pending, data, n);
	/* hold back an incomplete UTF-8 sequence at the end */
	for (i = 1; i <= 3 && i <= g->pending.len; i++) {
		unsigned char c = (unsigned char)g->pending.data[
		    g->pending.len - i];

		if ((c & 0xc0) == 0x80)
			continue;
		need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		if (need > i)
			keep = i;
		break;
	}
	save = g->pending.data[g->pending.len - keep];
	g->pending.data[g->pending.len - keep] = '\0';
	clean = sanitize(g->pending.data, SAN_MULTILINE | SAN_TABS);
	g->pending.data[g->pending.len - keep] = save;
	for (p = clean, i = strlen(clean); i > 0; ) {
		ssize_t w = write(g->fd, p, i);

		if (w <= 0) {
			free(clean);
			return -1;
		}
		p += w;
		i -= (size_t)w;
	}
	free(clean);
	memmove(g->pending.data, g->pending.data + g->pending.len - keep,
	    keep);
	g->pending.len = keep;
	return (ssize_t)n;
}

static int
cli_gate_close(void *cookie)
{
	struct cli_gate	*g = cookie;
	int		 rc = 0;

	if (g->pending.len > 0 && cli_gate_write(g, "", 0) < 0)
		rc = -1;
	if (g->pending.len > 0) {
		/* a sequence never completed: the sanitizer's U+FFFD */
		g->pending.len = 0;
		if (write(g->fd, "\xef\xbf\xbd", 3) != 3)
			rc = -1;
	}
	buf_clear(&g->pending);
	free(g);
	return rc;
}

static void
cli_gate_stdout(void)
{
	static const cookie_io_functions_t io = {
		.write = cli_gate_write,
		.close = cli_gate_close,
	};
	struct cli_gate	*g = xcalloc(1, sizeof *g);
	FILE		*f;

	buf_init(&g->pending);
	g->fd = STDOUT_FILENO;
	fflush(stdout);
	if ((f = fopencookie(g, "w", io)) == NULL) {
		free(g);
		return;
	}
	stdout = f;
}

/*
 * Open the database for the command. A command that only reads opens the
 * file read-only, so that readers need no write access (a read-only file,
 * directory or filesystem, a full disk); only when that fails and the
 * file is writable (a schema upgrade is due, say) does it open it for
 * writing as before.
 */
static int
cli_open_cmd(struct cli *cli, int flags, bool ro, struct verr *e)
{
	struct verr	e2;

	if (ro || (flags & CMD_READ) == 0)
		return cli_open(cli, (flags & CMD_CREATE) && !ro, e);
	cli->ctx.read_only = true;
	verr_clear(&e2);
	if (cli_open(cli, false, &e2) == 0)
		return 0;
	cli->ctx.read_only = false;
	if (access(cli->db_path, W_OK) != 0 || e2.code == VERR_NOINPUT ||
	    e2.code == VERR_DATA) {
		*e = e2;
		return -1;
	}
	return cli_open(cli, false, e);
}

static int
cli_run(struct cli *cli, int argc, char **argv, struct verr *e)
{
	char	*dbflag = NULL;
	bool	 help = false, version = false, ro = false;
	int	 flags;

	if ((argc = cli_globals(argc, argv, &dbflag, &ro, &help, &version,
	    e)) < 0)
		return -1;
	if (version) {
		printf("vigil %s\n", VIGIL_VERSION);
		return 0;
	}
	if (argc > 1 && argv[1][0] == '-' && strcmp(argv[1], "--") != 0)
		return verr_set(e, VERR_USAGE, "unknown option %s (see 'vigil "
		    "--help')", argv[1]);
	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argv++;
		argc--;
	}
	if (argc > 1 && strcmp(argv[1], "help") == 0) {
		help = true;
		argv++;
		argc--;
	}
	if (argc > 1 && (cli->cmd = cmd_find(argv[1])) == NULL)
		return verr_set(e, VERR_USAGE, "unknown command '%s' (see "
		    "'vigil --help')", argv[1]);
	if (help) {
		if (cli->cmd != NULL)
			cmd_print_help(stdout, cli->cmd);
		else
			cli_global_usage(stdout);
		return 0;
	}
	if (config_load(&cli->cfg, e) != 0)
		return -1;
	cli->ctx.default_clocks = cli->cfg.clocks != NULL ? cli->cfg.clocks :
	    "customer";
	cli->ctx.state_zone = cli->cfg.state_zone;
	if (cli_resolve_db(cli, dbflag, e) != 0)
		return -1;
	cli->ctx.read_only = ro;
	cli->share_dir = config_share_dir(&cli->cfg);
	cli->user_dir = config_config_dir();
	cli->ctx.share_dir = cli->share_dir;
	cli->ctx.user_dir = cli->user_dir;
	cli->ctx.clock_now = ops_system_clock;
	cli->ctx.witness = true;
	if (identity_current(&cli->ctx.me, e) != 0)
		return -1;

	if (cli->cmd == NULL) {
		struct tui_options	opt = { 0 };
		char			notice[600];

		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
			return verr_set(e, VERR_USAGE, "the console needs a "
			    "terminal; for scripts use a command (see 'vigil "
			    "--help')");
		if (!cli_db_exists(cli)) {
			int	yes;

			/* the setgid installation's database is the
			 * administrator's to create, with init */
			if (ro || priv_setgid_mode())
				return cli_missing_db(cli, e);
			if ((yes = tui_first_run(cli->db_path,
			    cli->db_source, e)) <= 0)
				return yes;
		}
		if (cli_open(cli, !ro, e) != 0) {
			/*
			 * A file this member cannot write: open read-only and
			 * say so at once, so no dialog is started (and typed
			 * text lost) before the refusal.
			 */
			if (ro || e->code != VERR_NOPERM ||
			    strncmp(e->msg, "cannot write ", 13) != 0)
				return -1;
			snprintf(notice, sizeof notice, "Read-only: %s",
			    e->msg);
			verr_clear(e);
			cli->ctx.read_only = true;
			if (cli_open(cli, false, e) != 0)
				return -1;
			opt.notice = notice;
		}
		priv_drop();
		opt.first_run = cli->created;
		opt.digest = !cli->created;
		return tui_run(&cli->ctx, &opt, e) == 0 ? 0 : -1;
	}
	flags = cli->cmd->flags;
	if ((flags & CMD_DB) && !(flags & CMD_CREATE) && !cli_db_exists(cli))
		return cli_missing_db(cli, e);
	if ((flags & CMD_DB) && cli_open_cmd(cli, flags, ro, e) != 0)
		return -1;
	if (!(flags & CMD_OPENS))
		priv_drop();
	/* verify fails on it instead */
	if ((flags & CMD_DB) && cli->ctx.witness_warning[0] != '\0' &&
	    cli->cmd->run != cmd_verify_entry.run)
		cli_warn_witness(cli);
	optind = 0;	/* re-initialise getopt for the command's argv */
	/* (demo hands the terminal to the console, which draws its own) */
	if (cli->cmd->run != cmd_demo_entry.run)
		cli_gate_stdout();
	return cli->cmd->run(cli, argc - 1, argv + 1, e);
}

static FILE	*cli_stdout;

int
cli_main(int argc, char **argv)
{
	struct cli	 cli;
	struct verr	 e;
	const char	*cs;
	int		 rc;

	priv_init();
	setlocale(LC_ALL, "");
	cli_stdout = stdout;
	memset(&cli, 0, sizeof cli);
	verr_clear(&e);
	cs = nl_langinfo(CODESET);
	cli.ascii = cs == NULL || strcmp(cs, "UTF-8") != 0;
	rc = cli_run(&cli, argc, argv, &e);
	if ((fflush(stdout) != 0 || (stdout != cli_stdout && fclose(stdout) !=
	    0)) && rc == 0)
		rc = verr_set(&e, VERR_IOERR, "cannot write the output");
	stdout = cli_stdout;
	ops_close(&cli.ctx);
	config_clear(&cli.cfg);
	free(cli.db_path);
	free(cli.db_source);
	free(cli.share_dir);
	free(cli.user_dir);
	if (rc == 0)
		return 0;
	if (e.code == VERR_OK)
		verr_set(&e, VERR_SOFTWARE, "internal error");
	{
		char *msg = sanitize(e.msg, cli.ascii ? SAN_ASCII : 0);

		fprintf(stderr, "vigil: %s\n", msg);
		free(msg);
	}
	return e.code;
}
