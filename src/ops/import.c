/*
 * import.c: one batch of alert lines into the inbox, as one transaction
 * with one journal entry of counts. Per line: refuse it when too long or
 * not JSON (counted, with its line number and the reason), skip records
 * that are not alerts, drop a line imported before (same bytes, same
 * digest), hide it when a suppression matches, count it on the entry it
 * repeats within the window, else open a new entry — grouped under an
 * entry that shares its host, user or an address, unless that value is a
 * stop-value. The reading of JSON is src/store's (SQLite's functions).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/ops-inbox.h"
#include "vigil/store-alert.h"
#include "vigil/timefmt.h"
#include "vigil/util.h"
#include "op.h"

struct importer {
	struct vigil_ctx	*ctx;
	struct import_opts	 o;
	struct alert_reader	*reader;
	struct alert_store	*store;
};

int
ops_import_open(struct vigil_ctx *ctx, const struct import_opts *o,
    struct importer **out, struct verr *e)
{
	struct importer	*imp;

	if (o->format == ALERT_FORMAT_JSONL && o->map == NULL)
		return verr_set(e, VERR_USAGE, "--format jsonl needs --map FILE "
		    "(which JSON path holds the title, severity, time, ...)");
	imp = xcalloc(1, sizeof *imp);
	imp->ctx = ctx;
	imp->o = *o;
	if (imp->o.map != NULL)
		imp->o.format = ALERT_FORMAT_JSONL;
	if (imp->o.window <= 0)
		imp->o.window = IMPORT_WINDOW_DEFAULT;
	*out = imp;
	return 0;
}

void
ops_import_close(struct importer **ip)
{
	struct importer	*imp = *ip;

	if (imp == NULL)
		return;
	alert_reader_free(&imp->reader);
	alert_store_free(&imp->store);
	free(imp);
	*ip = NULL;
}

enum alert_format
ops_import_format(const struct importer *imp)
{
	return imp->o.format;
}

static void
problem(struct import_counts *c, int64_t lineno, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Count a malformed line and keep its description (the first few). */
static void
problem(struct import_counts *c, int64_t lineno, const char *fmt, ...)
{
	va_list	ap;

	c->malformed++;
	if (c->nproblems >= IMPORT_PROBLEMS_MAX)
		return;
	c->problems[c->nproblems].lineno = lineno;
	va_start(ap, fmt);
	vsnprintf(c->problems[c->nproblems].why,
	    sizeof c->problems[c->nproblems].why, fmt, ap);
	va_end(ap);
	c->nproblems++;
}

static bool
import_is_stop(const char *v, void *arg)
{
	const struct import_opts	*o = arg;

	return alert_is_stop_value(v, o->stop, o->nstop);
}

