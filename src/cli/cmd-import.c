/*
 * cmd-import.c: vigil import [FILE|-] and vigil import --follow FILE —
 * feed alert lines (JSON lines) into the inbox. This file owns the input
 * side: reading lines of bounded length from a file or stdin, and for
 * --follow waiting for the file to grow, noticing rotation (a new file
 * under the name) and truncation like `tail -F`, and stopping cleanly on
 * SIGTERM/SIGINT/SIGHUP after committing what it read. What a line means
 * is src/ops/import.c's business; each batch is one transaction.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli-private.h"
#include "vigil/ops-inbox.h"
#include "vigil/sanitize.h"
#include "vigil/store-alert.h"
#include "vigil/util.h"

#define IMPORT_BATCH 10000		/* lines per transaction */
#define IMPORT_BATCH_BYTES (4 << 20)	/* its row changes, about twice that, must
					   fit in one journal entry (16 MiB) */
#define IMPORT_MAP_MAX 65536
#define IMPORT_STOP_MAX 64
#define FOLLOW_POLL_MS 200
#define FOLLOW_FLUSH_MS 1000		/* a batch a second at most */

static volatile sig_atomic_t import_stop;

static void
import_on_signal(int sig)
{
	(void)sig;
	import_stop = 1;
}

static const struct option import_opts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "map", required_argument, NULL, 'm' },
	{ "follow", required_argument, NULL, 'F' },
	{ "fingerprint", required_argument, NULL, 'p' },
	{ "window", required_argument, NULL, 'w' },
	{ "stop", required_argument, NULL, 's' },
	{ "quiet", no_argument, NULL, 'q' },
	{ 0 }
};

/* A feed being read: complete lines are cut out of buf. */
struct feed {
	int		 fd;
	char		*buf;
	size_t		 len, cap;
	int64_t		 offset;	/* bytes of complete lines consumed */
	int64_t		 lineno;
	bool		 eof;
	bool		 skipping;	/* inside a line over the limit */
	size_t		 skipped;	/* its length so far */
};

/* The lines of one batch, copied so the feed's buffer may move on. */
struct batch {
	struct buf		 text;
	struct import_line	*lines;
	size_t			 n, cap;
	size_t			*off;	/* each line's start in text */
};

static void
batch_add(struct batch *b, const char *s, size_t len, int64_t lineno,
    bool too_long)
{
	if (b->n == b->cap) {
		b->cap = b->cap == 0 ? 1024 : b->cap * 2;
		b->lines = xreallocarray(b->lines, b->cap, sizeof *b->lines);
		b->off = xreallocarray(b->off, b->cap, sizeof *b->off);
	}
	b->off[b->n] = b->text.len;
	if (!too_long)
		buf_add(&b->text, s, len);
	buf_putc(&b->text, '\0');
	b->lines[b->n].len = len;
	b->lines[b->n].lineno = lineno;
	b->lines[b->n].too_long = too_long;
	b->n++;
}

/* Point each line at its text (after the buffer stopped growing). */
static void
batch_fix(struct batch *b)
{
	size_t	i;

	for (i = 0; i < b->n; i++)
		b->lines[i].text = b->text.data + b->off[i];
}

static void
batch_reset(struct batch *b)
{
	buf_reset(&b->text);
	b->n = 0;
}

static void
batch_clear(struct batch *b)
{
	buf_clear(&b->text);
	free(b->lines);
	free(b->off);
	memset(b, 0, sizeof *b);
}

/*
 * Read what is available into the batch, up to its limits. Returns 0, or
 * -1 on a read error (e set). At the end of a plain file a last line
 * without a newline counts (final); --follow waits for its newline.
 */
