/*
 * alert-json.c: reading alert lines with SQLite's JSON functions, so vigil
 * has no JSON parser of its own. A reader is one prepared statement per
 * format: json_valid() filters the line, then json_extract() takes each
 * field from the first of its candidate paths that is present. Mapping
 * files are JSON too and are read the same way (json_each). Nothing here
 * writes the database.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "vigil/buf.h"
#include "vigil/store-alert.h"
#include "vigil/util.h"

struct alert_reader {
	struct db		*db;
	sqlite3_stmt		*st;
	const struct alert_paths *paths;
	char			*val[AF__COUNT];
};

/* Keep at most ALERT_TEXT_MAX bytes, cut on a UTF-8 boundary. */
static char *
reader_copy(const unsigned char *s, int n)
{
	size_t	len = (size_t)n;

	if (s == NULL)
		return xstrdup("");
	if (len > ALERT_TEXT_MAX) {
		len = ALERT_TEXT_MAX;
		while (len > 0 && (s[len] & 0xc0) == 0x80)
			len--;
	}
	return xstrndup((const char *)s, len);
}

int
alert_reader_open(struct db *db, const struct alert_paths *p,
    struct alert_reader **out, struct verr *e)
{
	struct alert_reader	*r;
	struct buf		 sql;
	int			 f, i, param = 2, rc;

	/*
	 * Every column is guarded by json_valid(): the line is a bound
	 * constant, so SQLite may compute the columns before any WHERE.
	 */
	buf_init(&sql);
	buf_puts(&sql, "SELECT CASE WHEN json_valid(?1) THEN json_type(?1) "
	    "ELSE 'invalid' END");
	for (f = 0; f < AF__COUNT; f++) {
		if (p->path[f][0] == NULL) {
			buf_puts(&sql, ", NULL");
			continue;
		}
		buf_puts(&sql, ", CASE WHEN json_valid(?1) THEN coalesce(");
		for (i = 0; i < ALERT_PATHS_MAX && p->path[f][i] != NULL; i++)
			buf_printf(&sql, "%sjson_extract(?1, ?%d)", i == 0 ? "" :
			    ", ", param++);
		buf_puts(&sql, ", NULL) END");
	}
	r = xcalloc(1, sizeof *r);
	r->db = db;
	r->paths = p;
	r->st = db_prepare(db, buf_str(&sql), e);
	buf_clear(&sql);
	if (r->st == NULL) {
		free(r);
		return -1;
	}
	param = 2;
	for (f = 0; f < AF__COUNT; f++)
		for (i = 0; i < ALERT_PATHS_MAX && p->path[f][i] != NULL; i++) {
			rc = sqlite3_bind_text(r->st, param++, p->path[f][i],
			    -1, SQLITE_STATIC);
			if (rc != SQLITE_OK) {
				db_error(db, rc, "preparing the alert reader",
				    e);
				alert_reader_free(&r);
				return -1;
			}
		}
	*out = r;
	return 0;
}

void
alert_reader_free(struct alert_reader **rp)
{
	struct alert_reader	*r = *rp;
	int			 f;

	if (r == NULL)
		return;
	sqlite3_finalize(r->st);
	for (f = 0; f < AF__COUNT; f++)
		free(r->val[f]);
	free(r);
	*rp = NULL;
}

int
alert_reader_read(struct alert_reader *r, const char *line, size_t len,
    struct alert_fields *out, char *why, size_t whylen, struct verr *e)
{
	const char	*type;
	int		 f, rc, t;

	memset(out, 0, sizeof *out);
	sqlite3_reset(r->st);
	if (sqlite3_bind_text(r->st, 1, line, (int)len, SQLITE_STATIC) !=
	    SQLITE_OK)
		return db_error(r->db, SQLITE_ERROR, "reading an alert", e);
	rc = sqlite3_step(r->st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(r->st);
		/* a path that does not fit the document, etc. */
		snprintf(why, whylen, "unreadable: %s",
		    sqlite3_errmsg(r->db->h));
		return 0;
	}
	type = (const char *)sqlite3_column_text(r->st, 0);
	if (type != NULL && strcmp(type, "invalid") == 0) {
		snprintf(why, whylen, "not valid JSON");
		sqlite3_reset(r->st);
		return 0;
	}
	if (type == NULL || strcmp(type, "object") != 0) {
		snprintf(why, whylen, "a JSON %s, not an object",
		    type != NULL ? type : "value");
		sqlite3_reset(r->st);
		return 0;
	}
	for (f = 0; f < AF__COUNT; f++) {
		free(r->val[f]);
		r->val[f] = NULL;
		t = sqlite3_column_type(r->st, f + 1);
		if (t == SQLITE_NULL) {
			out->v[f] = r->paths->constant[f] != NULL ?
			    r->paths->constant[f] : "";
			continue;
		}
		r->val[f] = reader_copy(sqlite3_column_text(r->st, f + 1),
		    sqlite3_column_bytes(r->st, f + 1));
		out->v[f] = r->val[f];
		out->numeric[f] = t == SQLITE_INTEGER || t == SQLITE_FLOAT;
	}
	sqlite3_reset(r->st);
	return 1;
}

