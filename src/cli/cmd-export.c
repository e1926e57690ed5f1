/*
 * cmd-export.c: vigil export KEY --format md|json — the review document
 * of one incident with its timeline, reproducible byte for byte. -o FILE
 * writes a temporary file beside FILE and renames it, so FILE is either
 * the old document or the complete new one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli-private.h"
#include "vigil/ops-export.h"
#include "vigil/ops-review.h"
#include "vigil/sanitize.h"
#include "vigil/util.h"

static const struct option export_opts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "stamp", no_argument, NULL, 's' },
	{ 0 }
};

/* Write data to path atomically: temp file, fsync, rename. */
int
export_write(const char *path, const char *data, size_t len, struct verr *e)
{
	char	*tmp;
	size_t	 off = 0;
	ssize_t	 w;
	mode_t	 mask;
	int	 fd, err;

	xasprintf(&tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		err = errno;
		verr_set(e, VERR_CANTCREAT, "cannot create a file beside %s: "
		    "%s", path, strerror(err));
		free(tmp);
		return -1;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0)
		goto fail;
	while (off < len) {
		if ((w = write(fd, data + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	err = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	return verr_set(e, VERR_IOERR, "cannot write %s: %s", path,
	    strerror(err));
}

static int
cmd_export(struct cli *cli, int argc, char **argv, struct verr *e)
{
	struct review_doc	 d;
	struct export_opts	 eo = { 0 };
	struct buf		 b;
	const char		*format = NULL, *out = NULL;
	char			*s;
	int			 c, rc;

	while ((c = cli_getopt(cli, argc, argv, "f:o:", export_opts, e)) !=
	    -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 's':
			eo.stamp = true;
			break;
		default:
			return -1;
		}
	}
	if (cli_positional(cli, argc, argv, 1, 1, e) != 0)
		return -1;
	if (format == NULL || (strcmp(format, "md") != 0 &&
	    strcmp(format, "json") != 0))
		return cli_usage(cli, e, "--format must be md or json");
	if (out != NULL && *out == '\0')
		return cli_usage(cli, e, "-o needs a file name");
	if (ops_review_load(&cli->ctx, argv[optind], true, &d, e) != 0)
		return -1;
	eo.now = ops_now(&cli->ctx);
	eo.by = cli->ctx.me.login;
	buf_init(&b);
	if (strcmp(format, "md") == 0)
		export_markdown(&d, &eo, &b);
	else
		export_json(&d, &eo, &b);
	review_doc_clear(&d);
	rc = 0;
	if (out != NULL && strcmp(out, "-") != 0)
		rc = export_write(out, buf_str(&b), b.len, e);
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

const struct cmd_entry cmd_export_entry = {
	"export", "KEY --format md|json [-o FILE] [--stamp]",
	"export an incident's review document (Markdown or JSON)",
	"Writes the incident with its ladder, stages, role tenures, customer\n"
	"deadline, clocks, recipients, bulletins, review text, repair items,\n"
	"timeline (notes and journal entries) and the hash of its last\n"
	"journal entry. Two exports of the same database are identical bytes;\n"
	"--stamp adds when and by whom it was generated. -o FILE writes FILE\n"
	"atomically (a temporary file renamed over it); default standard\n"
	"output. Times are UTC. Anyone who can read the database may export.\n",
	CMD_DB | CMD_READ, cmd_export
};