static int
feed_fill(struct feed *f, struct batch *b, bool final, struct verr *e)
{
	char	*nl, *p;
	ssize_t	 r;
	size_t	 n;

	if (f->buf == NULL) {
		f->cap = 131072;
		f->buf = xmalloc(f->cap);
	}
	while (b->n < IMPORT_BATCH && b->text.len < IMPORT_BATCH_BYTES) {
		/* cut out the complete lines first */
		p = f->buf;
		while ((nl = memchr(p, '\n', f->len - (size_t)(p - f->buf))) !=
		    NULL && b->n < IMPORT_BATCH) {
			n = (size_t)(nl - p);
			f->lineno++;
			if (f->skipping) {
				batch_add(b, NULL, f->skipped + n, f->lineno,
				    true);
				f->skipping = false;
			} else if (n > ALERT_LINE_MAX)
				batch_add(b, NULL, n, f->lineno, true);
			else
				batch_add(b, p, n, f->lineno, false);
			f->offset += (int64_t)n + 1;
			p = nl + 1;
		}
		n = f->len - (size_t)(p - f->buf);
		memmove(f->buf, p, n);
		f->len = n;
		if (b->n >= IMPORT_BATCH)
			break;
		/* a line longer than the limit: drop its bytes as they come */
		if (f->len > ALERT_LINE_MAX) {
			f->skipping = true;
			f->skipped += f->len;
			f->offset += (int64_t)f->len;
			f->len = 0;
		}
		if (f->eof)
			break;
		if (f->cap - f->len < 65536) {
			f->cap *= 2;
			f->buf = xreallocarray(f->buf, f->cap, 1);
		}
		r = read(f->fd, f->buf + f->len, f->cap - f->len);
		if (r < 0 && errno == EINTR) {
			if (import_stop)
				break;
			continue;
		}
		if (r < 0)
			return verr_set(e, VERR_IOERR, "reading the alerts: %s",
			    strerror(errno));
		if (r == 0) {
			f->eof = true;
			break;
		}
		f->len += (size_t)r;
	}
	if (final && f->eof && b->n < IMPORT_BATCH && (f->len > 0 ||
	    f->skipping)) {
		f->lineno++;
		if (f->skipping || f->len > ALERT_LINE_MAX)
			batch_add(b, NULL, f->skipped + f->len, f->lineno, true);
		else
			batch_add(b, f->buf, f->len, f->lineno, false);
		f->offset += (int64_t)f->len;
		f->len = 0;
		f->skipping = false;
	}
	return 0;
}

struct totals {
	struct import_counts	sum;
	int64_t			batches;
};

static void
totals_add(struct totals *t, const struct import_counts *c)
{
	t->sum.lines += c->lines;
	t->sum.stored += c->stored;
	t->sum.entries += c->entries;
	t->sum.repeats += c->repeats;
	t->sum.grouped += c->grouped;
	t->sum.suppressed += c->suppressed;
	t->sum.already += c->already;
	t->sum.skipped += c->skipped;
	t->sum.malformed += c->malformed;
	t->batches++;
}

/* Bad lines on stderr, each "vigil: NAME:LINE: why". */
static void
report_problems(struct cli *cli, const char *name,
    const struct import_counts *c)
{
	char	*s;
	size_t	 i;

	for (i = 0; i < c->nproblems; i++) {
		s = sanitize(name, cli->ascii ? SAN_ASCII : 0);
		fprintf(stderr, "vigil: %s:%lld: %s\n", s,
		    (long long)c->problems[i].lineno, c->problems[i].why);
		free(s);
	}
	if (c->malformed > (int64_t)c->nproblems)
		fprintf(stderr, "vigil: ... and %lld more bad lines\n",
		    (long long)(c->malformed - (int64_t)c->nproblems));
}

static void
report_counts(const char *label, const struct import_counts *c,
    enum alert_format f)
{
	printf("%s: %lld lines (%s): %lld alerts stored, %lld new inbox "
	    "entries (%lld grouped), %lld repeats counted, %lld suppressed; "
	    "%lld already imported, %lld not alerts, %lld malformed\n", label,
	    (long long)c->lines, alert_format_name(f), (long long)c->stored,
	    (long long)c->entries, (long long)c->grouped,
	    (long long)c->repeats, (long long)c->suppressed,
	    (long long)c->already, (long long)c->skipped,
	    (long long)c->malformed);
	fflush(stdout);
}