int
alert_json_detect(struct db *db, const char *line, size_t len,
    enum alert_format *fmt, struct verr *e)
{
	const char *const	*probes;
	struct buf		 sql;
	sqlite3_stmt		*st;
	bool			 has[16];
	size_t			 n, i;
	int			 rc;

	probes = alert_detect_probes(&n);
	assert(n <= nitems(has));
	buf_init(&sql);
	buf_puts(&sql, "SELECT CASE WHEN json_valid(?1) THEN json_type(?1) END");
	for (i = 0; i < n; i++)
		buf_printf(&sql, ", CASE WHEN json_valid(?1) THEN json_type(?1, "
		    "?%zu) IS NOT NULL END", i + 2);
	st = db_prepare(db, buf_str(&sql), e);
	buf_clear(&sql);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, line, (int)len, SQLITE_STATIC);
	for (i = 0; i < n; i++)
		sqlite3_bind_text(st, (int)i + 2, probes[i], -1,
		    SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char	*t = (const char *)sqlite3_column_text(st, 0);

		if (t == NULL || strcmp(t, "object") != 0) {
			sqlite3_finalize(st);
			return 0;
		}
		for (i = 0; i < n; i++)
			has[i] = sqlite3_column_int(st, (int)i + 1) != 0;
		*fmt = alert_detect(has, n);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return db_error(db, rc, "reading an alert", e);
}

/* Owned copies of the mapping file's strings live after the struct. */
struct alert_map {
	struct alert_paths	 p;
	char			*owned[AF__COUNT];
};

int
alert_map_load(struct db *db, const char *name, const char *text,
    struct alert_paths **out, struct verr *e)
{
	struct alert_map	*m;
	sqlite3_stmt		*st, *chk;
	enum alert_field	 f;
	const char		*k, *v;
	int			 rc, ret = -1;

	st = db_prepare(db, "SELECT key, value, type FROM json_each(?1) "
	    "WHERE json_valid(?1) AND json_type(?1) = 'object'", e);
	if (st == NULL)
		return -1;
	chk = db_prepare(db, "SELECT json_extract('{}', ?1)", e);
	if (chk == NULL) {
		sqlite3_finalize(st);
		return -1;
	}
	m = xcalloc(1, sizeof *m);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k = (const char *)sqlite3_column_text(st, 0);
		v = (const char *)sqlite3_column_text(st, 1);
		if (k == NULL || alert_field_parse(k, &f) != 0 ||
		    f == AF_KIND || f == AF_FLOW) {
			verr_set(e, VERR_DATA, "%s: '%s' is not a field "
			    "(title, severity, time, source, rule, host, user, "
			    "src_ip, dst_ip)", name, k != NULL ? k : "");
			goto out;
		}
		if (strcmp((const char *)sqlite3_column_text(st, 2), "text")
		    != 0 || v == NULL || *v == '\0') {
			verr_set(e, VERR_DATA, "%s: the value of '%s' must be "
			    "a JSON path (\"$.a.b\") or a constant string",
			    name, k);
			goto out;
		}
		if (m->owned[f] != NULL) {
			verr_set(e, VERR_DATA, "%s: '%s' is given twice", name,
			    k);
			goto out;
		}
		m->owned[f] = xstrdup(v);
		if (v[0] != '$') {
			m->p.constant[f] = m->owned[f];
			continue;
		}
		sqlite3_reset(chk);
		sqlite3_bind_text(chk, 1, v, -1, SQLITE_STATIC);
		if (sqlite3_step(chk) != SQLITE_ROW) {
			verr_set(e, VERR_DATA, "%s: '%s' is not a JSON path "
			    "SQLite understands (like $.rule.name or "
			    "$.\"dotted.key\")", name, v);
			goto out;
		}
		m->p.path[f][0] = m->owned[f];
	}
	if (rc != SQLITE_DONE) {
		db_error(db, rc, "reading the mapping file", e);
		goto out;
	}
	if (m->p.path[AF_TITLE][0] == NULL && m->p.constant[AF_TITLE] ==
	    NULL) {
		verr_set(e, VERR_DATA, "%s: not a JSON object with at least a "
		    "\"title\" path", name);
		goto out;
	}
	*out = &m->p;
	m = NULL;
	ret = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(chk);
	if (m != NULL) {
		struct alert_paths	*p = &m->p;

		alert_paths_free(&p);
	}
	return ret;
}

void
alert_paths_free(struct alert_paths **pp)
{
	struct alert_map	*m;
	int			 f;

	if (*pp == NULL)
		return;
	m = (struct alert_map *)(void *)*pp;
	for (f = 0; f < AF__COUNT; f++)
		free(m->owned[f]);
	free(m);
	*pp = NULL;
}
