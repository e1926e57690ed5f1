/*
 * evidence-report.c: the custody report of an incident's evidence, in
 * Markdown and JSON (ops-evidence.h), and the evidence sections of the
 * incident export. Pure formatting of what ops_evidence_load() read: no
 * file, database or clock, so the same database gives the same bytes.
 * Markdown text from the database goes through export_md_text() (the
 * sanitizer, then escaping); JSON keeps the stored bytes, escaped by the
 * JSON writer. Times are UTC; an item's source clock offset is stated
 * with it and applied to its collection time.
 */
#include <stdio.h>
#include <string.h>

#include "vigil/ops-evidence.h"
#include "vigil/ops-export.h"
#include "vigil/timefmt.h"

/* Which statement an item's record supports. */
enum ev_cert {
	CERT_MATCHES,		/* the last check matched the intake hash */
	CERT_MATCHES_CHANGE,	/* matched the hash after a recorded change */
	CERT_MISMATCH,		/* the last check found a different hash */
	CERT_UNCHECKED,		/* never checked since intake */
	CERT_VOID,
};

static const char *const cert_names[] = {
	"matches_intake", "matches_after_change", "mismatch", "unchecked",
	"void",
};

/* The item's latest check event, latest change event and void event. */
struct ev_facts {
	const struct evidence_event	*check;
	const struct evidence_event	*change;
	const struct evidence_event	*voided;
	size_t				 nchecks;
	size_t				 nchanges;
};

static void
ev_facts(const struct evidence_item *it, const struct evidence_event *v,
    size_t n, struct ev_facts *f)
{
	size_t	i;

	memset(f, 0, sizeof *f);
	for (i = 0; i < n; i++) {
		if (v[i].num != it->num)
			continue;
		if (v[i].has_result) {
			f->check = &v[i];
			f->nchecks++;
		}
		if (v[i].kind == CUSTODY_CHANGE) {
			f->change = &v[i];
			f->nchanges++;
		}
		if (v[i].kind == CUSTODY_VOID)
			f->voided = &v[i];
	}
}

static enum ev_cert
ev_cert(const struct evidence_item *it, const struct ev_facts *f)
{
	if (it->voided)
		return CERT_VOID;
	if (f->check == NULL || (f->change != NULL && f->check < f->change))
		return CERT_UNCHECKED;
	if (!f->check->ok)
		return CERT_MISMATCH;
	return f->change != NULL ? CERT_MATCHES_CHANGE : CERT_MATCHES;
}

static void
utc(int64_t t, char out[TIMEFMT_MAX])
{
	timefmt_utc(t, out);
}

/*
 * The certification statement, in the shape of Federal Rule of Evidence
 * 902(14): what was hashed at intake, and that a later hash of the copy
 * matches it. Plain text with the stored strings raw: callers escape.
 * parts[] get the pieces between which the caller puts description and
 * path (so Markdown can escape them and JSON can keep them).
 */