/* Commit the batch (if any) and report its bad lines. */
static int
import_flush(struct cli *cli, struct importer *imp, struct batch *b,
    const char *name, const struct import_position *pos, struct totals *t,
    bool verbose, struct verr *e)
{
	struct import_counts	*c;
	int			 rc;

	if (b->n == 0)
		return 0;
	batch_fix(b);
	c = xcalloc(1, sizeof *c);
	rc = ops_import_batch(imp, b->lines, b->n, pos, c, e);
	if (rc == 0) {
		report_problems(cli, name, c);
		totals_add(t, c);
		if (verbose)
			report_counts(name, c, ops_import_format(imp));
	}
	free(c);
	batch_reset(b);
	return rc;
}

static void
import_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = import_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* Milliseconds of a clock that never jumps, for batching. */
static int64_t
mono_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(int ms)
{
	struct timespec	ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Open path for --follow, resuming where the saved position says. */
static int
follow_open(struct cli *cli, const char *path, struct feed *f, int64_t *ino,
    bool resume, struct verr *e)
{
	struct stat	st;
	int64_t		cino, coff, cline;
	int		rc;

	f->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (f->fd < 0)
		return -1;
	if (fstat(f->fd, &st) != 0) {
		close(f->fd);
		f->fd = -1;
		return -1;
	}
	*ino = (int64_t)st.st_ino;
	f->len = 0;
	f->eof = false;
	f->skipping = false;
	f->skipped = 0;
	f->offset = 0;
	f->lineno = 0;
	if (!resume)
		return 0;
	if ((rc = import_cursor_get(cli->ctx.db, path, &cino, &coff, &cline,
	    e)) < 0)
		return -2;
	if (rc == 1 && cino == *ino && coff <= (int64_t)st.st_size &&
	    lseek(f->fd, (off_t)coff, SEEK_SET) == (off_t)coff) {
		f->offset = coff;
		f->lineno = cline;
	}
	return 0;
}

static int
import_follow(struct cli *cli, struct importer *imp, const char *arg,
    bool verbose, struct totals *t, struct verr *e)
{
	struct import_position	 pos;
	struct feed		 f = { .fd = -1 };
	struct batch		 b;
	struct stat		 st;
	char			 path[PATH_MAX];
	int64_t			 ino = 0, since = 0;
	int			 rc = -1, r;

#define FOLLOW_POS() do {						\
	pos.inode = ino;						\
	pos.offset = f.offset;						\
	pos.line = f.lineno;						\
} while (0)
	if (realpath(arg, path) == NULL)
		return verr_set(e, VERR_NOINPUT, "cannot follow %s: %s", arg,
		    strerror(errno));
	if ((r = follow_open(cli, path, &f, &ino, true, e)) != 0) {
		if (r == -1)
			verr_set(e, VERR_NOINPUT, "cannot follow %s: %s", arg,
			    strerror(errno));
		return -1;
	}
	memset(&b, 0, sizeof b);
	buf_init(&b.text);
	import_signals();
	pos.path = path;
	for (;;) {
		if (feed_fill(&f, &b, false, e) != 0)
			goto out;
		if (b.n > 0 && since == 0)
			since = mono_ms();
		/* one transaction a second at most while lines trickle in */
		if (b.n > 0 && (b.n >= IMPORT_BATCH || import_stop ||
		    b.text.len >= IMPORT_BATCH_BYTES ||
		    mono_ms() - since >= FOLLOW_FLUSH_MS)) {
			FOLLOW_POS();
			if (import_flush(cli, imp, &b, arg, &pos, t, verbose,
			    e) != 0)
				goto out;
			since = 0;
		}
		if (import_stop)
			break;
		if (!f.eof)
			continue;
		/* at the end: has the file been rotated or truncated? */
		if (stat(path, &st) == 0 && (int64_t)st.st_ino != ino) {
			/* drain what was written to the old file, then switch */
			f.eof = false;
			if (feed_fill(&f, &b, true, e) != 0)
				goto out;
			FOLLOW_POS();
			if (import_flush(cli, imp, &b, arg, &pos, t, verbose,
			    e) != 0)
				goto out;
			since = 0;
			if (!f.eof)
				continue;
			close(f.fd);
			if (follow_open(cli, path, &f, &ino, false, e) != 0) {
				f.fd = -1;
				/* not there yet: wait for the new file */
				while (!import_stop && follow_open(cli, path, &f,
				    &ino, false, e) != 0)
					sleep_ms(FOLLOW_POLL_MS);
				if (import_stop)
					break;
			}
			continue;
		}
		if (fstat(f.fd, &st) == 0 && (int64_t)st.st_size < f.offset) {
			/* truncated in place: commit what was read, restart */
			FOLLOW_POS();
			if (import_flush(cli, imp, &b, arg, &pos, t, verbose,
			    e) != 0)
				goto out;
			since = 0;
			lseek(f.fd, 0, SEEK_SET);
			f.offset = 0;
			f.lineno = 0;
			f.len = 0;
			f.skipping = false;
		}
		sleep_ms(FOLLOW_POLL_MS);
		f.eof = false;
	}
	rc = 0;
out:
#undef FOLLOW_POS
	if (f.fd >= 0)
		close(f.fd);
	free(f.buf);
	batch_clear(&b);
	return rc;
}