/* Blank lines separate nothing in JSON lines: ignore them. */
static bool
blank(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* Make sure the reader fits the format, detecting it from this line. */
static int
import_ready(struct importer *imp, const struct import_line *l,
    struct import_counts *c, struct verr *e)
{
	enum alert_format	f;
	const struct alert_paths *p;
	int			rc;

	if (imp->reader != NULL)
		return 1;
	if (imp->o.format == ALERT_FORMAT_AUTO) {
		if ((rc = alert_json_detect(imp->ctx->db, l->text, l->len, &f,
		    e)) < 0)
			return -1;
		if (rc == 0) {
			problem(c, l->lineno, "not valid JSON (or not an "
			    "object)");
			return 0;
		}
		if (f == ALERT_FORMAT_AUTO) {
			problem(c, l->lineno, "not an alert of a format vigil "
			    "knows (give --format, or --map FILE for plain "
			    "JSON lines)");
			return 0;
		}
		imp->o.format = f;
	}
	p = imp->o.format == ALERT_FORMAT_JSONL ? imp->o.map :
	    alert_format_paths(imp->o.format);
	if (alert_reader_open(imp->ctx->db, p, &imp->reader, e) != 0)
		return -1;
	return 1;
}

/* One line; -1 only on a database error (the batch then rolls back). */
static int
import_line(struct importer *imp, struct op *op, const struct import_line *l,
    struct suppression *sup, size_t nsup, int64_t *hits,
    struct import_counts *c, struct verr *e)
{
	struct alert_fields	f;
	struct alert		a;
	unsigned char		d[32];
	char			why[160], fp[ALERT_TEXT_MAX], gwhy[ALERT_TEXT_MAX];
	int64_t			id = 0, root = 0;
	size_t			i;
	unsigned		mask;
	int			rc;

	if (l->too_long) {
		problem(c, l->lineno, "%zu bytes, over the %d-byte limit; "
		    "refused", l->len, ALERT_LINE_MAX);
		return 0;
	}
	if ((rc = import_ready(imp, l, c, e)) <= 0)
		return rc;
	if ((rc = alert_reader_read(imp->reader, l->text, l->len, &f, why,
	    sizeof why, e)) < 0)
		return -1;
	if (rc == 0) {
		problem(c, l->lineno, "%s", why);
		return 0;
	}
	if (!alert_is_alert(imp->o.format, &f, why, sizeof why)) {
		c->skipped++;
		return 0;
	}
	if (*f.v[AF_TITLE] == '\0') {
		problem(c, l->lineno, "no title (%s)",
		    imp->reader != NULL && imp->o.format != ALERT_FORMAT_JSONL ?
		    alert_format_paths(imp->o.format)->path[AF_TITLE][0] :
		    "the map's title path");
		return 0;
	}
	memset(&a, 0, sizeof a);
	a.title = f.v[AF_TITLE];
	a.source = f.v[AF_SOURCE];
	a.rule = f.v[AF_RULE];
	a.host = f.v[AF_HOST];
	a.user = f.v[AF_USER];
	a.src_ip = f.v[AF_SRC_IP];
	a.dst_ip = f.v[AF_DST_IP];
	a.flow = f.v[AF_FLOW];
	a.severity = alert_severity(imp->o.format, f.v[AF_SEVERITY],
	    f.numeric[AF_SEVERITY]);
	if (alert_time_parse(f.v[AF_TIME], f.numeric[AF_TIME], &a.at) != 0)
		a.at = op->now;
	mask = imp->o.fp_mask != 0 ? imp->o.fp_mask :
	    alert_fp_default(imp->o.format);
	alert_fingerprint(&a, mask, fp, sizeof fp);
	alert_digest(l->text, l->len, d);
	if ((rc = alert_store_has(imp->store, d, e)) < 0)
		return -1;
	if (rc == 1) {
		c->already++;
		return 0;
	}
	for (i = 0; i < nsup; i++)
		if (alert_match(sup[i].pattern, &a)) {
			hits[i]++;
			c->suppressed++;
			c->stored++;
			return alert_store_insert(imp->store, d, l->text, l->len,
			    imp->o.format, a.at, op->now, fp, 0, sup[i].id, e);
		}
	if ((rc = alert_store_repeat(imp->store, fp, a.at, imp->o.window, &id,
	    e)) < 0)
		return -1;
	if (rc == 1) {
		if (alert_store_bump(imp->store, id, a.at, a.severity, e) != 0)
			return -1;
		c->repeats++;
	} else {
		if ((rc = alert_store_group(imp->store, &a, imp->o.window,
		    import_is_stop, &imp->o, IMPORT_GROUP_MAX, &root, gwhy,
		    sizeof gwhy, e)) < 0)
			return -1;
		if (alert_store_entry(imp->store, &a, imp->o.format, fp,
		    op->now, rc == 1, root, gwhy, &id, e) != 0)
			return -1;
		c->entries++;
		if (rc == 1)
			c->grouped++;
	}
	c->stored++;
	return alert_store_insert(imp->store, d, l->text, l->len,
	    imp->o.format, a.at, op->now, fp, id, 0, e);
}

int
ops_import_batch(struct importer *imp, const struct import_line *lines,
    size_t n, const struct import_position *pos, struct import_counts *c,
    struct verr *e)
{
	struct vigil_ctx	*ctx = imp->ctx;
	struct suppression	*sup = NULL;
	struct op		 op;
	int64_t			*hits = NULL;
	size_t			 nsup = 0, i;

	memset(c, 0, sizeof *c);
	if (op_begin(&op, ctx, ACTION_IMPORT, NULL, ROLE_TRIAGE, e) != 0)
		goto fail;
	if (imp->store == NULL && alert_store_open(ctx->db, &imp->store,
	    e) != 0)
		goto fail;
	if (suppressions_list(ctx->db, true, op.now, &sup, &nsup, e) != 0)
		goto fail;
	hits = xcalloc(nsup + 1, sizeof *hits);
	for (i = 0; i < n; i++) {
		if (!lines[i].too_long && blank(lines[i].text, lines[i].len))
			continue;
		c->lines++;
		if (import_line(imp, &op, &lines[i], sup, nsup, hits, c, e) != 0)
			goto fail;
	}
	for (i = 0; i < nsup; i++)
		if (hits[i] > 0 && suppressions_hit(ctx->db, sup[i].id, hits[i],
		    op.now, e) != 0)
			goto fail;
	if (pos != NULL && import_cursor_put(ctx->db, pos->path, pos->inode,
	    pos->offset, pos->line, op.now, e) != 0)
		goto fail;
	json_kstr(&op.j, "file", imp->o.name != NULL ? imp->o.name : "-");
	json_kstr(&op.j, "format", alert_format_name(imp->o.format));
	if (n > 0) {
		json_kint(&op.j, "first_line", lines[0].lineno);
		json_kint(&op.j, "last_line", lines[n - 1].lineno);
	}
	json_kint(&op.j, "lines", c->lines);
	json_kint(&op.j, "stored", c->stored);
	json_kint(&op.j, "entries", c->entries);
	json_kint(&op.j, "repeats", c->repeats);
	json_kint(&op.j, "grouped", c->grouped);
	json_kint(&op.j, "suppressed", c->suppressed);
	json_kint(&op.j, "already", c->already);
	json_kint(&op.j, "skipped", c->skipped);
	json_kint(&op.j, "malformed", c->malformed);
	if (pos != NULL)
		json_kint(&op.j, "offset", pos->offset);
	suppression_list_free(&sup, nsup);
	free(hits);
	return op_finish(&op, "alerts.import", e);
fail:
	suppression_list_free(&sup, nsup);
	free(hits);
	op_abort(&op);
	return -1;
}