static void
ev_statement(struct buf *out, const struct evidence_item *it,
    const struct ev_facts *f, const char *key, enum ev_cert c,
    void (*text)(struct buf *, const char *))
{
	char	id[CUSTODY_ID_MAX], t[TIMEFMT_MAX], t2[TIMEFMT_MAX];

	custody_id(it->num, id);
	utc(it->registered_at, t);
	if (c == CERT_MATCHES || c == CERT_MATCHES_CHANGE)
		buf_puts(out, "I, the undersigned, a person qualified to "
		    "identify and verify this data, certify that ");
	else
		buf_puts(out, "Not certifiable as it stands: ");
	buf_printf(out, "item %s of incident %s (", id, key);
	text(out, it->description);
	buf_printf(out, ") was registered in vigil on %s by ", t);
	text(out, it->registered_by);
	buf_printf(out, "%s SHA-256 hash computed at intake on %s was %s "
	    "over %lld bytes", c == CERT_MATCHES || c == CERT_MATCHES_CHANGE ?
	    ", and that its" : "; its", t, it->sha256, (long long)it->size);
	if (it->path[0] != '\0') {
		buf_puts(out, " (file ");
		text(out, it->path);
		buf_puts(out, ")");
	}
	buf_puts(out, ". ");
	switch (c) {
	case CERT_MATCHES:
		utc(f->check->at, t2);
		buf_printf(out, "On %s the hash of the copy was computed again "
		    "by ", t2);
		text(out, f->check->by);
		buf_printf(out, ", and the hash of the copy matches the hash "
		    "computed at intake on %s. ", t);
		break;
	case CERT_MATCHES_CHANGE:
		utc(f->change->at, t2);
		buf_printf(out, "An unavoidable change to the item was recorded "
		    "on %s with its justification and new SHA-256 hash %s; ",
		    t2, it->ref_sha256);
		utc(f->check->at, t2);
		buf_printf(out, "on %s the hash of the copy was computed again "
		    "and matches that hash. ", t2);
		break;
	case CERT_MISMATCH:
		utc(f->check->at, t2);
		buf_printf(out, "On %s the hash of the copy was %s, which does "
		    "NOT match. ", t2, f->check->sha256);
		break;
	case CERT_UNCHECKED:
		buf_puts(out, "The hash has not been computed again since "
		    "intake (or since the last recorded change): run 'vigil "
		    "evidence check' before certifying. ");
		break;
	case CERT_VOID:
		utc(it->voided_at, t2);
		buf_printf(out, "The record was marked VOID on %s (", t2);
		text(out, f->voided != NULL ? f->voided->text : "");
		buf_puts(out, "). ");
		break;
	}
	if (c == CERT_MATCHES || c == CERT_MATCHES_CHANGE)
		buf_puts(out, "The chain of custody above was recorded by vigil "
		    "at the time of each act, by the account of the person "
		    "acting, each act bound into the incident's hash-chained "
		    "journal. I declare under penalty of perjury that the "
		    "foregoing is true and correct.");
	while (out->len > 0 && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
}

/* ---- Markdown ----------------------------------------------------------- */

static void
md_text(struct buf *out, const char *raw)
{
	export_md_text(out, raw != NULL ? raw : "", true);
}

static void
md_row(struct buf *out, const char *field, const char *raw)
{
	buf_printf(out, "| %s | ", field);
	md_text(out, raw);
	buf_puts(out, " |\n");
}

static void
md_party(struct buf *out, const char *who, bool external)
{
	md_text(out, who);
	buf_puts(out, external ? " (external)" : "");
}

/* A time in UTC and, when the source's offset is known, on its clock. */
static void
md_source_time(struct buf *out, const struct evidence_item *it, int64_t t)
{
	char	s[TIMEFMT_MAX];

	utc(t, s);
	buf_puts(out, s);
	if (it->has_clock_offset && it->clock_offset != 0) {
		timefmt_utc(t + it->clock_offset, s);
		s[strlen(s) - 1] = '\0';	/* not UTC: drop the Z */
		buf_printf(out, " (source clock %s)", s);
	}
}

static void
md_item(struct buf *out, const struct evidence_doc *d,
    const struct evidence_item *it)
{
	const struct evidence_event	*v;
	struct ev_facts			 f;
	enum ev_cert			 c;
	char				 id[CUSTODY_ID_MAX], t[TIMEFMT_MAX];
	char				 off[64];
	size_t				 i, k;

	ev_facts(it, d->events, d->nevents, &f);
	c = ev_cert(it, &f);
	custody_id(it->num, id);
	buf_printf(out, "\n## %s: ", id);
	md_text(out, it->description);
	buf_puts(out, it->voided ? " (VOID)\n\n" : "\n\n");
	buf_puts(out, "| Field | Value |\n|---|---|\n");
	buf_printf(out, "| UUID | %s |\n", it->uuid);
	if (it->has_parent) {
		custody_id(it->parent_num, t);
		buf_printf(out, "| Part of | %s |\n", t);
	}
	k = 0;
	for (i = 0; i < d->nitems; i++)
		if (d->items[i].has_parent && d->items[i].parent_num ==
		    it->num) {
			custody_id(d->items[i].num, t);
			buf_printf(out, "%s%s", k++ == 0 ? "| Contains | " :
			    ", ", t);
		}
	if (k > 0)
		buf_puts(out, " |\n");
	md_row(out, "Location", it->location);
	md_row(out, "Source host", it->source_host);
	if (it->has_clock_offset) {
		custody_offset_format(it->clock_offset, off, sizeof off);
		buf_printf(out, "| Source clock offset | %s (the source's "
		    "clock minus UTC) |\n", off);
	} else
		buf_puts(out, "| Source clock offset | not recorded |\n");
	buf_puts(out, "| Collected | ");
	md_source_time(out, it, it->collected_at);
	if (it->collected_offset != 0) {
		timefmt_offset(it->collected_at, it->collected_offset, t);
		buf_printf(out, ", entered as %s", t);
	}
	buf_puts(out, " |\n| Registered | ");
	utc(it->registered_at, t);
	buf_printf(out, "%s by ", t);
	md_text(out, it->registered_by);
	buf_puts(out, " |\n");
	md_row(out, "File at intake", it->path[0] != '\0' ? it->path :
	    "(hash given by hand)");
	buf_printf(out, "| Size | %lld bytes |\n", (long long)it->size);
	buf_printf(out, "| SHA-256 | `%s` |\n", it->sha256);
	if (it->sha1[0] != '\0')
		buf_printf(out, "| SHA-1 | `%s` |\n", it->sha1);
	if (it->md5[0] != '\0')
		buf_printf(out, "| MD5 | `%s` |\n", it->md5);
	if (it->has_file_times) {
		utc(it->file_mtime, t);
		buf_printf(out, "| File modified | %s |\n", t);
		utc(it->file_ctime, t);
		buf_printf(out, "| File status changed | %s |\n", t);
	}
	if (strcmp(it->ref_sha256, it->sha256) != 0)
		buf_printf(out, "| SHA-256 after change | `%s` (%lld bytes) "
		    "|\n", it->ref_sha256, (long long)it->ref_size);
	buf_puts(out, "| Custodian | ");
	md_party(out, it->custodian, it->custodian_external);
	buf_puts(out, " |\n");
	if (it->voided) {
		utc(it->voided_at, t);
		buf_printf(out, "| Void | since %s: ", t);
		md_text(out, f.voided != NULL ? f.voided->text : "");
		buf_puts(out, " |\n");
	}

	buf_puts(out, "\n### Chain of custody\n\n| # | Time (UTC) | Event | "
	    "From | To | By | Hash | Details |\n"
	    "|---|---|---|---|---|---|---|---|\n");
	buf_puts(out, "| 1 | ");
	utc(it->registered_at, t);
	buf_printf(out, "%s | intake | | ", t);
	md_text(out, it->registered_by);
	buf_puts(out, " | ");
	md_text(out, it->registered_by);
	buf_puts(out, " | computed at intake | collected ");
	md_source_time(out, it, it->collected_at);
	buf_puts(out, " |\n");
	k = 1;
	for (i = 0; i < d->nevents; i++) {
		v = &d->events[i];
		if (v->num != it->num)
			continue;
		utc(v->at, t);
		buf_printf(out, "| %zu | %s | %s | ", ++k, t,
		    custody_kind_name(v->kind));
		if (v->kind == CUSTODY_TRANSFER) {
			md_party(out, v->from_party, v->from_external);
			buf_puts(out, " | ");
			md_party(out, v->to_party, v->to_external);
		} else
			buf_puts(out, " | ");
		buf_puts(out, " | ");
		md_text(out, v->by);
		buf_puts(out, " | ");
		if (v->has_result && v->kind == CUSTODY_TRANSFER)
			buf_puts(out, "rechecked: OK");
		else if (v->has_result)
			buf_puts(out, v->ok ? "OK" : "**MISMATCH**");
		else if (v->kind == CUSTODY_CHANGE)
			buf_puts(out, "new reference");
		else if (v->kind == CUSTODY_TRANSFER)
			buf_puts(out, "not rechecked");
		buf_puts(out, " | ");
		md_text(out, v->text);
		buf_puts(out, " |\n");
	}

	buf_puts(out, "\n### Checks\n\n");
	if (f.nchecks == 0)
		buf_puts(out, "The hash has not been computed again since "
		    "intake.\n");
	else
		buf_puts(out, "| Time (UTC) | By | File | Size | SHA-256 | "
		    "Result |\n|---|---|---|---|---|---|\n");
	for (i = 0; i < d->nevents; i++) {
		v = &d->events[i];
		if (v->num != it->num || !v->has_result)
			continue;
		utc(v->at, t);
		buf_printf(out, "| %s | ", t);
		md_text(out, v->by);
		buf_puts(out, " | ");
		md_text(out, v->path);
		buf_printf(out, " | %lld | `%s` | %s |\n", (long long)v->size,
		    v->sha256, v->ok ? "OK" : "**MISMATCH**");
	}

	buf_printf(out, "\n### Certification (%s)\n\n> ", cert_names[c]);
	ev_statement(out, it, &f, d->inc.key, c, md_text);
	if (c == CERT_MATCHES || c == CERT_MATCHES_CHANGE)
		buf_puts(out, "\n>\n> Signature: ______________________  "
		    "Name and title: ______________________  Date: "
		    "____________\n");
	else
		buf_putc(out, '\n');
}

void
evidence_report_markdown(const struct evidence_doc *d, struct buf *out)
{
	size_t	i, nvoid = 0;

	for (i = 0; i < d->nitems; i++)
		nvoid += d->items[i].voided ? 1 : 0;
	buf_printf(out, "# Chain of custody: %s: ", d->inc.key);
	md_text(out, d->inc.title);
	buf_puts(out, "\n\n| Field | Value |\n|---|---|\n");
	buf_printf(out, "| Incident | %s |\n| UUID | %s |\n", d->inc.key,
	    d->inc.uuid);
	buf_printf(out, "| Items | %zu (%zu void) |\n", d->nitems, nvoid);
	buf_puts(out, "\nAll times are UTC. A source clock time is the UTC "
	    "time plus the offset measured on that source. A certification "
	    "is in the form of Federal Rule of Evidence 902(14) (data "
	    "authenticated by a hash); it is to be signed by a qualified "
	    "person who checked the record.\n");
	if (d->nitems == 0)
		buf_puts(out, "\nNo evidence registered.\n");
	for (i = 0; i < d->nitems; i++)
		md_item(out, d, &d->items[i]);
	buf_printf(out, "\n## Integrity\n\nHash of %s's last journal entry: "
	    "`%s`.\nCheck the whole chain with `vigil verify`.\n", d->inc.key,
	    d->last_hash[0] != '\0' ? d->last_hash : "none");
}

void
evidence_report_md_summary(struct buf *out, const struct evidence_item *v,
    size_t n)
{
	char	id[CUSTODY_ID_MAX], t[TIMEFMT_MAX];
	size_t	i;

	buf_puts(out, "\n## Evidence\n\n");
	if (n == 0) {
		buf_puts(out, "No evidence registered.\n");
		return;
	}
	buf_puts(out, "| Id | Part of | Description | SHA-256 | Custodian | "
	    "Last check |\n|---|---|---|---|---|---|\n");
	for (i = 0; i < n; i++) {
		custody_id(v[i].num, id);
		buf_printf(out, "| %s | ", id);
		if (v[i].has_parent) {
			custody_id(v[i].parent_num, t);
			buf_puts(out, t);
		}
		buf_puts(out, " | ");
		md_text(out, v[i].description);
		buf_printf(out, "%s | `%s` | ", v[i].voided ? " (VOID)" : "",
		    v[i].sha256);
		md_party(out, v[i].custodian, v[i].custodian_external);
		buf_puts(out, " | ");
		if (v[i].has_check) {
			utc(v[i].check_at, t);
			buf_printf(out, "%s %s", t, v[i].check_ok ? "OK" :
			    "**MISMATCH**");
		} else
			buf_puts(out, "none");
		buf_puts(out, " |\n");
	}
	buf_puts(out, "\nThe whole chain of custody: `vigil evidence report`."
	    "\n");
}

/* ---- JSON --------------------------------------------------------------- */

static void
json_raw(struct buf *out, const char *raw)
{
	buf_puts(out, raw != NULL ? raw : "");
}

static void
json_party(struct json *j, const char *k, const char *who, bool external)
{
	json_key(j, k);
	json_obj_open(j);
	json_kstr(j, "name", who);
	json_kbool(j, "external", external);
	json_obj_close(j);
}

static void
json_item(struct json *j, const char *key, const struct evidence_item *it,
    const struct evidence_event *v, size_t n)
{
	struct ev_facts	f;
	enum ev_cert	c;
	struct buf	s;
	char		id[CUSTODY_ID_MAX], t[TIMEFMT_MAX];
	size_t		i;

	ev_facts(it, v, n, &f);
	c = ev_cert(it, &f);
	custody_id(it->num, id);
	json_obj_open(j);
	json_kstr(j, "id", id);
	json_kstr(j, "uuid", it->uuid);
	if (it->has_parent)
		custody_id(it->parent_num, t);
	json_kstr(j, "parent", it->has_parent ? t : NULL);
	json_kstr(j, "description", it->description);
	json_kstr(j, "location", it->location);
	json_kstr(j, "source_host", it->source_host);
	json_key(j, "source_clock_offset_s");
	if (it->has_clock_offset)
		json_int(j, it->clock_offset);
	else
		json_null(j);
	json_ktime(j, "collected_at", it->collected_at, true);
	json_kint(j, "collected_entered_offset_s", it->collected_offset);
	json_ktime(j, "registered_at", it->registered_at, true);
	json_kstr(j, "registered_by", it->registered_by);
	json_kstr(j, "path", it->path[0] != '\0' ? it->path : NULL);
	json_kint(j, "size", it->size);
	json_kstr(j, "sha256", it->sha256);
	json_kstr(j, "sha1", it->sha1[0] != '\0' ? it->sha1 : NULL);
	json_kstr(j, "md5", it->md5[0] != '\0' ? it->md5 : NULL);
	json_ktime(j, "file_mtime", it->file_mtime, it->has_file_times);
	json_ktime(j, "file_ctime", it->file_ctime, it->has_file_times);
	json_key(j, "reference");
	json_obj_open(j);
	json_kstr(j, "sha256", it->ref_sha256);
	json_kint(j, "size", it->ref_size);
	json_obj_close(j);
	json_party(j, "custodian", it->custodian, it->custodian_external);
	json_ktime(j, "voided_at", it->voided_at, it->voided);
	json_key(j, "chain");
	json_arr_open(j);
	for (i = 0; i < n; i++) {
		if (v[i].num != it->num)
			continue;
		json_obj_open(j);
		json_ktime(j, "at", v[i].at, true);
		json_kstr(j, "event", custody_kind_name(v[i].kind));
		json_kstr(j, "by", v[i].by);
		if (v[i].kind == CUSTODY_TRANSFER) {
			json_party(j, "from", v[i].from_party,
			    v[i].from_external);
			json_party(j, "to", v[i].to_party, v[i].to_external);
		}
		json_kstr(j, "text", v[i].text);
		if (v[i].has_hash) {
			json_kstr(j, "path", v[i].path[0] != '\0' ? v[i].path :
			    NULL);
			json_kint(j, "size", v[i].size);
			json_kstr(j, "sha256", v[i].sha256);
		}
		if (v[i].has_result)
			json_kstr(j, "result", v[i].ok ? "ok" : "mismatch");
		json_obj_close(j);
	}
	json_arr_close(j);
	json_key(j, "certification");
	json_obj_open(j);
	json_kstr(j, "state", cert_names[c]);
	buf_init(&s);
	ev_statement(&s, it, &f, key, c, json_raw);
	json_kstr(j, "statement", buf_str(&s));
	buf_clear(&s);
	json_obj_close(j);
	json_obj_close(j);
}

void
evidence_report_json_items(struct json *j, const char *key,
    const struct evidence_item *it, size_t nit,
    const struct evidence_event *v, size_t n)
{
	size_t	i;

	json_arr_open(j);
	for (i = 0; i < nit; i++)
		json_item(j, key, &it[i], v, n);
	json_arr_close(j);
}

void
evidence_report_json(const struct evidence_doc *d, struct buf *out)
{
	struct json	j;

	json_init(&j, out, true);
	json_obj_open(&j);
	json_kstr(&j, "format", EVIDENCE_REPORT_FORMAT);
	json_key(&j, "incident");
	json_obj_open(&j);
	json_kstr(&j, "key", d->inc.key);
	json_kstr(&j, "uuid", d->inc.uuid);
	json_kstr(&j, "title", d->inc.title);
	json_obj_close(&j);
	json_key(&j, "items");
	evidence_report_json_items(&j, d->inc.key, d->items, d->nitems,
	    d->events, d->nevents);
	json_kstr(&j, "journal_last_hash", d->last_hash);
	json_obj_close(&j);
	buf_putc(out, '\n');
}