static int
import_file(struct cli *cli, struct importer *imp, const char *arg,
    struct totals *t, struct verr *e)
{
	struct feed	f = { .fd = -1 };
	struct batch	b;
	const char	*name = arg == NULL || strcmp(arg, "-") == 0 ?
			    "(stdin)" : arg;
	int		rc = -1;

	if (arg == NULL || strcmp(arg, "-") == 0)
		f.fd = STDIN_FILENO;
	else if ((f.fd = open(arg, O_RDONLY | O_CLOEXEC)) < 0)
		return verr_set(e, VERR_NOINPUT, "cannot read %s: %s", arg,
		    strerror(errno));
	memset(&b, 0, sizeof b);
	buf_init(&b.text);
	while (!f.eof || f.len > 0 || b.n > 0) {
		if (feed_fill(&f, &b, true, e) != 0)
			goto out;
		if (b.n == 0 && f.eof)
			break;
		if (import_flush(cli, imp, &b, name, NULL, t, false, e) != 0)
			goto out;
	}
	rc = 0;
out:
	if (f.fd != STDIN_FILENO)
		close(f.fd);
	free(f.buf);
	batch_clear(&b);
	return rc;
}

/* Read a small file whole (the mapping). */
static char *
slurp(const char *path, struct verr *e)
{
	struct buf	 b;
	char		 chunk[4096];
	ssize_t		 r;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		verr_set(e, VERR_NOINPUT, "cannot read %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	buf_init(&b);
	while ((r = read(fd, chunk, sizeof chunk)) > 0) {
		buf_add(&b, chunk, (size_t)r);
		if (b.len > IMPORT_MAP_MAX) {
			close(fd);
			buf_clear(&b);
			verr_set(e, VERR_DATA, "%s is too large for a mapping "
			    "file", path);
			return NULL;
		}
	}
	close(fd);
	if (r < 0) {
		buf_clear(&b);
		verr_set(e, VERR_IOERR, "reading %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	return buf_steal(&b);
}

static int
cmd_import(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct import_opts	 o;
	struct importer		*imp = NULL;
	struct alert_paths	*map = NULL;
	struct totals		 t;
	const char		*stop[IMPORT_STOP_MAX], *follow = NULL,
				*mapfile = NULL, *file;
	char			 bad[64], *text;
	bool			 quiet = false;
	int			 c, rc = -1;

	memset(&o, 0, sizeof o);
	memset(&t, 0, sizeof t);
	o.window = IMPORT_WINDOW_DEFAULT;
	o.stop = stop;
	while ((c = cli_getopt(cli, argc, argv, "", import_opts, e)) != -1) {
		switch (c) {
		case 'f':
			if (alert_format_parse(optarg, &o.format) != 0)
				return cli_usage(cli, e, "--format must be auto, "
				    "wazuh, suricata, ocsf, ecs or jsonl");
			break;
		case 'm':
			mapfile = optarg;
			break;
		case 'F':
			follow = optarg;
			break;
		case 'p':
			if (alert_fp_parse(optarg, &o.fp_mask, bad, sizeof bad)
			    != 0)
				return cli_usage(cli, e, "--fingerprint: '%s' is "
				    "not a field (source, rule, entity, host, "
				    "user, src_ip, dst_ip, title, flow)", bad);
			break;
		case 'w':
			if (alert_duration_parse(optarg, &o.window) != 0 ||
			    o.window == 0)
				return cli_usage(cli, e, "--window must be a "
				    "duration like 1h, 30m or 900s");
			break;
		case 's':
			if (o.nstop == IMPORT_STOP_MAX)
				return cli_usage(cli, e, "at most %d --stop "
				    "values", IMPORT_STOP_MAX);
			stop[o.nstop++] = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 0, follow != NULL ? 0 : 1, e) != 0)
		return -1;
	file = optind < argc ? argv[optind] : NULL;
	if (mapfile != NULL) {
		if (o.format != ALERT_FORMAT_AUTO && o.format !=
		    ALERT_FORMAT_JSONL)
			return cli_usage(cli, e, "--map is for --format jsonl");
		if ((text = slurp(mapfile, e)) == NULL)
			return -1;
		rc = alert_map_load(cli->ctx.db, mapfile, text, &map, e);
		free(text);
		if (rc != 0)
			return -1;
		o.map = map;
		o.format = ALERT_FORMAT_JSONL;
	}
	o.name = follow != NULL ? follow : file != NULL && strcmp(file, "-") !=
	    0 ? file : "(stdin)";
	rc = -1;
	if (ops_import_open(&cli->ctx, &o, &imp, e) != 0)
		goto out;
	if (follow != NULL)
		rc = import_follow(cli, imp, follow, !quiet, &t, e);
	else
		rc = import_file(cli, imp, file, &t, e);
	if (rc == 0 && !quiet)
		report_counts(follow != NULL ? "stopped following" : "imported",
		    &t.sum, ops_import_format(imp));
	if (rc == 0 && t.sum.malformed > 0 && follow == NULL)
		rc = verr_set(e, VERR_DATA, "%lld of %lld lines were not "
		    "imported (see above); the rest were",
		    (long long)t.sum.malformed, (long long)t.sum.lines);
out:
	ops_import_close(&imp);
	alert_paths_free(&map);
	return rc;
}

const struct cmd_entry cmd_import_entry = {
	"import",
	"[--format auto|wazuh|suricata|ocsf|ecs|jsonl] [--map FILE] "
	"[--fingerprint FIELDS] [--window DURATION] [--stop VALUE]... "
	"[--quiet] [FILE|-] | --follow FILE",
	"read alerts (JSON lines) into the triage inbox",
	"Reads Wazuh alerts.json, Suricata EVE (alerts only; one entry per\n"
	"flow_id), OCSF Detection Findings (class_uid 2004), Elastic Security\n"
	"alerts, or plain JSON lines with --map FILE (a JSON object naming the\n"
	"path of title, severity, time, source, rule, host, user, src_ip,\n"
	"dst_ip). --format auto (the default) tells the format from the first\n"
	"line. The raw line is kept verbatim.\n"
	"\n"
	"An alert whose fingerprint (--fingerprint, default source,rule,entity;\n"
	"for Suricata source,flow) repeats within --window (default 1h) counts\n"
	"on the same inbox entry. A new entry that shares a host, user or\n"
	"address with a new entry is grouped under it, except for stop-values\n"
	"(localhost, 127.0.0.1, '-', unknown, SYSTEM, ... and each --stop).\n"
	"The same line imported twice counts once. Suppressions (vigil\n"
	"suppress) hide matching alerts and count them.\n"
	"\n"
	"Each batch of up to 10000 lines is one transaction with one journal\n"
	"entry of counts. A bad line (not JSON, no title, over 256 KiB) is\n"
	"reported with its line number and the rest are imported; then the\n"
	"exit status is 65. --follow FILE keeps reading as FILE grows, across\n"
	"rotation and truncation, saving its position with each batch so a\n"
	"restart resumes there; it reports bad lines as they come, and SIGTERM\n"
	"ends it cleanly (exit 0). Anyone on the roster may import.\n",
	CMD_DB, cmd_import
};
